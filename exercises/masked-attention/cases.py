"""Hidden cases for masked-attention.

Oracle: torch.nn.functional.scaled_dot_product_attention with a boolean attn_mask for the
output, and torch.softmax of the masked, scaled scores for the weights. The combined mask is
built here straight from the statement (j <= i + Lk - Lq for causal). A fully masked row is
0/0 in a softmax: some torch versions return nan there for both, so nan is replaced by 0,
which is what the statement asks for.
"""

import math

import numpy as np
import torch

from prep.drills.cases import Case, allclose


def _allowed(shape: tuple[int, ...], mask, causal: bool) -> np.ndarray:
    """The statement's rule, spelled out: mask AND (j <= i + Lk - Lq when causal)."""
    lq, lk = shape[-2], shape[-1]
    allowed = np.ones(shape, dtype=bool)
    if mask is not None:
        allowed = allowed & np.broadcast_to(mask, shape)
    if causal:
        rule = np.array([[j <= i + lk - lq for j in range(lk)] for i in range(lq)], dtype=bool).reshape(lq, lk)
        allowed = allowed & rule
    return allowed


def _case(name: str, q, k, v, mask=None, causal: bool = False) -> Case:
    tq, tk, tv = (torch.from_numpy(a) for a in (q, k, v))
    shape = (*q.shape[:-1], k.shape[-2])
    allowed = torch.from_numpy(_allowed(shape, mask, causal))
    with torch.no_grad():
        output = torch.nn.functional.scaled_dot_product_attention(tq, tk, tv, attn_mask=allowed)
        scores = (tq @ tk.transpose(-1, -2)) / math.sqrt(q.shape[-1])
        weights = torch.softmax(scores.masked_fill(~allowed, float("-inf")), dim=-1)
    output, weights = torch.nan_to_num(output, nan=0.0).numpy(), torch.nan_to_num(weights, nan=0.0).numpy()
    assert np.allclose(weights @ v, output, atol=1e-9), name  # the two oracles agree
    # mask and causal go positionally, so that the first-failure view shows them among the inputs
    return Case(name, (q, k, v, mask, causal), (output, weights), allclose(rtol=1e-6, atol=1e-9, names=("output", "weights"), order=(1, 0)))


PROMISES = {
    "`q`: queries, shape `(..., Lq, d)`; `k`: keys, shape `(..., Lk, d)`": [
        "no mask, 2-d q k v", "scaling by 1/sqrt(d) (d = 16)",
        "padding mask (batch, 1, 1, Lk) over (batch, heads, Lq, d)"],
    "`dv` may differ from `d`.": ["value dim differs from key dim (d=4, dv=7)"],
    "`mask`: `None` (every key allowed) or a boolean array broadcastable to `(..., Lq, Lk)`": [
        "a (Lq, Lk) mask hides some keys", "padding mask (batch, 1, 1, Lk) over (batch, heads, Lq, d)"],
    "`True` means the query may attend to that key.": ["a (Lq, Lk) mask hides some keys"],
    "`causal`: when `True`, apply a causal mask as well.": ["causal, square (Lq == Lk)"],
    "The queries are the last `Lq` positions of the key sequence": [
        "causal, keys longer than queries (Lq=2, Lk=5): queries are the last keys", "hand-checked: causal with Lk=3 > Lq=2",
        "causal over batch and head axes, Lq=2 < Lk=5: the mask uses the last two axes"],
    "With `Lq == Lk` that is the usual lower triangle": [
        "causal, square (Lq == Lk)", "causal, one query against 6 cached keys sees them all",
        "causal, queries longer than keys (Lq=4, Lk=2): first 2 rows see nothing"],
    "When both are given, a key must be allowed by `mask` and by the causal mask.": ["causal combined with a padding mask"],
    "Returns `(output, weights)`": ["no mask, 2-d q k v", "a (Lq, Lk) mask hides some keys"],
    "Every row of `weights` sums to 1 over its allowed keys and is exactly 0 on disallowed ones.": [
        "a (Lq, Lk) mask hides some keys", "causal, square (Lq == Lk)"],
    "A fully masked row (a query that may attend to no key) gets weights all 0": [
        "a fully masked row gives zeros, not nan", "hand-checked: a fully masked row"],
    "Scores can be large (±1000 after scaling)": ["scores of about +-1000 need a stable softmax",
                                                  "rows of very different scales: each row's softmax uses its own max"],
    "The inputs are yours to read, not to change": ["no mask, 2-d q k v"],
}
NOT_CASES = {
    "Write this as a helper `causal_mask(lq, lk)`": "advice on structure: only masked_attention is graded",
    "NumPy or torch are both fine": "a freedom, not a promise",
    "A library softmax (`np`/`torch.softmax`, `F.softmax`) is allowed": "the library attention is refused at the dispatcher",
}

def cases(seed: int = 20261201) -> list[Case]:
    rng = np.random.default_rng(20261201)  # the fixed cases: the same inputs every attempt

    def qkv(*lead: int, lq: int, lk: int, d: int, dv: int | None = None, scale: float = 1.0):
        return (rng.normal(scale=scale, size=(*lead, lq, d)), rng.normal(scale=scale, size=(*lead, lk, d)),
                rng.normal(size=(*lead, lk, dv or d)))

    eye_q = np.array([[1.0, 0.0], [0.0, 1.0]])
    eye_k = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    values = np.array([[1.0], [2.0], [3.0]])
    padding = np.ones((2, 1, 1, 6), dtype=bool)
    padding[0, ..., 4:] = False  # item 0: 4 real keys, 2 pads
    padding[1, ..., 5:] = False
    one_row_masked = np.ones((4, 5), dtype=bool)
    one_row_masked[2] = False
    out = [
        _case("no mask, 2-d q k v", *qkv(lq=3, lk=4, d=5)),
        _case("scaling by 1/sqrt(d) (d = 16)", *qkv(lq=4, lk=4, d=16)),
        _case("value dim differs from key dim (d=4, dv=7)", *qkv(2, lq=3, lk=5, d=4, dv=7)),
        _case("a (Lq, Lk) mask hides some keys", *qkv(lq=3, lk=4, d=3),
              mask=np.array([[True, False, True, True], [False, True, True, False], [True, True, True, False]])),
        _case("padding mask (batch, 1, 1, Lk) over (batch, heads, Lq, d)", *qkv(2, 3, lq=4, lk=6, d=8), mask=padding),
        _case("causal, square (Lq == Lk)", *qkv(2, lq=5, lk=5, d=4), causal=True),
        _case("causal, keys longer than queries (Lq=2, Lk=5): queries are the last keys",
              *qkv(lq=2, lk=5, d=4), causal=True),
        _case("causal, one query against 6 cached keys sees them all", *qkv(2, lq=1, lk=6, d=4), causal=True),
        _case("hand-checked: causal with Lk=3 > Lq=2", eye_q, eye_k, values, causal=True),
        _case("a fully masked row gives zeros, not nan", *qkv(lq=4, lk=5, d=3), mask=one_row_masked),
        _case("hand-checked: a fully masked row", eye_q, eye_k, values,
              mask=np.array([[True, False, True], [False, False, False]])),
        _case("causal, queries longer than keys (Lq=4, Lk=2): first 2 rows see nothing",
              *qkv(lq=4, lk=2, d=3), causal=True),
        _case("causal over batch and head axes, Lq=2 < Lk=5: the mask uses the last two axes",
              *qkv(2, 3, lq=2, lk=5, d=4), causal=True),
        _case("causal combined with a padding mask", *qkv(2, lq=4, lk=4, d=4), causal=True,
              mask=np.array([[[True, True, True, False]], [[True, True, True, True]]])),
        # Each row is shifted by its own max: one query's scores are ~1000, the others' ~1, so a max
        # over the whole array sends the small rows to exp(-1000) = 0.
        _case("rows of very different scales: each row's softmax uses its own max",
              np.array([[4000.0, 0.0, 0.0, 0.0], [0.1, 0.2, -0.1, 0.3], [1.0, -1.0, 0.5, 0.0]]),
              np.array([[1.0, 0.0, 0.0, 0.0], [0.5, 0.0, 1.0, 0.0], [-1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0],
                        [0.2, 0.3, 0.1, 0.0]]), rng.normal(size=(5, 2))),
        _case("scores of about +-1000 need a stable softmax", *qkv(lq=3, lk=4, d=4, scale=25.0),
              mask=np.array([[True, True, False, True]])),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(3):  # random shapes, masks and causal flags
        lead = tuple(int(n) for n in rng.integers(1, 4, size=rng.integers(0, 3)))
        lq, lk, d = (int(n) for n in rng.integers(1, 7, size=3))
        mask = rng.random((*lead, lq, lk)) < 0.7
        causal = bool(i % 2)
        out.append(_case(f"random {i + 1}: batch {lead}, Lq={lq}, Lk={lk}, d={d}, causal={causal}",
                         *qkv(*lead, lq=lq, lk=lk, d=d, dv=int(rng.integers(1, 5))), mask=mask, causal=causal))
    return out


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): batch axes or none, Lq and Lk in any order, masks of
    every broadcastable shape (fully masked rows too), causal or not, large scores."""
    lead = tuple(int(n) for n in rng.integers(1, 3, size=rng.integers(0, 3)))
    lq, lk, d, dv = (int(x) for x in rng.integers(1, 6, size=4))
    scale = 10.0 ** rng.uniform(-1, 1.5)
    q, k, v = rng.normal(scale=scale, size=(*lead, lq, d)), rng.normal(size=(*lead, lk, d)), rng.normal(size=(*lead, lk, dv))
    if rng.random() < 0.4:  # queries of very different scales: each row's softmax needs its own max
        q = q * 10.0 ** rng.integers(-1, 4, size=(*lead, lq, 1))
    mask = None
    if rng.random() < 0.7:
        shape = tuple(1 if rng.random() < 0.4 else n for n in (*lead, lq, lk))
        mask = rng.random(shape) < 0.7
    return (q, k, v, mask, bool(rng.random() < 0.5)), {}
