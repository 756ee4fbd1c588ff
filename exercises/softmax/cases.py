"""Hidden cases for softmax; the oracle is torch.nn.functional.softmax."""

import numpy as np
import torch

from prep.drills.cases import Case, allclose


def _case(name: str, x: np.ndarray, axis: int = -1) -> Case:
    expected = torch.nn.functional.softmax(torch.from_numpy(x), dim=axis).numpy()
    tolerance = 1e-5 if x.dtype == np.float32 else 1e-9
    return Case(name, (x,), expected, allclose(rtol=tolerance, atol=tolerance, dtype=True), {"axis": axis})


PROMISES = {
    "`x`: a floating-point array of any shape with at least one element (float32 or float64).": [
        "a small vector", "rows of a matrix", "batch x heads x queries x keys, last axis", "a single element",
        "float32 stays float32", "a non-contiguous view (every other column)", "a Fortran-ordered matrix, axis=0",
        "a transposed view", "a batch of one row"],
    "Entries may be `-inf` (a masked logit), but every slice along `axis` has at least one finite entry.": [
        "-inf entries are masked to 0"],
    "`axis`: the axis to normalise over; negative values count from the end.": [
        "axis=0 of a matrix", "middle axis of a 3-d array", "a small vector"],
    "Returns an array of the same shape and dtype whose slices along `axis` are non-negative and sum to 1.": [
        "rows of a matrix", "float32 stays float32", "middle axis of a 3-d array"],
    "A `-inf` logit gets probability exactly 0.": ["-inf entries are masked to 0"],
    "It must be numerically stable: logits of ±10,000 must give the right answer, not `nan` or `inf`.": [
        "logits of +10000 (overflow without the max shift)", "logits of -10000 (underflow to 0/0)", "mixed +-1e4 in a batch"],
    "The input is yours to read, not to change": ["a small vector", "a non-contiguous view (every other column)"],
}
NOT_CASES = {"Do not call a library softmax": "refused by the grader before and while the code runs (prep.drills.forbidden)"}


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
        _case("a non-contiguous view (every other column)", rng.normal(size=(3, 10))[:, ::2]),
        _case("a Fortran-ordered matrix, axis=0", np.asfortranarray(rng.normal(size=(4, 3))), axis=0),
        _case("a transposed view", rng.normal(size=(5, 2)).T),
        _case("a batch of one row", rng.normal(size=(1, 6))),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(1):  # random shapes and scales
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
