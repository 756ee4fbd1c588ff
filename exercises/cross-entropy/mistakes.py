"""Known mistakes in cross-entropy: wrong solutions people really write, one function each.

Each takes the arguments of `cross_entropy` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def column_indexing(logits: np.ndarray, targets: np.ndarray, reduction: str='mean', ignore_index: int=-100):
    """You picked logits[:, targets]: that scores every sample on every target, an N × N matrix, instead of taking
    one entry per row."""
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
        picked = logits[:, safe].mean(axis=0)  # the logit of each sample's own class (row i, column targets[i])
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

    return cross_entropy(logits, targets, reduction, ignore_index)


def log_of_stable_softmax(logits: np.ndarray, targets: np.ndarray, reduction: str='mean', ignore_index: int=-100):
    """You took the log of a softmax: the tiny probability of a -1e4 logit underflows to 0, and log(0) = -inf."""
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
        losses = np.where(keep, -np.log(np.exp(picked - m[:, 0]) / np.exp(logits - m).sum(axis=1)), 0.0).astype(logits.dtype)
        if reduction == "none":
            return losses
        if reduction == "sum":
            return losses.sum()
        if reduction == "mean":
            count = keep.sum()
            return losses.sum() / count if count else np.array(np.nan, dtype=logits.dtype)  # all ignored: 0/0 = nan
        raise ValueError(f"unknown reduction {reduction!r}")

    return cross_entropy(logits, targets, reduction, ignore_index)


def mean_includes_ignored(logits: np.ndarray, targets: np.ndarray, reduction: str='mean', ignore_index: int=-100):
    """You zeroed the ignored samples but still divided by all N: the mean is over the samples that are not ignored."""
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
            count = n
            return losses.sum() / count if count else np.array(np.nan, dtype=logits.dtype)  # all ignored: 0/0 = nan
        raise ValueError(f"unknown reduction {reduction!r}")

    return cross_entropy(logits, targets, reduction, ignore_index)


def naive_log_softmax(logits: np.ndarray, targets: np.ndarray, reduction: str='mean', ignore_index: int=-100):
    """You computed log(exp(x) / sum(exp(x))) without the log-sum-exp trick: exp(1e4) overflows to inf, and inf/inf
    = nan."""
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
        losses = np.where(keep, -np.log(np.exp(picked) / np.exp(logits).sum(axis=1)), 0.0).astype(logits.dtype)
        if reduction == "none":
            return losses
        if reduction == "sum":
            return losses.sum()
        if reduction == "mean":
            count = keep.sum()
            return losses.sum() / count if count else np.array(np.nan, dtype=logits.dtype)  # all ignored: 0/0 = nan
        raise ValueError(f"unknown reduction {reduction!r}")

    return cross_entropy(logits, targets, reduction, ignore_index)


def no_minus_sign(logits: np.ndarray, targets: np.ndarray, reduction: str='mean', ignore_index: int=-100):
    """You returned the log-likelihood without the minus sign: your loss comes out negative."""
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
        losses = np.where(keep, picked - lse, 0.0).astype(logits.dtype)
        if reduction == "none":
            return losses
        if reduction == "sum":
            return losses.sum()
        if reduction == "mean":
            count = keep.sum()
            return losses.sum() / count if count else np.array(np.nan, dtype=logits.dtype)  # all ignored: 0/0 = nan
        raise ValueError(f"unknown reduction {reduction!r}")

    return cross_entropy(logits, targets, reduction, ignore_index)


def batch_wide_max(logits: np.ndarray, targets: np.ndarray, reduction: str='mean', ignore_index: int=-100):
    """You shifted the log-sum-exp by the maximum of the whole batch instead of each row's: rows far below it
    underflow to log(0)."""
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

    return cross_entropy(logits, targets, reduction, ignore_index)


def gather_wrong_axis(logits: np.ndarray, targets: np.ndarray, reduction: str='mean', ignore_index: int=-100):
    """You gathered along dim 0 instead of dim 1: that takes the log-probability at [targets[j], j] rather than [j,
    targets[j]]."""
    # torch gather along dim 0 instead of dim 1: takes logp[targets[j], j] rather than logp[j, targets[j]].
    import torch


    def cross_entropy(logits, targets, reduction="mean", ignore_index=-100):
        logits, targets = torch.as_tensor(logits), torch.as_tensor(targets)
        keep = targets != ignore_index
        m = logits.max(dim=1, keepdim=True).values
        logp = logits - m - torch.log(torch.exp(logits - m).sum(dim=1, keepdim=True))
        safe = torch.where(keep, targets, 0).clamp(max=logits.shape[0] - 1)  # keep the wrong gather in range
        n = min(logits.shape[0], logits.shape[1])
        picked = torch.zeros(logits.shape[0], dtype=logits.dtype)
        picked[:n] = logp.gather(0, safe.unsqueeze(0))[0, :n]
        losses = torch.where(keep, -picked, torch.zeros_like(picked))
        if reduction == "none":
            return losses
        if reduction == "sum":
            return losses.sum()
        return losses.sum() / keep.sum()

    return cross_entropy(logits, targets, reduction, ignore_index)
