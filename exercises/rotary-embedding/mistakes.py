"""Known mistakes in rotary-embedding: wrong solutions people really write, one function each.

Each takes the arguments of `rope` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def half_split_pairs(x: np.ndarray, positions: np.ndarray | None=None, base: float=10000.0):
    """You paired dimension i with i + d/2, as GPT-NeoX does: the statement rotates the neighbouring pairs 2i, 2i +
    1."""
    import numpy as np


    def rope(x: np.ndarray, positions: np.ndarray | None = None, base: float = 10000.0) -> np.ndarray:
        """x (..., seq, d) with each pair of neighbouring dimensions (2i, 2i+1) turned by position · base^(-2i/d)."""
        seq, d = x.shape[-2], x.shape[-1]
        if positions is None:
            positions = np.arange(seq)
        inv_freq = base ** (-np.arange(0, d, 2, dtype=np.float64) / d)  # θ_i = base^(-2i/d), i = 0 .. d/2 - 1
        angles = np.outer(np.asarray(positions, dtype=np.float64), inv_freq)  # (seq, d/2)
        cos, sin = np.cos(angles), np.sin(angles)
        even, odd = x[..., : d // 2].astype(np.float64), x[..., d // 2 :].astype(np.float64)  # pair i = dims (2i, 2i+1)
        out = np.empty(x.shape, dtype=np.float64)
        out[..., : d // 2] = even * cos - odd * sin
        out[..., d // 2 :] = even * sin + odd * cos
        return out.astype(x.dtype)

    return rope(x, positions, base)


def frequency_without_the_2(x: np.ndarray, positions: np.ndarray | None=None, base: float=10000.0):
    """You used base^(-i/d) instead of base^(-2i/d) for the frequencies: the slower pairs turn far too fast."""
    import numpy as np


    def rope(x: np.ndarray, positions: np.ndarray | None = None, base: float = 10000.0) -> np.ndarray:
        """x (..., seq, d) with each pair of neighbouring dimensions (2i, 2i+1) turned by position · base^(-2i/d)."""
        seq, d = x.shape[-2], x.shape[-1]
        if positions is None:
            positions = np.arange(seq)
        inv_freq = base ** (-np.arange(0, d // 2, dtype=np.float64) / d)  # θ_i = base^(-2i/d), i = 0 .. d/2 - 1
        angles = np.outer(np.asarray(positions, dtype=np.float64), inv_freq)  # (seq, d/2)
        cos, sin = np.cos(angles), np.sin(angles)
        even, odd = x[..., 0::2].astype(np.float64), x[..., 1::2].astype(np.float64)  # pair i = dims (2i, 2i+1)
        out = np.empty(x.shape, dtype=np.float64)
        out[..., 0::2] = even * cos - odd * sin
        out[..., 1::2] = even * sin + odd * cos
        return out.astype(x.dtype)

    return rope(x, positions, base)


def positions_ignored(x: np.ndarray, positions: np.ndarray | None=None, base: float=10000.0):
    """You always used the positions 0 … seq − 1 and ignored positions: tokens decoded after a cache get the wrong
    angles."""
    import numpy as np


    def rope(x: np.ndarray, positions: np.ndarray | None = None, base: float = 10000.0) -> np.ndarray:
        """x (..., seq, d) with each pair of neighbouring dimensions (2i, 2i+1) turned by position · base^(-2i/d)."""
        seq, d = x.shape[-2], x.shape[-1]
        if True:
            positions = np.arange(seq)
        inv_freq = base ** (-np.arange(0, d, 2, dtype=np.float64) / d)  # θ_i = base^(-2i/d), i = 0 .. d/2 - 1
        angles = np.outer(np.asarray(positions, dtype=np.float64), inv_freq)  # (seq, d/2)
        cos, sin = np.cos(angles), np.sin(angles)
        even, odd = x[..., 0::2].astype(np.float64), x[..., 1::2].astype(np.float64)  # pair i = dims (2i, 2i+1)
        out = np.empty(x.shape, dtype=np.float64)
        out[..., 0::2] = even * cos - odd * sin
        out[..., 1::2] = even * sin + odd * cos
        return out.astype(x.dtype)

    return rope(x, positions, base)


def rotates_the_wrong_way(x: np.ndarray, positions: np.ndarray | None=None, base: float=10000.0):
    """You turned by −p·θ, with the sine's sign flipped: the pair (1, 0) at position 1 goes to (cos 1, −sin 1)
    instead of (cos 1, sin 1)."""
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
        out[..., 0::2] = even * cos + odd * sin
        out[..., 1::2] = odd * cos - even * sin
        return out.astype(x.dtype)

    return rope(x, positions, base)


def float32_angles(x: np.ndarray, positions: np.ndarray | None=None, base: float=10000.0):
    """You computed the angles in float32: at position 8191 your angle is off by about 1e-4 radian."""
    import numpy as np


    def rope(x: np.ndarray, positions: np.ndarray | None = None, base: float = 10000.0) -> np.ndarray:
        """x (..., seq, d) with each pair of neighbouring dimensions (2i, 2i+1) turned by position · base^(-2i/d)."""
        seq, d = x.shape[-2], x.shape[-1]
        if positions is None:
            positions = np.arange(seq)
        inv_freq = base ** (-np.arange(0, d, 2, dtype=np.float64) / d)  # θ_i = base^(-2i/d), i = 0 .. d/2 - 1
        angles = np.outer(np.asarray(positions, dtype=np.float32), inv_freq.astype(np.float32))  # (seq, d/2)
        cos, sin = np.cos(angles), np.sin(angles)
        even, odd = x[..., 0::2].astype(np.float64), x[..., 1::2].astype(np.float64)  # pair i = dims (2i, 2i+1)
        out = np.empty(x.shape, dtype=np.float64)
        out[..., 0::2] = even * cos - odd * sin
        out[..., 1::2] = even * sin + odd * cos
        return out.astype(x.dtype)

    return rope(x, positions, base)


def returns_float64(x: np.ndarray, positions: np.ndarray | None=None, base: float=10000.0):
    """You let a float32 input come back as float64: the output must keep the input's dtype."""
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
        return out

    return rope(x, positions, base)


def position_starts_at_one(x: np.ndarray, positions: np.ndarray | None=None, base: float=10000.0):
    """You numbered the positions from 1: the first row is already turned, but position 0 leaves it as it is."""
    import numpy as np


    def rope(x: np.ndarray, positions: np.ndarray | None = None, base: float = 10000.0) -> np.ndarray:
        """x (..., seq, d) with each pair of neighbouring dimensions (2i, 2i+1) turned by position · base^(-2i/d)."""
        seq, d = x.shape[-2], x.shape[-1]
        if positions is None:
            positions = np.arange(1, seq + 1)
        inv_freq = base ** (-np.arange(0, d, 2, dtype=np.float64) / d)  # θ_i = base^(-2i/d), i = 0 .. d/2 - 1
        angles = np.outer(np.asarray(positions, dtype=np.float64), inv_freq)  # (seq, d/2)
        cos, sin = np.cos(angles), np.sin(angles)
        even, odd = x[..., 0::2].astype(np.float64), x[..., 1::2].astype(np.float64)  # pair i = dims (2i, 2i+1)
        out = np.empty(x.shape, dtype=np.float64)
        out[..., 0::2] = even * cos - odd * sin
        out[..., 1::2] = even * sin + odd * cos
        return out.astype(x.dtype)

    return rope(x, positions, base)


def half_split_torch(x: np.ndarray, positions: np.ndarray | None=None, base: float=10000.0):
    """You used Hugging Face's rotate_half, which pairs i with i + d/2: the statement rotates the interleaved pairs
    2i, 2i + 1."""
    # Hugging Face's rotate_half in torch: the half-split pairing (i, i + d/2), not the interleaved one.
    import torch


    def rotate_half(x):
        half = x.shape[-1] // 2
        return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


    def rope(x, positions=None, base=10000.0):
        t = torch.as_tensor(x)
        seq, d = t.shape[-2], t.shape[-1]
        pos = torch.arange(seq, dtype=torch.float64) if positions is None else torch.as_tensor(positions, dtype=torch.float64)
        inv_freq = 1.0 / (base ** (torch.arange(0, d, 2, dtype=torch.float64) / d))
        freqs = torch.outer(pos, inv_freq)
        emb = torch.cat((freqs, freqs), dim=-1)
        out = t.double() * emb.cos() + rotate_half(t.double()) * emb.sin()
        return out.to(t.dtype)

    return rope(x, positions, base)


def rotates_the_callers_array(x: np.ndarray, positions: np.ndarray | None=None, base: float=10000.0):
    """You rotated x in place and returned it: the caller's queries are overwritten, and the result is the caller's
    own array."""
    import numpy as np


    def rope(x, positions=None, base=10000.0):
        seq, d = x.shape[-2], x.shape[-1]
        if positions is None:
            positions = np.arange(seq)
        inv_freq = base ** (-np.arange(0, d, 2, dtype=np.float64) / d)
        angles = np.outer(np.asarray(positions, dtype=np.float64), inv_freq)
        cos, sin = np.cos(angles), np.sin(angles)
        even, odd = x[..., 0::2].astype(np.float64), x[..., 1::2].astype(np.float64)
        x[..., 0::2] = even * cos - odd * sin
        x[..., 1::2] = even * sin + odd * cos
        return x

    return rope(x, positions, base)
