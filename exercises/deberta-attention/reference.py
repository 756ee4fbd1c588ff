import numpy as np


def relative_bucket(n: int, k: int) -> np.ndarray:
    """(n, n) int: δ(i, j) = i - j + k clipped to [0, 2k - 1], the row of the relative-position table."""
    i = np.arange(n)[:, None]
    j = np.arange(n)[None, :]
    return np.clip(i - j + k, 0, 2 * k - 1)


def disentangled_scores(qc, kc, qr, kr, k: int) -> np.ndarray:
    """DeBERTa's attention scores (..., n, n): content-to-content + content-to-position + position-to-content, / √(3d)."""
    n, d = qc.shape[-2], qc.shape[-1]
    delta = relative_bucket(n, k)  # delta[i, j] = δ(i, j)
    c2c = qc @ np.swapaxes(kc, -1, -2)  # (..., n, n)
    c2p_all = qc @ np.swapaxes(kr, -1, -2)  # (..., n, 2k): query i against every relative position
    c2p = np.take_along_axis(c2p_all, np.broadcast_to(delta, c2p_all.shape[:-1] + (n,)), axis=-1)  # [i, j] at δ(i, j)
    p2c_all = kc @ np.swapaxes(qr, -1, -2)  # (..., n, 2k): key j against every relative position
    # position-to-content uses δ(j, i): the query's position seen from key j. Gather [j, δ(j, i)], then transpose.
    p2c = np.swapaxes(np.take_along_axis(p2c_all, np.broadcast_to(delta, p2c_all.shape[:-1] + (n,)), axis=-1), -1, -2)
    return (c2c + c2p + p2c) / np.sqrt(3 * d)
