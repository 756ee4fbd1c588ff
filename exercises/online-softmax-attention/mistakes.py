"""Known mistakes in online-softmax-attention: wrong solutions people really write, one function each.

Each takes the arguments of `online_softmax_attention` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def output_not_rescaled(q, k, v, block_size: int, mask=None):
    """You rescaled the running sum but not the running output when the max grew: earlier blocks keep too much
    weight."""
    import numpy as np


    def online_softmax_attention(q, k, v, block_size: int, mask=None):
        """softmax(q kᵀ / √d) v computed one block of keys at a time with a running max and sum (flash-attention style).

        q (..., Lq, d), k (..., Lk, d), v (..., Lk, dv); mask: bool broadcastable to (..., Lq, Lk), True = may attend.
        Returns (output (..., Lq, dv), lse (..., Lq)): lse is the log-sum-exp of each query's allowed scores.
        """
        lead, lq, lk = q.shape[:-2], q.shape[-2], k.shape[-2]
        scale = 1.0 / np.sqrt(q.shape[-1])
        running_max = np.full((*lead, lq, 1), -np.inf)
        running_sum = np.zeros((*lead, lq, 1))
        acc = np.zeros((*lead, lq, v.shape[-1]))
        for start in range(0, lk, block_size):
            stop = min(start + block_size, lk)  # the last block may be shorter
            scores = q @ np.swapaxes(k[..., start:stop, :], -1, -2) * scale  # (..., Lq, block)
            if mask is not None:
                block_mask = np.broadcast_to(mask, (*lead, lq, lk))[..., start:stop]
                scores = np.where(block_mask, scores, -np.inf)
            new_max = np.maximum(running_max, scores.max(axis=-1, keepdims=True))
            # Rows that have seen no allowed key yet keep max -inf: shift them by 0 so that -inf - -inf never happens.
            shift = np.where(np.isfinite(new_max), new_max, 0.0)
            correction = np.exp(running_max - shift)  # rescales what was summed under the old max
            weights = np.exp(scores - shift)
            running_sum = running_sum * correction + weights.sum(axis=-1, keepdims=True)
            acc = acc + weights @ v[..., start:stop, :]
            running_max = new_max
        output = np.divide(acc, running_sum, out=np.zeros_like(acc), where=running_sum > 0)  # a fully masked row: 0
        with np.errstate(divide="ignore"):
            lse = np.where(running_sum > 0, running_max + np.log(running_sum), -np.inf)[..., 0]
        return output.astype(q.dtype), lse.astype(q.dtype)

    return online_softmax_attention(q, k, v, block_size, mask)


def nan_before_first_allowed_key(q, k, v, block_size: int, mask=None):
    """You shifted by the running max even while it was -inf: a row whose first block is fully masked gets exp(-inf
    − -inf) = nan."""
    import numpy as np


    def online_softmax_attention(q, k, v, block_size: int, mask=None):
        """softmax(q kᵀ / √d) v computed one block of keys at a time with a running max and sum (flash-attention style).

        q (..., Lq, d), k (..., Lk, d), v (..., Lk, dv); mask: bool broadcastable to (..., Lq, Lk), True = may attend.
        Returns (output (..., Lq, dv), lse (..., Lq)): lse is the log-sum-exp of each query's allowed scores.
        """
        lead, lq, lk = q.shape[:-2], q.shape[-2], k.shape[-2]
        scale = 1.0 / np.sqrt(q.shape[-1])
        running_max = np.full((*lead, lq, 1), -np.inf)
        running_sum = np.zeros((*lead, lq, 1))
        acc = np.zeros((*lead, lq, v.shape[-1]))
        for start in range(0, lk, block_size):
            stop = min(start + block_size, lk)  # the last block may be shorter
            scores = q @ np.swapaxes(k[..., start:stop, :], -1, -2) * scale  # (..., Lq, block)
            if mask is not None:
                block_mask = np.broadcast_to(mask, (*lead, lq, lk))[..., start:stop]
                scores = np.where(block_mask, scores, -np.inf)
            new_max = np.maximum(running_max, scores.max(axis=-1, keepdims=True))
            # Rows that have seen no allowed key yet keep max -inf: shift them by 0 so that -inf - -inf never happens.
            shift = new_max
            correction = np.exp(running_max - shift)  # rescales what was summed under the old max
            weights = np.exp(scores - shift)
            running_sum = running_sum * correction + weights.sum(axis=-1, keepdims=True)
            acc = acc * correction + weights @ v[..., start:stop, :]
            running_max = new_max
        output = np.divide(acc, running_sum, out=np.zeros_like(acc), where=running_sum > 0)  # a fully masked row: 0
        with np.errstate(divide="ignore"):
            lse = np.where(running_sum > 0, running_max + np.log(running_sum), -np.inf)[..., 0]
        return output.astype(q.dtype), lse.astype(q.dtype)

    return online_softmax_attention(q, k, v, block_size, mask)


def drops_last_partial_block(q, k, v, block_size: int, mask=None):
    """You looped over whole blocks only: when block_size does not divide Lk, the last keys are never seen."""
    import numpy as np


    def online_softmax_attention(q, k, v, block_size: int, mask=None):
        """softmax(q kᵀ / √d) v computed one block of keys at a time with a running max and sum (flash-attention style).

        q (..., Lq, d), k (..., Lk, d), v (..., Lk, dv); mask: bool broadcastable to (..., Lq, Lk), True = may attend.
        Returns (output (..., Lq, dv), lse (..., Lq)): lse is the log-sum-exp of each query's allowed scores.
        """
        lead, lq, lk = q.shape[:-2], q.shape[-2], k.shape[-2]
        scale = 1.0 / np.sqrt(q.shape[-1])
        running_max = np.full((*lead, lq, 1), -np.inf)
        running_sum = np.zeros((*lead, lq, 1))
        acc = np.zeros((*lead, lq, v.shape[-1]))
        for start in range(0, lk - block_size + 1, block_size):
            stop = min(start + block_size, lk)  # the last block may be shorter
            scores = q @ np.swapaxes(k[..., start:stop, :], -1, -2) * scale  # (..., Lq, block)
            if mask is not None:
                block_mask = np.broadcast_to(mask, (*lead, lq, lk))[..., start:stop]
                scores = np.where(block_mask, scores, -np.inf)
            new_max = np.maximum(running_max, scores.max(axis=-1, keepdims=True))
            # Rows that have seen no allowed key yet keep max -inf: shift them by 0 so that -inf - -inf never happens.
            shift = np.where(np.isfinite(new_max), new_max, 0.0)
            correction = np.exp(running_max - shift)  # rescales what was summed under the old max
            weights = np.exp(scores - shift)
            running_sum = running_sum * correction + weights.sum(axis=-1, keepdims=True)
            acc = acc * correction + weights @ v[..., start:stop, :]
            running_max = new_max
        output = np.divide(acc, running_sum, out=np.zeros_like(acc), where=running_sum > 0)  # a fully masked row: 0
        with np.errstate(divide="ignore"):
            lse = np.where(running_sum > 0, running_max + np.log(running_sum), -np.inf)[..., 0]
        return output.astype(q.dtype), lse.astype(q.dtype)

    return online_softmax_attention(q, k, v, block_size, mask)


def lse_without_max(q, k, v, block_size: int, mask=None):
    """You returned log l as the log-sum-exp: l was summed relative to the running max, so lse is m + log l."""
    import numpy as np


    def online_softmax_attention(q, k, v, block_size: int, mask=None):
        """softmax(q kᵀ / √d) v computed one block of keys at a time with a running max and sum (flash-attention style).

        q (..., Lq, d), k (..., Lk, d), v (..., Lk, dv); mask: bool broadcastable to (..., Lq, Lk), True = may attend.
        Returns (output (..., Lq, dv), lse (..., Lq)): lse is the log-sum-exp of each query's allowed scores.
        """
        lead, lq, lk = q.shape[:-2], q.shape[-2], k.shape[-2]
        scale = 1.0 / np.sqrt(q.shape[-1])
        running_max = np.full((*lead, lq, 1), -np.inf)
        running_sum = np.zeros((*lead, lq, 1))
        acc = np.zeros((*lead, lq, v.shape[-1]))
        for start in range(0, lk, block_size):
            stop = min(start + block_size, lk)  # the last block may be shorter
            scores = q @ np.swapaxes(k[..., start:stop, :], -1, -2) * scale  # (..., Lq, block)
            if mask is not None:
                block_mask = np.broadcast_to(mask, (*lead, lq, lk))[..., start:stop]
                scores = np.where(block_mask, scores, -np.inf)
            new_max = np.maximum(running_max, scores.max(axis=-1, keepdims=True))
            # Rows that have seen no allowed key yet keep max -inf: shift them by 0 so that -inf - -inf never happens.
            shift = np.where(np.isfinite(new_max), new_max, 0.0)
            correction = np.exp(running_max - shift)  # rescales what was summed under the old max
            weights = np.exp(scores - shift)
            running_sum = running_sum * correction + weights.sum(axis=-1, keepdims=True)
            acc = acc * correction + weights @ v[..., start:stop, :]
            running_max = new_max
        output = np.divide(acc, running_sum, out=np.zeros_like(acc), where=running_sum > 0)  # a fully masked row: 0
        with np.errstate(divide="ignore"):
            lse = np.where(running_sum > 0, np.log(running_sum), -np.inf)[..., 0]
        return output.astype(q.dtype), lse.astype(q.dtype)

    return online_softmax_attention(q, k, v, block_size, mask)


def never_rescales(q, k, v, block_size: int, mask=None):
    """You added each block's exp(s − m') to sums kept relative to older, smaller maxima: without the exp(m − m')
    correction the earlier blocks are weighted wrong."""
    import numpy as np


    def online_softmax_attention(q, k, v, block_size: int, mask=None):
        """softmax(q kᵀ / √d) v computed one block of keys at a time with a running max and sum (flash-attention style).

        q (..., Lq, d), k (..., Lk, d), v (..., Lk, dv); mask: bool broadcastable to (..., Lq, Lk), True = may attend.
        Returns (output (..., Lq, dv), lse (..., Lq)): lse is the log-sum-exp of each query's allowed scores.
        """
        lead, lq, lk = q.shape[:-2], q.shape[-2], k.shape[-2]
        scale = 1.0 / np.sqrt(q.shape[-1])
        running_max = np.full((*lead, lq, 1), -np.inf)
        running_sum = np.zeros((*lead, lq, 1))
        acc = np.zeros((*lead, lq, v.shape[-1]))
        for start in range(0, lk, block_size):
            stop = min(start + block_size, lk)  # the last block may be shorter
            scores = q @ np.swapaxes(k[..., start:stop, :], -1, -2) * scale  # (..., Lq, block)
            if mask is not None:
                block_mask = np.broadcast_to(mask, (*lead, lq, lk))[..., start:stop]
                scores = np.where(block_mask, scores, -np.inf)
            new_max = np.maximum(running_max, scores.max(axis=-1, keepdims=True))
            # Rows that have seen no allowed key yet keep max -inf: shift them by 0 so that -inf - -inf never happens.
            shift = np.where(np.isfinite(new_max), new_max, 0.0)
            correction = 1.0  # rescales what was summed under the old max
            weights = np.exp(scores - shift)
            running_sum = running_sum * correction + weights.sum(axis=-1, keepdims=True)
            acc = acc * correction + weights @ v[..., start:stop, :]
            running_max = new_max
        output = np.divide(acc, running_sum, out=np.zeros_like(acc), where=running_sum > 0)  # a fully masked row: 0
        with np.errstate(divide="ignore"):
            lse = np.where(running_sum > 0, running_max + np.log(running_sum), -np.inf)[..., 0]
        return output.astype(q.dtype), lse.astype(q.dtype)

    return online_softmax_attention(q, k, v, block_size, mask)


def lse_of_the_last_block(q, k, v, block_size: int, mask=None):
    """You returned the log-sum-exp of the last block only: lse must cover every allowed key the query has seen."""
    import numpy as np


    def online_softmax_attention(q, k, v, block_size: int, mask=None):
        """softmax(q kᵀ / √d) v computed one block of keys at a time with a running max and sum (flash-attention style).

        q (..., Lq, d), k (..., Lk, d), v (..., Lk, dv); mask: bool broadcastable to (..., Lq, Lk), True = may attend.
        Returns (output (..., Lq, dv), lse (..., Lq)): lse is the log-sum-exp of each query's allowed scores.
        """
        lead, lq, lk = q.shape[:-2], q.shape[-2], k.shape[-2]
        scale = 1.0 / np.sqrt(q.shape[-1])
        running_max = np.full((*lead, lq, 1), -np.inf)
        running_sum = np.zeros((*lead, lq, 1))
        acc = np.zeros((*lead, lq, v.shape[-1]))
        for start in range(0, lk, block_size):
            stop = min(start + block_size, lk)  # the last block may be shorter
            scores = q @ np.swapaxes(k[..., start:stop, :], -1, -2) * scale  # (..., Lq, block)
            if mask is not None:
                block_mask = np.broadcast_to(mask, (*lead, lq, lk))[..., start:stop]
                scores = np.where(block_mask, scores, -np.inf)
            new_max = np.maximum(running_max, scores.max(axis=-1, keepdims=True))
            # Rows that have seen no allowed key yet keep max -inf: shift them by 0 so that -inf - -inf never happens.
            shift = np.where(np.isfinite(new_max), new_max, 0.0)
            correction = np.exp(running_max - shift)  # rescales what was summed under the old max
            weights = np.exp(scores - shift)
            running_sum = running_sum * correction + weights.sum(axis=-1, keepdims=True)
            acc = acc * correction + weights @ v[..., start:stop, :]
            running_max = new_max
        output = np.divide(acc, running_sum, out=np.zeros_like(acc), where=running_sum > 0)  # a fully masked row: 0
        with np.errstate(divide="ignore"):
            last = np.log(np.exp(scores - shift).sum(axis=-1, keepdims=True)) + shift
            lse = np.where(running_sum > 0, last, -np.inf)[..., 0]
        return output.astype(q.dtype), lse.astype(q.dtype)

    return online_softmax_attention(q, k, v, block_size, mask)
