"""Known mistakes in low-rank-attention: wrong solutions people really write, one function each.

Each takes the arguments of `low_rank_attention` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def context_unweighted(s, H, U, V):
    """You computed the weights right but returned the plain mean of the encoder states: the context is their
    weighted sum."""
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
        context = H.mean(axis=-2)  # weighted sum of the encoder states
        return weights, context

    return low_rank_attention(s, H, U, V)


def no_max_shift(s, H, U, V):
    """You did not subtract the max before exp: scores in the hundreds overflow to inf, and inf/inf = nan."""
    import numpy as np


    def low_rank_attention(s, H, U, V):
        """score_i = (U s)ᵀ (V h_i); returns (softmax of the scores over the n states, Σ weights_i h_i).

        s (..., d1), H (..., n, d2), U (k, d1), V (k, d2) → weights (..., n), context (..., d2).
        """
        query = s @ U.T  # U s: (..., k)
        keys = H @ V.T  # V h_i for every i: (..., n, k)
        scores = np.einsum("...nk,...k->...n", keys, query)  # never builds the d1 × d2 matrix W
        exp = np.exp(scores)  # softmax over the n encoder states
        weights = exp / exp.sum(axis=-1, keepdims=True)
        context = np.einsum("...n,...nd->...d", weights, H)  # weighted sum of the encoder states
        return weights, context

    return low_rank_attention(s, H, U, V)


def softmax_over_axis_0(s, H, U, V):
    """You normalised over axis 0: right for one decoder state, but with a batch the weights are normalised across
    the batch."""
    import numpy as np


    def low_rank_attention(s, H, U, V):
        """score_i = (U s)ᵀ (V h_i); returns (softmax of the scores over the n states, Σ weights_i h_i).

        s (..., d1), H (..., n, d2), U (k, d1), V (k, d2) → weights (..., n), context (..., d2).
        """
        query = s @ U.T  # U s: (..., k)
        keys = H @ V.T  # V h_i for every i: (..., n, k)
        scores = np.einsum("...nk,...k->...n", keys, query)  # never builds the d1 × d2 matrix W
        exp = np.exp(scores - scores.max())  # softmax over the n encoder states
        weights = exp / exp.sum(axis=0)
        context = np.einsum("...n,...nd->...d", weights, H)  # weighted sum of the encoder states
        return weights, context

    return low_rank_attention(s, H, U, V)


def swaps_u_and_v(s, H, U, V):
    """You projected the decoder state with V and the encoder states with U: the two projections are the other way
    round."""
    import numpy as np


    def low_rank_attention(s, H, U, V):
        """score_i = (U s)ᵀ (V h_i); returns (softmax of the scores over the n states, Σ weights_i h_i).

        s (..., d1), H (..., n, d2), U (k, d1), V (k, d2) → weights (..., n), context (..., d2).
        """
        query = s @ V.T  # U s: (..., k)
        keys = H @ U.T  # V h_i for every i: (..., n, k)
        scores = np.einsum("...nk,...k->...n", keys, query)  # never builds the d1 × d2 matrix W
        exp = np.exp(scores - scores.max(axis=-1, keepdims=True))  # softmax over the n encoder states
        weights = exp / exp.sum(axis=-1, keepdims=True)
        context = np.einsum("...n,...nd->...d", weights, H)  # weighted sum of the encoder states
        return weights, context

    return low_rank_attention(s, H, U, V)


def w_is_u_times_v_transposed(s, H, U, V):
    """You built W as U Vᵀ instead of Uᵀ V: it only runs when d1 = d2 = k, and then gives wrong scores."""
    import numpy as np


    def low_rank_attention(s, H, U, V):
        """score_i = (U s)ᵀ (V h_i); returns (softmax of the scores over the n states, Σ weights_i h_i).

        s (..., d1), H (..., n, d2), U (k, d1), V (k, d2) → weights (..., n), context (..., d2).
        """
        query = s @ U.T  # U s: (..., k)
        keys = H @ V.T  # V h_i for every i: (..., n, k)
        scores = np.einsum("...a,ab,...nb->...n", s, U @ V.T, H)  # never builds the d1 × d2 matrix W
        exp = np.exp(scores - scores.max(axis=-1, keepdims=True))  # softmax over the n encoder states
        weights = exp / exp.sum(axis=-1, keepdims=True)
        context = np.einsum("...n,...nd->...d", weights, H)  # weighted sum of the encoder states
        return weights, context

    return low_rank_attention(s, H, U, V)


def batch_wide_max(s, H, U, V):
    """You stabilised the softmax with one maximum over the whole batch: a decoder state whose scores all lie far
    below it becomes 0/0."""
    # stabilises the softmax with one maximum over the whole batch: a decoder state with small scores becomes 0/0.
    import numpy as np


    def low_rank_attention(s, H, U, V):
        scores = np.einsum("...nk,...k->...n", H @ V.T, s @ U.T)
        e = np.exp(scores - scores.max())
        weights = e / e.sum(axis=-1, keepdims=True)
        return weights, np.einsum("...n,...nd->...d", weights, H)

    return low_rank_attention(s, H, U, V)
