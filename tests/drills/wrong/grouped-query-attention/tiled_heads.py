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
