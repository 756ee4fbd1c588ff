import numpy as np


def positional_encoding(seq_len: int, d_model: int) -> np.ndarray:
    """(seq_len, d_model) float64: PE[pos, 2i] = sin(pos / 10000^(2i/d_model)), PE[pos, 2i+1] = cos(same)."""
    positions = np.arange(seq_len, dtype=np.float64)[:, None]  # (seq_len, 1)
    two_i = np.arange(0, d_model, 2, dtype=np.float64)  # 2i for each pair: 0, 2, 4, ... (ceil(d/2) of them)
    angles = positions / 10000.0 ** (two_i / d_model)  # (seq_len, ceil(d_model / 2))
    pe = np.zeros((seq_len, d_model))
    pe[:, 0::2] = np.sin(angles)  # even columns: one per pair, including an unpaired last column
    pe[:, 1::2] = np.cos(angles[:, : d_model // 2])  # odd columns: one fewer when d_model is odd
    return pe
