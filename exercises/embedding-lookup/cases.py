"""Hidden cases for embedding lookup. Oracle: torch.nn.functional.embedding, cross-checked against
one_hot(ids, V) @ table (the notes' definition) wherever that matrix is small enough to build."""

import numpy as np
import torch

from prep.drills.cases import Case, allclose

_exact = allclose(rtol=0.0, atol=0.0, dtype=True)  # a lookup copies rows: nothing may change, not even the dtype


def _oracle(ids: np.ndarray, table: np.ndarray) -> np.ndarray:
    ids_t, table_t = torch.from_numpy(ids), torch.from_numpy(table)
    expected = torch.nn.functional.embedding(ids_t, table_t).numpy()
    if ids.size * table.shape[0] <= 10_000_000:
        one_hot = torch.nn.functional.one_hot(ids_t.long(), table.shape[0]).to(table_t.dtype)
        assert torch.equal(one_hot @ table_t, torch.from_numpy(expected))
    return expected


def _case(name: str, ids, table: np.ndarray) -> Case:
    ids = np.asarray(ids, dtype=np.int64) if not isinstance(ids, np.ndarray) else ids
    return Case(name, (ids, table), _oracle(ids, table), _exact)


PROMISES = {
    "`token_ids`: an integer array (int64, sometimes int32) of any shape `(...)`": [
        "a single id of shape (): one row of shape (d,)", "5 ids into a (10, 4) table", "a batch of ids of shape (2, 3)",
        "ids of shape (2, 3, 4)", "no ids, shape (0,): output (0, d)", "an empty batch of shape (2, 0): output (2, 0, d)",
        "int32 ids"],
    "Ids are always valid: `0 ≤ id < V`.": ["the first and the last row (ids 0 and V-1)"],
    "Ids may repeat.": ["repeated ids give repeated rows"],
    "`table`: the embedding matrix, shape `(V, d)`, float32 or float64.": [
        "a float32 table stays float32", "a vocabulary smaller than d (V=3, d=8)", "d=1"],
    "Returns an array of shape `token_ids.shape + (d,)`": [
        "a square batch (3, 3): batch and time axes keep their order", "float64 values that float32 cannot hold exactly",
        "a 50,000-token vocabulary, ids (8, 512): a one-hot matrix would not fit in memory"],
    "The inputs are yours to read, not to change": ["5 ids into a (10, 4) table"],
}
NOT_CASES: dict[str, str] = {}

def cases(seed: int = 20261127) -> list[Case]:
    rng = np.random.default_rng(20261127)  # the fixed cases: the same inputs every attempt
    table = rng.normal(size=(10, 4))
    big = rng.normal(size=(50_000, 64)).astype(np.float32)
    out = [
        _case("5 ids into a (10, 4) table", [3, 0, 9, 4, 1], table),
        _case("repeated ids give repeated rows", [2, 2, 7, 2], table),
        _case("the first and the last row (ids 0 and V-1)", [0, 9], table),
        _case("a batch of ids of shape (2, 3)", [[1, 5, 9], [0, 0, 3]], table),
        _case("a square batch (3, 3): batch and time axes keep their order", [[1, 2, 3], [4, 5, 6], [7, 8, 0]], table),
        _case("ids of shape (2, 3, 4)", rng.integers(0, 10, size=(2, 3, 4)), table),
        _case("a single id of shape (): one row of shape (d,)", np.array(6), table),
        _case("no ids, shape (0,): output (0, d)", np.zeros(0, dtype=np.int64), table),
        _case("an empty batch of shape (2, 0): output (2, 0, d)", np.zeros((2, 0), dtype=np.int64), table),
        _case("a float32 table stays float32", [4, 1, 4], rng.normal(size=(6, 5)).astype(np.float32)),
        _case("float64 values that float32 cannot hold exactly", [1, 0], np.array([[1 + 1e-12, -3e-300], [np.pi, 1e300]])),
        _case("int32 ids", np.array([[2, 0], [1, 2]], dtype=np.int32), rng.normal(size=(3, 7))),
        _case("a vocabulary smaller than d (V=3, d=8)", [2, 1, 0, 2], rng.normal(size=(3, 8))),
        _case("d=1", [0, 4, 4, 2], rng.normal(size=(5, 1))),
        _case("a 50,000-token vocabulary, ids (8, 512): a one-hot matrix would not fit in memory",
              rng.integers(0, 50_000, size=(8, 512)), big),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(4):
        size, dim = int(rng.integers(2, 300)), int(rng.integers(1, 40))
        shape = tuple(int(n) for n in rng.integers(1, 6, size=rng.integers(1, 4)))
        dtype = np.float32 if i % 2 else np.float64
        out.append(_case(f"random {i + 1}: V={size}, d={dim}, ids of shape {shape}, {np.dtype(dtype).name}",
                         rng.integers(0, size, size=shape), rng.normal(size=(size, dim)).astype(dtype)))
    return out


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): ids of any shape (scalar and empty too), int32 or
    int64, a float32 or float64 table."""
    size, dim = int(rng.integers(1, 12)), int(rng.integers(1, 6))
    shape = tuple(int(n) for n in rng.integers(0, 4, size=rng.integers(0, 4)))
    ids = rng.integers(0, size, size=shape).astype(rng.choice([np.int64, np.int32]))
    table = rng.normal(size=(size, dim)).astype(rng.choice([np.float64, np.float32]))
    return (ids, table), {}
