"""Hidden cases for low-rank-attention.

Oracle: torch in float64 with the full matrix W = Uᵀ V (d1 × d2): scores s W h_i, torch.softmax
over the encoder states, context = weights @ H. Plus a hand-checked case.
"""

import numpy as np
import torch

from prep.drills.cases import Case, allclose

CHECK = allclose(rtol=1e-6, atol=1e-9, names=("weights", "context"))


def _case(name: str, s, H, U, V) -> Case:
    ts, tH, tU, tV = (torch.from_numpy(a) for a in (s, H, U, V))
    W = tU.T @ tV  # (d1, d2): the full multiplicative-attention matrix
    scores = ((ts @ W).unsqueeze(-2) @ tH.transpose(-1, -2)).squeeze(-2)  # s W h_i for every i
    weights = torch.softmax(scores, dim=-1)
    context = (weights.unsqueeze(-2) @ tH).squeeze(-2)
    return Case(name, (s, H, U, V), (weights.numpy(), context.numpy()), CHECK)


PROMISES = {
    "`s`: the decoder state, `(d1,)`; `H`: the encoder states": ["hand-checked: scores [0, 1, 2]",
                                                                 "a single encoder state gets weight 1"],
    "`U`: `(k, d1)`; `V`: `(k, d2)`.": ["square d1 = d2 = k = 4: U and V are not interchangeable"],
    "`k` is the rank and may be smaller or larger than `d1`, `d2`": [
        "d1 != d2 (3 and 5), rank 2", "rank 1", "rank larger than the dims (k=8, d1=3, d2=2)"],
    "Batched inputs": ["batch of 4 decoder states, each with its own 6 encoder states", "batched, square d1 = d2 = k = 3"],
    "`U` and `V` are shared.": ["batch of 4 decoder states, each with its own 6 encoder states"],
    "Returns `(weights, context)`": ["hand-checked: scores [0, 1, 2]", "U = 0: uniform weights, context = mean of H"],
    "Scores can be large (±1000)": ["scores of about +-1000 need a stable softmax",
                                    "batch items of very different scales: each softmax uses its own max"],
    "The inputs are yours to read, not to change": ["hand-checked: scores [0, 1, 2]"],
}
NOT_CASES = {"NumPy or torch, arrays or tensors back": "a freedom; the library attention is refused at the dispatcher"}

def cases(seed: int = 20261203) -> list[Case]:
    rng = np.random.default_rng(20261203)  # the fixed cases: the same inputs every attempt

    def inputs(*lead: int, n: int, d1: int, d2: int, k: int, scale: float = 1.0):
        return (rng.normal(size=(*lead, d1)), rng.normal(size=(*lead, n, d2)),
                rng.normal(scale=scale, size=(k, d1)), rng.normal(scale=scale, size=(k, d2)))

    hand_s, hand_H = np.array([1.0, 0.0]), np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 2.0, 0.0]])
    hand_U, hand_V = np.array([[1.0, 1.0]]), np.array([[0.0, 1.0, 0.0]])
    hand_weights = np.exp([0.0, 1.0, 2.0]) / np.exp([0.0, 1.0, 2.0]).sum()
    hand = Case("hand-checked: scores [0, 1, 2]", (hand_s, hand_H, hand_U, hand_V),
                (hand_weights, np.array([hand_weights[0], hand_weights[1] + 2 * hand_weights[2], 0.0])), CHECK)
    _, H_uniform, _, V_uniform = inputs(n=4, d1=3, d2=5, k=2)
    out = [
        hand,
        _case("d1 != d2 (3 and 5), rank 2", *inputs(n=4, d1=3, d2=5, k=2)),
        _case("square d1 = d2 = k = 4: U and V are not interchangeable", *inputs(n=5, d1=4, d2=4, k=4)),
        _case("rank 1", *inputs(n=6, d1=4, d2=3, k=1)),
        _case("rank larger than the dims (k=8, d1=3, d2=2)", *inputs(n=5, d1=3, d2=2, k=8)),
        _case("a single encoder state gets weight 1", *inputs(n=1, d1=3, d2=4, k=2)),
        _case("U = 0: uniform weights, context = mean of H", rng.normal(size=3), H_uniform, np.zeros((2, 3)), V_uniform),
        _case("batch of 4 decoder states, each with its own 6 encoder states", *inputs(4, n=6, d1=5, d2=3, k=2)),
        _case("batched, square d1 = d2 = k = 3", *inputs(3, n=4, d1=3, d2=3, k=3)),
        _case("scores of about +-1000 need a stable softmax", *inputs(2, n=5, d1=4, d2=4, k=3, scale=10.0)),
        # Each decoder state's softmax is shifted by its own max: one state's scores are ~1000, the
        # other's ~1, so a max over the whole batch makes the second one 0/0.
        _case("batch items of very different scales: each softmax uses its own max",
              np.array([[300.0, -200.0, 100.0], [0.01, 0.02, -0.01]]), rng.normal(size=(2, 4, 3)),
              rng.normal(scale=3.0, size=(2, 3)), rng.normal(scale=3.0, size=(2, 3))),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i, lead in enumerate([(), (2,), (2, 3)]):  # random sizes, unbatched and batched
        n, d1, d2, k = (int(x) for x in rng.integers(1, 7, size=4))
        out.append(_case(f"random {i + 1}: batch {lead}, n={n}, d1={d1}, d2={d2}, k={k}",
                         *inputs(*lead, n=n, d1=d1, d2=d2, k=k)))
    return out


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): any batch axes, ranks and sizes, large scores."""
    lead = tuple(int(n) for n in rng.integers(1, 4, size=rng.integers(0, 3)))
    n, d1, d2, k = (int(x) for x in rng.integers(1, 6, size=4))
    scale = 10.0 ** rng.uniform(-1, 1.3)
    s = rng.normal(size=(*lead, d1))
    if rng.random() < 0.4:  # decoder states of very different scales
        s = s * 10.0 ** rng.integers(-1, 3, size=(*lead, 1))
    return (s, rng.normal(size=(*lead, n, d2)),
            rng.normal(scale=scale, size=(k, d1)), rng.normal(scale=scale, size=(k, d2))), {}
