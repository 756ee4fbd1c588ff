"""Hidden cases for disentangled_scores.

Oracle: the disentangled attention formula of the DeBERTa paper (section 3.1), one (i, j) at a time
with plain dot products, written here independently of reference.py; δ straight from its three-case
definition.
"""

import itertools

import numpy as np

from prep.drills.cases import Case, allclose


def _delta(i: int, j: int, k: int) -> int:
    if i - j <= -k:
        return 0
    if i - j >= k:
        return 2 * k - 1
    return i - j + k


def _oracle(qc, kc, qr, kr, k) -> np.ndarray:
    n, d = qc.shape[-2], qc.shape[-1]
    lead = qc.shape[:-2]
    out = np.zeros((*lead, n, n))
    for index in itertools.product(*(range(s) for s in lead)):
        q_table = qr if qr.ndim == 2 else qr[index]
        k_table = kr if kr.ndim == 2 else kr[index]
        for i in range(n):
            for j in range(n):
                c2c = float(np.dot(qc[index][i], kc[index][j]))
                c2p = float(np.dot(qc[index][i], k_table[_delta(i, j, k)]))
                p2c = float(np.dot(kc[index][j], q_table[_delta(j, i, k)]))
                out[index][i, j] = (c2c + c2p + p2c) / np.sqrt(3 * d)
    return out


def _case(name: str, qc, kc, qr, kr, k: int) -> Case:
    return Case(name, (qc, kc, qr, kr, k), _oracle(qc, kc, qr, kr, k), allclose(rtol=1e-9, atol=1e-11))


def _draw(rng: np.random.Generator, lead: tuple[int, ...], n: int, d: int, k: int, per_head: bool = False, scale: float = 1.0):
    table = (*lead, 2 * k, d) if per_head else (2 * k, d)
    return (rng.normal(scale=scale, size=(*lead, n, d)), rng.normal(scale=scale, size=(*lead, n, d)),
            rng.normal(size=table), rng.normal(size=table))


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    lead = tuple(int(s) for s in rng.integers(1, 4, size=rng.integers(0, 3)))
    n, d, k = int(rng.integers(1, 8)), int(rng.integers(1, 6)), int(rng.integers(1, 6))
    return (*_draw(rng, lead, n, d, k, per_head=bool(rng.random() < 0.4), scale=10.0 ** rng.integers(-1, 2)), k), {}


PROMISES = {
    "`qc`, `kc`: content queries and keys": ["hand-checked: the worked example (n=3, k=2)", "d=1",
                                             "n=1: a single score, δ(0, 0) = k"],
    "Query `i` and key `j` are positions `i` and `j` of the same sequence.": [
        "each table row tagged by its index: which δ each term uses"],
    "`qr`, `kr`: the projected relative-position table": ["batch x heads (2, 3), one table shared",
                                                           "batch x heads (2, 3), one table per head",
                                                           "one table per head, no batch (4 heads)"],
    "Row `r` belongs to the clipped distance `δ = r`.": ["each table row tagged by its index: which δ each term uses"],
    "`k ≥ 1`: the maximum relative distance, a Python int.": ["k=1: two buckets, 0 for j > i and 1 for j ≤ i"],
    "It may be larger than `n`": ["k larger than n: nothing clipped"],
    "Content-to-position indexes the key table by `δ(i, j)`": ["position-to-content uses δ(j, i), not δ(i, j)"],
    "(The released code of Microsoft and of Hugging Face": ["position-to-content uses δ(j, i), not δ(i, j)"],
    "The clipping is not symmetric": ["clipping on both sides: n=9, k=3", "k=1: two buckets, 0 for j > i and 1 for j ≤ i"],
    "Returns the float64 array `(..., n, n)` of `Ã / √(3d)`": ["scale 1/√(3d) with d=16",
                                                              "content of scale 100 with small position vectors",
                                                              "content of scale 0.01: the position terms dominate"],
    "The inputs are yours to read, not to change": ["hand-checked: the worked example (n=3, k=2)"],
}
NOT_CASES = {"NumPy or torch are both fine.": "a freedom, not a promise"}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(20261128)  # the hand-made cases: the same inputs under every seed
    worked = (np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 2.0]]),
              np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0], [2.0, 0.0]]),
              np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 3.0]]))
    # Position-only: zero content, so only the position terms speak; a distinct value per table row.
    n, k = 6, 2
    rows = np.arange(1.0, 2 * k + 1)[:, None]
    only_positions = (np.ones((n, 1)), np.ones((n, 1)) * 10.0, rows * 100.0, rows)
    out = [
        _case("hand-checked: the worked example (n=3, k=2)", *worked, 2),
        _case("each table row tagged by its index: which δ each term uses", *only_positions, k),
        _case("position-to-content uses δ(j, i), not δ(i, j)", *_draw(rng, (), 5, 3, 3), 3),
        _case("k=1: two buckets, 0 for j > i and 1 for j ≤ i", *_draw(rng, (), 4, 3, 1), 1),
        _case("clipping on both sides: n=9, k=3", *_draw(rng, (), 9, 4, 3), 3),
        _case("k larger than n: nothing clipped", *_draw(rng, (), 4, 2, 7), 7),
        _case("n=1: a single score, δ(0, 0) = k", *_draw(rng, (), 1, 4, 2), 2),
        _case("scale 1/√(3d) with d=16", *_draw(rng, (), 4, 16, 2), 2),
        _case("d=1", *_draw(rng, (), 5, 1, 2), 2),
        _case("batch x heads (2, 3), one table shared", *_draw(rng, (2, 3), 5, 4, 2), 2),
        _case("batch x heads (2, 3), one table per head", *_draw(rng, (2, 3), 5, 4, 2, per_head=True), 2),
        _case("one table per head, no batch (4 heads)", *_draw(rng, (4,), 6, 2, 3, per_head=True), 3),
        _case("content of scale 100 with small position vectors", *_draw(rng, (), 5, 3, 2, scale=100.0), 2),
        _case("content of scale 0.01: the position terms dominate", *_draw(rng, (2,), 5, 3, 2, scale=0.01), 2),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(5):
        args, _ = random_input(rng)
        out.append(_case(f"random {i + 1}: qc {args[0].shape}, table {args[2].shape}, k={args[4]}", *args))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
