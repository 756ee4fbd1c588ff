import numpy as np


def sliding_window_mask(seq_len: int, window: int, global_tokens: list[int]) -> np.ndarray:
    """(seq_len, seq_len) bool: True where query i may attend key j (|i - j| <= window // 2, or i or j global)."""
    raise NotImplementedError
