import numpy as np


def multi_head_attention(query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o,
                         key_padding_mask=None):
    """Multi-head attention as nn.MultiheadAttention(batch_first=True) computes it.

    query (B, Lq, d_model), key and value (B, Lk, d_model); projections x @ Wᵀ + b.
    key_padding_mask: (B, Lk) bool, True = padding (ignored).
    Returns (output (B, Lq, d_model), weights averaged over heads (B, Lq, Lk)).
    """
    raise NotImplementedError
