"""Hidden cases for meteor.

Oracle: brute force from the definition (Banerjee & Lavie, 2005, with exact matching only). It lists every
one-to-one alignment with the largest possible number of exact matches (for each word, every injective
pairing of its occurrences in the smaller side with those in the larger side), counts the chunks of each,
keeps the fewest, and applies Fmean and the fragmentation penalty. nltk's meteor_score is not used: it needs
WordNet data downloaded at run time, and its greedy alignment is not the fewest-chunks one.
"""

import itertools
import math
import re

import numpy as np

from prep.drills.cases import Case, allclose

LIMIT = 200_000  # alignments the brute force may list for one case


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^a-z0-9_]+", text.lower()) if t]


def _alignments(hyp: list[str], ref: list[str]):
    """Every maximum one-to-one exact alignment, as a list of (hyp position, ref position) pairs."""
    per_word = []
    for word in sorted(set(hyp) & set(ref)):
        hs = [i for i, t in enumerate(hyp) if t == word]
        rs = [j for j, t in enumerate(ref) if t == word]
        if len(hs) <= len(rs):
            per_word.append([list(zip(hs, perm)) for perm in itertools.permutations(rs, len(hs))])
        else:
            per_word.append([list(zip(perm, rs)) for perm in itertools.permutations(hs, len(rs))])
    for choice in itertools.product(*per_word):
        yield [pair for pairs in choice for pair in pairs]


def _count(hyp: list[str], ref: list[str]) -> int:
    total = 1
    for word in set(hyp) & set(ref):
        a, b = hyp.count(word), ref.count(word)
        total *= math.perm(max(a, b), min(a, b))
    return total


def _chunks(pairs: list[tuple[int, int]]) -> int:
    pairs = sorted(pairs)
    return sum(1 for k, (i, j) in enumerate(pairs) if k == 0 or (i, j) != (pairs[k - 1][0] + 1, pairs[k - 1][1] + 1))


def _oracle(hypothesis: str, reference: str, alpha: float, beta: float, gamma: float) -> float:
    hyp, ref = _tokens(hypothesis), _tokens(reference)
    assert _count(hyp, ref) <= LIMIT, (hypothesis, reference)
    best = None
    for pairs in _alignments(hyp, ref):
        if pairs and (best is None or _chunks(pairs) < best[1]):
            best = (len(pairs), _chunks(pairs))
    if best is None:
        return 0.0
    m, ch = best
    p, r = m / len(hyp), m / len(ref)
    fmean = p * r / (alpha * p + (1 - alpha) * r)
    return fmean * (1 - gamma * (ch / m) ** beta)


def _case(name: str, hypothesis: str, reference: str, **weights: float) -> Case:
    expected = _oracle(hypothesis, reference, weights.get("alpha", 0.9), weights.get("beta", 3.0), weights.get("gamma", 0.5))
    return Case(name, (hypothesis, reference), expected, allclose(rtol=1e-9, atol=1e-12), dict(weights))


WORDS = ["the", "The", "cat", "CAT", "cat.", "sat", "on", "mat", "mat,", "a", "dog", "ran", "snake_case", "snake", "case",
         "don't", "t", "state-of-the-art", "art", "big", "red", "(red)", "x_1", "x", "1"]


def _text(rng: np.random.Generator, low: int, high: int) -> str:
    return " ".join(str(w) for w in rng.choice(WORDS, size=int(rng.integers(low, high))))


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    while True:
        reference = _text(rng, 0, 10)
        words = reference.split()
        # a hypothesis near the reference: shuffled pieces of it plus some noise words
        hypothesis = [w for w in words if rng.random() < 0.8]
        if len(hypothesis) > 1 and rng.random() < 0.7:
            cut = int(rng.integers(1, len(hypothesis)))
            hypothesis = hypothesis[cut:] + hypothesis[:cut]
        hypothesis += _text(rng, 0, 3).split()
        rng.shuffle(hypothesis) if rng.random() < 0.2 else None
        hyp_text = " ".join(hypothesis)
        if _count(_tokens(hyp_text), _tokens(reference)) <= 5000:
            weights = {}
            if rng.random() < 0.3:
                weights = {"alpha": float(rng.choice([0.5, 0.9, float(rng.random())])),
                           "beta": float(rng.choice([1.0, 3.0, 2.0])), "gamma": float(rng.choice([0.0, 0.5, 1.0]))}
            return (hyp_text, reference), weights


PROMISES = {
    "`hypothesis`, `reference`: strings, possibly empty.": ["an empty hypothesis scores 0", "an empty reference scores 0"],
    "Tokens: lowercase the text; a token is a maximal run of `a-z`, `0-9` and `_`": [
        "case is ignored", "punctuation separates tokens", "the underscore is part of a token",
        "non-ASCII letters separate tokens", "punctuation only has no tokens"],
    "So `\"The cat,sat.\"` is": ["punctuation separates tokens", "don't is two tokens",
                                  "the underscore is part of a token (a match)", "non-ASCII letters separate tokens"],
    "Alignment: pairs `(i, j)` of a hypothesis token and an equal reference token, each position in at most one pair.": [
        "each reference position is used once: the extra copy stays unaligned", "a single word against two copies of it"],
    "Use an alignment with the most pairs `m`": [
        "repeated word matched at most as often as in the reference",
        "an alignment with fewest chunks, not the first match of each word",
        "repeated words: pick the alignment that keeps chunks whole",
        "the fewest chunks: 'on a' after a first 'a' is one chunk, not two"],
    "Chunks: sort the pairs by hypothesis position": ["a chunk needs adjacent positions in BOTH texts",
                                                      "an unaligned word breaks a chunk", "three chunks"],
    "against `\"a x b c\"` has 2 chunks": ["a chunk needs adjacent positions in BOTH texts",
                                             "a chunk must keep the order: a swap is two chunks"],
    "Score: if `m = 0` (no common word, or an empty text) the score is `0.0`.": [
        "no word in common scores 0", "an empty hypothesis scores 0", "an empty reference scores 0"],
    "Otherwise `P = m / len(hyp tokens)`": ["recall weighs more than precision: a short hypothesis",
                                            "recall weighs more than precision: a long hypothesis"],
    "(alpha = 0.9": ["the worked example: two chunks", "every matched word its own chunk"],
    "A perfect match is one chunk": ["identical texts still pay a penalty for one chunk"],
    "`alpha`, `beta`, `gamma` are parameters": ["alpha=0.5: the harmonic mean of P and R", "gamma=0: no penalty",
                                                "beta=1: a linear penalty", "alpha, beta and gamma together"],
    "Returns a float.": ["the worked example: two chunks"],
    "The inputs are yours to read, not to change": ["the worked example: two chunks"],
}
NOT_CASES: dict[str, str] = {}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(seed)
    out = [
        _case("the worked example: two chunks", "The cat sat on the mat.", "the cat was sitting on the mat"),
        _case("the worked example: reordered halves", "the cat sat on the mat", "on the mat the cat sat"),
        _case("identical texts still pay a penalty for one chunk", "the cat sat", "the cat sat"),
        _case("no word in common scores 0", "green eggs", "the cat sat"),
        _case("an empty hypothesis scores 0", "", "the cat sat"),
        _case("an empty reference scores 0", "the cat", ""),
        _case("punctuation only has no tokens", "... !!!", "the cat"),
        _case("recall weighs more than precision: a short hypothesis", "cat", "the cat sat on the mat"),
        _case("recall weighs more than precision: a long hypothesis", "the cat sat on the mat today in the sun", "cat sat"),
        _case("case is ignored", "THE Cat SAT", "the cat sat"),
        _case("punctuation separates tokens", "cat,sat.on(mat)", "cat sat on mat"),
        _case("don't is two tokens", "don't stop", "don t stop"),
        _case("the underscore is part of a token", "snake_case x_1", "snake case x 1"),
        _case("the underscore is part of a token (a match)", "snake_case rules", "the snake_case rules"),
        _case("non-ASCII letters separate tokens", "café au lait", "caf au lait"),
        _case("an alignment with fewest chunks, not the first match of each word",
              "the cat sat on the mat", "on the mat the cat sat"),
        _case("repeated words: pick the alignment that keeps chunks whole",
              "a b a b a", "b a b a b"),
        _case("the fewest chunks: 'on a' after a first 'a' is one chunk, not two", "a on a", "on a mat"),
        _case("repeated word matched at most as often as in the reference", "the the the the", "the cat"),
        _case("each reference position is used once: the extra copy stays unaligned", "big red red", "big red"),
        _case("an unaligned word breaks a chunk", "cat cat", "dog cat"),
        _case("a single word against two copies of it", "cat", "cat cat"),
        _case("a chunk needs adjacent positions in BOTH texts", "a b c", "a x b c"),
        _case("a chunk must keep the order: a swap is two chunks", "b a", "a b"),
        _case("three chunks", "c d a b e f", "a b c d e f"),
        _case("every matched word its own chunk", "f e d c b a", "a b c d e f"),
        _case("alpha=0.5: the harmonic mean of P and R", "the cat sat", "the cat sat on the mat", alpha=0.5),
        _case("gamma=0: no penalty", "c d a b", "a b c d", gamma=0.0),
        _case("beta=1: a linear penalty", "c d a b", "a b c d", beta=1.0),
        _case("alpha, beta and gamma together", "on the mat the cat", "the cat sat on the mat", alpha=0.3, beta=2.0, gamma=1.0),
        _case("a long sentence (24 tokens)",
              "the quick brown fox jumps over the lazy dog while the small cat sleeps under a warm red blanket today",
              "today the small cat sleeps under a warm blanket while the quick brown fox jumps over the lazy dog"),
    ]
    for i in range(8):  # random pairs with repeated words, punctuation and underscores
        (hypothesis, reference), weights = random_input(rng)
        out.append(_case(f"random {i + 1}", hypothesis, reference, **weights))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
