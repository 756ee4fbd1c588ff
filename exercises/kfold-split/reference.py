import numpy as np


def kfold_indices(n: int, k: int, shuffle: bool = False, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) index arrays for each of k folds, as sklearn.model_selection.KFold splits range(n)."""
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    # The first n % k folds get one sample more: fold sizes differ by at most one.
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    folds = []
    start = 0
    for size in sizes:
        in_test = np.zeros(n, dtype=bool)
        in_test[order[start:start + size]] = True  # a contiguous slice of the (possibly shuffled) order
        start += size
        # Both arrays come out sorted, because they are read off a boolean mask over range(n).
        folds.append((np.flatnonzero(~in_test), np.flatnonzero(in_test)))
    return folds
