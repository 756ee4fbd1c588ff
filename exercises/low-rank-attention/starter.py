import numpy as np


def low_rank_attention(s, H, U, V):
    """score_i = (U s)ᵀ (V h_i); returns (softmax of the scores over the n states, Σ weights_i h_i).

    s (..., d1), H (..., n, d2), U (k, d1), V (k, d2) → weights (..., n), context (..., d2).
    """
    raise NotImplementedError
