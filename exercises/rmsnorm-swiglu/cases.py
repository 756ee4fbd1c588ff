"""Hidden cases for llama_ffn.

Oracle: torch in float64 — torch.nn.functional.rms_norm for RMSNorm, torch.nn.functional.silu for
the gate, torch matmuls — plus the residual, then cast to x's dtype.
"""

import numpy as np
import torch
import torch.nn.functional as F

from prep.drills.cases import Case, allclose


def _oracle(x, norm_weight, w_gate, w_up, w_down, eps: float) -> np.ndarray:
    t = torch.from_numpy(x.astype(np.float64))
    weights = [torch.from_numpy(np.asarray(w, dtype=np.float64)) for w in (norm_weight, w_gate, w_up, w_down)]
    h = F.rms_norm(t, (x.shape[-1],), weight=weights[0], eps=eps)
    out = t + (F.silu(h @ weights[1]) * (h @ weights[2])) @ weights[3]
    return out.numpy().astype(x.dtype)


def _weights(rng: np.random.Generator, d: int, f: int, dtype=np.float64):
    return (rng.uniform(0.5, 1.5, size=d).astype(dtype), rng.normal(scale=d**-0.5, size=(d, f)).astype(dtype),
            rng.normal(scale=d**-0.5, size=(d, f)).astype(dtype), rng.normal(scale=f**-0.5, size=(f, d)).astype(dtype))


def _case(name: str, x, weights, eps: float | None = None) -> Case:
    expected = _oracle(x, *weights, eps=1e-6 if eps is None else eps)
    rtol, atol = (2e-5, 2e-7) if x.dtype == np.float32 else (1e-7, 1e-12)
    kwargs = {} if eps is None else {"eps": eps}
    return Case(name, (x, *weights), expected, allclose(rtol=rtol, atol=atol, dtype=True), kwargs)


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    lead = tuple(int(n) for n in rng.integers(1, 4, size=rng.integers(0, 3)))
    d, f = int(rng.integers(1, 9)), int(rng.integers(1, 11))
    dtype = np.float32 if rng.random() < 0.3 else np.float64
    rows = 10.0 ** rng.integers(-4, 3, size=(*lead, 1))  # every row its own scale
    x = (rng.normal(size=(*lead, d)) + rng.normal(size=(*lead, 1))) * rows
    kwargs = {"eps": float(rng.choice([1e-6, 1e-5, 1e-2]))} if rng.random() < 0.5 else {}
    return (x.astype(dtype), *_weights(rng, d, f, dtype)), kwargs


PROMISES = {
    "`x`: float32 or float64 array of shape `(..., d)`, `d ≥ 1`; the leading (batch, sequence) dimensions can be anything, or none.": [
        "a single token, d=4, f=8", "batch x seq x d = (2, 5, 8), f=22 (about 8d/3, as in LLaMA)", "a batch of one row",
        "an empty batch: no rows in, no rows out", "x a non-contiguous view (every other column)", "x Fortran-ordered",
        "x (batch, seq, d) sliced along d: no flat view of its rows exists",
        "x (batch, seq, d) with seq and batch swapped", "d=1: RMSNorm of one number is its sign"],
    "Every row of the last axis is one token, processed on its own.": [
        "rows of scale 1e-3, 1, 1e3, 30 are normalised each on its own"],
    "`norm_weight`: shape `(d,)`, the RMSNorm gain.": ["the gain norm_weight scales each dimension"],
    "`w_gate`, `w_up`: shape `(d, f)`; `w_down`: shape `(f, d)`, with any hidden size `f ≥ 1`": [
        "hidden size f=1", "batch x seq x d = (2, 5, 8), f=22 (about 8d/3, as in LLaMA)"],
    "They are laid out for `h @ W`": ["hand-checked: the worked example (a zero row stays zero)",
                                      "x a transposed view, w_down a transposed view"],
    "All have the same dtype as `x`.": ["float32 stays float32"],
    "RMSNorm, per row: the mean of the squares is taken over the last axis only, with `eps` added inside the square root": [
        "rows far smaller than sqrt(eps): eps goes inside the square root", "eps=1e-2 given: it must be used",
        "eps=1e-5 (LLaMA 2) on small rows", "a zero row and a normal row"],
    "There is no mean subtraction: that would be LayerNorm.": ["rows with a large mean: no mean subtraction (not LayerNorm)"],
    "SwiGLU: the SiLU goes on the gate projection": ["hand-checked: the worked example (a zero row stays zero)",
                                                   "large gates: SiLU(g) ≈ g for g ≫ 0 and ≈ 0 for g ≪ 0"],
    "Residual: the un-normalised `x` is added to the result.": ["hand-checked: the worked example (a zero row stays zero)",
                                                              "rows with a large mean: no mean subtraction (not LayerNorm)"],
    "Returns an array of the same shape and the same dtype as `x`.": [
        "float32 stays float32", "float32 rows of very different scale", "an empty batch: no rows in, no rows out"],
    "The inputs are yours to read, not to change": ["a single token, d=4, f=8", "x a non-contiguous view (every other column)"],
}
NOT_CASES = {
    "Computing in float64 and casting back is fine.": "a freedom, not a promise",
    "NumPy or torch are both fine.": "a freedom, not a promise",
    "`F.silu` and `torch.sigmoid` are allowed; a library RMSNorm or LayerNorm": "refused at the dispatcher (prep.drills.forbidden)",
}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(20261128)  # the hand-made cases: the same inputs under every seed
    worked = (np.array([1.0, 0.5]), np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]),
              np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0]]), np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))
    mixed = rng.normal(size=(4, 6)) * np.array([[1e-3], [1.0], [1e3], [30.0]])
    tiny = rng.normal(size=(3, 5)) * np.array([[1e-4], [3e-4], [1.0]])
    offset = rng.normal(size=(4, 6)) + 3.0  # rows with a large mean: LayerNorm would remove it
    zeros = np.vstack([np.zeros(5), rng.normal(size=5)])
    out = [
        _case("hand-checked: the worked example (a zero row stays zero)", np.array([[1.0, -1.0], [0.0, 2.0], [0.0, 0.0]]), worked),
        _case("a single token, d=4, f=8", rng.normal(size=4), _weights(rng, 4, 8)),
        _case("rows of scale 1e-3, 1, 1e3, 30 are normalised each on its own", mixed, _weights(rng, 6, 10)),
        _case("rows far smaller than sqrt(eps): eps goes inside the square root", tiny, _weights(rng, 5, 7)),
        _case("eps=1e-2 given: it must be used", rng.normal(scale=0.1, size=(3, 4)), _weights(rng, 4, 6), eps=1e-2),
        _case("eps=1e-5 (LLaMA 2) on small rows", rng.normal(scale=3e-3, size=(2, 3, 4)), _weights(rng, 4, 5), eps=1e-5),
        _case("rows with a large mean: no mean subtraction (not LayerNorm)", offset, _weights(rng, 6, 9)),
        _case("the gain norm_weight scales each dimension", rng.normal(size=(3, 5)),
              (np.array([0.1, 2.0, 1.0, -1.5, 3.0]), *_weights(rng, 5, 6)[1:])),
        _case("a zero row and a normal row", zeros, _weights(rng, 5, 4)),
        _case("hidden size f=1", rng.normal(size=(3, 4)), _weights(rng, 4, 1)),
        _case("d=1: RMSNorm of one number is its sign", np.array([[2.0], [-0.5], [3e-4]]), _weights(rng, 1, 3)),
        _case("batch x seq x d = (2, 5, 8), f=22 (about 8d/3, as in LLaMA)", rng.normal(size=(2, 5, 8)), _weights(rng, 8, 22)),
        _case("float32 stays float32", rng.normal(size=(3, 6)).astype(np.float32), _weights(rng, 6, 16, np.float32)),
        _case("float32 rows of very different scale", (rng.normal(size=(3, 4)) * np.array([[1e-2], [1.0], [1e2]])).astype(np.float32),
              _weights(rng, 4, 8, np.float32)),
        _case("large gates: SiLU(g) ≈ g for g ≫ 0 and ≈ 0 for g ≪ 0", rng.normal(size=(4, 3)),
              (np.ones(3), rng.normal(scale=8.0, size=(3, 5)), rng.normal(size=(3, 5)), rng.normal(size=(5, 3)))),
    ]
    fixed = np.random.default_rng(20261207)  # inputs as callers really pass them: views, other layouts, edge batches
    wide = fixed.normal(size=(3, 12))
    out += [
        _case("x a non-contiguous view (every other column)", wide[:, ::2], _weights(fixed, 6, 5)),
        _case("x Fortran-ordered", np.asfortranarray(fixed.normal(size=(4, 5))), _weights(fixed, 5, 3)),
        _case("x (batch, seq, d) sliced along d: no flat view of its rows exists", fixed.normal(size=(2, 3, 8))[:, :, ::2],
              _weights(fixed, 4, 5)),
        _case("x (batch, seq, d) with seq and batch swapped", fixed.normal(size=(3, 2, 4)).transpose(1, 0, 2),
              _weights(fixed, 4, 3)),
        _case("x a transposed view, w_down a transposed view", fixed.normal(size=(5, 3)).T,
              (*_weights(fixed, 5, 4)[:3], fixed.normal(size=(5, 4)).T)),
        _case("a batch of one row", fixed.normal(size=(1, 4)), _weights(fixed, 4, 6)),
        _case("an empty batch: no rows in, no rows out", np.zeros((0, 4)), _weights(fixed, 4, 6)),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(5):
        args, kwargs = random_input(rng)
        out.append(_case(f"random {i + 1}: x {args[0].shape} {args[0].dtype}, f={args[2].shape[1]}", args[0], args[1:], **kwargs))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
