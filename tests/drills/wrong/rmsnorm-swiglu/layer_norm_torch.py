# torch: LayerNorm-style normalisation (subtracts the row mean) in place of RMSNorm; the rest is right.
import torch


def llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps=1e-6):
    x, g, wg, wu, wd = (torch.as_tensor(a) for a in (x, norm_weight, w_gate, w_up, w_down))
    centred = x - x.mean(-1, keepdim=True)
    h = centred * torch.rsqrt(centred.pow(2).mean(-1, keepdim=True) + eps) * g
    return x + (torch.nn.functional.silu(h @ wg) * (h @ wu)) @ wd
