"""Hidden cases for softmax; the oracle is torch.nn.functional.softmax."""

import numpy as np
import torch

from prep.drills.cases import Case, allclose


def _case(name: str, x: np.ndarray, axis: int = -1) -> Case:
    expected = torch.nn.functional.softmax(torch.from_numpy(x), dim=axis).numpy()
    tolerance = 1e-5 if x.dtype == np.float32 else 1e-9
    return Case(name, (x,), expected, allclose(rtol=tolerance, atol=tolerance, dtype=True), {"axis": axis})


def cases(seed: int = 20261127) -> list[Case]:
    rng = np.random.default_rng(20261127)  # the fixed cases: the same inputs every attempt
    out = [
        _case("a small vector", np.array([1.0, 2.0, 3.0])),
        _case("rows of a matrix", rng.normal(size=(4, 5))),
        _case("axis=0 of a matrix", rng.normal(size=(3, 6)), axis=0),
        _case("logits of +10000 (overflow without the max shift)", np.array([10000.0, 9999.0, 0.0])),
        _case("logits of -10000 (underflow to 0/0)", np.array([-10000.0, -10001.0, -10002.0])),
        _case("mixed +-1e4 in a batch", np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4]])),
        _case("a single element", np.array([3.5])),
        _case("-inf entries are masked to 0", np.array([[0.5, -np.inf, 1.5], [-np.inf, 2.0, -np.inf]])),
        _case("batch x heads x queries x keys, last axis", rng.normal(size=(2, 3, 4, 5))),
        _case("middle axis of a 3-d array", rng.normal(size=(2, 7, 3)), axis=1),
        _case("float32 stays float32", rng.normal(size=(3, 4)).astype(np.float32)),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(5):  # random shapes and scales
        shape = tuple(int(n) for n in rng.integers(1, 6, size=rng.integers(1, 4)))
        out.append(_case(f"random {i + 1}: shape {shape}", rng.normal(scale=10.0 ** rng.integers(-2, 4), size=shape)))
    return out


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): any shape, axis, dtype, scale, some -inf entries."""
    shape = tuple(int(n) for n in rng.integers(1, 6, size=rng.integers(1, 4)))
    x = rng.normal(scale=10.0 ** rng.integers(-2, 5), size=shape)
    if rng.random() < 0.4:  # slices of very different scales
        x = x * 10.0 ** rng.integers(-2, 5, size=shape[:-1] + (1,))
    if rng.random() < 0.3:
        x = x.astype(np.float32)
    axis = int(rng.integers(-len(shape), len(shape)))
    if rng.random() < 0.3:  # masked logits, leaving one finite entry per slice
        x[rng.random(shape) < 0.3] = -np.inf
        first = [slice(None)] * len(shape)
        first[axis] = 0
        x[tuple(first)] = 1.0
    return (x,), {"axis": axis}
