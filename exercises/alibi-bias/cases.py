"""Hidden cases for alibi_bias.

Oracles, both written here independently of reference.py and asserted to agree:
- the slopes by the recursion published with the ALiBi paper (get_slopes in ofirpress/attention_with_linear_biases);
- the slopes by BLOOM's closed form (build_alibi_tensor in Hugging Face transformers), evaluated in float64 with torch;
and the bias straight from the definition, one entry at a time.
"""

import math

import numpy as np
import torch

from prep.drills.cases import Case, allclose


def _paper_slopes(n: int) -> list[float]:
    def power_of_2(n: int) -> list[float]:
        start = 2 ** (-(2 ** -(math.log2(n) - 3)))
        ratio = start
        return [start * ratio**i for i in range(n)]

    if math.log2(n).is_integer():
        return power_of_2(n)
    closest = 2 ** math.floor(math.log2(n))
    return power_of_2(closest) + _paper_slopes(2 * closest)[0::2][: n - closest]


def _bloom_slopes(n: int) -> np.ndarray:
    closest = 2 ** math.floor(math.log2(n))
    base = torch.tensor(2 ** (-(2 ** -(math.log2(closest) - 3))), dtype=torch.float64)
    slopes = torch.pow(base, torch.arange(1, 1 + closest, dtype=torch.float64))
    if closest != n:
        extra_base = torch.tensor(2 ** (-(2 ** -(math.log2(2 * closest) - 3))), dtype=torch.float64)
        remaining = min(closest, n - closest)
        slopes = torch.cat([slopes, torch.pow(extra_base, torch.arange(1, 1 + 2 * remaining, 2, dtype=torch.float64))])
    return slopes.numpy()


def _oracle(n_heads: int, seq_len: int, causal: bool) -> tuple[np.ndarray, np.ndarray]:
    slopes = np.array(_paper_slopes(n_heads), dtype=np.float64)
    assert np.allclose(slopes, _bloom_slopes(n_heads), rtol=1e-13, atol=0), n_heads
    bias = np.empty((n_heads, seq_len, seq_len), dtype=np.float64)
    for h in range(n_heads):
        for i in range(seq_len):
            for j in range(seq_len):
                bias[h, i, j] = -np.inf if causal and j > i else -slopes[h] * abs(i - j)
    return slopes, bias


def _case(name: str, n_heads: int, seq_len: int, causal: bool | None = None) -> Case:
    expected = _oracle(n_heads, seq_len, True if causal is None else causal)
    kwargs = {} if causal is None else {"causal": causal}
    return Case(name, (n_heads, seq_len), expected, allclose(rtol=1e-9, atol=1e-12, dtype=True, names=("slopes", "bias")), kwargs)


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    n_heads = int(rng.integers(1, 130)) if rng.random() < 0.5 else int(rng.integers(1, 17))
    kwargs = {"causal": bool(rng.random() < 0.5)} if rng.random() < 0.7 else {}
    return (n_heads, int(rng.integers(1, 9))), kwargs


PROMISES = {
    "`n_heads ≥ 1`, `seq_len ≥ 1`: Python ints.": ["1 head: slope 2^-8", "seq_len = 1: a single zero per head"],
    "Any number of heads, not only powers of two.": ["5 heads: one extra slope", "7 heads: three extra slopes",
                                                     "12 heads", "40 heads", "112 heads, as in BLOOM-176B"],
    "if `n` is a power of two, head `h = 0 … n − 1` gets": ["2 heads", "4 heads", "16 heads"],
    "For 8 heads: `1/2, 1/4, …, 1/256`.": ["8 heads (a power of two): slopes 1/2 ... 1/256"],
    "otherwise let `n₀` be the largest power of two below `n`.": ["15 heads (2^4 - 1)", "24 heads (16 + 8)"],
    "The first `n₀` heads get the slopes for `n₀` heads": ["hand-checked: the worked example, 3 heads",
                                                          "7 heads: three extra slopes"],
    "For 6 heads: the 4 slopes of `n = 4`": ["6 heads: 4 slopes of n=4, then slopes 0 and 2 of n=8"],
    "Bias of shape `(n_heads, seq_len, seq_len)`": ["hand-checked: the worked example, 3 heads",
                                                    "a longer sequence: seq_len = 33"],
    "`causal=True` (a decoder such as BLOOM)": ["causal=True given explicitly: -inf above the diagonal",
                                               "hand-checked: the worked example, 3 heads"],
    "`causal=False`: no `−inf` anywhere": ["causal=False: -m|i - j| on both sides, no -inf",
                                          "hand-checked: non-causal, 1 head"],
    "Returns `(slopes, bias)`": ["hand-checked: the worked example, 3 heads"],
    "The inputs are yours to read, not to change": ["hand-checked: the worked example, 3 heads"],
}
NOT_CASES = {"Slopes (the paper's rule, as in BLOOM's code):": "a heading: the rules under it are mapped",
             "A library ALiBi": "refused before and while the code runs (prep.drills.forbidden)"}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(seed)
    out = [
        _case("hand-checked: the worked example, 3 heads", 3, 3),
        _case("hand-checked: non-causal, 1 head", 1, 2, causal=False),
        _case("8 heads (a power of two): slopes 1/2 ... 1/256", 8, 5),
        _case("1 head: slope 2^-8", 1, 4),
        _case("2 heads", 2, 3),
        _case("4 heads", 4, 4),
        _case("16 heads", 16, 3),
        _case("6 heads: 4 slopes of n=4, then slopes 0 and 2 of n=8", 6, 4),
        _case("5 heads: one extra slope", 5, 3),
        _case("7 heads: three extra slopes", 7, 2),
        _case("12 heads", 12, 3),
        _case("15 heads (2^4 - 1)", 15, 2),
        _case("24 heads (16 + 8)", 24, 2),
        _case("40 heads", 40, 2),
        _case("112 heads, as in BLOOM-176B", 112, 2),
        _case("seq_len = 1: a single zero per head", 6, 1),
        _case("causal=True given explicitly: -inf above the diagonal", 4, 6, causal=True),
        _case("causal=False: -m|i - j| on both sides, no -inf", 6, 5, causal=False),
        _case("a longer sequence: seq_len = 33", 2, 33),
    ]
    for i in range(5):
        args, kwargs = random_input(rng)
        out.append(_case(f"random {i + 1}: n_heads={args[0]}, seq_len={args[1]}, {kwargs or 'causal by default'}", *args, **kwargs))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
