"""Known mistakes in kv-cache-decoding: wrong solutions people really write, one function each.

Each takes the arguments of `decode_step` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def attend_before_append(q, k_new, v_new, k_cache, v_cache):
    """You attended over the old cache and appended the new keys afterwards: a new token never sees its own key."""
    import numpy as np


    def decode_step(q, k_new, v_new, k_cache, v_cache):
        """One decoding step with a key/value cache.

        q, k_new (B, H, n, d), v_new (B, H, n, dv): the n new tokens; k_cache (B, H, T, d), v_cache (B, H, T, dv).
        Returns (output (B, H, n, dv), k_cache (B, H, T + n, d), v_cache (B, H, T + n, dv)).
        """
        keys = np.concatenate([k_cache, k_new], axis=-2)  # append along the time axis, old positions first
        values = np.concatenate([v_cache, v_new], axis=-2)
        n, total = q.shape[-2], k_cache.shape[-2]
        scores = q @ np.swapaxes(k_cache, -1, -2) / np.sqrt(q.shape[-1])  # (B, H, n, T + n)
        # new token i sits at position T + i and sees positions 0 … T + i: the cache and the new tokens up to itself
        allowed = np.tril(np.ones((n, total), dtype=bool), k=total - n)
        scores = np.where(allowed, scores, -np.inf)
        weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
        weights /= weights.sum(axis=-1, keepdims=True)
        return np.nan_to_num(weights @ v_cache).astype(q.dtype), keys, values

    return decode_step(q, k_new, v_new, k_cache, v_cache)


def no_mask_among_new_tokens(q, k_new, v_new, k_cache, v_cache):
    """You let every new token see all n new tokens: right for n = 1, but in a chunk each token peeks at the ones
    after it."""
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
        scores = scores
        weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
        weights /= weights.sum(axis=-1, keepdims=True)
        return (weights @ values).astype(q.dtype), keys, values

    return decode_step(q, k_new, v_new, k_cache, v_cache)


def causal_mask_from_the_start(q, k_new, v_new, k_cache, v_cache):
    """You used a plain lower triangle (j <= i) as in training: new token i then sees only the first i + 1 cached
    positions, not the whole cache."""
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
        allowed = np.tril(np.ones((n, total), dtype=bool), k=0)
        scores = np.where(allowed, scores, -np.inf)
        weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
        weights /= weights.sum(axis=-1, keepdims=True)
        return (weights @ values).astype(q.dtype), keys, values

    return decode_step(q, k_new, v_new, k_cache, v_cache)


def prepends_new_tokens(q, k_new, v_new, k_cache, v_cache):
    """You put the new keys and values in front of the cache: the cache order is wrong, and so is the causal mask."""
    import numpy as np


    def decode_step(q, k_new, v_new, k_cache, v_cache):
        """One decoding step with a key/value cache.

        q, k_new (B, H, n, d), v_new (B, H, n, dv): the n new tokens; k_cache (B, H, T, d), v_cache (B, H, T, dv).
        Returns (output (B, H, n, dv), k_cache (B, H, T + n, d), v_cache (B, H, T + n, dv)).
        """
        keys = np.concatenate([k_new, k_cache], axis=-2)  # append along the time axis, old positions first
        values = np.concatenate([v_new, v_cache], axis=-2)
        n, total = q.shape[-2], keys.shape[-2]
        scores = q @ np.swapaxes(keys, -1, -2) / np.sqrt(q.shape[-1])  # (B, H, n, T + n)
        # new token i sits at position T + i and sees positions 0 … T + i: the cache and the new tokens up to itself
        allowed = np.tril(np.ones((n, total), dtype=bool), k=total - n)
        scores = np.where(allowed, scores, -np.inf)
        weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
        weights /= weights.sum(axis=-1, keepdims=True)
        return (weights @ values).astype(q.dtype), keys, values

    return decode_step(q, k_new, v_new, k_cache, v_cache)


def scaled_by_cache_length(q, k_new, v_new, k_cache, v_cache):
    """You scaled the scores by the square root of the number of keys instead of √d, the key size: the sharpness of
    the weights then changes with the length of the cache."""
    import numpy as np


    def decode_step(q, k_new, v_new, k_cache, v_cache):
        """One decoding step with a key/value cache.

        q, k_new (B, H, n, d), v_new (B, H, n, dv): the n new tokens; k_cache (B, H, T, d), v_cache (B, H, T, dv).
        Returns (output (B, H, n, dv), k_cache (B, H, T + n, d), v_cache (B, H, T + n, dv)).
        """
        keys = np.concatenate([k_cache, k_new], axis=-2)  # append along the time axis, old positions first
        values = np.concatenate([v_cache, v_new], axis=-2)
        n, total = q.shape[-2], keys.shape[-2]
        scores = q @ np.swapaxes(keys, -1, -2) / np.sqrt(keys.shape[-2])  # (B, H, n, T + n)
        # new token i sits at position T + i and sees positions 0 … T + i: the cache and the new tokens up to itself
        allowed = np.tril(np.ones((n, total), dtype=bool), k=total - n)
        scores = np.where(allowed, scores, -np.inf)
        weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
        weights /= weights.sum(axis=-1, keepdims=True)
        return (weights @ values).astype(q.dtype), keys, values

    return decode_step(q, k_new, v_new, k_cache, v_cache)


def row_max_before_mask(q, k_new, v_new, k_cache, v_cache):
    """You took the row max before masking: a masked future score of +1000 becomes the max, every allowed weight
    underflows to 0, and 0/0 gives NaN."""
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
        top = scores.max(axis=-1, keepdims=True)
        scores = np.where(allowed, scores, -np.inf)
        weights = np.exp(scores - top)
        weights /= weights.sum(axis=-1, keepdims=True)
        return (weights @ values).astype(q.dtype), keys, values

    return decode_step(q, k_new, v_new, k_cache, v_cache)
