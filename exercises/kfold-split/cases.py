"""Hidden cases for k-fold splits. Oracle: the rule of sklearn.model_selection.KFold's documentation
("the first n_samples % n_splits folds have size n_samples // n_splits + 1, other folds have size
n_samples // n_splits"; test folds are consecutive slices of the (shuffled) indices), written here
with plain Python sets and sorting, plus hand-written answers for small splits."""

import numpy as np

from prep.drills.cases import Case, kind_of


def _oracle(n: int, k: int, shuffle: bool, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    order = [int(i) for i in np.random.default_rng(seed).permutation(n)] if shuffle else list(range(n))
    base, extra = divmod(n, k)
    folds = []
    for i in range(k):
        start = i * base + min(i, extra)
        stop = start + base + (1 if i < extra else 0)
        test = sorted(order[start:stop])
        train = sorted(set(range(n)) - set(test))
        folds.append((np.array(train, dtype=np.int64), np.array(test, dtype=np.int64)))
    return folds


def _as_indices(value) -> tuple[np.ndarray | None, str | None]:
    array = np.asarray(value)
    if array.ndim != 1:
        return None, f"an array of shape {array.shape}, expected 1-D"
    if array.size and not np.issubdtype(array.dtype, np.integer):
        return None, f"dtype {array.dtype}, expected integer indices"
    return array.astype(np.int64), None


def _show(indices: np.ndarray) -> str:
    text = np.array2string(indices, separator=", ", threshold=12, edgeitems=4)
    return text if len(text) < 80 else text[:77] + "..."


def _check(case: Case, got) -> str | None:
    expected = case.expected
    if not isinstance(got, (list, tuple)):
        return f"returned {kind_of(got)}, expected a list of (train, test) pairs"
    if len(got) != len(expected):
        return f"{len(got)} folds, expected {len(expected)}"
    for i, (pair, (want_train, want_test)) in enumerate(zip(got, expected)):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            return f"fold {i} is not a (train, test) pair"
        for name, value, want in (("test", pair[1], want_test), ("train", pair[0], want_train)):
            have, problem = _as_indices(value)
            if problem:
                return f"fold {i}: {name} is {problem}"
            if not np.array_equal(have, want):
                hint = ""
                if np.array_equal(np.sort(have), want):
                    hint = " (the right indices, but not sorted)"
                elif name == "train" and np.intersect1d(have, want_test).size:
                    hint = " (it contains test indices)"
                return f"fold {i}: {name} = {_show(have)}, expected {_show(want)}{hint}"
    return None


def _case(name: str, n: int, k: int, shuffle: bool = False, seed: int = 0, tests=None) -> Case:
    expected = _oracle(n, k, shuffle, seed)
    if tests is not None:  # hand-written test folds
        assert [t.tolist() for _, t in expected] == tests, name
    return Case(name, (n, k, shuffle, seed), expected, _check)


PROMISES = {
    "`n ≥ 1` samples, numbered `0 … n-1`; `1 ≤ k ≤ n` folds": [
        "n=1, k=1", "k == n: leave-one-out", "k=1: one fold, everything is test, train is empty"],
    "Fold sizes: the first `n % k` folds have `n // k + 1` samples": [
        "n=11, k=4: the first 3 folds get the extra samples", "n=1000, k=7: 142 or 143 per fold"],
    "For `n = 10, k = 3`: 4, 3, 3.": ["n=10, k=3: test folds of 4, 3, 3"],
    "Order: without shuffling, the order is `0, 1, …, n-1`": [
        "n=12, k=4: equal folds of 3", "shuffle=True, n=10, k=3, seed=0", "shuffle=True, n=500, k=10, seed=2026"],
    "`seed` is ignored when `shuffle=False`.": ["shuffle=False ignores the seed"],
    "Test fold `i` is the next `size_i` entries of that order": ["n=7, k=2", "shuffle=True, n=23, k=5, seed=42: test folds sorted"],
    "The train set of fold `i` is every index not in test fold `i`.": ["n=10, k=3: test folds of 4, 3, 3"],
    "Return a list of `k` pairs `(train, test)`, in fold order.": ["n=11, k=4: the first 3 folds get the extra samples"],
    "Both are 1-D integer arrays sorted in increasing order": ["shuffle=True, n=23, k=5, seed=42: test folds sorted",
                                                              "shuffle=True with k == n: one shuffled index per fold"],
    "An empty train set is an empty array.": ["k=1: one fold, everything is test, train is empty"],
    "The inputs are yours to read, not to change": ["n=10, k=3: test folds of 4, 3, 3"],
}
NOT_CASES: dict[str, str] = {}


def cases(seed: int = 20261127) -> list[Case]:
    rng = np.random.default_rng(seed)  # the random inputs of this attempt
    out = [
        _case("n=10, k=3: test folds of 4, 3, 3", 10, 3, tests=[[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]),
        _case("n=12, k=4: equal folds of 3", 12, 4, tests=[[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]]),
        _case("n=11, k=4: the first 3 folds get the extra samples", 11, 4,
              tests=[[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10]]),
        _case("n=7, k=2", 7, 2, tests=[[0, 1, 2, 3], [4, 5, 6]]),
        _case("k == n: leave-one-out", 5, 5, tests=[[0], [1], [2], [3], [4]]),
        _case("k=1: one fold, everything is test, train is empty", 4, 1, tests=[[0, 1, 2, 3]]),
        _case("n=1, k=1", 1, 1, tests=[[0]]),
        _case("shuffle=False ignores the seed", 9, 3, seed=123, tests=[[0, 1, 2], [3, 4, 5], [6, 7, 8]]),
        _case("n=1000, k=7: 142 or 143 per fold", 1000, 7),
        _case("shuffle=True, n=10, k=3, seed=0", 10, 3, shuffle=True, seed=0),
        _case("shuffle=True, n=23, k=5, seed=42: test folds sorted", 23, 5, shuffle=True, seed=42),
        _case("shuffle=True with k == n: one shuffled index per fold", 6, 6, shuffle=True, seed=7),
        _case("shuffle=True, n=500, k=10, seed=2026", 500, 10, shuffle=True, seed=2026),
    ]
    for i in range(4):  # random sizes, shuffled or not, random shuffle seeds
        n = int(rng.integers(2, 200))
        k, shuffle, shuffle_seed = int(rng.integers(2, min(n, 12) + 1)), bool(i % 2), int(rng.integers(0, 10_000))
        out.append(_case(f"random {i + 1}: n={n}, k={k}, shuffle={shuffle}, seed={shuffle_seed}", n, k, shuffle=shuffle,
                         seed=shuffle_seed))
    return out


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): 1 <= k <= n, shuffled or not, any seed."""
    n = int(rng.integers(1, 30))
    return (n, int(rng.integers(1, n + 1)), bool(rng.random() < 0.5), int(rng.integers(0, 1000))), {}
