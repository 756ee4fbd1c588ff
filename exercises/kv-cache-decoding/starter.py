import numpy as np


def decode_step(q, k_new, v_new, k_cache, v_cache):
    """One decoding step with a key/value cache.

    q, k_new (B, H, n, d), v_new (B, H, n, dv): the n new tokens; k_cache (B, H, T, d), v_cache (B, H, T, dv).
    Returns (output (B, H, n, dv), k_cache (B, H, T + n, d), v_cache (B, H, T + n, dv)).
    """
    raise NotImplementedError
