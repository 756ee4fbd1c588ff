"""Hidden cases for BERT's masking. The output is random, so the checks test properties: the exact
number of chosen positions (from the rule, computed here), special tokens untouched, labels
consistent with the inputs, the 80/10/10 split within 5 binomial standard deviations, replacements
spread over the vocabulary, chosen positions spread over the sequence, and the seed's effect
(a case repeated with the same seed, and one with another seed, compared with the first call).
"""

import math

import numpy as np

from prep.drills.cases import Case, kind_of

PAD, UNK, CLS, SEP, MASK = 0, 100, 101, 102, 103
BERT_SPECIALS = [PAD, UNK, CLS, SEP, MASK]
BERT_VOCAB = 30522
SIGMAS = 5.0


def _expected_count(tokens: np.ndarray, special_ids: list[int]) -> int:
    candidates = int(np.sum(~np.isin(tokens, special_ids)))
    count = math.floor(0.15 * candidates + 0.5 + 1e-9)  # 15%, halves rounded up
    return max(count, 1) if candidates else 0


def _within(observed: int, trials: int, prob: float) -> bool:
    return abs(observed - trials * prob) <= SIGMAS * math.sqrt(trials * prob * (1 - prob)) + 1


def _arrays(case: Case, got):
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return None, f"returned {kind_of(got)}, expected a tuple (inputs, labels)"
    tokens = case.args[0]
    out = []
    for name, value in zip(("inputs", "labels"), got):
        array = np.asarray(value) if not isinstance(value, np.ndarray) else value
        if array.shape != tokens.shape:
            return None, f"{name} has shape {array.shape}, expected {tokens.shape}"
        if array.size and not np.issubdtype(array.dtype, np.integer):
            return None, f"{name} has dtype {array.dtype}, expected integers"
        out.append(array.astype(np.int64))
    return out, None


def _properties(case: Case, inputs: np.ndarray, labels: np.ndarray, stats: bool, spread: str | None) -> str | None:
    tokens, mask_id, vocab_size, special_ids, _seed = case.args
    special = np.isin(tokens, special_ids)
    chosen = labels != -100
    count, expected = int(chosen.sum()), _expected_count(tokens, special_ids)
    if np.any(chosen & special):
        i = int(np.flatnonzero(chosen & special)[0])
        return f"position {i} holds the special token {tokens[i]} but has a label: special tokens are never chosen"
    if np.any(inputs[special] != tokens[special]):
        i = int(np.flatnonzero(special & (inputs != tokens))[0])
        return f"the special token {tokens[i]} at position {i} was changed to {inputs[i]}"
    if count != expected:
        return f"{count} positions have labels, expected exactly {expected} (15% of {int((~special).sum())} " \
               f"non-special tokens, rounded)"
    if np.any(labels[chosen] != tokens[chosen]):
        i = int(np.flatnonzero(chosen & (labels != tokens))[0])
        return f"labels[{i}] = {labels[i]}, but the original token there is {tokens[i]}"
    if np.any(inputs[~chosen] != tokens[~chosen]):
        i = int(np.flatnonzero(~chosen & (inputs != tokens))[0])
        return f"position {i} has no label (-100) but its input changed from {tokens[i]} to {inputs[i]}"
    new = inputs[chosen]
    bad = (new != mask_id) & (np.isin(new, special_ids) | (new < 0) | (new >= vocab_size))
    if np.any(bad):
        return f"a chosen position became {int(new[bad][0])}: a random replacement must be an ordinary token " \
               f"in [0, {vocab_size}) that is not special"
    if stats:
        ordinary = vocab_size - len(set(special_ids))
        masked = int(np.sum(new == mask_id))
        kept = int(np.sum(new == tokens[chosen]))
        randomised = count - masked - kept
        for what, observed, prob in (("became [MASK]", masked, 0.8), ("got a random token", randomised, 0.1 * (1 - 1 / ordinary)),
                                     ("stayed unchanged", kept, 0.1 + 0.1 / ordinary)):
            if not _within(observed, count, prob):
                return f"{observed} of {count} chosen positions {what} ({observed / count:.1%}), expected about " \
                       f"{prob:.0%}"
        candidates = np.flatnonzero(~special)
        first_half = int(np.sum(chosen[candidates[: len(candidates) // 2]]))
        share = (len(candidates) // 2) / len(candidates)
        if not _within(first_half, count, share):
            return f"{first_half} of {count} chosen positions fall in the first half of the tokens: choose them " \
                   f"uniformly over the whole sequence"
        replacements = new[(new != mask_id) & (new != tokens[chosen])]
        if spread == "vocabulary" and replacements.size:
            outside = float(np.mean(~np.isin(replacements, tokens)))
            if outside < 0.9:
                return f"only {outside:.0%} of the random replacements are tokens absent from the input: draw them " \
                       f"from the vocabulary, not from the sequence"
        if spread == "uniform":
            allowed = np.setdiff1d(np.arange(vocab_size), special_ids)
            observed = np.array([np.sum(replacements == t) for t in allowed])
            # a random replacement equal to the original token is not seen, so each token's share is close to,
            # not exactly, uniform; the threshold is far above the chi-square's mean (len(allowed) - 1)
            want = replacements.size / len(allowed)
            chi2 = float(np.sum((observed - want) ** 2 / want))
            if chi2 > 4 * len(allowed) + 30:
                return f"the random replacements are far from uniform over the {len(allowed)} ordinary tokens " \
                       f"(chi-square {chi2:.0f})"
    return None


def _check(stats: bool = False, spread: str | None = None, memo: dict | None = None, role: str | None = None):
    def check(case: Case, got) -> str | None:
        arrays, problem = _arrays(case, got)
        if problem:
            return problem
        inputs, labels = arrays
        problem = _properties(case, inputs, labels, stats, spread)
        if problem or memo is None:
            return problem
        # The grader checks cases in order, so the first call's result is there for the next two.
        if role == "first":
            memo["first"] = (inputs, labels)
            return None
        first = memo.pop("first", None) if role == "other seed" else memo.get("first")
        if first is None:
            return "the first call with this input failed, so there is nothing to compare with"
        same = np.array_equal(first[0], inputs) and np.array_equal(first[1], labels)
        if role == "same seed" and not same:
            return "the same seed gave a different result: draw every random number from a generator built from `seed`"
        if role == "other seed" and np.array_equal(first[1] != -100, labels != -100):
            return "another seed chose exactly the same positions: the seed must drive the choice"
        return None

    return check


def _describe(tokens: np.ndarray, mask_id: int, special_ids: list[int]) -> str:
    count = _expected_count(tokens, special_ids)
    return f"{count} of {tokens.size} positions chosen (15% of the {int((~np.isin(tokens, special_ids)).sum())} " \
           f"non-special ones); about 80% → {mask_id}, 10% random, 10% unchanged; labels -100 elsewhere"


def _case(name, tokens, mask_id, vocab_size, special_ids, seed, **check) -> Case:
    tokens = np.asarray(tokens, dtype=np.int64)
    return Case(name, (tokens, mask_id, vocab_size, special_ids, seed), _describe(tokens, mask_id, special_ids),
                _check(**check))


def _sentences(rng, count: int, length: int, pad_to: int, vocab: int = BERT_VOCAB) -> np.ndarray:
    """[CLS] words [SEP] [PAD]... rows, flattened; words avoid BERT's special ids (all below 1000)."""
    rows = []
    for _ in range(count):
        words = rng.integers(1000, vocab, size=int(rng.integers(length // 2, length)))
        row = np.concatenate([[CLS], words, [SEP]])
        rows.append(np.concatenate([row, np.full(pad_to - row.size, PAD)]))
    return np.concatenate(rows)


PROMISES = {
    "`tokens`: int64 array of shape `(n,)`": ["an empty sequence: two empty arrays", "20,000 tokens: exactly 3,000 chosen, split 80/10/10"],
    "`mask_id`: the id of `[MASK]`.": ["a 20-token sentence with [CLS] and [SEP]: 3 of 18 tokens chosen"],
    "`special_ids`: the ids of the special tokens": ["300 padded sentences: [CLS], [SEP] and [PAD] are never chosen",
                                                    "[MASK] tokens already in the input are special too"],
    "`seed`: draw all randomness from one generator built from it": ["seed 11", "seed 11 again: the same output"],
    "`np.random.default_rng(seed)` or": ["seed 11"],
    "The same seed must give the same output; another seed must": [
        "seed 11 again: the same output", "seed 12 on the same tokens: other positions"],
    "Candidates are the positions whose token is not special.": ["only special tokens: nothing is chosen, labels all -100"],
    "Special tokens are never chosen.": ["300 padded sentences: [CLS], [SEP] and [PAD] are never chosen"],
    "Choose exactly `(15 * n_candidates + 50) // 100` candidates": [
        "a single ordinary token is always chosen", "3 ordinary tokens: 15% rounds to 0, but at least one is chosen",
        "10 ordinary tokens: 1.5 rounds half up to 2", "30 ordinary tokens: 4.5 rounds half UP to 5 (Python's round() gives 4)",
        "70 ordinary tokens: 10.5 rounds to 11 (0.15 * 70 is 10.499... in floating point)", "41 ordinary tokens: 6.15 rounds to 6"],
    "(Not \"each token with probability 0.15\": the count must be exact.)": [
        "20,000 tokens: exactly 3,000 chosen, split 80/10/10"],
    "Each chosen position, independently": ["20,000 tokens: exactly 3,000 chosen, split 80/10/10",
                                            "a 30-token vocabulary with specials 0-3: random replacements are uniform and never special",
                                            "input of only 10 distinct ids: random replacements come from the whole vocabulary"],
    "Return `(inputs, labels)`": ["a 20-token sentence with [CLS] and [SEP]: 3 of 18 tokens chosen"],
    "The inputs are yours to read, not to change": ["a 20-token sentence with [CLS] and [SEP]: 3 of 18 tokens chosen"],
}
NOT_CASES: dict[str, str] = {}

def cases(seed: int = 20261127) -> list[Case]:
    rng = np.random.default_rng(20261127)  # the fixed cases: the same inputs every attempt
    memo: dict = {}
    sentence = [CLS, 7592, 1010, 2026, 2171, 2003, 3100, 1998, 1045, 2293, 4083, 2128, 2000, 2191, 3793, 1012,
                2054, 2003, 2115, SEP]  # 18 ordinary tokens -> round(2.7) = 3 chosen
    big = rng.integers(1000, BERT_VOCAB, size=20_000)
    padded = _sentences(rng, 300, 64, 80)
    with_masks = rng.integers(1000, BERT_VOCAB, size=5_000)
    with_masks[rng.choice(5_000, size=400, replace=False)] = MASK
    small_vocab = rng.integers(4, 30, size=20_000)
    small_vocab[::50] = 1  # a few [CLS]-like tokens
    few_ids = rng.integers(1000, 1010, size=30_000)
    seeded = rng.integers(1000, BERT_VOCAB, size=2_000)
    out = [
        _case("a 20-token sentence with [CLS] and [SEP]: 3 of 18 tokens chosen", sentence, MASK, BERT_VOCAB,
              BERT_SPECIALS, 0),
        _case("20,000 tokens: exactly 3,000 chosen, split 80/10/10", big, MASK, BERT_VOCAB, BERT_SPECIALS, 1,
              stats=True),
        _case("300 padded sentences: [CLS], [SEP] and [PAD] are never chosen", padded, MASK, BERT_VOCAB,
              BERT_SPECIALS, 2, stats=True),
        _case("[MASK] tokens already in the input are special too", with_masks, MASK, BERT_VOCAB, BERT_SPECIALS, 3,
              stats=True),
        _case("only special tokens: nothing is chosen, labels all -100", [CLS, PAD, PAD, SEP, PAD], MASK, BERT_VOCAB,
              BERT_SPECIALS, 4),
        _case("an empty sequence: two empty arrays", np.zeros(0, dtype=np.int64), MASK, BERT_VOCAB, BERT_SPECIALS, 10),
        _case("a single ordinary token is always chosen", [CLS, 2023, SEP, PAD], MASK, BERT_VOCAB, BERT_SPECIALS, 5),
        _case("3 ordinary tokens: 15% rounds to 0, but at least one is chosen", [CLS, 2023, 2003, 2204, SEP], MASK,
              BERT_VOCAB, BERT_SPECIALS, 6),
        _case("10 ordinary tokens: 1.5 rounds half up to 2", [CLS, *range(2000, 2010), SEP], MASK, BERT_VOCAB,
              BERT_SPECIALS, 13),
        _case("30 ordinary tokens: 4.5 rounds half UP to 5 (Python's round() gives 4)",
              [CLS, *range(3000, 3030), SEP], MASK, BERT_VOCAB, BERT_SPECIALS, 14),
        _case("70 ordinary tokens: 10.5 rounds to 11 (0.15 * 70 is 10.499... in floating point)",
              [CLS, *range(4000, 4070), SEP, PAD], MASK, BERT_VOCAB, BERT_SPECIALS, 15),
        _case("41 ordinary tokens: 6.15 rounds to 6", [CLS, *rng.integers(1000, 2000, size=41), SEP], MASK,
              BERT_VOCAB, BERT_SPECIALS, 7),
        _case("a 30-token vocabulary with specials 0-3: random replacements are uniform and never special",
              small_vocab, 3, 30, [0, 1, 2, 3], 8, stats=True, spread="uniform"),
        _case("input of only 10 distinct ids: random replacements come from the whole vocabulary", few_ids, MASK,
              BERT_VOCAB, BERT_SPECIALS, 9, stats=True, spread="vocabulary"),
        _case("seed 11", seeded, MASK, BERT_VOCAB, BERT_SPECIALS, 11, memo=memo, role="first"),
        _case("seed 11 again: the same output", seeded, MASK, BERT_VOCAB, BERT_SPECIALS, 11, memo=memo,
              role="same seed"),
        _case("seed 12 on the same tokens: other positions", seeded, MASK, BERT_VOCAB, BERT_SPECIALS, 12, memo=memo,
              role="other seed"),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(2):
        count, length = int(rng.integers(60, 120)), int(rng.integers(20, 80))
        tokens = _sentences(rng, count, length, length + 10)
        out.append(_case(f"random {i + 1}: {count} padded sentences, {tokens.size} tokens", tokens, MASK, BERT_VOCAB,
                         BERT_SPECIALS, int(rng.integers(0, 2**31)), stats=True))
    small = rng.integers(1000, 1100, size=int(rng.integers(1, 40)))
    out.append(_case(f"random 3: {small.size} tokens", small, MASK, BERT_VOCAB, BERT_SPECIALS, int(rng.integers(0, 2**31))))
    return out


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): short sequences with special tokens, a small
    vocabulary, any seed."""
    vocab = int(rng.integers(8, 40))
    specials = sorted({0, 1, 2, 3} | {int(s) for s in rng.integers(0, vocab, size=int(rng.integers(0, 3)))})
    tokens = rng.integers(0, vocab, size=int(rng.integers(0, 60))).astype(np.int64)
    return (tokens, 3, vocab, specials, int(rng.integers(0, 10_000))), {}


def equivalent(args: tuple, kwargs: dict, expected, got) -> bool:
    """Two right answers may differ (the statement leaves the order of draws free): a mutant agrees with the
    reference when its output has every property the statement promises for this input."""
    case = _case("random", *args)
    return _check()(case, got) is None
