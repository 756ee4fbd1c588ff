import numpy as np


def causal_mask(lq: int, lk: int) -> np.ndarray:
    """(lq, lk) bool: True where query i may attend key j, the queries being the last lq keys."""
    raise NotImplementedError


def masked_attention(q, k, v, mask=None, causal: bool = False):
    """softmax(q kᵀ / √d) v over the allowed keys; returns (output (..., Lq, dv), weights (..., Lq, Lk)).

    mask: bool, broadcastable to (..., Lq, Lk), True = may attend. A fully masked row gives zeros.
    """
    raise NotImplementedError
