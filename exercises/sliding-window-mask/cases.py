"""Hidden cases for sliding-window-mask.

Oracle: the statement's rule written as a plain double loop here (independent of reference.py),
plus tiny masks written out by hand.
"""

import numpy as np

from prep.drills.cases import Case, kind_of


def _oracle(seq_len: int, window: int, global_tokens: list[int]) -> np.ndarray:
    mask = np.zeros((seq_len, seq_len), dtype=bool)
    for i in range(seq_len):
        for j in range(seq_len):
            mask[i, j] = abs(i - j) <= window // 2 or i in global_tokens or j in global_tokens
    return mask


def _same_mask(case: Case, got) -> str | None:
    """Exactly the expected boolean matrix; the reason names the first wrong cell."""
    want = case.expected
    try:
        have = np.asarray(got)
    except (TypeError, ValueError):
        return f"returned {kind_of(got)}, not an array"
    if have.shape != want.shape:
        return f"shape {have.shape}, expected {want.shape}"
    if have.dtype != np.bool_:
        return f"dtype {have.dtype}, expected bool"
    wrong = np.argwhere(have != want)
    if len(wrong):
        i, j = (int(x) for x in wrong[0])
        return (f"{len(wrong)} wrong cells; first: query {i}, key {j} should be {bool(want[i, j])}"
                f" (|i - j| = {abs(i - j)}, window // 2 = {case.args[1] // 2}, global = {case.args[2]})")
    return None


def _case(name: str, seq_len: int, window: int, global_tokens: list[int], expected=None) -> Case:
    oracle = _oracle(seq_len, window, global_tokens)
    if expected is not None:  # a hand-written mask must agree with the loop
        expected = np.array(expected, dtype=bool)
        assert np.array_equal(expected, oracle), name
    return Case(name, (seq_len, window, global_tokens), oracle, _same_mask)


PROMISES = {
    "`seq_len ≥ 1`: the sequence length.": ["a single token", "64 tokens, window 8, 3 global"],
    "The result has shape `(seq_len, seq_len)`": ["hand-checked: 5 tokens, window 2, no global"],
    "`window ≥ 0`: the window size `w`.": ["window 0: only the diagonal"],
    "A window of `w` means `w // 2` tokens on each side": ["odd window 3 = one token on each side",
                                                           "even window 4 = two tokens on each side"],
    "So a window of 3 or of 2 reaches 1 token on each side": [
        "hand-checked: 5 tokens, window 2, no global", "window 0: only the diagonal", "window 1: only the diagonal (1 // 2 = 0)"],
    "A token always attends to itself.": ["window 0: only the diagonal"],
    "The window is cut off at the ends of the sequence": ["edges are cut off, no wraparound (10 tokens, window 6)",
                                                          "window wider than the sequence: everything"],
    "`global_tokens`: a list of distinct indices in `[0, seq_len)`, in any order, possibly empty.": [
        "global [CLS] and last token, given unsorted", "hand-checked: 5 tokens, window 2, no global"],
    "A global token attends to every key": ["hand-checked: 6 tokens, window 2, global [0]",
                                            "global token in the middle attends and is attended",
                                            "a single global token", "every token global: all True"],
    "Returns a boolean array (`dtype=bool`)": ["hand-checked: 5 tokens, window 2, no global"],
    "The inputs are yours to read, not to change": ["global [CLS] and last token, given unsorted"],
}
NOT_CASES: dict[str, str] = {}

def cases(seed: int = 20261204) -> list[Case]:
    rng = np.random.default_rng(20261204)  # the fixed cases: the same inputs every attempt
    out = [
        _case("hand-checked: 5 tokens, window 2, no global", 5, 2, [],
              [[1, 1, 0, 0, 0], [1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 0, 1, 1]]),
        _case("hand-checked: 6 tokens, window 2, global [0]", 6, 2, [0],
              [[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0], [1, 1, 1, 1, 0, 0],
               [1, 0, 1, 1, 1, 0], [1, 0, 0, 1, 1, 1], [1, 0, 0, 0, 1, 1]]),
        _case("odd window 3 = one token on each side", 8, 3, []),
        _case("even window 4 = two tokens on each side", 8, 4, []),
        _case("window 0: only the diagonal", 5, 0, []),
        _case("window 1: only the diagonal (1 // 2 = 0)", 5, 1, []),
        _case("window wider than the sequence: everything", 5, 20, []),
        _case("edges are cut off, no wraparound (10 tokens, window 6)", 10, 6, []),
        _case("global token in the middle attends and is attended", 9, 2, [4]),
        _case("global [CLS] and last token, given unsorted", 9, 4, [8, 0]),
        _case("a single token", 1, 4, []),
        _case("a single global token", 1, 0, [0]),
        _case("every token global: all True", 4, 0, [0, 1, 2, 3]),
        _case("64 tokens, window 8, 3 global", 64, 8, [0, 17, 63]),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(3):  # random lengths, windows and global sets
        seq_len = int(rng.integers(2, 40))
        window = int(rng.integers(0, seq_len + 3))
        count = int(rng.integers(0, 4))
        global_tokens = [int(g) for g in rng.choice(seq_len, size=min(count, seq_len), replace=False)]
        out.append(_case(f"random {i + 1}: {seq_len} tokens, window {window}, global {global_tokens}",
                         seq_len, window, global_tokens))
    return out


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): any length and window, global tokens unsorted."""
    seq_len = int(rng.integers(1, 12))
    count = int(rng.integers(0, min(seq_len, 3) + 1))
    global_tokens = [int(g) for g in rng.choice(seq_len, size=count, replace=False)]
    return (seq_len, int(rng.integers(0, seq_len + 4)), global_tokens), {}
