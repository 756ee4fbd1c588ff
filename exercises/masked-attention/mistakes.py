"""Known mistakes in masked-attention: wrong solutions people really write, one function each.

Each takes the arguments of `masked_attention` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def causal_aligned_to_first_keys(q, k, v, mask=None, causal: bool=False):
    """You built the causal mask as a plain lower triangle: with more keys than queries, each query sees only the
    first keys instead of those up to its own position."""
    import numpy as np


    def causal_mask(lq: int, lk: int) -> np.ndarray:
        """(lq, lk) bool: True where query i may attend key j, the queries being the last lq keys."""
        # Query i sits at position i + (lk - lq) of the key sequence and sees everything up to it.
        return np.tril(np.ones((lq, lk), dtype=bool))


    def masked_attention(q, k, v, mask=None, causal: bool = False):
        """softmax(q kᵀ / √d) v over the allowed keys; returns (output (..., Lq, dv), weights (..., Lq, Lk)).

        mask: bool, broadcastable to (..., Lq, Lk), True = may attend. A fully masked row gives zeros.
        """
        d = q.shape[-1]
        scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d)  # (..., Lq, Lk)
        allowed = np.ones(scores.shape, dtype=bool)
        if mask is not None:
            allowed &= np.asarray(mask, dtype=bool)
        if causal:
            allowed &= causal_mask(scores.shape[-2], scores.shape[-1])
        # Mask BEFORE the softmax, so that each row is normalised over the keys it may see.
        scores = np.where(allowed, scores, -np.inf)
        row_max = scores.max(axis=-1, keepdims=True)
        row_max = np.where(np.isfinite(row_max), row_max, 0.0)  # a fully masked row: -inf - -inf would be nan
        exp = np.exp(scores - row_max)  # exp(-inf) = 0 for the masked keys
        total = exp.sum(axis=-1, keepdims=True)
        weights = np.divide(exp, total, out=np.zeros_like(exp), where=total > 0)  # a fully masked row stays 0
        return weights @ v, weights

    return masked_attention(q, k, v, mask, causal)


def large_negative_fill(q, k, v, mask=None, causal: bool=False):
    """You filled masked scores with -1e9 instead of -inf: a fully masked row gets uniform weights instead of zeros."""
    import numpy as np


    def causal_mask(lq: int, lk: int) -> np.ndarray:
        """(lq, lk) bool: True where query i may attend key j, the queries being the last lq keys."""
        # Query i sits at position i + (lk - lq) of the key sequence and sees everything up to it.
        return np.tril(np.ones((lq, lk), dtype=bool), k=lk - lq)


    def masked_attention(q, k, v, mask=None, causal: bool = False):
        """softmax(q kᵀ / √d) v over the allowed keys; returns (output (..., Lq, dv), weights (..., Lq, Lk)).

        mask: bool, broadcastable to (..., Lq, Lk), True = may attend. A fully masked row gives zeros.
        """
        d = q.shape[-1]
        scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d)  # (..., Lq, Lk)
        allowed = np.ones(scores.shape, dtype=bool)
        if mask is not None:
            allowed &= np.asarray(mask, dtype=bool)
        if causal:
            allowed &= causal_mask(scores.shape[-2], scores.shape[-1])
        # Mask BEFORE the softmax, so that each row is normalised over the keys it may see.
        scores = np.where(allowed, scores, -1e9)
        row_max = scores.max(axis=-1, keepdims=True)
        row_max = np.where(np.isfinite(row_max), row_max, 0.0)  # a fully masked row: -inf - -inf would be nan
        exp = np.exp(scores - row_max)  # exp(-inf) = 0 for the masked keys
        total = exp.sum(axis=-1, keepdims=True)
        weights = np.divide(exp, total, out=np.zeros_like(exp), where=total > 0)  # a fully masked row stays 0
        return weights @ v, weights

    return masked_attention(q, k, v, mask, causal)


def mask_after_softmax(q, k, v, mask=None, causal: bool=False):
    """You applied the mask after the softmax: the rows no longer sum to 1 over the allowed keys."""
    import numpy as np


    def causal_mask(lq: int, lk: int) -> np.ndarray:
        """(lq, lk) bool: True where query i may attend key j, the queries being the last lq keys."""
        # Query i sits at position i + (lk - lq) of the key sequence and sees everything up to it.
        return np.tril(np.ones((lq, lk), dtype=bool), k=lk - lq)


    def masked_attention(q, k, v, mask=None, causal: bool = False):
        """softmax(q kᵀ / √d) v over the allowed keys; returns (output (..., Lq, dv), weights (..., Lq, Lk)).

        mask: bool, broadcastable to (..., Lq, Lk), True = may attend. A fully masked row gives zeros.
        """
        d = q.shape[-1]
        scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d)  # (..., Lq, Lk)
        allowed = np.ones(scores.shape, dtype=bool)
        if mask is not None:
            allowed &= np.asarray(mask, dtype=bool)
        if causal:
            allowed &= causal_mask(scores.shape[-2], scores.shape[-1])
        # Mask BEFORE the softmax, so that each row is normalised over the keys it may see.
        row_max = scores.max(axis=-1, keepdims=True)
        row_max = np.where(np.isfinite(row_max), row_max, 0.0)  # a fully masked row: -inf - -inf would be nan
        exp = np.exp(scores - row_max)  # exp(-inf) = 0 for the masked keys
        total = exp.sum(axis=-1, keepdims=True)
        weights = np.divide(exp, total, out=np.zeros_like(exp), where=total > 0)  # a fully masked row stays 0
        weights = weights * allowed
        return weights @ v, weights

    return masked_attention(q, k, v, mask, causal)


def nan_for_fully_masked(q, k, v, mask=None, causal: bool=False):
    """You filled masked scores with -inf and took the softmax as it is: a fully masked row becomes 0/0 = nan
    instead of zeros."""
    import numpy as np


    def causal_mask(lq: int, lk: int) -> np.ndarray:
        """(lq, lk) bool: True where query i may attend key j, the queries being the last lq keys."""
        # Query i sits at position i + (lk - lq) of the key sequence and sees everything up to it.
        return np.tril(np.ones((lq, lk), dtype=bool), k=lk - lq)


    def masked_attention(q, k, v, mask=None, causal: bool = False):
        """softmax(q kᵀ / √d) v over the allowed keys; returns (output (..., Lq, dv), weights (..., Lq, Lk)).

        mask: bool, broadcastable to (..., Lq, Lk), True = may attend. A fully masked row gives zeros.
        """
        d = q.shape[-1]
        scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d)  # (..., Lq, Lk)
        allowed = np.ones(scores.shape, dtype=bool)
        if mask is not None:
            allowed &= np.asarray(mask, dtype=bool)
        if causal:
            allowed &= causal_mask(scores.shape[-2], scores.shape[-1])
        # Mask BEFORE the softmax, so that each row is normalised over the keys it may see.
        scores = np.where(allowed, scores, -np.inf)
        row_max = scores.max(axis=-1, keepdims=True)
        exp = np.exp(scores - row_max)  # exp(-inf) = 0 for the masked keys
        total = exp.sum(axis=-1, keepdims=True)
        weights = exp / total  # a fully masked row stays 0
        return weights @ v, weights

    return masked_attention(q, k, v, mask, causal)


def no_sqrt_d_scale(q, k, v, mask=None, causal: bool=False):
    """You did not divide the scores by √d: every softmax is too sharp."""
    import numpy as np


    def causal_mask(lq: int, lk: int) -> np.ndarray:
        """(lq, lk) bool: True where query i may attend key j, the queries being the last lq keys."""
        # Query i sits at position i + (lk - lq) of the key sequence and sees everything up to it.
        return np.tril(np.ones((lq, lk), dtype=bool), k=lk - lq)


    def masked_attention(q, k, v, mask=None, causal: bool = False):
        """softmax(q kᵀ / √d) v over the allowed keys; returns (output (..., Lq, dv), weights (..., Lq, Lk)).

        mask: bool, broadcastable to (..., Lq, Lk), True = may attend. A fully masked row gives zeros.
        """
        d = q.shape[-1]
        scores = q @ np.swapaxes(k, -1, -2)  # (..., Lq, Lk)
        allowed = np.ones(scores.shape, dtype=bool)
        if mask is not None:
            allowed &= np.asarray(mask, dtype=bool)
        if causal:
            allowed &= causal_mask(scores.shape[-2], scores.shape[-1])
        # Mask BEFORE the softmax, so that each row is normalised over the keys it may see.
        scores = np.where(allowed, scores, -np.inf)
        row_max = scores.max(axis=-1, keepdims=True)
        row_max = np.where(np.isfinite(row_max), row_max, 0.0)  # a fully masked row: -inf - -inf would be nan
        exp = np.exp(scores - row_max)  # exp(-inf) = 0 for the masked keys
        total = exp.sum(axis=-1, keepdims=True)
        weights = np.divide(exp, total, out=np.zeros_like(exp), where=total > 0)  # a fully masked row stays 0
        return weights @ v, weights

    return masked_attention(q, k, v, mask, causal)


def array_wide_max(q, k, v, mask=None, causal: bool=False):
    """You took one maximum over every score instead of each query row's: rows far below it underflow and come out
    as zeros."""
    # one maximum over every score instead of each query row's: rows far below it underflow and come out as zeros.
    import numpy as np


    def masked_attention(q, k, v, mask=None, causal=False):
        lq, lk = q.shape[-2], k.shape[-2]
        scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
        allowed = np.ones(scores.shape, dtype=bool)
        if mask is not None:
            allowed &= mask
        if causal:
            allowed &= np.tril(np.ones((lq, lk), dtype=bool), k=lk - lq)
        scores = np.where(allowed, scores, -np.inf)
        top = scores.max() if np.isfinite(scores).any() else 0.0
        e = np.exp(scores - top)
        total = e.sum(axis=-1, keepdims=True)
        weights = np.divide(e, total, out=np.zeros_like(e), where=total > 0)
        return weights @ v, weights

    return masked_attention(q, k, v, mask, causal)
