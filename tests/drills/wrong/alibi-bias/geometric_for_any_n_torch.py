# torch: the geometric sequence 2^(-8/n)·k for any n (no n₀ rule), and a causal mask from torch.triu.
import torch


def alibi_bias(n_heads, seq_len, causal=True):
    slopes = torch.tensor([2.0 ** (-8.0 * (h + 1) / n_heads) for h in range(n_heads)], dtype=torch.float64)
    pos = torch.arange(seq_len)
    distance = (pos[:, None] - pos[None, :]).abs().double()
    bias = -slopes[:, None, None] * distance
    if causal:
        future = torch.triu(torch.ones(seq_len, seq_len, dtype=torch.bool), diagonal=1)
        bias = bias.masked_fill(future, float("-inf"))
    return slopes, bias
