"""Hidden cases for span_corruption.

Oracle: written from the statement independently of reference.py — each token is labelled with the
span covering it (or none), the spans are ranked by start to number their sentinels, and the input
and target are built token by token from those labels.
"""

import numpy as np

from prep.drills.cases import Case

PIECES = ["▁the", "▁cat", ",", ".", "_x", "__init__", "▁", "'s", "▁Thank", "▁party", "snake_case", "¿", "▁(", ")",
          "▁extra", "_id", "▁", "-", "▁dog", "▁a"]


def _oracle(tokens: list[str], spans) -> tuple[list[str], list[str]]:
    starts = sorted(int(s) for s, _ in spans)
    label = [None] * len(tokens)  # the sentinel number of the span covering each token
    for start, length in spans:
        for p in range(start, start + length):
            assert label[p] is None, "overlapping spans"
            label[p] = starts.index(start)
    inputs, targets = [], []
    for p, token in enumerate(tokens):
        if label[p] is None:
            inputs.append(token)
            continue
        first = p == 0 or label[p - 1] != label[p]
        if first:
            inputs.append(f"<extra_id_{label[p]}>")
            targets.append(f"<extra_id_{label[p]}>")
        targets.append(token)
    targets.append(f"<extra_id_{len(spans)}>")
    return inputs, targets


def _first_difference(want: list[str], have: list) -> str:
    for index, (a, b) in enumerate(zip(want, have)):
        if a != b:
            return f"at index {index}: expected {a!r}, got {b!r}"
    return f"{len(have)} tokens, expected {len(want)}" + (f" (next expected {want[len(have)]!r})" if len(have) < len(want) else "")


def _check(case: Case, got) -> str | None:
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return f"return a tuple (inputs, targets), not {type(got).__name__}"
    for label, want, have in zip(("inputs", "targets"), case.expected, got):
        if not isinstance(have, (list, tuple)) or not all(isinstance(t, str) for t in have):
            return f"{label}: expected a list of strings, got {type(have).__name__}"
        if list(have) != want:
            return f"{label}: {_first_difference(want, list(have))}"
    return None


def _case(name: str, tokens: list[str], spans) -> Case:
    return Case(name, (tokens, spans), _oracle(tokens, spans), _check)


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    n = int(rng.integers(1, 13))
    tokens = [str(t) for t in rng.choice(PIECES, size=n)]
    spans, p = [], 0
    while p < n:
        p += int(rng.integers(0, 3))  # a gap of 0, 1 or 2 tokens: spans may touch
        if p >= n:
            break
        length = int(rng.integers(1, min(3, n - p) + 1))
        if rng.random() < 0.6:
            spans.append((p, length))
        p += length
    order = rng.permutation(len(spans))
    return (tokens, [spans[i] for i in order]), {}


PROMISES = {
    "`tokens`: the tokenised text, a list of `n ≥ 1` strings": ["a single token, not corrupted",
                                                              "punctuation and underscores are tokens like any other"],
    "Compare tokens as exact strings.": ["repeated tokens: spans are positions, not words"],
    "`spans`: a list of `(start, length)` pairs of Python ints": ["spans given as lists", "the whole text is one span"],
    "Spans never overlap.": ["every token its own span"],
    "They may be adjacent, and they may come in any order.": [
        "hand-checked: two adjacent spans at the start, given backwards", "adjacent spans stay two sentinels"],
    "The list may be empty.": ["no spans: inputs unchanged, targets a lone <extra_id_0>"],
    "Sentinels are numbered left to right in the text": [
        "hand-checked: the T5 paper's example, spans given out of order", "twelve spans: sentinel numbers above 9"],
    "`inputs`: `tokens` with every span replaced by its one sentinel.": ["spans in text order", "a span at the very start"],
    "Two adjacent spans stay two spans: two sentinels in a row.": ["adjacent spans stay two sentinels"],
    "`targets`: for each span, left to right, its sentinel followed by the tokens it replaced": [
        "a span that ends the text still gets a final sentinel after it", "a single token, corrupted"],
    "With no spans at all, `inputs` is a copy of `tokens`": ["no spans: inputs unchanged, targets a lone <extra_id_0>"],
    "No end-of-sequence token is added.": ["hand-checked: the T5 paper's example, spans given out of order"],
    "Return `(inputs, targets)`, two lists of strings": ["hand-checked: the T5 paper's example, spans given out of order"],
    "The inputs are yours to read, not to change": ["no spans: inputs unchanged, targets a lone <extra_id_0>",
                                                    "hand-checked: the T5 paper's example, spans given out of order"],
}
NOT_CASES: dict[str, str] = {}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(seed)
    paper = "Thank you for inviting me to your party last week .".split()
    out = [
        _case("hand-checked: the T5 paper's example, spans given out of order", paper, [(8, 1), (2, 2)]),
        _case("hand-checked: two adjacent spans at the start, given backwards", ["a", "b", "c"], [(1, 1), (0, 1)]),
        _case("spans in text order", paper, [(2, 2), (8, 1)]),
        _case("adjacent spans stay two sentinels", ["▁the", "▁cat", "'s", "▁party", "."], [(1, 1), (2, 2)]),
        _case("a span at the very start", ["▁Thank", "▁you", ",", "▁a"], [(0, 2)]),
        _case("a span that ends the text still gets a final sentinel after it", ["▁a", "▁dog", "."], [(1, 2)]),
        _case("the whole text is one span", ["x", "_y", "."], [(0, 3)]),
        _case("every token its own span", ["a", "b", "c", "d"], [(2, 1), (0, 1), (3, 1), (1, 1)]),
        _case("no spans: inputs unchanged, targets a lone <extra_id_0>", ["▁the", "__init__", ")"], []),
        _case("a single token, not corrupted", ["¿"], []),
        _case("a single token, corrupted", ["¿"], [(0, 1)]),
        _case("punctuation and underscores are tokens like any other", ["snake_case", "_x", ",", "_", "▁(", ")", "."],
              [(3, 2), (0, 1)]),
        _case("repeated tokens: spans are positions, not words", ["▁the"] * 6, [(4, 1), (1, 2)]),
        _case("spans given as lists", ["a", "b", "c", "d", "e"], [[3, 2], [0, 1]]),
        _case("twelve spans: sentinel numbers above 9", [f"w{i}" for i in range(30)],
              [(p, 1) for p in range(28, 0, -2)][:12]),
    ]
    for i in range(6):
        args, _ = random_input(rng)
        out.append(_case(f"random {i + 1}: {len(args[0])} tokens, {len(args[1])} spans", *args))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
