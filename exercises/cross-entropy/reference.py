import numpy as np


def cross_entropy(logits: np.ndarray, targets: np.ndarray, reduction: str = "mean", ignore_index: int = -100):
    """Cross-entropy of class logits (N, C) against integer targets (N,), computed stably.

    reduction: "mean" (over the samples whose target is not ignore_index), "sum", or "none" (one loss per sample).
    """
    logits = np.asarray(logits)
    targets = np.asarray(targets)
    n = logits.shape[0]
    # log-sum-exp trick: shift by the row max so every exponent is <= 0 (no overflow)
    # and the sum is >= 1 (its log is finite, no log(0) = -inf).
    m = logits.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
    keep = targets != ignore_index
    safe = np.where(keep, targets, 0)  # any valid index for ignored rows; their loss is zeroed below
    picked = logits[np.arange(n), safe]  # the logit of each sample's own class (row i, column targets[i])
    # -log softmax(x)[t] = logsumexp(x) - x[t]
    losses = np.where(keep, lse - picked, 0.0).astype(logits.dtype)
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    if reduction == "mean":
        count = keep.sum()
        return losses.sum() / count if count else np.array(np.nan, dtype=logits.dtype)  # all ignored: 0/0 = nan
    raise ValueError(f"unknown reduction {reduction!r}")
