import numpy as np


def online_softmax_attention(q, k, v, block_size: int, mask=None):
    """softmax(q kᵀ / √d) v computed one block of keys at a time with a running max and sum (flash-attention style).

    q (..., Lq, d), k (..., Lk, d), v (..., Lk, dv); mask: bool broadcastable to (..., Lq, Lk), True = may attend.
    Returns (output (..., Lq, dv), lse (..., Lq)): lse is the log-sum-exp of each query's allowed scores.
    """
    raise NotImplementedError
