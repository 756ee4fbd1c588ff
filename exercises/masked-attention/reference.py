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
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)  # a fully masked row: -inf - -inf would be nan
    exp = np.exp(scores - row_max)  # exp(-inf) = 0 for the masked keys
    total = exp.sum(axis=-1, keepdims=True)
    weights = np.divide(exp, total, out=np.zeros_like(exp), where=total > 0)  # a fully masked row stays 0
    return weights @ v, weights
