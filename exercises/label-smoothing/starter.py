import numpy as np


def label_smoothed_cross_entropy(logits, targets, smoothing=0.1, reduction="mean", ignore_index=-100):
    """Cross-entropy of logits (N, C) against targets (N,) smoothed to (1 - ε)·onehot + ε/C, computed stably.

    reduction: "mean" (over the samples whose target is not ignore_index), "sum", or "none".
    """
    raise NotImplementedError
