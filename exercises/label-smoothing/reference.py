import numpy as np


def label_smoothed_cross_entropy(logits, targets, smoothing=0.1, reduction="mean", ignore_index=-100):
    """Cross-entropy of logits (N, C) against targets (N,) smoothed to (1 - ε)·onehot + ε/C, computed stably.

    reduction: "mean" (over the samples whose target is not ignore_index), "sum", or "none".
    """
    logits = np.asarray(logits)
    targets = np.asarray(targets)
    n, c = logits.shape
    # log softmax with the log-sum-exp trick, each row shifted by its own max
    m = logits.max(axis=1, keepdims=True)
    log_p = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    keep = targets != ignore_index
    safe = np.where(keep, targets, 0)
    nll = -log_p[np.arange(n), safe]  # -log p of the true class
    uniform = -log_p.sum(axis=1) / c  # cross-entropy against the uniform distribution ε/C on every class
    losses = np.where(keep, (1.0 - smoothing) * nll + smoothing * uniform, 0.0).astype(logits.dtype)
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    if reduction == "mean":
        count = keep.sum()
        return losses.sum() / count if count else np.array(np.nan, dtype=logits.dtype)
    raise ValueError(f"unknown reduction {reduction!r}")
