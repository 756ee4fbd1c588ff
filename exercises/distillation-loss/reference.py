import numpy as np


def _log_softmax(x: np.ndarray) -> np.ndarray:
    m = x.max(axis=1, keepdims=True)  # each row by its own max: no overflow, no log(0)
    return x - m - np.log(np.exp(x - m).sum(axis=1, keepdims=True))


def distillation_loss(student_logits, teacher_logits, labels, temperature=2.0, alpha=0.5, ignore_index=-100):
    """alpha · T² · KL(softmax(t/T) ‖ softmax(s/T)) + (1 - alpha) · CE(s, labels), both averaged over kept rows."""
    student = np.asarray(student_logits)
    teacher = np.asarray(teacher_logits)
    labels = np.asarray(labels)
    keep = labels != ignore_index
    s, t, y = student[keep], teacher[keep], labels[keep]
    rows = s.shape[0]
    log_q = _log_softmax(s / temperature)  # the student, softened
    log_p = _log_softmax(t / temperature)  # the teacher, softened: the target distribution
    # KL(p ‖ q) = Σ p (log p - log q); p = 0 gives 0 since log p stays finite here
    kl = (np.exp(log_p) * (log_p - log_q)).sum(axis=1).sum() / rows  # 'batchmean': over rows, not rows × classes
    soft = kl * temperature ** 2  # keeps the soft gradients on the scale of the hard ones
    hard = -_log_softmax(s)[np.arange(rows), y].sum() / rows  # ordinary cross-entropy, at T = 1
    return alpha * soft + (1 - alpha) * hard
