"""Known mistakes in sliding-window-mask: wrong solutions people really write, one function each.

Each takes the arguments of `sliding_window_mask` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def float_mask(seq_len: int, window: int, global_tokens: list[int]):
    """You built the mask as 0.0 and 1.0 floats: the statement asks for a boolean array."""
    import numpy as np


    def sliding_window_mask(seq_len: int, window: int, global_tokens: list[int]) -> np.ndarray:
        """(seq_len, seq_len) bool: True where query i may attend key j (|i - j| <= window // 2, or i or j global)."""
        positions = np.arange(seq_len)
        # Local band: plain distance, so the window is cut at the edges instead of wrapping around.
        mask = np.abs(positions[:, None] - positions[None, :]) <= window // 2
        index = np.asarray(global_tokens, dtype=int)
        mask[index, :] = True  # a global token attends to everything
        mask[:, index] = True  # and everything attends to it
        return mask.astype(float)

    return sliding_window_mask(seq_len, window, global_tokens)


def global_only_attends(seq_len: int, window: int, global_tokens: list[int]):
    """You let global tokens attend to everything but not every token attend to them: global attention goes both
    ways."""
    import numpy as np


    def sliding_window_mask(seq_len: int, window: int, global_tokens: list[int]) -> np.ndarray:
        """(seq_len, seq_len) bool: True where query i may attend key j (|i - j| <= window // 2, or i or j global)."""
        positions = np.arange(seq_len)
        # Local band: plain distance, so the window is cut at the edges instead of wrapping around.
        mask = np.abs(positions[:, None] - positions[None, :]) <= window // 2
        index = np.asarray(global_tokens, dtype=int)
        mask[index, :] = True  # a global token attends to everything
        return mask

    return sliding_window_mask(seq_len, window, global_tokens)


def window_off_by_one(seq_len: int, window: int, global_tokens: list[int]):
    """You used a strict < for the window: each side reaches one token fewer, and windows 0 and 1 lose the diagonal."""
    import numpy as np


    def sliding_window_mask(seq_len: int, window: int, global_tokens: list[int]) -> np.ndarray:
        """(seq_len, seq_len) bool: True where query i may attend key j (|i - j| <= window // 2, or i or j global)."""
        positions = np.arange(seq_len)
        # Local band: plain distance, so the window is cut at the edges instead of wrapping around.
        mask = np.abs(positions[:, None] - positions[None, :]) < window // 2
        index = np.asarray(global_tokens, dtype=int)
        mask[index, :] = True  # a global token attends to everything
        mask[:, index] = True  # and everything attends to it
        return mask

    return sliding_window_mask(seq_len, window, global_tokens)


def window_on_each_side(seq_len: int, window: int, global_tokens: list[int]):
    """You read the window as the reach on each side instead of window // 2: every token sees about twice too far."""
    import numpy as np


    def sliding_window_mask(seq_len: int, window: int, global_tokens: list[int]) -> np.ndarray:
        """(seq_len, seq_len) bool: True where query i may attend key j (|i - j| <= window // 2, or i or j global)."""
        positions = np.arange(seq_len)
        # Local band: plain distance, so the window is cut at the edges instead of wrapping around.
        mask = np.abs(positions[:, None] - positions[None, :]) <= window
        index = np.asarray(global_tokens, dtype=int)
        mask[index, :] = True  # a global token attends to everything
        mask[:, index] = True  # and everything attends to it
        return mask

    return sliding_window_mask(seq_len, window, global_tokens)


def wraparound(seq_len: int, window: int, global_tokens: list[int]):
    """You measured the distance modulo seq_len: the window wraps around the ends of the sequence."""
    import numpy as np


    def sliding_window_mask(seq_len: int, window: int, global_tokens: list[int]) -> np.ndarray:
        """(seq_len, seq_len) bool: True where query i may attend key j (|i - j| <= window // 2, or i or j global)."""
        positions = np.arange(seq_len)
        # Local band: plain distance, so the window is cut at the edges instead of wrapping around.
        forward = (positions[None, :] - positions[:, None]) % seq_len
        mask = np.minimum(forward, seq_len - forward) <= window // 2
        index = np.asarray(global_tokens, dtype=int)
        mask[index, :] = True  # a global token attends to everything
        mask[:, index] = True  # and everything attends to it
        return mask

    return sliding_window_mask(seq_len, window, global_tokens)


def causal_window(seq_len: int, window: int, global_tokens: list[int]):
    """You made the window look only back, as Mistral's causal sliding window does: a Longformer token also
    attends to the window // 2 tokens after it."""
    import numpy as np


    def sliding_window_mask(seq_len: int, window: int, global_tokens: list[int]) -> np.ndarray:
        """(seq_len, seq_len) bool: True where query i may attend key j (|i - j| <= window // 2, or i or j global)."""
        positions = np.arange(seq_len)
        distance = positions[:, None] - positions[None, :]  # i - j: how far back key j is
        mask = (distance >= 0) & (distance <= window // 2)
        index = np.asarray(global_tokens, dtype=int)
        mask[index, :] = True  # a global token attends to everything
        mask[:, index] = True  # and everything attends to it
        return mask

    return sliding_window_mask(seq_len, window, global_tokens)
