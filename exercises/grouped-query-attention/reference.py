import numpy as np


def grouped_query_attention(q, k, v, causal: bool = False):
    """Attention where n_q query heads share n_kv key/value heads in consecutive groups.

    q (B, Hq, Lq, d), k (B, Hkv, Lk, d), v (B, Hkv, Lk, dv) → (B, Hq, Lq, dv).
    """
    batch, hq, lq, d = q.shape
    hkv, lk = k.shape[1], k.shape[2]
    group = hq // hkv
    # Query heads g·group … (g+1)·group - 1 all use key/value head g: split the head axis into (Hkv, group).
    qg = q.reshape(batch, hkv, group, lq, d)
    scores = qg @ np.swapaxes(k, -1, -2)[:, :, None] / np.sqrt(d)  # (B, Hkv, group, Lq, Lk)
    if causal:
        # the queries are the last Lq positions: query i sees keys j <= i + Lk - Lq
        allowed = np.tril(np.ones((lq, lk), dtype=bool), k=lk - lq)
        scores = np.where(allowed, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    out = weights @ v[:, :, None]  # (B, Hkv, group, Lq, dv)
    return out.reshape(batch, hq, lq, v.shape[-1]).astype(q.dtype)
