import numpy as np


def kfold_indices(n: int, k: int, shuffle: bool = False, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) index arrays for each of k folds, as sklearn.model_selection.KFold splits range(n)."""
    raise NotImplementedError
