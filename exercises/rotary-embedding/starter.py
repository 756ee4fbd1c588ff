import numpy as np


def rope(x: np.ndarray, positions: np.ndarray | None = None, base: float = 10000.0) -> np.ndarray:
    """x (..., seq, d) with each pair of neighbouring dimensions (2i, 2i+1) turned by position · base^(-2i/d)."""
    raise NotImplementedError
