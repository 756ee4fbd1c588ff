"""Hidden cases for multi-head-attention.

Oracle: torch.nn.MultiheadAttention(d_model, num_heads, batch_first=True) in float64, eval
mode, with the case's weights copied into in_proj_weight / in_proj_bias (W_q, W_k, W_v
stacked) and out_proj; called with need_weights=True, average_attn_weights=True.
"""

import numpy as np
import torch

from prep.drills.cases import Case, allclose


def _case(name: str, rng: np.random.Generator, *, batch: int, lq: int, d_model: int, num_heads: int,
          lk: int | None = None, cross: bool = False, same_kv: bool = True, pad: np.ndarray | None = None,
          query_scale: np.ndarray | float = 1.0) -> Case:
    query = rng.normal(size=(batch, lq, d_model)) * query_scale
    if cross:
        key = rng.normal(size=(batch, lk or lq, d_model))
        value = key.copy() if same_kv else rng.normal(size=key.shape)
    else:
        key, value = query.copy(), query.copy()
    scale = 1.0 / np.sqrt(d_model)
    W_q, W_k, W_v, W_o = (rng.normal(scale=scale * 2, size=(d_model, d_model)) for _ in range(4))
    b_q, b_k, b_v, b_o = (rng.normal(scale=0.5, size=d_model) for _ in range(4))

    mha = torch.nn.MultiheadAttention(d_model, num_heads, batch_first=True, dtype=torch.float64).eval()
    with torch.no_grad():
        mha.in_proj_weight.copy_(torch.from_numpy(np.concatenate([W_q, W_k, W_v])))
        mha.in_proj_bias.copy_(torch.from_numpy(np.concatenate([b_q, b_k, b_v])))
        mha.out_proj.weight.copy_(torch.from_numpy(W_o))
        mha.out_proj.bias.copy_(torch.from_numpy(b_o))
        output, weights = mha(torch.from_numpy(query), torch.from_numpy(key), torch.from_numpy(value),
                              key_padding_mask=None if pad is None else torch.from_numpy(pad),
                              need_weights=True, average_attn_weights=True)
    expected = (output.numpy(), weights.numpy())
    assert not np.isnan(expected[0]).any(), name
    args = (query, key, value, num_heads, W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, pad)
    return Case(name, args, expected, allclose(rtol=1e-6, atol=1e-9, names=("output", "weights"), order=(1, 0)))


PROMISES = {
    "`query`: `(B, Lq, d_model)`; `key` and `value`: `(B, Lk, d_model)`.": ["self-attention, 1 head",
                                                                             "batch of 2, 4 heads, d_model=8"],
    "For self-attention the three are the same sequence; for cross-attention": [
        "cross-attention: 3 queries, 6 keys", "cross-attention with key != value"],
    "`num_heads`: an `int` dividing `d_model`": ["self-attention, 2 heads", "d_head = 1 (num_heads == d_model)",
                                                 "8 heads, d_model=32, length 7"],
    "`W_q, W_k, W_v, W_o`: `(d_model, d_model)`": ["self-attention, 1 head"],
    "They follow the `nn.Linear` convention": ["self-attention, 1 head", "self-attention, 2 heads"],
    "(`W_q, W_k, W_v` are the three row blocks": ["self-attention, 2 heads"],
    "Head `h` uses columns `h*d_head : (h+1)*d_head`": ["self-attention, 2 heads", "batch of 2, 4 heads, d_model=8"],
    "The heads' outputs are concatenated in head order": ["batch of 2, 4 heads, d_model=8", "8 heads, d_model=32, length 7"],
    "`key_padding_mask`: `None` or a boolean `(B, Lk)` array": ["key_padding_mask: True keys are padding",
                                                                "padding mask in cross-attention, 4 heads"],
    "Every batch item has at least one key that is not padding.": ["key_padding_mask: True keys are padding"],
    "Returns `(output, weights)`": ["self-attention, 2 heads", "a single query against 5 keys",
                                    "queries of very different scales: each softmax row uses its own max"],
    "The inputs are yours to read, not to change": ["self-attention, 1 head"],
}
NOT_CASES = {
    "NumPy or torch (arrays or tensors back) are both fine": "a freedom, not a promise",
    "`nn.MultiheadAttention`, `F.multi_head_attention_forward` and `F.scaled_dot_product_attention` are not.":
        "refused at the dispatcher (prep.drills.forbidden)",
}

def cases(seed: int = 20261202) -> list[Case]:
    rng = np.random.default_rng(20261202)  # the fixed cases: the same inputs every attempt
    pad_self = np.zeros((2, 5), dtype=bool)
    pad_self[0, 3:] = True  # item 0: 3 tokens and 2 pads
    pad_cross = np.zeros((3, 6), dtype=bool)
    pad_cross[0, 2:] = True
    pad_cross[1, 5:] = True  # item 2 has no padding
    out = [
        _case("self-attention, 1 head", rng, batch=1, lq=3, d_model=4, num_heads=1),
        _case("self-attention, 2 heads", rng, batch=1, lq=4, d_model=4, num_heads=2),
        _case("batch of 2, 4 heads, d_model=8", rng, batch=2, lq=5, d_model=8, num_heads=4),
        _case("cross-attention: 3 queries, 6 keys", rng, batch=2, lq=3, lk=6, d_model=6, num_heads=3, cross=True),
        _case("cross-attention with key != value", rng, batch=2, lq=4, lk=5, d_model=8, num_heads=2, cross=True,
              same_kv=False),
        _case("key_padding_mask: True keys are padding", rng, batch=2, lq=5, d_model=6, num_heads=2, pad=pad_self),
        _case("padding mask in cross-attention, 4 heads", rng, batch=3, lq=4, lk=6, d_model=8, num_heads=4,
              cross=True, same_kv=False, pad=pad_cross),
        _case("d_head = 1 (num_heads == d_model)", rng, batch=2, lq=3, d_model=4, num_heads=4),
        _case("a single query against 5 keys", rng, batch=2, lq=1, lk=5, d_model=6, num_heads=2, cross=True),
        _case("8 heads, d_model=32, length 7", rng, batch=2, lq=7, d_model=32, num_heads=8),
        # Scores of ~1000 for one query and ~1 for another: a stable softmax shifts each row by its own max
        # (torch does); one max for everything sends the small rows to 0/0.
        _case("queries of very different scales: each softmax row uses its own max", rng, batch=2, lq=3, lk=4,
              d_model=4, num_heads=2, cross=True, same_kv=False, query_scale=np.array([[[300.0], [1.0], [0.1]]])),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(3):  # random sizes, with and without padding
        num_heads = int(rng.integers(1, 5))
        d_model = num_heads * int(rng.integers(1, 5))
        batch, lq, lk = (int(n) for n in rng.integers(1, 6, size=3))
        pad = None
        if i != 1:
            pad = rng.random((batch, lk)) < 0.4
            pad[:, 0] = False  # at least one real key per item
        out.append(_case(f"random {i + 1}: B={batch}, Lq={lq}, Lk={lk}, d_model={d_model}, heads={num_heads}",
                         rng, batch=batch, lq=lq, lk=lk, d_model=d_model, num_heads=num_heads, cross=True,
                         same_kv=bool(i % 2), pad=pad))
    return out


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): self or cross attention, any head count, padding."""
    heads = int(rng.integers(1, 4))
    d_model = heads * int(rng.integers(1, 4))
    batch, lq, lk = (int(n) for n in rng.integers(1, 4, size=3))
    query = rng.normal(size=(batch, lq, d_model))
    if rng.random() < 0.4:  # positions of very different scales: each softmax row needs its own max
        query = query * 10.0 ** rng.integers(-1, 4, size=(batch, lq, 1))
    key = rng.normal(size=(batch, lk, d_model))
    value = key.copy() if rng.random() < 0.3 else rng.normal(size=key.shape)
    weights = [rng.normal(scale=1.0, size=(d_model, d_model)) if i % 2 == 0 else rng.normal(scale=0.5, size=d_model)
               for i in range(8)]
    pad = None
    if rng.random() < 0.6:
        pad = rng.random((batch, lk)) < 0.4
        pad[np.arange(batch), rng.integers(0, lk, batch)] = False
    return (query, key, value, heads, *weights, pad), {}
