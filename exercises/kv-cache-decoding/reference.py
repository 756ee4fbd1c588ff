import numpy as np


def decode_step(q, k_new, v_new, k_cache, v_cache):
    """One decoding step with a key/value cache.

    q, k_new (B, H, n, d), v_new (B, H, n, dv): the n new tokens; k_cache (B, H, T, d), v_cache (B, H, T, dv).
    Returns (output (B, H, n, dv), k_cache (B, H, T + n, d), v_cache (B, H, T + n, dv)).
    """
    keys = np.concatenate([k_cache, k_new], axis=-2)  # append along the time axis, old positions first
    values = np.concatenate([v_cache, v_new], axis=-2)
    n, total = q.shape[-2], keys.shape[-2]
    scores = q @ np.swapaxes(keys, -1, -2) / np.sqrt(q.shape[-1])  # (B, H, n, T + n)
    # new token i sits at position T + i and sees positions 0 … T + i: the cache and the new tokens up to itself
    allowed = np.tril(np.ones((n, total), dtype=bool), k=total - n)
    scores = np.where(allowed, scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)
    return (weights @ values).astype(q.dtype), keys, values
