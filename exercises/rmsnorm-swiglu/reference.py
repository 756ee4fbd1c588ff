import numpy as np


def llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps: float = 1e-6):
    """The feed-forward half of a LLaMA block: x + SwiGLU(RMSNorm(x)), for x of shape (..., d)."""
    x64 = x.astype(np.float64)
    # RMSNorm: divide by the root mean square of each row (no mean subtracted, no bias), then scale.
    rms = np.sqrt(np.mean(x64 * x64, axis=-1, keepdims=True) + eps)
    h = x64 / rms * norm_weight
    gate = h @ w_gate
    silu = gate / (1.0 + np.exp(-gate))  # SiLU (swish): g · sigmoid(g)
    ffn = (silu * (h @ w_up)) @ w_down
    return (x64 + ffn).astype(x.dtype)  # residual connection
