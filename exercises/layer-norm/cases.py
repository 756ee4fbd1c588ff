"""Hidden cases for layer_norm; the oracle is torch.nn.functional.layer_norm, computed in float64."""

import numpy as np
import torch

from prep.drills.cases import Case, allclose


def _case(name: str, x: np.ndarray, gamma=None, beta=None, eps: float | None = None, tolerance: float | None = None) -> Case:
    d = x.shape[-1]
    gamma = np.ones(d, dtype=x.dtype) if gamma is None else np.asarray(gamma, dtype=x.dtype)
    beta = np.zeros(d, dtype=x.dtype) if beta is None else np.asarray(beta, dtype=x.dtype)
    # float64 throughout, so float32 cases are compared with the exact answer for their float32 inputs.
    expected = torch.nn.functional.layer_norm(
        torch.from_numpy(x.astype(np.float64)), (d,), torch.from_numpy(gamma.astype(np.float64)),
        torch.from_numpy(beta.astype(np.float64)), eps=1e-5 if eps is None else eps,
    ).numpy().astype(x.dtype)
    if tolerance is None:
        tolerance = 1e-5  # loose enough for float32; every mistake the cases probe is off by far more
    kwargs = {} if eps is None else {"eps": eps}
    return Case(name, (x, gamma, beta), expected, allclose(rtol=tolerance, atol=tolerance, dtype=True), kwargs)


PROMISES = {
    "`x`: float32 or float64, shape `(..., d)` with `d >= 1`": [
        "a single vector: x of shape (d,)", "batch x sequence x features: x of shape (2, 3, 16)", "a batch of one row"],
    "Each vector `x[..., :]` along the last axis is normalised on its own": ["rows of very different scales"],
    "`gamma`, `beta`: shape `(d,)`": ["learned gamma and beta"],
    "`eps`: a positive Python float.": ["eps = 0.1", "a tiny spread (std 0.003): eps inside the square root matters"],
    "Returns an array of `x`'s shape and dtype (float32 in, float32 out)": [
        "a 2 x 4 matrix, gamma = 1, beta = 0", "float32 stays float32"],
    "* gamma + beta` where `mean` and `var` are over the last axis": [
        "a 2 x 4 matrix, gamma = 1, beta = 0", "learned gamma and beta",
        "a tiny spread (std 0.003): eps inside the square root matters"],
    "A constant vector has variance 0: its output is exactly `beta`": ["constant rows: variance 0, the output is beta"],
    "With `d = 1` every output is `beta`.": ["d = 1: every output is beta"],
    "Inputs may sit far from zero": ["offset 1e4 + noise of std 0.01 (float64)",
                                     "offset 1e8 + noise of std 1 (float64): E[x^2] - E[x]^2 cancels"],
    "Compute the variance so that it stays accurate there": [
        "offset 1e8 + noise of std 1 (float64): E[x^2] - E[x]^2 cancels", "float32: offset 1e4 + noise of std 1"],
    "The inputs are yours to read, not to change": ["a 2 x 4 matrix, gamma = 1, beta = 0"],
}
NOT_CASES = {"Results are compared with a relative and absolute tolerance of 1e-5": "how the cases compare, not a promise"}

def cases(seed: int = 20261202) -> list[Case]:
    rng = np.random.default_rng(20261202)  # the fixed cases: the same inputs every attempt
    d = 16
    out = [
        _case("a 2 x 4 matrix, gamma = 1, beta = 0", np.array([[1.0, 2.0, 3.0, 4.0], [-1.0, 0.0, 0.0, 5.0]])),
        _case("a single vector: x of shape (d,)", rng.normal(size=8)),
        _case("batch x sequence x features: x of shape (2, 3, 16)", rng.normal(size=(2, 3, d))),
        _case("learned gamma and beta", rng.normal(size=(4, 6)), rng.normal(size=6), rng.normal(size=6)),
        _case("constant rows: variance 0, the output is beta",
              np.array([[5.0, 5.0, 5.0, 5.0], [-2.5, -2.5, -2.5, -2.5], [0.1, 0.1, 0.1, 0.1], [1.0, 2.0, 3.0, 4.0]]),
              [2.0, -1.0, 0.5, 3.0], [0.1, 0.2, 0.3, 0.4]),
        _case("d = 1: every output is beta", rng.normal(size=(5, 1)), [3.0], [0.7]),
        _case("a batch of one row", rng.normal(size=(1, 8)), rng.normal(size=8), rng.normal(size=8)),
        _case("rows of very different scales", rng.normal(size=(5, 12)) * np.logspace(-2, 3, 5)[:, None]),
        _case("a tiny spread (std 0.003): eps inside the square root matters", 0.003 * rng.normal(size=(3, 10))),
        _case("eps = 0.1", rng.normal(size=(3, 7)), eps=0.1),
        _case("offset 1e8 + noise of std 1 (float64): E[x^2] - E[x]^2 cancels", 1e8 + rng.normal(size=(3, 32))),
        _case("offset 1e4 + noise of std 0.01 (float64)", 1e4 + 0.01 * rng.normal(size=(4, 64))),
        _case("float32 stays float32", rng.normal(size=(4, d)).astype(np.float32),
              rng.normal(size=d), rng.normal(size=d)),
        _case("float32: offset 1e4 + noise of std 1", (1e4 + rng.normal(size=(4, 64))).astype(np.float32),
              tolerance=5e-3),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(4):  # random shapes, scales, offsets, gamma and beta
        shape = tuple(int(n) for n in rng.integers(1, 6, size=rng.integers(1, 4))) + (int(rng.integers(2, 40)),)
        scale, offset = 10.0 ** rng.uniform(-1, 2), rng.normal(scale=10.0)
        out.append(_case(f"random {i + 1}: shape {shape}", offset + scale * rng.normal(size=shape),
                         rng.normal(size=shape[-1]), rng.normal(size=shape[-1])))
    return out


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): any leading axes, d >= 1, offsets and scales,
    constant rows, float32 or float64, eps given or not."""
    shape = tuple(int(n) for n in rng.integers(1, 4, size=rng.integers(0, 3))) + (int(rng.integers(1, 9)),)
    x = rng.normal(scale=10.0 ** rng.uniform(-3, 2), size=shape) + rng.normal(scale=100.0) * (rng.random() < 0.5)
    if rng.random() < 0.2:
        x[..., :] = x[..., :1]
    dtype = np.float32 if rng.random() < 0.3 else np.float64
    x = x.astype(dtype)
    gamma, beta = rng.normal(size=shape[-1]).astype(dtype), rng.normal(size=shape[-1]).astype(dtype)
    kwargs = {"eps": float(10.0 ** rng.uniform(-6, -1))} if rng.random() < 0.5 else {}
    return (x, gamma, beta), kwargs
