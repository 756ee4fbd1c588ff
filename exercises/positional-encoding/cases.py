"""Hidden cases for positional-encoding.

Oracle: torch in float64 with the exp/log formulation (as in the PyTorch tutorials):
frequency = exp(2i · (-ln 10000 / d_model)), sines in the even columns, cosines in the odd
ones. Plus values known by hand: PE[0] = [0, 1, 0, 1, …] and d_model = 4, where
10000^(2/4) = 100.
"""

import math

import numpy as np
import torch

from prep.drills.cases import Case, kind_of


def _same_table(case: Case, got) -> str | None:
    """float64, the expected shape, and close everywhere; the reason names the first wrong cell."""
    try:
        have = np.asarray(got)
    except (TypeError, ValueError):
        return f"returned {kind_of(got)}, not an array"
    want = case.expected
    if have.shape != want.shape:
        return f"shape {have.shape}, expected {want.shape}"
    if have.dtype != np.float64:
        return f"dtype {have.dtype}, expected float64"
    close = np.isclose(have, want, rtol=1e-7, atol=1e-9)
    if not close.all():
        pos, column = (int(x) for x in np.argwhere(~close)[0])
        return (f"{int((~close).sum())} wrong values; first: position {pos}, column {column}:"
                f" expected {want[pos, column]:.8g}, got {have[pos, column]:.8g}")
    return None


CHECK = _same_table


def _oracle(seq_len: int, d_model: int) -> np.ndarray:
    position = torch.arange(seq_len, dtype=torch.float64).unsqueeze(1)
    frequency = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float64) * (-math.log(10000.0) / d_model))
    pe = torch.zeros(seq_len, d_model, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(position * frequency)
    pe[:, 1::2] = torch.cos(position * frequency[: d_model // 2])
    return pe.numpy()


def _case(name: str, seq_len: int, d_model: int, known: np.ndarray | None = None) -> Case:
    expected = _oracle(seq_len, d_model)
    if known is not None:  # hand-computed values must agree with the oracle
        assert np.allclose(expected, known, rtol=0, atol=1e-12), name
    return Case(name, (seq_len, d_model), expected, CHECK)


PROMISES = {
    "`seq_len ≥ 1` positions": ["a single position, d_model 3", "d_model 1: a single sin column",
                                "1024 positions, d_model 128"],
    "`i` is the pair index": ["hand-checked: d_model 4, columns 2 and 3 use pos / 100", "d_model 2: sin(pos) and cos(pos)"],
    "An odd `d_model` has one unpaired last column": ["hand-checked: odd d_model 5, the last column is a sin",
                                                      "odd d_model 7, 10 positions"],
    "`d_model` in the exponent is always the real `d_model`, odd or not.": [
        "hand-checked: odd d_model 5, the last column is a sin"],
    "Returns a `(seq_len, d_model)` array of float64": ["50 positions, d_model 16", "100 positions, d_model 6"],
    "So `PE[0] = [0, 1, 0, 1, …]`.": ["position 0 is [0, 1, 0, 1, ...]"],
    "The inputs are yours to read, not to change": ["position 0 is [0, 1, 0, 1, ...]"],
}
NOT_CASES: dict[str, str] = {}

def cases(seed: int = 20261205) -> list[Case]:
    rng = np.random.default_rng(20261205)  # the fixed cases: the same inputs every attempt
    position_0 = np.array([[0.0, 1.0] * 4])
    by_hand = np.array([[math.sin(p), math.cos(p), math.sin(p / 100), math.cos(p / 100)] for p in range(3)])
    odd = np.array([[math.sin(p), math.cos(p), math.sin(p / 10000 ** 0.4), math.cos(p / 10000 ** 0.4),
                     math.sin(p / 10000 ** 0.8)] for p in range(4)])
    out = [
        _case("position 0 is [0, 1, 0, 1, ...]", 1, 8, position_0),
        _case("hand-checked: d_model 4, columns 2 and 3 use pos / 100", 3, 4, by_hand),
        _case("hand-checked: odd d_model 5, the last column is a sin", 4, 5, odd),
        _case("d_model 2: sin(pos) and cos(pos)", 6, 2),
        _case("d_model 1: a single sin column", 5, 1),
        _case("odd d_model 7, 10 positions", 10, 7),
        _case("50 positions, d_model 16", 50, 16),
        _case("a single position, d_model 3", 1, 3),
        _case("100 positions, d_model 6", 100, 6),
        _case("1024 positions, d_model 128", 1024, 128),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(2):
        seq_len, d_model = int(rng.integers(1, 200)), int(rng.integers(1, 65))
        out.append(_case(f"random {i + 1}: {seq_len} positions, d_model {d_model}", seq_len, d_model))
    return out


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): odd and even d_model, from one position."""
    return (int(rng.integers(1, 30)), int(rng.integers(1, 14))), {}
