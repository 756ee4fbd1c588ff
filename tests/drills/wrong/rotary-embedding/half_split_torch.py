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
