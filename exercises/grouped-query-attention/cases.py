"""Hidden cases for grouped_query_attention.

Oracle: torch.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=allowed, enable_gqa=True), which
repeats each key/value head for its group of query heads (repeat_interleave); the causal mask is built here
from the statement (j <= i + Lk - Lq), since SDPA's is_causal aligns to the top left.
"""

import numpy as np
import torch

from prep.drills.cases import Case, allclose


def _oracle(q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool) -> np.ndarray:
    lq, lk = q.shape[-2], k.shape[-2]
    allowed = None
    if causal:
        allowed = torch.tensor([[j <= i + lk - lq for j in range(lk)] for i in range(lq)], dtype=torch.bool)
    with torch.no_grad():
        out = torch.nn.functional.scaled_dot_product_attention(
            torch.from_numpy(q), torch.from_numpy(k), torch.from_numpy(v), attn_mask=allowed, enable_gqa=True)
    return out.numpy()


def _case(name: str, q, k, v, causal: bool | None = None) -> Case:
    kwargs = {} if causal is None else {"causal": causal}
    tolerance = (2e-4, 1e-5) if q.dtype == np.float32 else (1e-7, 1e-10)
    return Case(name, (q, k, v), _oracle(q, k, v, bool(causal)),
                allclose(rtol=tolerance[0], atol=tolerance[1], dtype=True), kwargs)


def _qkv(rng: np.random.Generator, b: int, hq: int, hkv: int, lq: int, lk: int, d: int, dv: int | None = None,
         scale: float = 1.0, dtype=np.float64):
    return (rng.normal(scale=scale, size=(b, hq, lq, d)).astype(dtype),
            rng.normal(scale=scale, size=(b, hkv, lk, d)).astype(dtype),
            rng.normal(size=(b, hkv, lk, dv or d)).astype(dtype))


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    hkv, group = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    lk = int(rng.integers(1, 7))
    lq = int(rng.integers(1, lk + 1)) if rng.random() < 0.5 else int(rng.integers(1, 7))
    causal = lq <= lk and rng.random() < 0.5
    q, k, v = _qkv(rng, int(rng.integers(1, 3)), hkv * group, hkv, lq, lk, int(rng.integers(1, 6)),
                   int(rng.integers(1, 6)), scale=10.0 ** float(rng.uniform(-1, 1.5)),
                   dtype=np.float32 if rng.random() < 0.3 else np.float64)
    return (q, k, v), {"causal": bool(causal)}


PROMISES = {
    "`q`: `(B, Hq, Lq, d)`; `k`: `(B, Hkv, Lk, d)`; `v`: `(B, Hkv, Lk, dv)`.": [
        "hand-made: query heads 0,1 use kv head 0, heads 2,3 use kv head 1", "8 query heads, 2 kv heads (groups of 4)",
        "q, k and v views of one fused array (heads 0-3, 4-5, 6-7)", "q a view with seq and heads swapped"],
    "All float64 or all float32 NumPy arrays.": ["float32 stays float32"],
    "`Hkv` divides `Hq`": ["multi-query attention: one kv head for all 4 query heads",
                           "Hkv = Hq is ordinary multi-head attention", "one query head, one kv head"],
    "`dv` may differ from `d`; `Lq` may differ from `Lk`.": ["value dim larger than key dim (d=2, dv=7)",
                                                             "more queries than keys, not causal (Lq=6, Lk=2)"],
    "Grouping: the query heads are split into `Hkv` groups of consecutive heads": [
        "hand-made: query heads 0,1 use kv head 0, heads 2,3 use kv head 1",
        "groups are consecutive query heads (h // g, not h % Hkv): 6 query heads, 3 kv heads"],
    "Not `h % Hkv`.": ["groups are consecutive query heads (h // g, not h % Hkv): 6 query heads, 3 kv heads"],
    "Each query head computes `softmax(q_h k_hᵀ / √d) v_h`": ["scaled by 1/sqrt(d) with d=16 != dv=3"],
    "`causal`: when `True`, the queries are the last `Lq` positions": [
        "causal with a cache: the queries are the last Lq of Lk=6 keys", "causal, square (Lq = Lk = 5)",
        "causal, one query sees every key"],
    "With `causal=True`, `Lq <= Lk`": ["causal with a cache: the queries are the last Lq of Lk=6 keys"],
    "Default: `False`, every query sees every key.": ["causal=False is the default: every key is seen", "explicit causal=False"],
    "Returns the output, shape `(B, Hq, Lq, dv)`, in the dtype of `q`": ["float32 stays float32",
                                                                       "LLaMA-2-70B-like ratio: 16 query heads over 2 kv heads"],
    "Scores can be large (±1000 after scaling)": ["scores of about +-1000 need a stable softmax",
                                                  "a masked future key scoring +1000: the row max is taken after the mask"],
    "The inputs are yours to read, not to change": ["q, k and v views of one fused array (heads 0-3, 4-5, 6-7)"],
}
NOT_CASES = {"NumPy or torch (arrays or tensors back) are both fine": "a freedom, not a promise",
             "`F.scaled_dot_product_attention` (with or without `enable_gqa`)": "refused at the dispatcher (prep.drills.forbidden)"}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(20261128)  # the hand-made cases: the same inputs under every seed
    # hand-made: 4 query heads, 2 key/value heads; head 0 of k/v is the identity, head 1 swaps the keys
    q = np.array([[[[1.0, 0.0]], [[0.0, 1.0]], [[2.0, 0.0]], [[0.0, 2.0]]]])  # (1, 4, 1, 2)
    k = np.array([[[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]]]])  # (1, 2, 2, 2)
    v = np.array([[[[1.0], [2.0]], [[10.0], [20.0]]]])  # (1, 2, 2, 1)
    out = [
        _case("hand-made: query heads 0,1 use kv head 0, heads 2,3 use kv head 1", q, k, v),
        _case("groups are consecutive query heads (h // g, not h % Hkv): 6 query heads, 3 kv heads",
              *_qkv(rng, 1, 6, 3, 3, 4, 4)),
        _case("8 query heads, 2 kv heads (groups of 4)", *_qkv(rng, 2, 8, 2, 4, 5, 8)),
        _case("multi-query attention: one kv head for all 4 query heads", *_qkv(rng, 2, 4, 1, 3, 6, 4)),
        _case("Hkv = Hq is ordinary multi-head attention", *_qkv(rng, 1, 3, 3, 4, 4, 5)),
        _case("one query head, one kv head", *_qkv(rng, 1, 1, 1, 2, 3, 3)),
        _case("scaled by 1/sqrt(d) with d=16 != dv=3", *_qkv(rng, 1, 4, 2, 3, 5, 16, 3)),
        _case("value dim larger than key dim (d=2, dv=7)", *_qkv(rng, 2, 6, 2, 2, 4, 2, 7)),
        _case("more queries than keys, not causal (Lq=6, Lk=2)", *_qkv(rng, 1, 4, 2, 6, 2, 3)),
        _case("causal, square (Lq = Lk = 5)", *_qkv(rng, 2, 4, 2, 5, 5, 4), causal=True),
        _case("causal with a cache: the queries are the last Lq of Lk=6 keys", *_qkv(rng, 1, 6, 2, 3, 6, 4), causal=True),
        _case("causal, one query sees every key", *_qkv(rng, 2, 4, 1, 1, 5, 4), causal=True),
        _case("causal=False is the default: every key is seen", *_qkv(rng, 1, 4, 2, 4, 4, 4)),
        _case("explicit causal=False", *_qkv(rng, 1, 4, 2, 4, 4, 4), causal=False),
        _case("scores of about +-1000 need a stable softmax", *_qkv(rng, 1, 4, 2, 3, 4, 4, scale=30.0), causal=True),
        _case("a masked future key scoring +1000: the row max is taken after the mask",
              np.ones((1, 2, 2, 1)), np.array([[[[-1000.0], [1000.0]]]]), np.array([[[[1.0], [2.0]]]]), causal=True),
        _case("rows of very different scale in one batch",
              *(np.concatenate(pair) for pair in zip(_qkv(rng, 1, 4, 2, 3, 4, 4, scale=30.0),
                                                     _qkv(rng, 1, 4, 2, 3, 4, 4, scale=0.1)))),
        _case("float32 stays float32", *_qkv(rng, 2, 4, 2, 3, 5, 8, dtype=np.float32), causal=True),
        _case("LLaMA-2-70B-like ratio: 16 query heads over 2 kv heads", *_qkv(rng, 1, 16, 2, 8, 8, 8), causal=True),
    ]
    fixed = np.random.default_rng(20261207)  # inputs as callers pass them: views of a fused projection, a batch of one
    fused = fixed.normal(size=(1, 8, 3, 4))
    out += [
        _case("q, k and v views of one fused array (heads 0-3, 4-5, 6-7)", fused[:, :4], fused[:, 4:6], fused[:, 6:8],
              causal=True),
        _case("q a view with seq and heads swapped", fixed.normal(size=(1, 3, 4, 2)).transpose(0, 2, 1, 3),
              *_qkv(fixed, 1, 4, 2, 3, 3, 2)[1:]),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(6):  # random head counts, lengths and dims
        hkv, group = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        lq, lk = int(rng.integers(1, 8)), int(rng.integers(1, 8))
        causal = bool(i % 2) and lq <= lk
        d, dv = int(rng.integers(1, 9)), int(rng.integers(1, 9))
        scale = 10.0 ** float(rng.uniform(-1, 1.2))
        out.append(_case(f"random {i + 1}: Hq={hkv * group}, Hkv={hkv}, Lq={lq}, Lk={lk}, d={d}, dv={dv}, causal={causal}",
                         *_qkv(rng, int(rng.integers(1, 3)), hkv * group, hkv, lq, lk, d, dv, scale=scale), causal=causal))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
