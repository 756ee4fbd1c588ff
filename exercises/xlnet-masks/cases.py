"""Hidden cases for permutation_masks.

Oracle: the two streams straight from the XLNet paper, step by step: at step t, position z_t's
content stream sees z_1 … z_t and its query stream z_1 … z_{t-1}. Written here independently of
reference.py (no inverse permutation).
"""

import numpy as np

from prep.drills.cases import Case


def _streams(order: list[int]) -> tuple[np.ndarray, np.ndarray]:
    n = len(order)
    content = np.zeros((n, n), dtype=bool)
    query = np.zeros((n, n), dtype=bool)
    for t, position in enumerate(order):
        for s in range(t + 1):
            content[position, order[s]] = True
            if s < t:
                query[position, order[s]] = True
    return content, query


def _oracle(order) -> tuple[np.ndarray, np.ndarray]:
    array = np.asarray(order)
    if array.ndim == 1:
        return _streams([int(p) for p in array])
    pairs = [_streams([int(p) for p in row]) for row in array]
    return np.stack([c for c, _ in pairs]), np.stack([q for _, q in pairs])


def _check(case: Case, got) -> str | None:
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return f"return a tuple (content_mask, query_mask), not {type(got).__name__}"
    for label, want, have in zip(("content_mask", "query_mask"), case.expected, got):
        if not isinstance(have, np.ndarray):
            return f"{label}: returned {type(have).__name__}, expected a boolean array"
        if have.shape != want.shape:
            return f"{label}: shape {have.shape}, expected {want.shape}"
        if have.dtype != np.bool_:
            return f"{label}: dtype {have.dtype}, expected bool"
        wrong = np.argwhere(have != want)
        if len(wrong):
            where = tuple(int(i) for i in wrong[0])
            return f"{label}: wrong at index {where}: expected {bool(want[where])}, got {bool(have[where])}"
    return None


def _case(name: str, order) -> Case:
    return Case(name, (order,), _oracle(order), _check)


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    n = int(rng.integers(1, 9))
    if rng.random() < 0.3:
        return (np.stack([rng.permutation(n) for _ in range(int(rng.integers(1, 4)))]),), {}
    order = rng.permutation(n)
    return ((order.tolist() if rng.random() < 0.3 else order),), {}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(seed)
    out = [
        _case("hand-checked: the worked example [2, 0, 3, 1], a list", [2, 0, 3, 1]),
        _case("identity order: content is the causal lower triangle", np.arange(5)),
        _case("reversed order: the upper triangle", np.arange(6)[::-1].copy()),
        _case("n = 1: content [[True]], query [[False]]", np.array([0])),
        _case("n = 2, swapped", np.array([1, 0])),
        _case("an order that is not its own inverse: [1, 2, 0]", np.array([1, 2, 0])),
        _case("a cycle of length 6: order and inverse differ everywhere", np.array([1, 2, 3, 4, 5, 0])),
        _case("a longer random order (n = 12)", rng.permutation(12)),
        _case("a batch of three orders, (3, 5)", np.stack([rng.permutation(5), np.arange(5), np.array([4, 2, 0, 1, 3])])),
        _case("a batch of one order, (1, 4)", np.array([[3, 1, 0, 2]])),
        _case("int32 order", np.array([3, 0, 2, 1], dtype=np.int32)),
    ]
    for i in range(5):
        args, _ = random_input(rng)
        out.append(_case(f"random {i + 1}: order {np.asarray(args[0]).tolist()}", *args))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
