"""Known mistakes in grouped-query-attention: wrong solutions people really write, one function each.

Each takes the arguments of `grouped_query_attention` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def scaled_by_value_dim(q, k, v, causal: bool=False):
    """You scaled the scores by the value size instead of √d, the key size: whenever dv differs from d every weight
    is off."""
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
        scores = qg @ np.swapaxes(k, -1, -2)[:, :, None] / np.sqrt(v.shape[-1])  # (B, Hkv, group, Lq, Lk)
        if causal:
            # the queries are the last Lq positions: query i sees keys j <= i + Lk - Lq
            allowed = np.tril(np.ones((lq, lk), dtype=bool), k=lk - lq)
            scores = np.where(allowed, scores, -np.inf)
        scores = scores - scores.max(axis=-1, keepdims=True)
        weights = np.exp(scores)
        weights = weights / weights.sum(axis=-1, keepdims=True)
        out = weights @ v[:, :, None]  # (B, Hkv, group, Lq, dv)
        return out.reshape(batch, hq, lq, v.shape[-1]).astype(q.dtype)

    return grouped_query_attention(q, k, v, causal)


def causal_top_left(q, k, v, causal: bool=False):
    """You built the causal mask as a plain lower triangle (j <= i): when the queries are the last Lq of Lk keys,
    each one sees too few keys."""
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
            allowed = np.tril(np.ones((lq, lk), dtype=bool), k=0)
            scores = np.where(allowed, scores, -np.inf)
        scores = scores - scores.max(axis=-1, keepdims=True)
        weights = np.exp(scores)
        weights = weights / weights.sum(axis=-1, keepdims=True)
        out = weights @ v[:, :, None]  # (B, Hkv, group, Lq, dv)
        return out.reshape(batch, hq, lq, v.shape[-1]).astype(q.dtype)

    return grouped_query_attention(q, k, v, causal)


def no_max_shift(q, k, v, causal: bool=False):
    """You exponentiated the raw scores: exp(1000) overflows to inf, and inf/inf = nan."""
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
        scores = scores
        weights = np.exp(scores)
        weights = weights / weights.sum(axis=-1, keepdims=True)
        out = weights @ v[:, :, None]  # (B, Hkv, group, Lq, dv)
        return out.reshape(batch, hq, lq, v.shape[-1]).astype(q.dtype)

    return grouped_query_attention(q, k, v, causal)


def softmax_over_queries(q, k, v, causal: bool=False):
    """You normalised over the query axis instead of over the keys: a query's weights no longer sum to 1."""
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
        scores = scores - scores.max(axis=-2, keepdims=True)
        weights = np.exp(scores)
        weights = weights / weights.sum(axis=-2, keepdims=True)
        out = weights @ v[:, :, None]  # (B, Hkv, group, Lq, dv)
        return out.reshape(batch, hq, lq, v.shape[-1]).astype(q.dtype)

    return grouped_query_attention(q, k, v, causal)


def tiled_heads(q, k, v, causal: bool=False):
    """You repeated the key/value heads with .repeat (0, 1, 0, 1, …) instead of repeat_interleave (0, 0, 1, 1, …):
    query head h reads kv head h % Hkv instead of its own group's."""
    # Repeats the key/value heads with .repeat (tiling 0,1,0,1,...) instead of repeat_interleave (0,0,1,1,...): query head h reads kv head h % Hkv.
    import math

    import torch


    def grouped_query_attention(q, k, v, causal=False):
        q, k, v = torch.as_tensor(q), torch.as_tensor(k), torch.as_tensor(v)
        group = q.shape[1] // k.shape[1]
        k, v = k.repeat(1, group, 1, 1), v.repeat(1, group, 1, 1)
        scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
        if causal:
            lq, lk = q.shape[-2], k.shape[-2]
            allowed = torch.ones(lq, lk, dtype=torch.bool).tril(lk - lq)
            scores = scores.masked_fill(~allowed, float("-inf"))
        return torch.softmax(scores, dim=-1) @ v

    return grouped_query_attention(q, k, v, causal)


def row_max_before_mask(q, k, v, causal: bool=False):
    """You took the row max before applying the causal mask: a masked future score that dominates the row makes
    every allowed weight underflow, and 0/0 gives NaN."""
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
            scores = scores - scores.max(axis=-1, keepdims=True)
            scores = np.where(allowed, scores, -np.inf)
        else:
            scores = scores - scores.max(axis=-1, keepdims=True)
        weights = np.exp(scores)
        weights = weights / weights.sum(axis=-1, keepdims=True)
        out = weights @ v[:, :, None]  # (B, Hkv, group, Lq, dv)
        return out.reshape(batch, hq, lq, v.shape[-1]).astype(q.dtype)

    return grouped_query_attention(q, k, v, causal)
