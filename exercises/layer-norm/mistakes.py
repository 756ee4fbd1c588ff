"""Known mistakes in layer-norm: wrong solutions people really write, one function each.

Each takes the arguments of `layer_norm` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def batch_norm_axis(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float=1e-05):
    """You normalised over the batch axis, as batch norm does: LayerNorm normalises each row over its features, the
    last axis."""
    import numpy as np


    def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5) -> np.ndarray:
        """Normalise x over its last axis (d features), then scale by gamma and shift by beta.

        x: (..., d); gamma, beta: (d,). Returns an array of x's shape and dtype.
        """
        mean = x.mean(axis=0, keepdims=True)
        centered = x - mean
        # Two-pass variance: the mean of squared deviations. The one-pass E[x^2] - E[x]^2 subtracts two
        # huge, nearly equal numbers when |mean| >> std and loses every significant digit.
        var = (centered * centered).mean(axis=0, keepdims=True)  # biased: divide by d, as LayerNorm does
        # eps goes inside the square root; a Python float keeps float32 inputs float32.
        out = centered / np.sqrt(var + eps) * gamma + beta
        return out.astype(x.dtype, copy=False)

    return layer_norm(x, gamma, beta, eps)


def eps_outside_sqrt(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float=1e-05):
    """You added eps to the standard deviation instead of to the variance inside the square root: rows of small
    spread come out wrong."""
    import numpy as np


    def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5) -> np.ndarray:
        """Normalise x over its last axis (d features), then scale by gamma and shift by beta.

        x: (..., d); gamma, beta: (d,). Returns an array of x's shape and dtype.
        """
        mean = x.mean(axis=-1, keepdims=True)
        centered = x - mean
        # Two-pass variance: the mean of squared deviations. The one-pass E[x^2] - E[x]^2 subtracts two
        # huge, nearly equal numbers when |mean| >> std and loses every significant digit.
        var = (centered * centered).mean(axis=-1, keepdims=True)  # biased: divide by d, as LayerNorm does
        # eps goes inside the square root; a Python float keeps float32 inputs float32.
        out = centered / (np.sqrt(var) + eps) * gamma + beta
        return out.astype(x.dtype, copy=False)

    return layer_norm(x, gamma, beta, eps)


def one_pass_variance(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float=1e-05):
    """You computed the variance in one pass as E[x²] − E[x]²: when the mean is large next to the spread, the
    subtraction cancels catastrophically."""
    import numpy as np


    def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5) -> np.ndarray:
        """Normalise x over its last axis (d features), then scale by gamma and shift by beta.

        x: (..., d); gamma, beta: (d,). Returns an array of x's shape and dtype.
        """
        mean = x.mean(axis=-1, keepdims=True)
        centered = x - mean
        # Two-pass variance: the mean of squared deviations. The one-pass E[x^2] - E[x]^2 subtracts two
        # huge, nearly equal numbers when |mean| >> std and loses every significant digit.
        var = np.maximum((x * x).mean(axis=-1, keepdims=True) - mean * mean, 0.0)  # biased: divide by d, as LayerNorm does
        # eps goes inside the square root; a Python float keeps float32 inputs float32.
        out = centered / np.sqrt(var + eps) * gamma + beta
        return out.astype(x.dtype, copy=False)

    return layer_norm(x, gamma, beta, eps)


def unbiased_variance(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float=1e-05):
    """You used the unbiased variance, dividing by d − 1: LayerNorm divides by d."""
    import numpy as np


    def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5) -> np.ndarray:
        """Normalise x over its last axis (d features), then scale by gamma and shift by beta.

        x: (..., d); gamma, beta: (d,). Returns an array of x's shape and dtype.
        """
        mean = x.mean(axis=-1, keepdims=True)
        centered = x - mean
        # Two-pass variance: the mean of squared deviations. The one-pass E[x^2] - E[x]^2 subtracts two
        # huge, nearly equal numbers when |mean| >> std and loses every significant digit.
        var = (centered * centered).sum(axis=-1, keepdims=True) / (x.shape[-1] - 1)  # biased: divide by d, as LayerNorm does
        # eps goes inside the square root; a Python float keeps float32 inputs float32.
        out = centered / np.sqrt(var + eps) * gamma + beta
        return out.astype(x.dtype, copy=False)

    return layer_norm(x, gamma, beta, eps)


def gamma_and_beta_swapped(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float=1e-05):
    """You scaled by beta and shifted by gamma: gamma multiplies the normalised value, and beta is added."""
    import numpy as np


    def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5) -> np.ndarray:
        """Normalise x over its last axis (d features), then scale by gamma and shift by beta.

        x: (..., d); gamma, beta: (d,). Returns an array of x's shape and dtype.
        """
        mean = x.mean(axis=-1, keepdims=True)
        centered = x - mean
        # Two-pass variance: the mean of squared deviations. The one-pass E[x^2] - E[x]^2 subtracts two
        # huge, nearly equal numbers when |mean| >> std and loses every significant digit.
        var = (centered * centered).mean(axis=-1, keepdims=True)  # biased: divide by d, as LayerNorm does
        # eps goes inside the square root; a Python float keeps float32 inputs float32.
        out = centered / np.sqrt(var + eps) * beta + gamma
        return out.astype(x.dtype, copy=False)

    return layer_norm(x, gamma, beta, eps)


def centres_the_callers_array(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float=1e-05):
    """You centred x in place (x -= mean) before normalising: the caller's activations are changed."""
    import numpy as np


    def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5) -> np.ndarray:
        """Normalise x over its last axis (d features), then scale by gamma and shift by beta.

        x: (..., d); gamma, beta: (d,). Returns an array of x's shape and dtype.
        """
        mean = x.mean(axis=-1, keepdims=True)
        x -= mean
        centered = x
        # Two-pass variance: the mean of squared deviations. The one-pass E[x^2] - E[x]^2 subtracts two
        # huge, nearly equal numbers when |mean| >> std and loses every significant digit.
        var = (centered * centered).mean(axis=-1, keepdims=True)  # biased: divide by d, as LayerNorm does
        # eps goes inside the square root; a Python float keeps float32 inputs float32.
        out = centered / np.sqrt(var + eps) * gamma + beta
        return out.astype(x.dtype, copy=False)

    return layer_norm(x, gamma, beta, eps)
