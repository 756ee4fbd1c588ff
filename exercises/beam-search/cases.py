"""Hidden cases for beam search.

Oracles: exhaustive search over every sequence (exact when the beam never prunes), hand-traced tables
whose answers are asserted below, and a plain level-by-level beam search written here independently
of reference.py for the random tables.
"""

import itertools

import numpy as np

from prep.drills.cases import Case, kind_of

BOS, EOS = 0, 1  # in the hand-made tables; random cases move them around
_FILL_RNG = np.random.default_rng(7)


def _tokens(got):
    """The returned hypothesis as a list of ints, or a reason it is not one."""
    if isinstance(got, np.ndarray):
        if got.ndim != 1 or (got.size and not np.issubdtype(got.dtype, np.integer)):
            return None, f"returned an array of shape {got.shape} and dtype {got.dtype}, expected a list of token ids"
        return [int(t) for t in got], None
    if not isinstance(got, (list, tuple)):
        return None, f"returned {kind_of(got)}, expected a list of token ids"
    if not all(isinstance(t, int) and not isinstance(t, bool) for t in got):
        return None, "expected a list of int token ids"
    return list(got), None


def _check(case: Case, got) -> str | None:
    tokens, problem = _tokens(got)
    if problem:
        return problem
    if tokens == case.expected:
        return None
    log_probs, bos, eos = case.args[0], case.args[1], case.args[2]
    if eos in tokens[:-1]:
        return f"{tokens} goes on after eos={eos}: a finished hypothesis must not be extended"
    return f"{tokens} (mean log-prob {_mean(log_probs, bos, tokens):.4f}), expected {case.expected} " \
           f"(mean log-prob {_mean(log_probs, bos, case.expected):.4f})"


def _mean(log_probs: np.ndarray, bos: int, tokens: list[int]) -> float:
    if not tokens or max(tokens) >= len(log_probs) or min(tokens) < 0:
        return float("nan")
    path = [bos, *tokens]
    return sum(float(log_probs[a, b]) for a, b in itertools.pairwise(path)) / len(tokens)


# ---- oracles ---------------------------------------------------------------------------------


def _oracle(log_probs, bos, eos, beam_size, max_len, strict=True):
    """Beam search, one level at a time, kept as a dict of hypothesis -> summed log-prob."""
    size = log_probs.shape[0]
    frontier, done, score = [()], [], {(): 0.0}
    for _ in range(max_len):
        if not frontier:
            break
        level = {}
        for hyp in frontier:
            row = log_probs[hyp[-1] if hyp else bos]
            for token in range(size):
                level[hyp + (token,)] = score[hyp] + float(row[token])
        ranked = sorted(level, key=lambda h: (-level[h], h))
        room = beam_size - len(done)
        if strict and room < len(ranked):  # the cut must not fall on a near-tie
            assert level[ranked[room - 1]] - level[ranked[room]] > 1e-9, "near-tie at the beam cut"
        frontier = []
        for hyp in ranked[:room]:
            score[hyp] = level[hyp]
            (done if hyp[-1] == eos else frontier).append(hyp)
    pool = sorted(done + frontier, key=lambda h: (-score[h] / len(h), h))
    if strict and len(pool) > 1:
        assert score[pool[0]] / len(pool[0]) - score[pool[1]] / len(pool[1]) > 1e-9, "near-tie in the final choice"
    return list(pool[0])


def _exhaustive(log_probs, bos, eos, max_len):
    """Every sequence a beam that never prunes could end with: eos-terminated ones up to max_len, and
    eos-free ones of length exactly max_len. The best by mean log-prob per token (eos counted)."""
    size = log_probs.shape[0]
    words = [t for t in range(size) if t != eos]
    best = None
    for length in range(1, max_len + 1):
        endings = [(eos,)] if length < max_len else [(eos,), *[(w,) for w in words]]
        for body in itertools.product(words, repeat=length - 1):
            for end in endings:
                seq = list(body) + list(end)
                key = (-_mean(log_probs, bos, seq), seq)
                if best is None or key < best:
                    best = key
    return best[1]


# ---- tables ----------------------------------------------------------------------------------


def _table(size: int, rows: dict[int, dict[int, float]]) -> np.ndarray:
    """A hand-made table: the given entries, everything else a distinct junk value in [-12, -8]."""
    table = np.round(_FILL_RNG.uniform(-12.0, -8.0, size=(size, size)), 1)
    for a, row in rows.items():
        for b, value in row.items():
            table[a, b] = value
    return table


def _random_table(rng, size: int, bos: int, eos: int, eos_boost: float, scale: float = 1.5) -> np.ndarray:
    logits = rng.normal(scale=scale, size=(size, size))
    logits[:, eos] += eos_boost
    logits[:, bos] -= 3.0  # bos is rarely generated
    logits[np.arange(size), np.arange(size)] -= 1.0  # and repeats are rarer, so outputs vary
    return logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))  # log-softmax rows


def _case(name, table, bos, eos, beam_size, max_len, expected=None, strict=True):
    answer = _oracle(table, bos, eos, beam_size, max_len, strict)
    if expected is not None:
        assert answer == expected, (name, answer, expected)
    return Case(name, (table, bos, eos, beam_size, max_len), answer, _check)


BOS_ELSEWHERE = "bos=3, eos=0: row bos scores the first token, and bos itself can be generated"
PROMISES = {
    "`log_probs`: float64 array `(V, V)`.": ["length normalisation: a longer hypothesis with the better mean wins",
                                             "max_len=1: a single step"],
    "`log_probs[a, b]` is the log-probability that token `b` comes right after token `a`.": [
        "length normalisation: a longer hypothesis with the better mean wins",
        "a hypothesis that produced eos is finished, never extended"],
    "The first generated token is scored by row `bos`.": [BOS_ELSEWHERE],
    "rows are not necessarily normalised": ["each finished hypothesis uses up one place of the beam",
                                            "the best output is eos alone"],
    "`bos`, `eos`: two different token ids in `[0, V)`.": [BOS_ELSEWHERE],
    "Any token `0..V-1` can be generated, including `bos`": [BOS_ELSEWHERE],
    "`beam_size ≥ 1`, `max_len ≥ 1`: Python ints.": ["beam_size=1 is greedy decoding", "max_len=1: a single step"],
    "Start with one alive hypothesis, the empty one (score 0), and no finished ones.": [
        "length normalisation: a longer hypothesis with the better mean wins", "max_len=1: a single step"],
    "Each step, extend every alive hypothesis by every token `0..V-1`.": [
        "beam_size=2 on the same table finds what greedy misses", BOS_ELSEWHERE],
    "keep the best `beam_size − (number of finished hypotheses)` by score.": [
        "each finished hypothesis uses up one place of the beam", "beam_size=1 is greedy decoding",
        "a tie at the cut between children of different parents: the smaller token list stays"],
    "(All candidates of one step have the same length, so score and normalised score rank them alike.)": [
        "beam_size=2 on the same table finds what greedy misses"],
    "A kept candidate that ends with `eos` is finished: set aside and never extended again.": [
        "a hypothesis that produced eos is finished, never extended"],
    "The other kept candidates are the alive hypotheses of the next step.": [
        "beam_size=2 on the same table finds what greedy misses",
        "nothing reaches eos within max_len: the best unfinished hypothesis"],
    "So every finished hypothesis uses up one place of the beam, and the beam shrinks.": [
        "each finished hypothesis uses up one place of the beam"],
    "Stop after `max_len` steps, or earlier when no hypothesis is alive": [
        "nothing reaches eos within max_len: the best unfinished hypothesis", "max_len=1: a single step",
        "the best output is eos alone"],
    "The answer is the hypothesis with the highest normalised score among the finished ones and those still alive": [
        "length normalisation: a longer hypothesis with the better mean wins",
        "the best hypothesis finishes at step 2 and must be kept until the end",
        "an unfinished hypothesis at max_len beats worse finished ones"],
    "The inputs are yours to read, not to change": ["length normalisation: a longer hypothesis with the better mean wins"],
}
NOT_CASES = {"Entries are finite and ≤ 0": "a promise about the inputs: every table, hand-made or random, keeps it"}


def cases(seed: int = 20261127) -> list[Case]:
    global _FILL_RNG  # the hand-made tables' junk values: the same on every call, whatever was drawn before
    _FILL_RNG = np.random.default_rng(7)
    out = []

    # Short [eos] has the better sum (-1.0 vs -1.4), [2, 3, eos] the better mean (-0.467 vs -1.0).
    table = _table(5, {BOS: {EOS: -1.0, 2: -0.5}, 2: {3: -0.5, EOS: -3.0}, 3: {EOS: -0.4}})
    out.append(_case("length normalisation: a longer hypothesis with the better mean wins", table, BOS, EOS, 2, 5,
                     expected=[2, 3, EOS]))

    # [2, eos] (mean -0.2) finishes at step 2; the hypotheses alive at max_len are all worse.
    table = _table(6, {BOS: {2: -0.2, 3: -0.3, 4: -0.4}, 2: {EOS: -0.2, 5: -0.9}, 3: {5: -0.3, 4: -0.6},
                       4: {5: -0.35, 4: -0.5}, 5: {5: -0.4, 4: -0.45, EOS: -2.5}})
    out.append(_case("the best hypothesis finishes at step 2 and must be kept until the end", table, BOS, EOS, 3, 5,
                     expected=[2, EOS]))

    # Continuing after eos is almost free in row eos: extending finished hypotheses would win.
    table = _table(5, {BOS: {EOS: -0.5, 2: -1.0}, EOS: {2: -0.01, 3: -0.02}, 2: {2: -0.3, EOS: -1.5},
                       3: {3: -0.05}})
    out.append(_case("a hypothesis that produced eos is finished, never extended", table, BOS, EOS, 2, 4,
                     expected=[2, 2, 2, 2]))

    # Greedy takes 2 (-0.1) and then only bad continuations; beam 2 finds [3, eos] (mean -0.15).
    table = _table(5, {BOS: {2: -0.1, 3: -0.2}, 2: {EOS: -2.0, 4: -1.5}, 3: {EOS: -0.1}, 4: {EOS: -1.0}})
    out.append(_case("beam_size=1 is greedy decoding", table, BOS, EOS, 1, 4, expected=[2, 4, EOS]))
    out.append(_case("beam_size=2 on the same table finds what greedy misses", table, BOS, EOS, 2, 4,
                     expected=[3, EOS]))

    # Beam 2: [eos] (-0.3) finishes at step 1 and takes a slot, so only [2, 3] survives step 2.
    # A beam that kept 2 alive hypotheses would also keep [2, 4] and find [2, 4, eos] (mean -0.233).
    table = _table(6, {BOS: {EOS: -0.3, 2: -0.4}, 2: {3: -0.2, 4: -0.3}, 3: {EOS: -2.0, 5: -1.0},
                       4: {EOS: 0.0}, 5: {EOS: -0.1}})
    out.append(_case("each finished hypothesis uses up one place of the beam", table, BOS, EOS, 2, 4,
                     expected=[EOS]))

    # Exact ties (dyadic numbers, so every sum is exact): tokens 2 and 3 score the same at every step.
    table = _table(5, {BOS: {2: -0.5, 3: -0.5}, 2: {EOS: -0.5}, 3: {EOS: -0.5}})
    out.append(_case("a tie at the first step: beam_size=1 takes the lower token id", table, BOS, EOS, 1, 3,
                     expected=[2, EOS], strict=False))
    out.append(_case("a tie in the final mean: the lexicographically smaller list wins", table, BOS, EOS, 2, 3,
                     expected=[2, EOS], strict=False))

    # A tie at the beam cut between children of DIFFERENT parents: [3, 4] and [2, 5] both sum to -0.75.
    # The alive list is ordered [3], [2] (by score), so a sort on the score alone keeps [3, 4], the
    # parent order; the tie rule keeps the smaller list [2, 5], which then finishes best.
    table = _table(6, {BOS: {3: -0.25, 2: -0.5}, 3: {2: -0.25, 4: -0.5}, 2: {5: -0.25, EOS: -4.0}, 4: {EOS: -2.0},
                       5: {EOS: 0.0}})
    out.append(_case("a tie at the cut between children of different parents: the smaller token list stays",
                     table, BOS, EOS, 2, 3, expected=[2, 5, EOS], strict=False))
    # A tie in the final mean (-0.5) between [2, eos] (sum -1.0) and [3, 4, eos] (sum -1.5): the smaller
    # list wins, not the larger or the smaller sum, nor whichever finished first.
    table = _table(6, {BOS: {2: -0.5, 3: -0.5}, 2: {EOS: -0.5}, 3: {4: -0.5}, 4: {EOS: -0.5}})
    out.append(_case("a tie in the final mean between different lengths: the smaller token list wins",
                     table, BOS, EOS, 3, 4, expected=[2, EOS], strict=False))

    # eos is always very unlikely: no hypothesis finishes, the best one cut at max_len is returned.
    table = _table(5, {BOS: {2: -0.3, 3: -0.45}, 2: {3: -0.3, 4: -0.9}, 3: {4: -0.2, 2: -0.8},
                       4: {2: -0.1, 4: -0.7}})
    table[:, EOS] = -30.0 - np.arange(5)
    out.append(_case("nothing reaches eos within max_len: the best unfinished hypothesis", table, BOS, EOS, 2, 5,
                     expected=[2, 3, 4, 2, 3]))

    # A finished hypothesis with a poor mean loses to an unfinished one.
    table = _table(5, {BOS: {EOS: -1.2, 2: -0.3}, 2: {3: -0.2, EOS: -2.0}, 3: {2: -0.2, EOS: -1.9}})
    out.append(_case("an unfinished hypothesis at max_len beats worse finished ones", table, BOS, EOS, 3, 4,
                     expected=[2, 3, 2, 3]))

    table = _table(4, {BOS: {EOS: -0.1, 2: -0.5}, 2: {EOS: -0.01}})
    out.append(_case("the best output is eos alone", table, BOS, EOS, 3, 4, expected=[EOS]))
    table = _table(5, {BOS: {EOS: -0.9, 2: -0.4, 3: -0.6}})
    out.append(_case("max_len=1: a single step", table, BOS, EOS, 2, 1, expected=[2]))

    # bos=3 and eos=0: the first token is scored by row 3 (row 0 would lead to [1, eos], mean -0.05), and the
    # best output is bos itself, again and again ([3, 3, 3], mean -0.2; without token 3, [eos] with -0.3 wins).
    table = _table(5, {3: {3: -0.2, 0: -0.3, 2: -0.7}, 0: {1: -0.05}, 1: {0: -0.05}, 2: {0: -0.3}})
    out.append(_case(BOS_ELSEWHERE, table, 3, 0, 2, 3,
                     expected=[3, 3, 3]))

    # Random tables. Exhaustive search is the oracle when the beam is wide enough never to prune.
    rng = np.random.default_rng(seed + 1)  # the random inputs of this attempt
    for i, (size, max_len) in enumerate([(4, 4), (5, 4), (4, 5)]):
        bos, eos = (3, 0) if i == 1 else (0, size - 1)
        beam = size ** max_len
        for _attempt in range(20):  # redraw a table whose best answers are near-tied
            table = _random_table(rng, size, bos, eos, eos_boost=0.0)
            try:
                out.append(_case(f"beam of {beam} never prunes (V={size}, max_len={max_len}, eos={eos}): exhaustive "
                                 "answer", table, bos, eos, beam, max_len, expected=_exhaustive(table, bos, eos, max_len)))
                break
            except AssertionError:
                continue
        else:
            raise AssertionError(f"no table without near-ties for V={size}, max_len={max_len}")
    rng = np.random.default_rng(seed)
    for i, (size, beam, max_len, boost) in enumerate([(5, 2, 5, 0.5), (6, 3, 6, 1.0), (8, 4, 7, 0.0),
                                                      (30, 5, 10, 1.5), (50, 8, 12, 2.0)]):
        eos = int(rng.integers(size))
        bos = int((eos + 1 + rng.integers(size - 1)) % size)
        name = f"random {i + 1}: V={size}, beam_size={beam}, max_len={max_len}, bos={bos}, eos={eos}"
        for _attempt in range(20):  # a bigram model gives equal sums to paths with the same transitions: redraw
            table = _random_table(rng, size, bos, eos, eos_boost=boost, scale=2.0)
            try:
                out.append(_case(name, table, bos, eos, beam, max_len))
                break
            except AssertionError:
                continue
        else:
            raise AssertionError(f"no table without near-ties for {name}")
    return out


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): small tables, often with exact ties (quarter steps),
    every beam width and length, bos and eos anywhere."""
    size = int(rng.integers(3, 7))
    table = -rng.integers(0, 12, size=(size, size)) / 4.0 if rng.random() < 0.5 else -rng.exponential(1.5, size=(size, size))
    bos, eos = (int(t) for t in rng.choice(size, size=2, replace=False))
    return (table, bos, eos, int(rng.integers(1, 5)), int(rng.integers(1, 6))), {}
