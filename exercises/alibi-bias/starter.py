import numpy as np


def alibi_bias(n_heads: int, seq_len: int, causal: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """ALiBi: per-head slopes m (n_heads,) and the bias -m·(i - j) added to the scores (n_heads, seq_len, seq_len)."""
    raise NotImplementedError
