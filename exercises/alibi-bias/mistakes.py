"""Known mistakes in alibi-bias: wrong solutions people really write, one function each.

Each takes the arguments of `alibi_bias` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def power_of_two_rule_for_every_n(n_heads: int, seq_len: int, causal: bool=True):
    """You used 2^(-8(h+1)/n) for every n: that is right for 8 heads, but wrong for 6, 12 or BLOOM's 112, where the
    n₀ rule applies."""
    import math

    import numpy as np


    def _power_of_two_slopes(n: int) -> list[float]:
        """The geometric sequence 2^(-8/n), 2^(-16/n), ..., 2^(-8)."""
        return [2.0 ** (-8.0 * (h + 1) / n) for h in range(n)]


    def alibi_bias(n_heads: int, seq_len: int, causal: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """ALiBi: per-head slopes m (n_heads,) and the bias -m·(i - j) added to the scores (n_heads, seq_len, seq_len)."""
        closest = n_heads  # the largest power of two ≤ n_heads
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

    return alibi_bias(n_heads, seq_len, causal)


def odd_indices_of_the_longer_sequence(n_heads: int, seq_len: int, causal: bool=True):
    """You filled the extra heads with slopes 1, 3, 5, … of the 2·n₀ sequence: the paper takes slopes 0, 2, 4, … of
    it."""
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
            slopes += _power_of_two_slopes(2 * closest)[1::2][: n_heads - closest]
        m = np.array(slopes, dtype=np.float64)
        i = np.arange(seq_len)[:, None]  # query position
        j = np.arange(seq_len)[None, :]  # key position
        distance = np.abs(i - j).astype(np.float64)
        bias = 0.0 - m[:, None, None] * distance  # 0.0 - …: the diagonal is 0.0, not -0.0
        if causal:
            bias = np.where(j > i, -np.inf, bias)  # a query never sees a later key
        return m, bias

    return alibi_bias(n_heads, seq_len, causal)


def extra_slopes_first(n_heads: int, seq_len: int, causal: bool=True):
    """You put the extra heads' slopes before the n₀ power-of-two ones: the first n₀ heads get the slopes for n₀
    heads, the extra ones come after."""
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
            slopes = _power_of_two_slopes(2 * closest)[0::2][: n_heads - closest] + slopes
        m = np.array(slopes, dtype=np.float64)
        i = np.arange(seq_len)[:, None]  # query position
        j = np.arange(seq_len)[None, :]  # key position
        distance = np.abs(i - j).astype(np.float64)
        bias = 0.0 - m[:, None, None] * distance  # 0.0 - …: the diagonal is 0.0, not -0.0
        if causal:
            bias = np.where(j > i, -np.inf, bias)  # a query never sees a later key
        return m, bias

    return alibi_bias(n_heads, seq_len, causal)


def first_slope_is_one(n_heads: int, seq_len: int, causal: bool=True):
    """You counted heads from h = 0 in the exponent: head 0 gets slope 2^0 = 1, and every head takes the slope meant
    for the one before it."""
    import math

    import numpy as np


    def _power_of_two_slopes(n: int) -> list[float]:
        """The geometric sequence 2^(-8/n), 2^(-16/n), ..., 2^(-8)."""
        return [2.0 ** (-8.0 * h / n) for h in range(n)]


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

    return alibi_bias(n_heads, seq_len, causal)


def bias_with_the_wrong_sign(n_heads: int, seq_len: int, causal: bool=True):
    """You added +m·|i − j| instead of subtracting it: farther keys get more attention, not less."""
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
        bias = m[:, None, None] * distance  # 0.0 - …: the diagonal is 0.0, not -0.0
        if causal:
            bias = np.where(j > i, -np.inf, bias)  # a query never sees a later key
        return m, bias

    return alibi_bias(n_heads, seq_len, causal)


def no_causal_mask(n_heads: int, seq_len: int, causal: bool=True):
    """You left out the -inf above the diagonal: with causal=True a decoder query would see the future."""
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
        if False:
            bias = np.where(j > i, -np.inf, bias)  # a query never sees a later key
        return m, bias

    return alibi_bias(n_heads, seq_len, causal)


def large_negative_instead_of_inf(n_heads: int, seq_len: int, causal: bool=True):
    """You masked future keys with -1e9 instead of -inf: the bias above the diagonal must be exactly -inf, which no
    finite number is."""
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
            bias = np.where(j > i, -1e9, bias)  # a query never sees a later key
        return m, bias

    return alibi_bias(n_heads, seq_len, causal)


def signed_distance(n_heads: int, seq_len: int, causal: bool=True):
    """You used i − j without the absolute value: right below the diagonal, but with causal=False the keys after the
    query get a bonus instead of a penalty."""
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
        distance = (i - j).astype(np.float64)
        bias = 0.0 - m[:, None, None] * distance  # 0.0 - …: the diagonal is 0.0, not -0.0
        if causal:
            bias = np.where(j > i, -np.inf, bias)  # a query never sees a later key
        return m, bias

    return alibi_bias(n_heads, seq_len, causal)


def geometric_for_any_n_torch(n_heads: int, seq_len: int, causal: bool=True):
    """You used the geometric sequence 2^(-8k/n) for any n, without the n₀ rule: the slopes are wrong whenever n is
    not a power of two."""
    # torch: the geometric sequence 2^(-8/n)·k for any n (no n₀ rule), and a causal mask from torch.triu.
    import torch


    def alibi_bias(n_heads, seq_len, causal=True):
        slopes = torch.tensor([2.0 ** (-8.0 * (h + 1) / n_heads) for h in range(n_heads)], dtype=torch.float64)
        pos = torch.arange(seq_len)
        distance = (pos[:, None] - pos[None, :]).abs().double()
        bias = -slopes[:, None, None] * distance
        if causal:
            future = torch.triu(torch.ones(seq_len, seq_len, dtype=torch.bool), diagonal=1)
            bias = bias.masked_fill(future, float("-inf"))
        return slopes, bias

    return alibi_bias(n_heads, seq_len, causal)
