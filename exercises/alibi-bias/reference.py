import math

import numpy as np


def _power_of_two_slopes(n: int) -> list[float]:
    """The geometric sequence 2^(-8/n), 2^(-16/n), ..., 2^(-8)."""
    return [2.0 ** (-8.0 * (h + 1) / n) for h in range(n)]


def alibi_bias(n_heads: int, seq_len: int, causal: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """ALiBi: per-head slopes m (n_heads,) and the bias -m·(i - j) added to the scores (n_heads, seq_len, seq_len)."""
    closest = 2 ** int(math.floor(math.log2(n_heads)))  # the largest power of two ≤ n_heads
    slopes = _power_of_two_slopes(closest)
    if closest != n_heads:  # the rest: every other slope of the sequence for 2·closest heads
        slopes += _power_of_two_slopes(2 * closest)[0::2][: n_heads - closest]
    m = np.array(slopes, dtype=np.float64)
    i = np.arange(seq_len)[:, None]  # query position
    j = np.arange(seq_len)[None, :]  # key position
    distance = np.abs(i - j).astype(np.float64)
    bias = 0.0 - m[:, None, None] * distance  # 0.0 - …: the diagonal is 0.0, not -0.0
    if causal:
        bias = np.where(j > i, -np.inf, bias)  # a query never sees a later key
    return m, bias
