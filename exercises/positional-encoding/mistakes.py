"""Known mistakes in positional-encoding: wrong solutions people really write, one function each.

Each takes the arguments of `positional_encoding` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def base_1000(seq_len: int, d_model: int):
    """You used 1000 instead of 10000 as the base of the wavelengths: every frequency after the first is wrong."""
    import numpy as np


    def positional_encoding(seq_len: int, d_model: int) -> np.ndarray:
        """(seq_len, d_model) float64: PE[pos, 2i] = sin(pos / 10000^(2i/d_model)), PE[pos, 2i+1] = cos(same)."""
        positions = np.arange(seq_len, dtype=np.float64)[:, None]  # (seq_len, 1)
        two_i = np.arange(0, d_model, 2, dtype=np.float64)  # 2i for each pair: 0, 2, 4, ... (ceil(d/2) of them)
        angles = positions / 1000.0 ** (two_i / d_model)  # (seq_len, ceil(d_model / 2))
        pe = np.zeros((seq_len, d_model))
        pe[:, 0::2] = np.sin(angles)  # even columns: one per pair, including an unpaired last column
        pe[:, 1::2] = np.cos(angles[:, : d_model // 2])  # odd columns: one fewer when d_model is odd
        return pe

    return positional_encoding(seq_len, d_model)


def column_index_exponent(seq_len: int, d_model: int):
    """You used the column index in the exponent instead of the pair index 2i: the cos columns get the next pair's
    frequency."""
    import numpy as np


    def positional_encoding(seq_len: int, d_model: int) -> np.ndarray:
        """(seq_len, d_model) float64: PE[pos, 2i] = sin(pos / 10000^(2i/d_model)), PE[pos, 2i+1] = cos(same)."""
        positions = np.arange(seq_len, dtype=np.float64)[:, None]  # (seq_len, 1)
        two_i = np.arange(0, d_model, 2, dtype=np.float64)  # 2i for each pair: 0, 2, 4, ... (ceil(d/2) of them)
        angles = positions / 10000.0 ** (two_i / d_model)  # (seq_len, ceil(d_model / 2))
        pe = np.zeros((seq_len, d_model))
        pe[:, 0::2] = np.sin(angles)  # even columns: one per pair, including an unpaired last column
        pe[:, 1::2] = np.cos(positions / 10000.0 ** (np.arange(1, d_model, 2) / d_model))  # odd columns: one fewer when d_model is odd
        return pe

    return positional_encoding(seq_len, d_model)


def halves_not_interleaved(seq_len: int, d_model: int):
    """You put all the sines in the first half and all the cosines in the second: they interleave, sine on the even
    columns and cosine on the odd ones."""
    import numpy as np


    def positional_encoding(seq_len: int, d_model: int) -> np.ndarray:
        """(seq_len, d_model) float64: PE[pos, 2i] = sin(pos / 10000^(2i/d_model)), PE[pos, 2i+1] = cos(same)."""
        positions = np.arange(seq_len, dtype=np.float64)[:, None]  # (seq_len, 1)
        two_i = np.arange(0, d_model, 2, dtype=np.float64)  # 2i for each pair: 0, 2, 4, ... (ceil(d/2) of them)
        angles = positions / 10000.0 ** (two_i / d_model)  # (seq_len, ceil(d_model / 2))
        pe = np.zeros((seq_len, d_model))
        pe[:, : angles.shape[1]] = np.sin(angles)  # even columns: one per pair, including an unpaired last column
        pe[:, angles.shape[1]:] = np.cos(angles[:, : d_model // 2])  # odd columns: one fewer when d_model is odd
        return pe

    return positional_encoding(seq_len, d_model)


def float32_table(seq_len: int, d_model: int):
    """You built the table in float32 (torch's default dtype): it is right to about 1e-7, but the statement asks for
    float64."""
    import numpy as np


    def positional_encoding(seq_len: int, d_model: int) -> np.ndarray:
        """(seq_len, d_model) float64: PE[pos, 2i] = sin(pos / 10000^(2i/d_model)), PE[pos, 2i+1] = cos(same)."""
        positions = np.arange(seq_len, dtype=np.float32)[:, None]  # (seq_len, 1)
        two_i = np.arange(0, d_model, 2, dtype=np.float32)  # 2i for each pair: 0, 2, 4, ... (ceil(d/2) of them)
        angles = positions / 10000.0 ** (two_i / d_model)  # (seq_len, ceil(d_model / 2))
        pe = np.zeros((seq_len, d_model), dtype=np.float32)
        pe[:, 0::2] = np.sin(angles)  # even columns: one per pair, including an unpaired last column
        pe[:, 1::2] = np.cos(angles[:, : d_model // 2])  # odd columns: one fewer when d_model is odd
        return pe

    return positional_encoding(seq_len, d_model)


def sin_and_cos_swapped(seq_len: int, d_model: int):
    """You put cos on the even columns and sin on the odd ones: PE[pos, 2i] is the sine."""
    import numpy as np


    def positional_encoding(seq_len: int, d_model: int) -> np.ndarray:
        """(seq_len, d_model) float64: PE[pos, 2i] = sin(pos / 10000^(2i/d_model)), PE[pos, 2i+1] = cos(same)."""
        positions = np.arange(seq_len, dtype=np.float64)[:, None]  # (seq_len, 1)
        two_i = np.arange(0, d_model, 2, dtype=np.float64)  # 2i for each pair: 0, 2, 4, ... (ceil(d/2) of them)
        angles = positions / 10000.0 ** (two_i / d_model)  # (seq_len, ceil(d_model / 2))
        pe = np.zeros((seq_len, d_model))
        pe[:, 0::2] = np.cos(angles)  # even columns: one per pair, including an unpaired last column
        pe[:, 1::2] = np.sin(angles[:, : d_model // 2])  # odd columns: one fewer when d_model is odd
        return pe

    return positional_encoding(seq_len, d_model)


def positions_from_one(seq_len: int, d_model: int):
    """You numbered the positions from 1: the first row is position 0 (sin 0 = 0, cos 0 = 1)."""
    import numpy as np


    def positional_encoding(seq_len: int, d_model: int) -> np.ndarray:
        """(seq_len, d_model) float64: PE[pos, 2i] = sin(pos / 10000^(2i/d_model)), PE[pos, 2i+1] = cos(same)."""
        positions = np.arange(1, seq_len + 1, dtype=np.float64)[:, None]  # (seq_len, 1)
        two_i = np.arange(0, d_model, 2, dtype=np.float64)  # 2i for each pair: 0, 2, 4, ... (ceil(d/2) of them)
        angles = positions / 10000.0 ** (two_i / d_model)  # (seq_len, ceil(d_model / 2))
        pe = np.zeros((seq_len, d_model))
        pe[:, 0::2] = np.sin(angles)  # even columns: one per pair, including an unpaired last column
        pe[:, 1::2] = np.cos(angles[:, : d_model // 2])  # odd columns: one fewer when d_model is odd
        return pe

    return positional_encoding(seq_len, d_model)
