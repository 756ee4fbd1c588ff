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
