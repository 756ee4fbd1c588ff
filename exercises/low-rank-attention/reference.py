import numpy as np


def low_rank_attention(s, H, U, V):
    """score_i = (U s)ᵀ (V h_i); returns (softmax of the scores over the n states, Σ weights_i h_i).

    s (..., d1), H (..., n, d2), U (k, d1), V (k, d2) → weights (..., n), context (..., d2).
    """
    query = s @ U.T  # U s: (..., k)
    keys = H @ V.T  # V h_i for every i: (..., n, k)
    scores = np.einsum("...nk,...k->...n", keys, query)  # never builds the d1 × d2 matrix W
    exp = np.exp(scores - scores.max(axis=-1, keepdims=True))  # softmax over the n encoder states
    weights = exp / exp.sum(axis=-1, keepdims=True)
    context = np.einsum("...n,...nd->...d", weights, H)  # weighted sum of the encoder states
    return weights, context
