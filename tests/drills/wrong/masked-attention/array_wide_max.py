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
