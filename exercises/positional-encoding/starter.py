import numpy as np


def positional_encoding(seq_len: int, d_model: int) -> np.ndarray:
    """(seq_len, d_model) float64: PE[pos, 2i] = sin(pos / 10000^(2i/d_model)), PE[pos, 2i+1] = cos(same)."""
    raise NotImplementedError
