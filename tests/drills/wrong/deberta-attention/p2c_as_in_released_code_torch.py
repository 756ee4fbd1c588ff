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
