"""Hidden cases for albert_embedding.

Oracle: torch — torch.nn.functional.embedding for the lookup and torch.nn.functional.linear for the
projection (its weight is the transposed E×H matrix). The parameter counts are the numbers of
entries of the arrays that make up each embedding: table, projection and bias against one V×H table.
"""

import numpy as np
import torch
import torch.nn.functional as F

from prep.drills.cases import Case, allclose


def _oracle(token_ids, table, projection, bias):
    rows = F.embedding(torch.as_tensor(np.asarray(token_ids, dtype=np.int64)), torch.from_numpy(table))
    hidden = F.linear(rows, torch.from_numpy(projection).T, None if bias is None else torch.from_numpy(bias))
    parts = [table, projection] + ([] if bias is None else [bias])
    factorised = sum(part.size for part in parts)
    full = table.shape[0] * projection.shape[1]  # the V×H table
    return hidden.numpy(), int(factorised), int(full)


def _check(case: Case, got) -> str | None:
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        return f"return a tuple (hidden, factorised, full), not {type(got).__name__}"
    hidden, factorised, full = case.expected
    rtol, atol = (1e-5, 2e-5) if hidden.dtype == np.float32 else (1e-10, 1e-12)
    reason = allclose(rtol=rtol, atol=atol, dtype=True)(Case(case.name, case.args, hidden), got[0])
    if reason:
        return f"hidden: {reason}"
    for label, want, have in (("factorised", factorised, got[1]), ("full", full, got[2])):
        if isinstance(have, bool) or not isinstance(have, int):
            return f"{label}: expected the int {want}, got {type(have).__name__} {have!r}"
        if have != want:
            return f"{label}: expected {want} parameters, got {have}"
    return None


def _case(name: str, token_ids, table, projection, bias=None) -> Case:
    kwargs = {} if bias is None else {"bias": bias}
    return Case(name, (token_ids, table, projection), _oracle(token_ids, table, projection, bias), _check, kwargs)


def _layers(rng: np.random.Generator, vocab: int, e: int, h: int, dtype=np.float64, with_bias: bool = True):
    table = rng.standard_normal(size=(vocab, e), dtype=dtype)
    projection = rng.normal(scale=e**-0.5, size=(e, h)).astype(dtype)
    bias = rng.normal(size=h).astype(dtype) if with_bias else None
    return table, projection, bias


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    vocab, e, h = (int(n) for n in rng.integers(1, 12, size=3))
    dtype = np.float32 if rng.random() < 0.3 else np.float64
    table, projection, bias = _layers(rng, vocab, e, h, dtype, with_bias=bool(rng.random() < 0.5))
    shape = tuple(int(n) for n in rng.integers(0, 4, size=rng.integers(0, 3)))
    ids = rng.integers(0, vocab, size=shape).astype(np.int32 if rng.random() < 0.3 else np.int64)
    return (ids, table, projection), ({} if bias is None else {"bias": bias})


PROMISES = {
    "`token_ids`: an integer array (int64 or int32) of any shape `(...)`": [
        "hand-checked: one id of shape () with a bias", "no ids: shape (0,) gives (0, H)",
        "a batch with an empty axis, shape (2, 0)", "int32 ids, three axes"],
    "Ids are valid (`0 ≤ id < V`) and may repeat.": ["repeated ids give identical rows"],
    "`word_embeddings`: the `V × E` table, float32 or float64.": ["float32 stays float32",
                                                                 "V, E, H all different (V=7, E=3, H=5), with a bias"],
    "`projection`: the `E × H` matrix, laid out for `rows @ projection`": [
        "hand-checked: the worked example, no bias", "E larger than H (V=6, E=8, H=3)", "E = 1: a rank-1 factorisation"],
    "`bias`: `None`, or the projection's bias of shape `(H,)`": ["hand-checked: one id of shape () with a bias",
                                                                "no bias: the count has no H term"],
    "Returns a tuple `(hidden, factorised, full)`:": ["hand-checked: the worked example, no bias"],
    "`hidden`: shape `token_ids.shape + (H,)`": ["int32 ids, three axes", "V, E, H all different (V=7, E=3, H=5), with a bias"],
    "`factorised`: a Python int, the number of parameters": ["no bias: the count has no H term",
                                                            "hand-checked: one id of shape () with a bias"],
    "`full`: a Python int, the number of parameters of the `V × H` table": ["hand-checked: the worked example, no bias"],
    "Look up first, then project.": ["V=200000, H=1024: project the looked-up rows, not the whole table"],
    "Multiplying the whole table by the projection gives the same numbers": [
        "V=200000, H=1024: project the looked-up rows, not the whole table"],
    "The inputs are yours to read, not to change": ["hand-checked: the worked example, no bias"],
}
NOT_CASES = {"Forbidden: `torch.nn.functional.embedding`": "refused at the dispatcher (prep.drills.forbidden)",
             "NumPy or torch are both fine.": "a freedom, not a promise"}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(20261128)  # the hand-made cases: the same inputs under every seed
    table = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, -1.0], [0.5, 0.5]])
    projection = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]])
    big_table = rng.standard_normal(size=(200_000, 8), dtype=np.float32)  # 6.4 MB; table @ projection: 819 MB
    big_projection = rng.standard_normal(size=(8, 1024), dtype=np.float32)
    out = [
        _case("hand-checked: the worked example, no bias", np.array([[3, 0], [2, 2]]), table, projection),
        _case("hand-checked: one id of shape () with a bias", np.array(4), table, projection, np.array([0.1, 0.2, 0.3])),
        _case("V, E, H all different (V=7, E=3, H=5), with a bias", rng.integers(0, 7, size=(2, 4)), *_layers(rng, 7, 3, 5)),
        _case("no bias: the count has no H term", rng.integers(0, 9, size=6), *_layers(rng, 9, 4, 6, with_bias=False)),
        _case("E larger than H (V=6, E=8, H=3)", rng.integers(0, 6, size=5), *_layers(rng, 6, 8, 3)),
        _case("E = 1: a rank-1 factorisation", rng.integers(0, 5, size=(3, 2)), *_layers(rng, 5, 1, 4)),
        _case("repeated ids give identical rows", np.array([2, 2, 2, 0, 2]), *_layers(rng, 4, 3, 5)),
        _case("no ids: shape (0,) gives (0, H)", np.array([], dtype=np.int64), *_layers(rng, 5, 2, 4)),
        _case("a batch with an empty axis, shape (2, 0)", np.zeros((2, 0), dtype=np.int64), *_layers(rng, 5, 2, 3)),
        _case("int32 ids, three axes", rng.integers(0, 10, size=(2, 3, 4)).astype(np.int32), *_layers(rng, 10, 4, 6)),
        _case("float32 stays float32", rng.integers(0, 8, size=(3, 5)), *_layers(rng, 8, 4, 16, np.float32)),
        _case("V=200000, H=1024: project the looked-up rows, not the whole table",
              rng.integers(0, 200_000, size=(4, 32)), big_table, big_projection, np.zeros(1024, dtype=np.float32)),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(5):
        args, kwargs = random_input(rng)
        out.append(_case(f"random {i + 1}: ids {args[0].shape}, V×E {args[1].shape}, H={args[2].shape[1]}", *args, **kwargs))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
