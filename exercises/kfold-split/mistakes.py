"""Known mistakes in kfold-split: wrong solutions people really write, one function each.

Each takes the arguments of `kfold_indices` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def drops_remainder(n: int, k: int, shuffle: bool=False, seed: int=0):
    """You gave every fold n // k samples: the n % k leftovers are never in any test fold."""
    import numpy as np


    def kfold_indices(n: int, k: int, shuffle: bool = False, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
        """(train, test) index arrays for each of k folds, as sklearn.model_selection.KFold splits range(n)."""
        order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
        # The first n % k folds get one sample more: fold sizes differ by at most one.
        sizes = np.full(k, n // k)
        folds = []
        start = 0
        for size in sizes:
            in_test = np.zeros(n, dtype=bool)
            in_test[order[start:start + size]] = True  # a contiguous slice of the (possibly shuffled) order
            start += size
            # Both arrays come out sorted, because they are read off a boolean mask over range(n).
            folds.append((np.flatnonzero(~in_test), np.flatnonzero(in_test)))
        return folds

    return kfold_indices(n, k, shuffle, seed)


def extra_in_last_fold(n: int, k: int, shuffle: bool=False, seed: int=0):
    """You put all n % k leftover samples into the last fold: that fold grows by n % k, while KFold gives one more
    to each of the first n % k folds."""
    import numpy as np


    def kfold_indices(n: int, k: int, shuffle: bool = False, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
        """(train, test) index arrays for each of k folds, as sklearn.model_selection.KFold splits range(n)."""
        order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
        # The first n % k folds get one sample more: fold sizes differ by at most one.
        sizes = np.full(k, n // k)
        sizes[-1] += n % k
        folds = []
        start = 0
        for size in sizes:
            in_test = np.zeros(n, dtype=bool)
            in_test[order[start:start + size]] = True  # a contiguous slice of the (possibly shuffled) order
            start += size
            # Both arrays come out sorted, because they are read off a boolean mask over range(n).
            folds.append((np.flatnonzero(~in_test), np.flatnonzero(in_test)))
        return folds

    return kfold_indices(n, k, shuffle, seed)


def legacy_global_rng(n: int, k: int, shuffle: bool=False, seed: int=0):
    """You shuffled with the legacy global generator (np.random.seed, then np.random.permutation): the same seed
    gives a different order than default_rng(seed)."""
    import numpy as np


    def kfold_indices(n: int, k: int, shuffle: bool = False, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
        """(train, test) index arrays for each of k folds, as sklearn.model_selection.KFold splits range(n)."""
        order = np.random.RandomState(seed).permutation(n) if shuffle else np.arange(n)
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

    return kfold_indices(n, k, shuffle, seed)


def shuffled_folds_not_sorted(n: int, k: int, shuffle: bool=False, seed: int=0):
    """You returned the slices of the permutation as they are: the indices are right, but test and train must each
    be sorted."""
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
            folds.append((np.concatenate([order[:start - size], order[start:]]), order[start - size:start]))
        return folds

    return kfold_indices(n, k, shuffle, seed)


def train_includes_test(n: int, k: int, shuffle: bool=False, seed: int=0):
    """You used all n indices as the training set of every fold: the test fold leaks into training."""
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
            folds.append((np.arange(n), np.flatnonzero(in_test)))
        return folds

    return kfold_indices(n, k, shuffle, seed)


def extra_samples_to_the_last_folds(n: int, k: int, shuffle: bool=False, seed: int=0):
    """You gave the n % k leftover samples one each to the last folds: KFold gives them to the first n % k folds."""
    import numpy as np


    def kfold_indices(n: int, k: int, shuffle: bool = False, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
        """(train, test) index arrays for each of k folds, as sklearn.model_selection.KFold splits range(n)."""
        order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
        # The first n % k folds get one sample more: fold sizes differ by at most one.
        sizes = np.full(k, n // k)
        sizes[k - n % k:] += 1
        folds = []
        start = 0
        for size in sizes:
            in_test = np.zeros(n, dtype=bool)
            in_test[order[start:start + size]] = True  # a contiguous slice of the (possibly shuffled) order
            start += size
            # Both arrays come out sorted, because they are read off a boolean mask over range(n).
            folds.append((np.flatnonzero(~in_test), np.flatnonzero(in_test)))
        return folds

    return kfold_indices(n, k, shuffle, seed)
