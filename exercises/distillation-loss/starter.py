import numpy as np


def distillation_loss(student_logits, teacher_logits, labels, temperature=2.0, alpha=0.5, ignore_index=-100):
    """alpha · T² · KL(softmax(t/T) ‖ softmax(s/T)) + (1 - alpha) · CE(s, labels), both averaged over kept rows."""
    raise NotImplementedError
