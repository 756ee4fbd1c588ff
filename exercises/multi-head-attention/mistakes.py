"""Known mistakes in multi-head-attention: wrong solutions people really write, one function each.

Each takes the arguments of `multi_head_attention` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def ignores_padding_mask(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, key_padding_mask=None):
    """You accepted key_padding_mask but never applied it: padding keys get attention."""
    import numpy as np


    def _softmax(x: np.ndarray) -> np.ndarray:
        exp = np.exp(x - x.max(axis=-1, keepdims=True))
        return exp / exp.sum(axis=-1, keepdims=True)


    def multi_head_attention(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o,
                             key_padding_mask=None):
        """Multi-head attention as nn.MultiheadAttention(batch_first=True) computes it.

        query (B, Lq, d_model), key and value (B, Lk, d_model); projections x @ Wᵀ + b.
        key_padding_mask: (B, Lk) bool, True = padding (ignored).
        Returns (output (B, Lq, d_model), weights averaged over heads (B, Lq, Lk)).
        """
        batch, lq, d_model = query.shape
        lk = key.shape[1]
        d_head = d_model // num_heads

        def split(x: np.ndarray, length: int) -> np.ndarray:
            # (B, L, d_model) → (B, L, H, d_head) → (B, H, L, d_head): head h keeps its own d_head columns
            return x.reshape(batch, length, num_heads, d_head).transpose(0, 2, 1, 3)

        q = split(query @ W_q.T + b_q, lq)
        k = split(key @ W_k.T + b_k, lk)
        v = split(value @ W_v.T + b_v, lk)

        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_head)  # (B, H, Lq, Lk), scaled by the HEAD size
        weights = _softmax(scores)  # every item has a real key, so no row is all -inf

        heads = weights @ v  # (B, H, Lq, d_head)
        concat = heads.transpose(0, 2, 1, 3).reshape(batch, lq, d_model)  # heads side by side, in order
        output = concat @ W_o.T + b_o
        return output, weights.mean(axis=1)

    return multi_head_attention(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, key_padding_mask)


def no_output_projection(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, key_padding_mask=None):
    """You returned the concatenated heads without the output projection W_o, b_o: the heads are never mixed."""
    import numpy as np


    def _softmax(x: np.ndarray) -> np.ndarray:
        exp = np.exp(x - x.max(axis=-1, keepdims=True))
        return exp / exp.sum(axis=-1, keepdims=True)


    def multi_head_attention(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o,
                             key_padding_mask=None):
        """Multi-head attention as nn.MultiheadAttention(batch_first=True) computes it.

        query (B, Lq, d_model), key and value (B, Lk, d_model); projections x @ Wᵀ + b.
        key_padding_mask: (B, Lk) bool, True = padding (ignored).
        Returns (output (B, Lq, d_model), weights averaged over heads (B, Lq, Lk)).
        """
        batch, lq, d_model = query.shape
        lk = key.shape[1]
        d_head = d_model // num_heads

        def split(x: np.ndarray, length: int) -> np.ndarray:
            # (B, L, d_model) → (B, L, H, d_head) → (B, H, L, d_head): head h keeps its own d_head columns
            return x.reshape(batch, length, num_heads, d_head).transpose(0, 2, 1, 3)

        q = split(query @ W_q.T + b_q, lq)
        k = split(key @ W_k.T + b_k, lk)
        v = split(value @ W_v.T + b_v, lk)

        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_head)  # (B, H, Lq, Lk), scaled by the HEAD size
        if key_padding_mask is not None:
            scores = np.where(np.asarray(key_padding_mask)[:, None, None, :], -np.inf, scores)
        weights = _softmax(scores)  # every item has a real key, so no row is all -inf

        heads = weights @ v  # (B, H, Lq, d_head)
        concat = heads.transpose(0, 2, 1, 3).reshape(batch, lq, d_model)  # heads side by side, in order
        output = concat
        return output, weights.mean(axis=1)

    return multi_head_attention(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, key_padding_mask)


def projects_with_untransposed_weights(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, key_padding_mask=None):
    """You projected with x @ W instead of x @ W.T, the nn.Linear convention: every projection uses the transposed
    matrix."""
    import numpy as np


    def _softmax(x: np.ndarray) -> np.ndarray:
        exp = np.exp(x - x.max(axis=-1, keepdims=True))
        return exp / exp.sum(axis=-1, keepdims=True)


    def multi_head_attention(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o,
                             key_padding_mask=None):
        """Multi-head attention as nn.MultiheadAttention(batch_first=True) computes it.

        query (B, Lq, d_model), key and value (B, Lk, d_model); projections x @ Wᵀ + b.
        key_padding_mask: (B, Lk) bool, True = padding (ignored).
        Returns (output (B, Lq, d_model), weights averaged over heads (B, Lq, Lk)).
        """
        batch, lq, d_model = query.shape
        lk = key.shape[1]
        d_head = d_model // num_heads

        def split(x: np.ndarray, length: int) -> np.ndarray:
            # (B, L, d_model) → (B, L, H, d_head) → (B, H, L, d_head): head h keeps its own d_head columns
            return x.reshape(batch, length, num_heads, d_head).transpose(0, 2, 1, 3)

        q = split(query @ W_q + b_q, lq)
        k = split(key @ W_k + b_k, lk)
        v = split(value @ W_v + b_v, lk)

        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_head)  # (B, H, Lq, Lk), scaled by the HEAD size
        if key_padding_mask is not None:
            scores = np.where(np.asarray(key_padding_mask)[:, None, None, :], -np.inf, scores)
        weights = _softmax(scores)  # every item has a real key, so no row is all -inf

        heads = weights @ v  # (B, H, Lq, d_head)
        concat = heads.transpose(0, 2, 1, 3).reshape(batch, lq, d_model)  # heads side by side, in order
        output = concat @ W_o + b_o
        return output, weights.mean(axis=1)

    return multi_head_attention(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, key_padding_mask)


def reshape_without_transpose(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, key_padding_mask=None):
    """You split the heads with a reshape straight from (B, L, d_model) to (B, H, L, d_head): positions and heads
    get mixed."""
    import numpy as np


    def _softmax(x: np.ndarray) -> np.ndarray:
        exp = np.exp(x - x.max(axis=-1, keepdims=True))
        return exp / exp.sum(axis=-1, keepdims=True)


    def multi_head_attention(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o,
                             key_padding_mask=None):
        """Multi-head attention as nn.MultiheadAttention(batch_first=True) computes it.

        query (B, Lq, d_model), key and value (B, Lk, d_model); projections x @ Wᵀ + b.
        key_padding_mask: (B, Lk) bool, True = padding (ignored).
        Returns (output (B, Lq, d_model), weights averaged over heads (B, Lq, Lk)).
        """
        batch, lq, d_model = query.shape
        lk = key.shape[1]
        d_head = d_model // num_heads

        def split(x: np.ndarray, length: int) -> np.ndarray:
            # (B, L, d_model) → (B, L, H, d_head) → (B, H, L, d_head): head h keeps its own d_head columns
            return x.reshape(batch, num_heads, length, d_head)

        q = split(query @ W_q.T + b_q, lq)
        k = split(key @ W_k.T + b_k, lk)
        v = split(value @ W_v.T + b_v, lk)

        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_head)  # (B, H, Lq, Lk), scaled by the HEAD size
        if key_padding_mask is not None:
            scores = np.where(np.asarray(key_padding_mask)[:, None, None, :], -np.inf, scores)
        weights = _softmax(scores)  # every item has a real key, so no row is all -inf

        heads = weights @ v  # (B, H, Lq, d_head)
        concat = heads.reshape(batch, lq, d_model)  # heads side by side, in order
        output = concat @ W_o.T + b_o
        return output, weights.mean(axis=1)

    return multi_head_attention(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, key_padding_mask)


def scale_by_sqrt_d_model(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, key_padding_mask=None):
    """You scaled the scores by 1/√d_model instead of 1/√d_head: every head's softmax is too flat."""
    import numpy as np


    def _softmax(x: np.ndarray) -> np.ndarray:
        exp = np.exp(x - x.max(axis=-1, keepdims=True))
        return exp / exp.sum(axis=-1, keepdims=True)


    def multi_head_attention(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o,
                             key_padding_mask=None):
        """Multi-head attention as nn.MultiheadAttention(batch_first=True) computes it.

        query (B, Lq, d_model), key and value (B, Lk, d_model); projections x @ Wᵀ + b.
        key_padding_mask: (B, Lk) bool, True = padding (ignored).
        Returns (output (B, Lq, d_model), weights averaged over heads (B, Lq, Lk)).
        """
        batch, lq, d_model = query.shape
        lk = key.shape[1]
        d_head = d_model // num_heads

        def split(x: np.ndarray, length: int) -> np.ndarray:
            # (B, L, d_model) → (B, L, H, d_head) → (B, H, L, d_head): head h keeps its own d_head columns
            return x.reshape(batch, length, num_heads, d_head).transpose(0, 2, 1, 3)

        q = split(query @ W_q.T + b_q, lq)
        k = split(key @ W_k.T + b_k, lk)
        v = split(value @ W_v.T + b_v, lk)

        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_model)  # (B, H, Lq, Lk), scaled by the HEAD size
        if key_padding_mask is not None:
            scores = np.where(np.asarray(key_padding_mask)[:, None, None, :], -np.inf, scores)
        weights = _softmax(scores)  # every item has a real key, so no row is all -inf

        heads = weights @ v  # (B, H, Lq, d_head)
        concat = heads.transpose(0, 2, 1, 3).reshape(batch, lq, d_model)  # heads side by side, in order
        output = concat @ W_o.T + b_o
        return output, weights.mean(axis=1)

    return multi_head_attention(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, key_padding_mask)


def weights_summed_over_heads(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, key_padding_mask=None):
    """You summed the attention weights over the heads instead of averaging them: each row sums to the number of
    heads, not to 1."""
    import numpy as np


    def _softmax(x: np.ndarray) -> np.ndarray:
        exp = np.exp(x - x.max(axis=-1, keepdims=True))
        return exp / exp.sum(axis=-1, keepdims=True)


    def multi_head_attention(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o,
                             key_padding_mask=None):
        """Multi-head attention as nn.MultiheadAttention(batch_first=True) computes it.

        query (B, Lq, d_model), key and value (B, Lk, d_model); projections x @ Wᵀ + b.
        key_padding_mask: (B, Lk) bool, True = padding (ignored).
        Returns (output (B, Lq, d_model), weights averaged over heads (B, Lq, Lk)).
        """
        batch, lq, d_model = query.shape
        lk = key.shape[1]
        d_head = d_model // num_heads

        def split(x: np.ndarray, length: int) -> np.ndarray:
            # (B, L, d_model) → (B, L, H, d_head) → (B, H, L, d_head): head h keeps its own d_head columns
            return x.reshape(batch, length, num_heads, d_head).transpose(0, 2, 1, 3)

        q = split(query @ W_q.T + b_q, lq)
        k = split(key @ W_k.T + b_k, lk)
        v = split(value @ W_v.T + b_v, lk)

        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_head)  # (B, H, Lq, Lk), scaled by the HEAD size
        if key_padding_mask is not None:
            scores = np.where(np.asarray(key_padding_mask)[:, None, None, :], -np.inf, scores)
        weights = _softmax(scores)  # every item has a real key, so no row is all -inf

        heads = weights @ v  # (B, H, Lq, d_head)
        concat = heads.transpose(0, 2, 1, 3).reshape(batch, lq, d_model)  # heads side by side, in order
        output = concat @ W_o.T + b_o
        return output, weights.sum(axis=1)

    return multi_head_attention(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, key_padding_mask)


def one_max_for_all(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, key_padding_mask=None):
    """You stabilised every head's softmax with one maximum over all scores: queries of small scale underflow to
    0/0."""
    # stabilises every head's softmax with one maximum over all scores: queries of small scale underflow to 0/0.
    import numpy as np


    def multi_head_attention(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, key_padding_mask=None):
        b, lq, d = query.shape
        lk, h = key.shape[1], d // num_heads

        def heads(x, length):
            return x.reshape(b, length, num_heads, h).transpose(0, 2, 1, 3)

        q, k, v = heads(query @ W_q.T + b_q, lq), heads(key @ W_k.T + b_k, lk), heads(value @ W_v.T + b_v, lk)
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(h)
        if key_padding_mask is not None:
            scores = np.where(key_padding_mask[:, None, None, :], -np.inf, scores)
        e = np.exp(scores - scores[np.isfinite(scores)].max())
        weights = e / e.sum(axis=-1, keepdims=True)
        out = (weights @ v).transpose(0, 2, 1, 3).reshape(b, lq, d) @ W_o.T + b_o
        return out, weights.mean(axis=1)

    return multi_head_attention(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, key_padding_mask)
