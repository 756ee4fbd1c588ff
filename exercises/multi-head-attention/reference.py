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
    return output, weights.mean(axis=1)
