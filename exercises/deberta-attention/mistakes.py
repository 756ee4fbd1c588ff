"""Known mistakes in deberta-attention: wrong solutions people really write, one function each.

Each takes the arguments of `disentangled_scores` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def p2c_indexed_by_delta_ij(qc, kc, qr, kr, k: int):
    """You indexed the query position table by δ(i, j) in position-to-content, as in content-to-position: the paper
    uses δ(j, i) there."""
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
        p2c = np.swapaxes(np.take_along_axis(p2c_all, np.broadcast_to(delta.T, p2c_all.shape[:-1] + (n,)), axis=-1), -1, -2)
        return (c2c + c2p + p2c) / np.sqrt(3 * d)

    return disentangled_scores(qc, kc, qr, kr, k)


def scaled_by_sqrt_d(qc, kc, qr, kr, k: int):
    """You kept the usual 1/√d: with three terms in the sum DeBERTa scales by 1/√(3d), so your scores are √3 times
    too large."""
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
        return (c2c + c2p + p2c) / np.sqrt(d)

    return disentangled_scores(qc, kc, qr, kr, k)


def p2c_not_transposed(qc, kc, qr, kr, k: int):
    """You gathered the position-to-content term into [j, i] and never transposed it: it lands on the wrong
    query-key pairs."""
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
        p2c = np.take_along_axis(p2c_all, np.broadcast_to(delta, p2c_all.shape[:-1] + (n,)), axis=-1)
        return (c2c + c2p + p2c) / np.sqrt(3 * d)

    return disentangled_scores(qc, kc, qr, kr, k)


def distance_j_minus_i(qc, kc, qr, kr, k: int):
    """You defined δ from j − i instead of i − j: every relative position is mirrored."""
    import numpy as np


    def relative_bucket(n: int, k: int) -> np.ndarray:
        """(n, n) int: δ(i, j) = i - j + k clipped to [0, 2k - 1], the row of the relative-position table."""
        i = np.arange(n)[:, None]
        j = np.arange(n)[None, :]
        return np.clip(j - i + k, 0, 2 * k - 1)


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

    return disentangled_scores(qc, kc, qr, kr, k)


def tables_swapped(qc, kc, qr, kr, k: int):
    """You used the query table in content-to-position and the key table in position-to-content: it is the other way
    round."""
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
        c2p_all = qc @ np.swapaxes(qr, -1, -2)  # (..., n, 2k): query i against every relative position
        c2p = np.take_along_axis(c2p_all, np.broadcast_to(delta, c2p_all.shape[:-1] + (n,)), axis=-1)  # [i, j] at δ(i, j)
        p2c_all = kc @ np.swapaxes(kr, -1, -2)  # (..., n, 2k): key j against every relative position
        # position-to-content uses δ(j, i): the query's position seen from key j. Gather [j, δ(j, i)], then transpose.
        p2c = np.swapaxes(np.take_along_axis(p2c_all, np.broadcast_to(delta, p2c_all.shape[:-1] + (n,)), axis=-1), -1, -2)
        return (c2c + c2p + p2c) / np.sqrt(3 * d)

    return disentangled_scores(qc, kc, qr, kr, k)


def clipped_to_one_bucket_less(qc, kc, qr, kr, k: int):
    """You clipped the distances to [0, 2k − 2]: the last row of each position table is never used."""
    import numpy as np


    def relative_bucket(n: int, k: int) -> np.ndarray:
        """(n, n) int: δ(i, j) = i - j + k clipped to [0, 2k - 1], the row of the relative-position table."""
        i = np.arange(n)[:, None]
        j = np.arange(n)[None, :]
        return np.clip(i - j + k, 0, 2 * k - 2)


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

    return disentangled_scores(qc, kc, qr, kr, k)


def p2c_as_in_released_code_torch(qc, kc, qr, kr, k: int):
    """You indexed position-to-content by δ(i, j), as the released DeBERTa code does: the statement follows the
    paper's δ(j, i)."""
    # torch, as the released DeBERTa code computes it: position-to-content indexed by δ(i, j), not the paper's δ(j, i).
    import math

    import torch


    def disentangled_scores(qc, kc, qr, kr, k):
        qc, kc, qr, kr = (torch.as_tensor(a) for a in (qc, kc, qr, kr))
        n, d = qc.shape[-2], qc.shape[-1]
        rel = torch.arange(n)[:, None] - torch.arange(n)[None, :]
        pos = torch.clamp(rel + k, 0, 2 * k - 1)
        c2c = qc @ kc.transpose(-1, -2)
        c2p_all = qc @ kr.transpose(-1, -2)
        c2p = torch.gather(c2p_all, -1, pos.expand(*c2p_all.shape[:-1], n))
        p2c_all = qr @ kc.transpose(-1, -2)  # (..., 2k, n)
        p2c = torch.gather(p2c_all.expand(*c2c.shape[:-2], 2 * k, n), -2, pos.expand(*c2c.shape))
        return (c2c + c2p + p2c) / math.sqrt(3 * d)

    return disentangled_scores(qc, kc, qr, kr, k)
