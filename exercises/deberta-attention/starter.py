import numpy as np


def disentangled_scores(qc, kc, qr, kr, k: int) -> np.ndarray:
    """DeBERTa's attention scores (..., n, n): content-to-content + content-to-position + position-to-content, / √(3d)."""
    raise NotImplementedError
