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
    out = centered / np.sqrt(var + eps) * gamma + beta
    return out.astype(x.dtype, copy=False)
