import numpy as np


def grouped_query_attention(q, k, v, causal: bool = False):
    """Attention where n_q query heads share n_kv key/value heads in consecutive groups.

    q (B, Hq, Lq, d), k (B, Hkv, Lk, d), v (B, Hkv, Lk, dv) → (B, Hq, Lq, dv).
    """
    raise NotImplementedError
