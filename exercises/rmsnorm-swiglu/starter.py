import numpy as np


def llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps: float = 1e-6):
    """The feed-forward half of a LLaMA block: x + SwiGLU(RMSNorm(x)), for x of shape (..., d)."""
    raise NotImplementedError
