"""Hidden cases for rope (interleaved rotary position embeddings).

Oracle: Meta's LLaMA formulation in torch, written here independently of reference.py: neighbouring
pairs of dimensions viewed as complex numbers (torch.view_as_complex) and multiplied by
exp(i · p · θ) built with torch.polar, all in float64; the result is cast to x's dtype. Every case
also checks it against GPT-J's formulation (rotate_every_two with repeat_interleave'd sin and cos, as
in Hugging Face's modeling_gptj), so the two models' convention is the one graded.
"""

import numpy as np
import torch

from prep.drills.cases import Case, allclose


def _oracle(x: np.ndarray, positions, base: float) -> np.ndarray:
    seq, d = x.shape[-2], x.shape[-1]
    pos = torch.arange(seq, dtype=torch.float64) if positions is None else torch.as_tensor(np.asarray(positions), dtype=torch.float64)
    theta = 1.0 / (base ** (torch.arange(0, d, 2, dtype=torch.float64) / d))
    rotation = torch.polar(torch.ones(seq, d // 2, dtype=torch.float64), torch.outer(pos, theta))
    pairs = torch.view_as_complex(torch.from_numpy(x.astype(np.float64)).reshape(*x.shape[:-1], d // 2, 2).contiguous())
    return torch.view_as_real(pairs * rotation).reshape(x.shape).numpy().astype(x.dtype)


def _gptj(x: np.ndarray, positions, base: float) -> np.ndarray:
    seq, d = x.shape[-2], x.shape[-1]
    pos = torch.arange(seq, dtype=torch.float64) if positions is None else torch.as_tensor(np.asarray(positions), dtype=torch.float64)
    inv_freq = 1.0 / (base ** (torch.arange(0, d, 2, dtype=torch.float64) / d))
    sinusoid = torch.einsum("i,j->ij", pos, inv_freq)
    sin = torch.repeat_interleave(torch.sin(sinusoid), 2, dim=-1)
    cos = torch.repeat_interleave(torch.cos(sinusoid), 2, dim=-1)
    t = torch.from_numpy(x.astype(np.float64))
    rotated = torch.stack((-t[..., 1::2], t[..., ::2]), dim=-1).flatten(-2)  # rotate_every_two
    return (t * cos + rotated * sin).numpy()


def _case(name: str, x: np.ndarray, positions=None, base: float | None = None) -> Case:
    kwargs = {}
    if positions is not None:
        kwargs["positions"] = positions
    if base is not None:
        kwargs["base"] = base
    expected = _oracle(x, positions, 10000.0 if base is None else base)
    assert np.allclose(expected, _gptj(x, positions, 10000.0 if base is None else base).astype(x.dtype), rtol=1e-5, atol=1e-6), name
    if x.dtype == np.float32:
        check = allclose(rtol=2e-5, atol=2e-5, dtype=True)
    else:
        check = allclose(rtol=1e-8, atol=1e-10, dtype=True)
    return Case(name, (x,), expected, check, kwargs)


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    lead = tuple(int(n) for n in rng.integers(1, 4, size=rng.integers(0, 3)))
    seq, d = int(rng.integers(1, 7)), 2 * int(rng.integers(1, 9))
    dtype = np.float32 if rng.random() < 0.3 else np.float64
    x = rng.normal(scale=10.0 ** rng.integers(-2, 3), size=(*lead, seq, d)).astype(dtype)
    kwargs = {}
    if rng.random() < 0.6:
        top = 40 if dtype == np.float32 else 5000
        kwargs["positions"] = rng.integers(0, top, size=seq)
    if rng.random() < 0.5:
        kwargs["base"] = float(rng.choice([10.0, 100.0, 10000.0, 500000.0]))
    return (x,), kwargs


PROMISES = {
    "`x`: queries or keys, a float32 or float64 array of shape `(..., seq, d)`": [
        "hand-checked: the worked example, positions 0..2", "d = 2: a single pair", "float32 stays float32",
        "x a non-contiguous view: every other dimension of a wider array", "x Fortran-ordered",
        "a batch of one, one head, one token at position 0"],
    "The leading dimensions (batch, heads, ...) can be anything, or none.": [
        "batch x heads x seq x d = (2, 3, 5, 8), default positions", "x a view of heads swapped with seq, positions a view"],
    "`positions`: `None` means the positions `0, 1, …, seq − 1`.": ["hand-checked: the worked example, positions 0..2"],
    "Otherwise a 1-D integer array of `seq` non-negative positions": [
        "positions after a cache: [7, 8, 9]", "positions shared by every batch and head: (2, 3, 4, 8) with [10, 2, 5, 7]",
        "int32 positions"],
    "They need not be sorted or contiguous.": ["unsorted, non-contiguous positions [3, 0, 11, 2]"],
    "`base`: a positive float, the base of the frequencies.": ["hand-checked: positions [5, 6, 7] and base=100",
                                                              "base=10: the base sets every frequency"],
    "Pair `i` (for `i = 0 … d/2 − 1`) turns with the frequency": ["base=500000 (LLaMA 3), d=16",
                                                                  "d = 128, seq 16 (a LLaMA head)"],
    "Pairing: interleaved.": ["neighbouring dimensions (2i, 2i+1) pair up, not (i, i + d/2)"],
    "Pair `i` is the two neighbouring dimensions `(2i, 2i + 1)`": [
        "neighbouring dimensions (2i, 2i+1) pair up, not (i, i + d/2)"],
    "For a row at position `p`": ["hand-checked: the worked example, positions 0..2"],
    "The half-split pairing": ["neighbouring dimensions (2i, 2i+1) pair up, not (i, i + d/2)"],
    "Returns an array of the same shape and the same dtype as `x`": ["float32 stays float32",
                                                                     "float32 with positions given"],
    "A row at position 0 comes back unchanged.": ["a single row at position 0 comes back unchanged",
                                                  "a batch of one, one head, one token at position 0"],
    "Positions can be in the thousands": ["positions in the thousands need float64 angles"],
    "The inputs are yours to read, not to change": ["hand-checked: the worked example, positions 0..2",
                                                    "x a non-contiguous view: every other dimension of a wider array"],
}
NOT_CASES = {"NumPy or torch are both fine.": "a freedom, not a promise",
             "A library RoPE": "refused before and while the code runs (prep.drills.forbidden)"}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(20261128)  # the hand-made cases: the same inputs under every seed
    worked = np.array([[1.0, 0.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0], [0.0, 2.0, 0.0, 2.0]])
    scales = rng.normal(size=(3, 8)) * np.array([[1e-3], [1.0], [1e3]])
    out = [
        _case("hand-checked: the worked example, positions 0..2", worked),
        _case("hand-checked: positions [5, 6, 7] and base=100", worked, positions=np.array([5, 6, 7]), base=100.0),
        _case("neighbouring dimensions (2i, 2i+1) pair up, not (i, i + d/2)", rng.normal(size=(4, 8))),
        _case("a single row at position 0 comes back unchanged", rng.normal(size=(1, 6))),
        _case("positions after a cache: [7, 8, 9]", rng.normal(size=(3, 6)), positions=np.array([7, 8, 9])),
        _case("unsorted, non-contiguous positions [3, 0, 11, 2]", rng.normal(size=(4, 4)), positions=np.array([3, 0, 11, 2])),
        _case("positions shared by every batch and head: (2, 3, 4, 8) with [10, 2, 5, 7]", rng.normal(size=(2, 3, 4, 8)),
              positions=np.array([10, 2, 5, 7])),
        _case("base=500000 (LLaMA 3), d=16", rng.normal(size=(5, 16)), base=500000.0),
        _case("base=10: the base sets every frequency", rng.normal(size=(4, 8)), base=10.0),
        _case("batch x heads x seq x d = (2, 3, 5, 8), default positions", rng.normal(size=(2, 3, 5, 8))),
        _case("d = 2: a single pair", rng.normal(size=(5, 2))),
        _case("float32 stays float32", rng.normal(size=(2, 4, 6)).astype(np.float32)),
        _case("float32 with positions given", rng.normal(size=(3, 8)).astype(np.float32), positions=np.array([1, 20, 33])),
        _case("positions in the thousands need float64 angles", rng.normal(size=(3, 64)), positions=np.array([4095, 4096, 8191])),
        _case("rows of scale 1e-3, 1 and 1e3", scales),
        _case("int32 positions", rng.normal(size=(1, 3, 4)), positions=np.array([2, 9, 4], dtype=np.int32)),
        _case("d = 128, seq 16 (a LLaMA head)", rng.normal(size=(16, 128))),
        _case("x a non-contiguous view: every other dimension of a wider array", rng.normal(size=(2, 4, 16))[..., ::2]),
        _case("x Fortran-ordered", np.asfortranarray(rng.normal(size=(5, 6)))),
        _case("x a view of heads swapped with seq, positions a view", rng.normal(size=(3, 2, 4)).transpose(1, 0, 2),
              positions=np.arange(10)[2:8:2]),
        _case("a batch of one, one head, one token at position 0", np.ones((1, 1, 1, 4))),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(5):
        args, kwargs = random_input(rng)
        out.append(_case(f"random {i + 1}: shape {args[0].shape}, {args[0].dtype}", *args, **kwargs))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
