"""Known mistakes in rmsnorm-swiglu: wrong solutions people really write, one function each.

Each takes the arguments of `llama_ffn` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def eps_outside_the_root(x, norm_weight, w_gate, w_up, w_down, eps: float=1e-06):
    """You added eps outside the root, after sqrt(mean(x²)): ordinary rows are fine, but rows smaller than sqrt(eps)
    come out far off."""
    import numpy as np


    def llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps: float = 1e-6):
        """The feed-forward half of a LLaMA block: x + SwiGLU(RMSNorm(x)), for x of shape (..., d)."""
        x64 = x.astype(np.float64)
        # RMSNorm: divide by the root mean square of each row (no mean subtracted, no bias), then scale.
        rms = np.sqrt(np.mean(x64 * x64, axis=-1, keepdims=True)) + eps
        h = x64 / rms * norm_weight
        gate = h @ w_gate
        silu = gate / (1.0 + np.exp(-gate))  # SiLU (swish): g · sigmoid(g)
        ffn = (silu * (h @ w_up)) @ w_down
        return (x64 + ffn).astype(x.dtype)  # residual connection

    return llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps)


def rms_over_the_whole_batch(x, norm_weight, w_gate, w_up, w_down, eps: float=1e-06):
    """You took one RMS over the whole array instead of one per row: rows of different scale are normalised wrongly."""
    import numpy as np


    def llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps: float = 1e-6):
        """The feed-forward half of a LLaMA block: x + SwiGLU(RMSNorm(x)), for x of shape (..., d)."""
        x64 = x.astype(np.float64)
        # RMSNorm: divide by the root mean square of each row (no mean subtracted, no bias), then scale.
        rms = np.sqrt(np.mean(x64 * x64) + eps)
        h = x64 / rms * norm_weight
        gate = h @ w_gate
        silu = gate / (1.0 + np.exp(-gate))  # SiLU (swish): g · sigmoid(g)
        ffn = (silu * (h @ w_up)) @ w_down
        return (x64 + ffn).astype(x.dtype)  # residual connection

    return llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps)


def silu_on_the_up_projection(x, norm_weight, w_gate, w_up, w_down, eps: float=1e-06):
    """You put the SiLU on h @ w_up and multiplied by h @ w_gate: the SiLU goes on the gate projection."""
    import numpy as np


    def llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps: float = 1e-6):
        """The feed-forward half of a LLaMA block: x + SwiGLU(RMSNorm(x)), for x of shape (..., d)."""
        x64 = x.astype(np.float64)
        # RMSNorm: divide by the root mean square of each row (no mean subtracted, no bias), then scale.
        rms = np.sqrt(np.mean(x64 * x64, axis=-1, keepdims=True) + eps)
        h = x64 / rms * norm_weight
        gate = h @ w_gate
        silu = gate / (1.0 + np.exp(-gate))  # SiLU (swish): g · sigmoid(g)
        up = h @ w_up
        ffn = (up / (1.0 + np.exp(-up)) * gate) @ w_down
        return (x64 + ffn).astype(x.dtype)  # residual connection

    return llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps)


def sigmoid_instead_of_silu(x, norm_weight, w_gate, w_up, w_down, eps: float=1e-06):
    """You gated with sigmoid(g), as GLU does, instead of g·sigmoid(g): that is not SwiGLU."""
    import numpy as np


    def llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps: float = 1e-6):
        """The feed-forward half of a LLaMA block: x + SwiGLU(RMSNorm(x)), for x of shape (..., d)."""
        x64 = x.astype(np.float64)
        # RMSNorm: divide by the root mean square of each row (no mean subtracted, no bias), then scale.
        rms = np.sqrt(np.mean(x64 * x64, axis=-1, keepdims=True) + eps)
        h = x64 / rms * norm_weight
        gate = h @ w_gate
        silu = 1.0 / (1.0 + np.exp(-gate))  # SiLU (swish): g · sigmoid(g)
        ffn = (silu * (h @ w_up)) @ w_down
        return (x64 + ffn).astype(x.dtype)  # residual connection

    return llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps)


def no_residual(x, norm_weight, w_gate, w_up, w_down, eps: float=1e-06):
    """You returned the feed-forward output without adding x back: the residual connection is missing."""
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
        return ffn.astype(x.dtype)  # residual connection

    return llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps)


def residual_of_the_normalised_input(x, norm_weight, w_gate, w_up, w_down, eps: float=1e-06):
    """You added the normalised h back instead of the original x: the residual carries the block's input."""
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
        return (h + ffn).astype(x.dtype)  # residual connection

    return llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps)


def gain_ignored(x, norm_weight, w_gate, w_up, w_down, eps: float=1e-06):
    """You never multiplied by norm_weight: RMSNorm's learned gain is lost."""
    import numpy as np


    def llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps: float = 1e-6):
        """The feed-forward half of a LLaMA block: x + SwiGLU(RMSNorm(x)), for x of shape (..., d)."""
        x64 = x.astype(np.float64)
        # RMSNorm: divide by the root mean square of each row (no mean subtracted, no bias), then scale.
        rms = np.sqrt(np.mean(x64 * x64, axis=-1, keepdims=True) + eps)
        h = x64 / rms
        gate = h @ w_gate
        silu = gate / (1.0 + np.exp(-gate))  # SiLU (swish): g · sigmoid(g)
        ffn = (silu * (h @ w_up)) @ w_down
        return (x64 + ffn).astype(x.dtype)  # residual connection

    return llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps)


def returns_float64(x, norm_weight, w_gate, w_up, w_down, eps: float=1e-06):
    """You let a float32 input come back as float64: the output must keep the input's dtype."""
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
        return x64 + ffn  # residual connection

    return llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps)


def layer_norm_torch(x, norm_weight, w_gate, w_up, w_down, eps: float=1e-06):
    """You subtracted the row mean as LayerNorm does: RMSNorm only divides by the root mean square, so rows whose
    mean is not 0 come out wrong."""
    # torch: LayerNorm-style normalisation (subtracts the row mean) in place of RMSNorm; the rest is right.
    import torch


    def llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps=1e-6):
        x, g, wg, wu, wd = (torch.as_tensor(a) for a in (x, norm_weight, w_gate, w_up, w_down))
        centred = x - x.mean(-1, keepdim=True)
        h = centred * torch.rsqrt(centred.pow(2).mean(-1, keepdim=True) + eps) * g
        return x + (torch.nn.functional.silu(h @ wg) * (h @ wu)) @ wd

    return llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps)


def torch_view_on_any_layout(x, norm_weight, w_gate, w_up, w_down, eps: float=1e-06):
    """You reshaped with torch's .view, which needs contiguous memory: a non-contiguous input (a slice, a transpose)
    crashes, where .reshape would copy."""
    import numpy as np
    import torch


    def llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps=1e-6):
        t = torch.from_numpy(x).double()
        d = t.shape[-1]
        rows = t.view(-1, d)
        rms = torch.sqrt((rows * rows).mean(dim=-1, keepdim=True) + eps)
        h = rows / rms * torch.from_numpy(np.asarray(norm_weight, dtype=np.float64))
        gate = h @ torch.from_numpy(np.asarray(w_gate, dtype=np.float64))
        up = h @ torch.from_numpy(np.asarray(w_up, dtype=np.float64))
        ffn = (gate * torch.sigmoid(gate) * up) @ torch.from_numpy(np.asarray(w_down, dtype=np.float64))
        return (rows + ffn).view(t.shape).numpy().astype(x.dtype)

    return llama_ffn(x, norm_weight, w_gate, w_up, w_down, eps)
