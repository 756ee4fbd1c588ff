import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Probabilities along `axis`: exp(x) normalised to sum to 1, without overflow."""
    shifted = x - np.max(x, axis=axis, keepdims=True)  # the largest logit becomes 0: exp() cannot overflow
    weights = np.exp(shifted)
    return weights / np.sum(weights, axis=axis, keepdims=True)
