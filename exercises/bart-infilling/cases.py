"""Hidden cases for text_infilling.

Oracle: written from the statement independently of reference.py — every output item gets a sort
key (original position, 0 for an inserted mask / 1 for a token or a span's mask) and the kept items
are sorted by it (Python's sort is stable, so masks inserted at one position stay together).
"""

import numpy as np

from prep.drills.cases import Case

PIECES = ["ĠThe", "Ġcat", ",", ".", "_x", "__init__", "Ġ", "'s", "A", "B", "Ġ(", ")", "<", "mask", ">", "Ġ-", "Ġdog"]


def _oracle(tokens: list[str], spans, mask: str) -> list[str]:
    covered = set()
    items = []
    for start, length in spans:
        if length == 0:
            items.append(((start, 0), mask))
        else:
            items.append(((start, 1), mask))
            covered.update(range(start, start + length))
    items += [((p, 1), token) for p, token in enumerate(tokens) if p not in covered]
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]


def _check(case: Case, got) -> str | None:
    if not isinstance(got, (list, tuple)) or not all(isinstance(t, str) for t in got):
        return f"expected a list of strings, got {type(got).__name__}"
    want, have = case.expected, list(got)
    if have == want:
        return None
    for index, (a, b) in enumerate(zip(want, have)):
        if a != b:
            return f"at index {index}: expected {a!r}, got {b!r}"
    return f"{len(have)} tokens, expected {len(want)}" + (f" (next expected {want[len(have)]!r})" if len(have) < len(want) else "")


def _case(name: str, tokens: list[str], spans, mask: str | None = None) -> Case:
    kwargs = {} if mask is None else {"mask": mask}
    return Case(name, (tokens, spans), _oracle(tokens, spans, "<mask>" if mask is None else mask), _check, kwargs)


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    n = int(rng.integers(0, 12))
    tokens = [str(t) for t in rng.choice(PIECES, size=n)]
    spans, p = [], 0
    while p <= n:
        for _ in range(int(rng.integers(0, 3)) if rng.random() < 0.25 else 0):
            spans.append((p, 0))  # empty spans at a boundary
        if p == n:
            break
        if rng.random() < 0.35:
            length = int(min(rng.poisson(3.0), n - p))
            if length:
                spans.append((p, length))
                p += length
                continue
        p += 1
    order = rng.permutation(len(spans))
    kwargs = {"mask": str(rng.choice(["[MASK]", "<mask>", "_"]))} if rng.random() < 0.3 else {}
    return (tokens, [spans[i] for i in order]), kwargs


PROMISES = {
    "`tokens`: the tokenised text, a list of `n ≥ 0` strings": [
        "hand-checked: no tokens, one empty span", "punctuation, underscores and a token that looks like a mask"],
    "`spans`: a list of `(start, length)` pairs of Python ints": [
        "hand-checked: the BART paper's figure, spans out of order", "spans given as lists"],
    "`length ≥ 1`: the tokens `tokens[start : start + length]` are replaced by one `mask`.": [
        "a span of 4 tokens becomes a single mask", "the whole text is one span",
        "later indices refer to the original text, not the shrinking one"],
    "These spans never overlap, but may be adjacent (then two masks in a row).": ["adjacent spans give two masks"],
    "`length == 0`: one `mask` is inserted before `tokens[start]`": [
        "an empty span inserts before tokens[start], removing nothing", "an empty span at start == n appends a mask"],
    "Several empty spans at the same `start` insert that many masks.": ["three empty spans at one place insert three masks"],
    "An empty span never falls strictly inside a non-empty one": [
        "an empty span at the start of a span: its mask first, then the span's", "an empty span right after a span"],
    "`mask`: the mask token to write": ["the mask argument is the token written",
                                        "hand-checked: empty spans at the start and the end, another mask token"],
    "Only masks are added": ["no spans: the text unchanged"],
    "The target of the denoising task is just `tokens`.": ["no spans: the text unchanged"],
    "Returns the corrupted list of strings": ["hand-checked: the BART paper's figure, spans out of order"],
    "The inputs are yours to read, not to change": ["no spans: the text unchanged",
                                                    "hand-checked: the BART paper's figure, spans out of order"],
}
NOT_CASES: dict[str, str] = {}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(seed)
    figure = ["A", "B", "C", ".", "D", "E", "."]
    out = [
        _case("hand-checked: the BART paper's figure, spans out of order", figure, [(5, 0), (1, 2)]),
        _case("hand-checked: empty spans at the start and the end, another mask token", ["x", "y"], [(2, 0), (0, 1), (0, 0)],
              mask="[M]"),
        _case("hand-checked: no tokens, one empty span", [], [(0, 0)]),
        _case("a span of 4 tokens becomes a single mask", ["ĠThe", "Ġcat", "Ġsat", "Ġon", "Ġthe", "Ġmat"], [(1, 4)]),
        _case("an empty span inserts before tokens[start], removing nothing", ["a", "b", "c"], [(1, 0)]),
        _case("an empty span at start == n appends a mask", ["a", "b", "c"], [(3, 0)]),
        _case("three empty spans at one place insert three masks", ["a", "b"], [(1, 0), (1, 0), (1, 0)]),
        _case("an empty span at the start of a span: its mask first, then the span's", ["a", "b", "c", "d"],
              [(1, 2), (1, 0)]),
        _case("an empty span right after a span", ["a", "b", "c", "d"], [(3, 0), (1, 2)]),
        _case("adjacent spans give two masks", ["a", "b", "c", "d", "e"], [(3, 2), (1, 2)]),
        _case("the whole text is one span", ["Ġa", "Ġdog", "."], [(0, 3)]),
        _case("no spans: the text unchanged", ["__init__", "_x", ","], []),
        _case("the mask argument is the token written", ["a", "b", "c"], [(0, 1), (2, 0)], mask="<extra>"),
        _case("punctuation, underscores and a token that looks like a mask", ["<", "mask", ">", "_", "__init__", "Ġ("],
              [(4, 2), (0, 0), (1, 1)]),
        _case("spans given as lists", ["a", "b", "c", "d"], [[2, 1], [0, 0], [4, 0]]),
        _case("later indices refer to the original text, not the shrinking one", [f"w{i}" for i in range(10)],
              [(1, 3), (5, 2), (8, 0), (9, 1)]),
    ]
    for i in range(6):
        args, kwargs = random_input(rng)
        out.append(_case(f"random {i + 1}: {len(args[0])} tokens, {len(args[1])} spans", *args, **kwargs))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
