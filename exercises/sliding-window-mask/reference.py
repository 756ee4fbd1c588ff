import numpy as np


def sliding_window_mask(seq_len: int, window: int, global_tokens: list[int]) -> np.ndarray:
    """(seq_len, seq_len) bool: True where query i may attend key j (|i - j| <= window // 2, or i or j global)."""
    positions = np.arange(seq_len)
    # Local band: plain distance, so the window is cut at the edges instead of wrapping around.
    mask = np.abs(positions[:, None] - positions[None, :]) <= window // 2
    index = np.asarray(global_tokens, dtype=int)
    mask[index, :] = True  # a global token attends to everything
    mask[:, index] = True  # and everything attends to it
    return mask
