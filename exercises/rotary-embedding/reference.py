import numpy as np


def rope(x: np.ndarray, positions: np.ndarray | None = None, base: float = 10000.0) -> np.ndarray:
    """x (..., seq, d) with each pair of neighbouring dimensions (2i, 2i+1) turned by position · base^(-2i/d)."""
    seq, d = x.shape[-2], x.shape[-1]
    if positions is None:
        positions = np.arange(seq)
    inv_freq = base ** (-np.arange(0, d, 2, dtype=np.float64) / d)  # θ_i = base^(-2i/d), i = 0 .. d/2 - 1
    angles = np.outer(np.asarray(positions, dtype=np.float64), inv_freq)  # (seq, d/2)
    cos, sin = np.cos(angles), np.sin(angles)
    even, odd = x[..., 0::2].astype(np.float64), x[..., 1::2].astype(np.float64)  # pair i = dims (2i, 2i+1)
    out = np.empty(x.shape, dtype=np.float64)
    out[..., 0::2] = even * cos - odd * sin
    out[..., 1::2] = even * sin + odd * cos
    return out.astype(x.dtype)
