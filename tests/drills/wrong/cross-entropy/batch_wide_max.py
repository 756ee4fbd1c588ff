# log-sum-exp shifted by the maximum of the whole batch instead of each row's: rows far below it underflow to log(0).
import numpy as np


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100):
    logits, targets = np.asarray(logits), np.asarray(targets)
    m = logits.max()
    lse = m + np.log(np.exp(logits - m).sum(axis=1))
    keep = targets != ignore_index
    picked = logits[np.arange(len(targets)), np.where(keep, targets, 0)]
    losses = np.where(keep, lse - picked, 0.0).astype(logits.dtype)
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses.sum() / keep.sum() if keep.sum() else np.nan
