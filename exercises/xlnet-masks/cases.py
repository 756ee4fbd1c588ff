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


PROMISES = {
    "the content stream `h`: position `z_t` sees the content of `z_1 … z_t` — itself included;": [
        "hand-checked: the worked example [2, 0, 3, 1], a list", "n = 1: content [[True]], query [[False]]"],
    "the query stream `g`: position `z_t` sees `z_1 … z_{t−1}` only": [
        "hand-checked: the worked example [2, 0, 3, 1], a list", "n = 1: content [[True]], query [[False]]"],
    "`order`: the factorisation order": ["an order that is not its own inverse: [1, 2, 0]",
                                         "a cycle of length 6: order and inverse differ everywhere"],
    "Either a 1-D integer array (or list) that is a permutation": [
        "hand-checked: the worked example [2, 0, 3, 1], a list", "a batch of three orders, (3, 5)",
        "a batch of one order, (1, 4)", "int32 order", "the order a view: every other entry of a longer array",
        "a batch of orders given as a column-major view"],
    "Returns `(content_mask, query_mask)`": ["a batch of three orders, (3, 5)", "a batch of one order, (1, 4)"],
    "Row `i` is the attending position `i`, column `j` the attended position `j`": [
        "an order that is not its own inverse: [1, 2, 0]", "a cycle of length 6: order and inverse differ everywhere"],
    "`content_mask[i, j]` is `True` iff `j` comes at or before `i` in the order;": ["n = 2, swapped",
                                                                                  "a longer random order (n = 12)"],
    "`query_mask[i, j]` is `True` iff `j` comes strictly before `i` in the order.": ["n = 2, swapped",
                                                                                    "a longer random order (n = 12)"],
    "So the diagonal is all `True` in the content mask": ["reversed order: the upper triangle"],
    "With the identity order `[0, 1, …]` the content mask is the ordinary causal": [
        "identity order: content is the causal lower triangle"],
    "Both must have dtype `bool` (NumPy or torch).": ["identity order: content is the causal lower triangle"],
    "The inputs are yours to read, not to change": ["hand-checked: the worked example [2, 0, 3, 1], a list",
                                                    "the order a view: every other entry of a longer array"],
}
NOT_CASES: dict[str, str] = {}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(20261128)  # the hand-made cases: the same inputs under every seed
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
        _case("the order a view: every other entry of a longer array", np.array([2, 9, 0, 9, 3, 9, 1, 9])[::2]),
        _case("a batch of orders given as a column-major view", np.asfortranarray(np.array([[1, 0, 2], [2, 1, 0]]))),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(5):
        args, _ = random_input(rng)
        out.append(_case(f"random {i + 1}: order {np.asarray(args[0]).tolist()}", *args))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
