"""Known mistakes in softmax: wrong solutions people really write, one function each.

Each takes the arguments of `softmax` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def no_max_shift(x: np.ndarray, axis: int=-1):
    """You used the textbook formula without subtracting the max: logits near 1e4 overflow to inf, and inf/inf =
    nan."""
    import numpy as np


    def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
        """Probabilities along `axis`: exp(x) normalised to sum to 1, without overflow."""
        shifted = x  # the largest logit becomes 0: exp() cannot overflow
        weights = np.exp(shifted)
        return weights / np.sum(weights, axis=axis, keepdims=True)

    return softmax(x, axis)


def sums_over_everything(x: np.ndarray, axis: int=-1):
    """You normalised by the sum over the whole array instead of along axis: each slice no longer sums to 1."""
    import numpy as np


    def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
        """Probabilities along `axis`: exp(x) normalised to sum to 1, without overflow."""
        shifted = x - np.max(x, axis=axis, keepdims=True)  # the largest logit becomes 0: exp() cannot overflow
        weights = np.exp(shifted)
        return weights / np.sum(weights)

    return softmax(x, axis)


def max_over_whole_array(x: np.ndarray, axis: int=-1):
    """You shifted by the global max instead of each slice's own: right on one row, but rows 1e4 apart underflow to
    0/0."""
    import numpy as np


    def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
        """Probabilities along `axis`: exp(x) normalised to sum to 1, without overflow."""
        shifted = x - np.max(x)  # the largest logit becomes 0: exp() cannot overflow
        weights = np.exp(shifted)
        return weights / np.sum(weights, axis=axis, keepdims=True)

    return softmax(x, axis)


def always_last_axis(x: np.ndarray, axis: int=-1):
    """You ignored axis and always normalised the last one: any other axis gives wrong results."""
    import numpy as np


    def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
        """Probabilities along `axis`: exp(x) normalised to sum to 1, without overflow."""
        shifted = x - np.max(x, axis=-1, keepdims=True)  # the largest logit becomes 0: exp() cannot overflow
        weights = np.exp(shifted)
        return weights / np.sum(weights, axis=-1, keepdims=True)

    return softmax(x, axis)


def normalises_in_place(x: np.ndarray, axis: int=-1):
    """You subtracted, exponentiated and divided inside the caller's array and returned it: the caller's logits are
    gone, and the result is the caller's own array."""
    import numpy as np


    def softmax(x, axis=-1):
        x -= x.max(axis=axis, keepdims=True)
        np.exp(x, out=x)
        x /= x.sum(axis=axis, keepdims=True)
        return x

    return softmax(x, axis)


def float64_for_float32(x: np.ndarray, axis: int=-1):
    """You computed in float64 and returned float64 for a float32 input: the output must keep the input's dtype."""
    import numpy as np


    def softmax(x, axis=-1):
        z = np.asarray(x, dtype=np.float64)
        e = np.exp(z - z.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)

    return softmax(x, axis)
