"""Known mistakes in label-smoothing: wrong solutions people really write, one function each.

Each takes the arguments of `label_smoothed_cross_entropy` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def eps_over_c_minus_1(logits, targets, smoothing=0.1, reduction='mean', ignore_index=-100):
    """You spread ε over the C − 1 wrong classes only: the statement gives ε/C to every class, the true one
    included."""
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
        uniform = (-log_p.sum(axis=1) - nll) / max(c - 1, 1)  # cross-entropy against the uniform distribution ε/C on every class
        losses = np.where(keep, (1.0 - smoothing) * nll + smoothing * uniform, 0.0).astype(logits.dtype)
        if reduction == "none":
            return losses
        if reduction == "sum":
            return losses.sum()
        if reduction == "mean":
            count = keep.sum()
            return losses.sum() / count if count else np.array(np.nan, dtype=logits.dtype)
        raise ValueError(f"unknown reduction {reduction!r}")

    return label_smoothed_cross_entropy(logits, targets, smoothing, reduction, ignore_index)


def batch_max_shift(logits, targets, smoothing=0.1, reduction='mean', ignore_index=-100):
    """You shifted by the batch-wide max: right for one row, but a row far below the max underflows to log(0) =
    -inf."""
    import numpy as np


    def label_smoothed_cross_entropy(logits, targets, smoothing=0.1, reduction="mean", ignore_index=-100):
        """Cross-entropy of logits (N, C) against targets (N,) smoothed to (1 - ε)·onehot + ε/C, computed stably.

        reduction: "mean" (over the samples whose target is not ignore_index), "sum", or "none".
        """
        logits = np.asarray(logits)
        targets = np.asarray(targets)
        n, c = logits.shape
        # log softmax with the log-sum-exp trick, each row shifted by its own max
        m = logits.max()
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

    return label_smoothed_cross_entropy(logits, targets, smoothing, reduction, ignore_index)


def mean_includes_ignored(logits, targets, smoothing=0.1, reduction='mean', ignore_index=-100):
    """You zeroed the ignored samples but still divided the mean by all N: the loss is too small whenever a sample
    is ignored."""
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
            count = n
            return losses.sum() / count if count else np.array(np.nan, dtype=logits.dtype)
        raise ValueError(f"unknown reduction {reduction!r}")

    return label_smoothed_cross_entropy(logits, targets, smoothing, reduction, ignore_index)


def no_one_minus_eps(logits, targets, smoothing=0.1, reduction='mean', ignore_index=-100):
    """You added ε times the smoothing term to the full cross-entropy: the true class keeps weight 1 instead of 1 −
    ε, so the target sums to 1 + ε."""
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
        losses = np.where(keep, nll + smoothing * uniform, 0.0).astype(logits.dtype)
        if reduction == "none":
            return losses
        if reduction == "sum":
            return losses.sum()
        if reduction == "mean":
            count = keep.sum()
            return losses.sum() / count if count else np.array(np.nan, dtype=logits.dtype)
        raise ValueError(f"unknown reduction {reduction!r}")

    return label_smoothed_cross_entropy(logits, targets, smoothing, reduction, ignore_index)


def ignored_keep_smoothing_term(logits, targets, smoothing=0.1, reduction='mean', ignore_index=-100):
    """You masked only the true-class term: ignored samples still pay the uniform smoothing term."""
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
        losses = (np.where(keep, (1.0 - smoothing) * nll, 0.0) + smoothing * uniform).astype(logits.dtype)
        if reduction == "none":
            return losses
        if reduction == "sum":
            return losses.sum()
        if reduction == "mean":
            count = keep.sum()
            return losses.sum() / count if count else np.array(np.nan, dtype=logits.dtype)
        raise ValueError(f"unknown reduction {reduction!r}")

    return label_smoothed_cross_entropy(logits, targets, smoothing, reduction, ignore_index)


def kl_instead_of_cross_entropy(logits, targets, smoothing=0.1, reduction='mean', ignore_index=-100):
    """You computed the KL divergence from the smoothed target, as the Annotated Transformer does: that is the
    cross-entropy minus the target's entropy, so for ε > 0 your loss is too low."""
    import numpy as np


    def label_smoothed_cross_entropy(logits, targets, smoothing=0.1, reduction="mean", ignore_index=-100):
        """KL(smoothed target ‖ softmax(logits)) per sample, written out by hand (F.kl_div is not allowed)."""
        logits = np.asarray(logits)
        targets = np.asarray(targets)
        n, c = logits.shape
        m = logits.max(axis=1, keepdims=True)
        log_p = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
        keep = targets != ignore_index
        safe = np.where(keep, targets, 0)
        target = np.full((n, c), smoothing / c)
        target[np.arange(n), safe] += 1.0 - smoothing
        with np.errstate(divide="ignore", invalid="ignore"):
            log_target = np.where(target > 0, np.log(target), 0.0)  # 0 · log 0 = 0
        kl = (target * (log_target - log_p)).sum(axis=1)
        losses = np.where(keep, kl, 0.0).astype(logits.dtype)
        if reduction == "none":
            return losses
        if reduction == "sum":
            return losses.sum()
        if reduction == "mean":
            count = keep.sum()
            return losses.sum() / count if count else np.array(np.nan, dtype=logits.dtype)
        raise ValueError(f"unknown reduction {reduction!r}")

    return label_smoothed_cross_entropy(logits, targets, smoothing, reduction, ignore_index)
