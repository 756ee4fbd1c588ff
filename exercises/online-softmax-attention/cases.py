"""Hidden cases for online_softmax_attention.

Oracle: full attention, not blockwise: torch.nn.functional.scaled_dot_product_attention with a boolean
attn_mask for the output (nan of a fully masked row replaced by 0, as the statement asks) and
torch.logsumexp of the masked, scaled scores for lse. Large cases are computed a few queries at a time.
"""

import functools
import math

import numpy as np
import torch

from prep.drills.cases import Case, allclose


def _oracle(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask) -> tuple[np.ndarray, np.ndarray]:
    lq, lk = q.shape[-2], k.shape[-2]
    outputs, lses = [], []
    tk, tv = torch.from_numpy(k).double(), torch.from_numpy(v).double()
    with torch.no_grad():
        for start in range(0, lq, 256):  # some queries at a time: the big case's full matrix is 128 MB
            tq = torch.from_numpy(q[..., start:start + 256, :]).double()
            scores = (tq @ tk.transpose(-1, -2)) / math.sqrt(q.shape[-1])
            if mask is None:
                out = torch.nn.functional.scaled_dot_product_attention(tq, tk, tv)
            else:
                allowed = np.broadcast_to(mask, (*q.shape[:-2], lq, lk))[..., start:start + 256, :]
                ta = torch.from_numpy(np.array(allowed, dtype=bool))
                out = torch.nn.functional.scaled_dot_product_attention(tq, tk, tv, attn_mask=ta)
                scores = scores.masked_fill(~ta, float("-inf"))
            lse = torch.logsumexp(scores, dim=-1)
            outputs.append(torch.nan_to_num(out, nan=0.0))
            lses.append(lse)
    return (torch.cat(outputs, dim=-2).numpy().astype(q.dtype), torch.cat(lses, dim=-1).numpy().astype(q.dtype))


def _case(name: str, q, k, v, block_size: int, mask=None, pass_mask: bool = True) -> Case:
    expected = _oracle(q, k, v, mask)
    tolerance = (2e-4, 1e-5) if q.dtype == np.float32 else (1e-7, 1e-10)
    kwargs = {"mask": mask} if pass_mask else {}
    return Case(name, (q, k, v, block_size), expected,
                allclose(rtol=tolerance[0], atol=tolerance[1], dtype=True, names=("output", "lse")), kwargs)


def _qkv(rng: np.random.Generator, *lead: int, lq: int, lk: int, d: int, dv: int | None = None, scale: float = 1.0,
         dtype=np.float64):
    return (rng.normal(scale=scale, size=(*lead, lq, d)).astype(dtype),
            rng.normal(scale=scale, size=(*lead, lk, d)).astype(dtype),
            rng.normal(size=(*lead, lk, dv or d)).astype(dtype))


@functools.cache
def _big_case() -> Case:
    """The same every attempt (its own seed), so it is built once per process: its oracle takes a second."""
    q, k, v = _qkv(np.random.default_rng(65536), lq=256, lk=65536, d=4)
    return _case("256 queries x 65536 keys in 96 MB: the full score matrix (128 MB) does not fit", q, k, v, 2048)


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    lead = tuple(int(n) for n in rng.integers(1, 3, size=rng.integers(0, 3)))
    lq, lk, d = int(rng.integers(1, 6)), int(rng.integers(1, 12)), int(rng.integers(1, 5))
    q, k, v = _qkv(rng, *lead, lq=lq, lk=lk, d=d, dv=int(rng.integers(1, 5)), scale=10.0 ** float(rng.uniform(-1, 1.3)),
                   dtype=np.float32 if rng.random() < 0.3 else np.float64)
    mask = None
    if rng.random() < 0.7:
        mask = rng.random((*lead, lq, lk)) < float(rng.uniform(0.2, 0.9))
        if rng.random() < 0.5:
            mask[..., : int(rng.integers(1, lk + 1))] = False  # leading keys masked: whole first blocks
    return (q, k, v, int(rng.integers(1, lk + 3))), {"mask": mask}


PROMISES = {
    "`q`: `(..., Lq, d)`; `k`: `(..., Lk, d)`; `v`: `(..., Lk, dv)`": [
        "the worked example: blocks of 2 over 3 keys", "batch and heads: (2, 3, Lq, d)",
        "k and v are views of one fused array, q is in Fortran order"],
    "all float64 or all float32 NumPy arrays with the same leading (batch, head) dimensions, possibly none.": [
        "float32 stays float32", "batch and heads: (2, 3, Lq, d)", "the worked example: blocks of 2 over 3 keys"],
    "`dv` may differ from `d`.": ["scaled by 1/sqrt(d) with d=16 != dv=3"],
    "walk over the keys in consecutive blocks `[0, B)`, `[B, 2B)`, …": [
        "block size divides the length (12 keys, blocks of 4)", "block size 1: one key at a time"],
    "the last block is shorter when `block_size` does not divide `Lk`": [
        "block size does not divide the length (10 keys, blocks of 3)", "the worked example: blocks of 2 over 3 keys"],
    "a `block_size` larger than `Lk` is one block.": ["one block: block size larger than the length",
                                                     "one block: block size equal to the length"],
    "`mask`: `None` (every key allowed; the default) or a boolean array broadcastable to `(..., Lq, Lk)`": [
        "mask=None is the default", "a padding mask (B, 1, 1, Lk) over (B, H, Lq, d) queries",
        "a (Lq, Lk) mask broadcast over batch and heads"],
    "`True` = the query may attend to that key.": ["the worked example with a mask", "masked keys are -inf scores"],
    "A disallowed key's score is `-inf`.": ["masked keys are -inf scores", "a fully masked row: output 0 and lse -inf"],
    "A block may be fully masked for a query, including its first blocks, while later blocks are not.": [
        "a query whose first blocks are fully masked (its running max is still -inf)"],
    "Per query, keep `m` (the max of the scores seen so far, starting at `-inf`)": [
        "scores rise block after block: earlier sums are rescaled by exp(old max - new max)",
        "scores of about +-1000 need the running max"],
    "`m' = max(m, max(s))`; multiply `l` and `acc` by `exp(m - m')`": [
        "scores rise block after block: earlier sums are rescaled by exp(old max - new max)",
        "scores fall block after block"],
    "that step must not produce `nan` (`-inf - -inf`).": [
        "a query whose first blocks are fully masked (its running max is still -inf)"],
    "Returns `(output, lse)`:": ["the worked example: blocks of 2 over 3 keys"],
    "`output` `(..., Lq, dv)` = `acc / l`, equal to `softmax(q kᵀ / √d) v` over the allowed keys;": [
        "the worked example: blocks of 2 over 3 keys", "the worked example with a mask",
        "scaled by 1/sqrt(d) with d=16 != dv=3"],
    "`lse` `(..., Lq)` = `m + log l`, the log-sum-exp of the query's allowed scaled scores": [
        "scores of about +-1000 need the running max", "the worked example with a mask"],
    "A fully masked query (no allowed key at all) gets an output row of zeros and `lse = -inf`, not `nan`.": [
        "a fully masked row: output 0 and lse -inf", "the worked example with a mask"],
    "Both in the dtype of `q` (float32 in, float32 out).": ["float32 stays float32"],
    "Scores can be large (±1000 after scaling): no overflow.": [
        "scores of about +-1000 need the running max", "rows of very different scale in one batch"],
    "Memory: one hidden case has 256 queries and 65,536 keys": [_big_case().name],
    "Never hold all `Lq × Lk` scores.": [_big_case().name],
    "The inputs are yours to read, not to change": ["the worked example: blocks of 2 over 3 keys",
                                                   "k and v are views of one fused array, q is in Fortran order"],
}
NOT_CASES = {"NumPy or torch (arrays or tensors back) are both fine;": "a freedom, and the two named APIs are refused "
                                                                     "at the dispatcher (prep.drills.forbidden)"}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(20261128)  # the hand-made cases: the same inputs under every seed
    eye_q = np.array([[1.0, 0.0], [0.0, 1.0]])
    eye_k = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    values = np.array([[1.0], [2.0], [3.0]])
    # keys whose scores grow block after block: the running max rises and earlier sums must be rescaled
    rising_q = np.ones((2, 3))
    rising_k = np.outer(np.arange(12.0), np.ones(3)) * 2.0
    first_blocks_masked = np.ones((3, 10), dtype=bool)
    first_blocks_masked[0, :6] = False  # row 0: its first two blocks of 3 see nothing
    first_blocks_masked[1, 3:6] = False  # row 1: a masked block in the middle
    fully_masked_row = rng.random((4, 7)) < 0.6
    fully_masked_row[2] = False
    fully_masked_row[0, 0] = True
    fused = rng.normal(size=(5, 11)) * 2.0  # one projection's output: q | k | v columns, as a model slices it
    out = [
        _case("the worked example: blocks of 2 over 3 keys", eye_q, eye_k, values, 2),
        _case("the worked example with a mask", eye_q, eye_k, values, 2,
              mask=np.array([[True, False, True], [False, False, False]])),
        _case("block size divides the length (12 keys, blocks of 4)", *_qkv(rng, lq=3, lk=12, d=4), 4),
        _case("block size does not divide the length (10 keys, blocks of 3)", *_qkv(rng, lq=4, lk=10, d=4), 3),
        _case("block size 1: one key at a time", *_qkv(rng, lq=3, lk=6, d=3), 1),
        _case("one block: block size equal to the length", *_qkv(rng, lq=3, lk=5, d=3), 5),
        _case("one block: block size larger than the length", *_qkv(rng, lq=3, lk=5, d=3), 64),
        _case("scores rise block after block: earlier sums are rescaled by exp(old max - new max)",
              rising_q, rising_k, rng.normal(size=(12, 2)), 4),
        _case("scores fall block after block", rising_q, rising_k[::-1].copy(), rng.normal(size=(12, 2)), 4),
        _case("scores of about +-1000 need the running max", *_qkv(rng, lq=4, lk=9, d=4, scale=25.0), 2),
        _case("rows of very different scale in one batch",
              *(np.concatenate(pair) for pair in zip(_qkv(rng, 1, lq=3, lk=8, d=4, scale=30.0),
                                                     _qkv(rng, 1, lq=3, lk=8, d=4, scale=0.1))), 3),
        _case("masked keys are -inf scores", *_qkv(rng, lq=3, lk=8, d=4), 3, mask=rng.random((3, 8)) < 0.6),
        _case("a query whose first blocks are fully masked (its running max is still -inf)",
              *_qkv(rng, lq=3, lk=10, d=4, scale=3.0), 3, mask=first_blocks_masked),
        _case("a fully masked row: output 0 and lse -inf", *_qkv(rng, lq=4, lk=7, d=3), 2, mask=fully_masked_row),
        _case("a padding mask (B, 1, 1, Lk) over (B, H, Lq, d) queries", *_qkv(rng, 2, 3, lq=4, lk=9, d=4), 4,
              mask=np.array([[[[True] * 6 + [False] * 3]], [[[True] * 9]]])),
        _case("a (Lq, Lk) mask broadcast over batch and heads", *_qkv(rng, 2, 2, lq=3, lk=7, d=4), 3,
              mask=rng.random((3, 7)) < 0.7),
        _case("mask=None is the default", *_qkv(rng, 2, lq=3, lk=7, d=4), 3, pass_mask=False),
        _case("batch and heads: (2, 3, Lq, d)", *_qkv(rng, 2, 3, lq=5, lk=11, d=8), 4),
        _case("scaled by 1/sqrt(d) with d=16 != dv=3", *_qkv(rng, lq=3, lk=7, d=16, dv=3), 3),
        _case("a single query and a single key", *_qkv(rng, lq=1, lk=1, d=2), 1),
        _case("float32 stays float32", *_qkv(rng, 2, lq=4, lk=13, d=8, dtype=np.float32), 5,
              mask=rng.random((4, 13)) < 0.8),
        _case("k and v are views of one fused array, q is in Fortran order", np.asfortranarray(fused[:, :4]),
              fused[:, 4:8], fused[:, 8:], 3, mask=rng.random((5, 5)) < 0.8),
        _big_case(),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(6):  # random shapes, block sizes and masks
        lead = tuple(int(n) for n in rng.integers(1, 4, size=rng.integers(0, 3)))
        lq, lk, d = int(rng.integers(1, 9)), int(rng.integers(1, 30)), int(rng.integers(1, 9))
        block = int(rng.integers(1, lk + 2))
        mask = rng.random((*lead, lq, lk)) < 0.7 if i % 2 else None
        out.append(_case(f"random {i + 1}: batch {lead}, Lq={lq}, Lk={lk}, d={d}, block {block}",
                         *_qkv(rng, *lead, lq=lq, lk=lk, d=d, dv=int(rng.integers(1, 6)),
                               scale=10.0 ** float(rng.uniform(-1, 1.3))), block, mask=mask))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
