import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Probabilities along `axis`: exp(x) normalised to sum to 1, without overflow."""
    raise NotImplementedError
