"""Hidden cases for corpus_bleu; the oracle is sacrebleu.corpus_bleu(tokenize="none", smooth_method="none", force=True)."""

import numpy as np
import sacrebleu

from prep.drills.cases import Case, allclose, noisy_copy


def _case(name: str, hypotheses: list[str], references: list[list[str]]) -> Case:
    expected = sacrebleu.corpus_bleu(hypotheses, references, smooth_method="none", tokenize="none", force=True).score
    return Case(name, (hypotheses, references), float(expected), allclose(rtol=1e-9, atol=1e-7))


WORDS = "the a cat dog sat ran on under mat rug big red".split()


def _random_corpus(rng, sentences: int, streams: int) -> tuple[list[str], list[list[str]]]:
    hypotheses, references = [], [[] for _ in range(streams)]
    for _ in range(sentences):
        source = [str(w) for w in rng.choice(WORDS, size=int(rng.integers(4, 16)))]
        hypotheses.append(" ".join(noisy_copy(rng, source, int(rng.integers(0, 4)), WORDS)))
        for stream in references:
            stream.append(" ".join(noisy_copy(rng, source, int(rng.integers(0, 4)), WORDS)))
    return hypotheses, references


PROMISES = {
    "`hypotheses`: the system's sentences, at least one.": ["one sentence pair with some 4-gram matches"],
    "A hypothesis may be the empty string.": ["an empty hypothesis: its reference still adds to the reference length",
                                              "every hypothesis empty: 0"],
    "`references`: sacrebleu's layout": ["corpus-level pooling, not an average of sentence scores",
                                         "two references: clip by the most counts in any ONE reference"],
    "There is at least one stream, and every stream has exactly `len(hypotheses)` non-empty strings": [
        "two references: the brevity penalty uses the closest reference length", "a perfect match scores 100"],
    "Tokens: `sentence.split()`: split on runs of whitespace, nothing else.": [
        "runs of spaces and tabs separate tokens like one space"],
    "Case and punctuation are kept": ["case and punctuation are part of the token"],
    "For each sentence and each n = 1..4, count the hypothesis n-grams.": [
        "one sentence pair with some 4-gram matches", "zero 4-gram matches: BLEU is 0 (no smoothing)"],
    "An n-gram matches at most as many times as it occurs in the single reference that has the most of it": [
        "the reference said twice: clipped counts", "two references: clip by the most counts in any ONE reference"],
    "Pool over the corpus": ["corpus-level pooling, not an average of sentence scores"],
    "(Not an average of per-sentence scores.)": ["corpus-level pooling, not an average of sentence scores"],
    "No smoothing: if any `m_n` is 0": ["zero 4-gram matches: BLEU is 0 (no smoothing)"],
    "So a corpus whose hypotheses all have fewer than 4 tokens scores 0.": [
        "hypotheses shorter than 4 tokens have no 4-grams: 0"],
    "Brevity penalty: `c` = the total number of hypothesis tokens": [
        "two references: the brevity penalty uses the closest reference length",
        "the closest reference, not the shortest: 8 tokens next to references of 4 and 9",
        "equally close references: the shorter one sets the length"],
    "`BP = 1` if `c >= r`, else `exp(1 - r / c)`.": ["a hypothesis shorter than the reference: brevity penalty",
                                                   "a hypothesis longer than the reference: no brevity penalty"],
    "An empty hypothesis adds 0 to `c` and its closest reference length to `r`.": [
        "an empty hypothesis: its reference still adds to the reference length"],
    "`BLEU = 100 * BP * exp(": ["a perfect match scores 100", "one sentence pair with some 4-gram matches"],
    "The inputs are yours to read, not to change": ["a perfect match scores 100"],
}
NOT_CASES: dict[str, str] = {}


def cases(seed: int = 20261130) -> list[Case]:
    rng = np.random.default_rng(20261130)  # the fixed cases: the same inputs every attempt
    out = [
        _case("a perfect match scores 100",
              ["the cat sat on the mat", "a quick brown fox jumps over it"],
              [["the cat sat on the mat", "a quick brown fox jumps over it"]]),
        _case("one sentence pair with some 4-gram matches",
              ["the cat sat on the red mat today"], [["the cat sat on the mat"]]),
        _case("zero 4-gram matches: BLEU is 0 (no smoothing)",
              ["the cat is on the mat"], [["the cat sat on the mat"]]),
        _case("a hypothesis shorter than the reference: brevity penalty",
              ["the cat sat on the"], [["the cat sat on the mat today"]]),
        _case("a hypothesis longer than the reference: no brevity penalty",
              ["the cat sat on the mat today , really"], [["the cat sat on the mat"]]),
        _case("the reference said twice: clipped counts",
              ["the cat sat on the mat the cat sat on the mat"], [["the cat sat on the mat"]]),
        _case("two references: clip by the most counts in any ONE reference",
              ["the the the cat sat on the mat"], [["the cat sat on the mat"], ["there is a cat on the mat"]]),
        _case("two references: the brevity penalty uses the closest reference length",
              ["the cat sat on the mat"],
              [["the cat sat on a mat"], ["there is a big cat sitting on the mat over there"]]),
        _case("the closest reference, not the shortest: 8 tokens next to references of 4 and 9",
              ["the cat sat on the mat by me"], [["the cat sat on"], ["the cat sat on the mat by the door"]]),
        _case("equally close references: the shorter one sets the length",
              ["the cat sat on the mat"], [["the cat sat on"], ["the cat sat on the big red mat"]]),
        _case("corpus-level pooling, not an average of sentence scores",
              ["the cat sat on the mat", "a dog ran", "under the big red rug the dog slept"],
              [["the cat sat on the mat", "the dog ran away", "the dog slept under the big red rug"]]),
        _case("an empty hypothesis: its reference still adds to the reference length",
              ["the cat sat on the mat", ""], [["the cat sat on the mat", "hello world"]]),
        _case("every hypothesis empty: 0", ["", ""], [["the cat sat on the mat", "hello world"]]),
        _case("hypotheses shorter than 4 tokens have no 4-grams: 0",
              ["the cat", "on the mat"], [["the cat", "on the mat"]]),
        _case("case and punctuation are part of the token",
              ["The cat sat on the mat ."], [["the cat sat on the mat."]]),
        _case("runs of spaces and tabs separate tokens like one space",
              ["the  cat\tsat on   the mat "], [["the cat sat on the mat"]]),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i, (sentences, streams) in enumerate([(12, 1), (20, 2), (30, 3), (8, 4)]):
        hypotheses, references = _random_corpus(rng, sentences, streams)
        out.append(_case(f"random corpus {i + 1}: {sentences} sentences, {streams} reference(s) each",
                         hypotheses, references))
    return out


TOKENS = WORDS + ["The", "mat.", ",", "cat,", "Dog"]


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): a few sentences, 1 to 3 reference streams, empty
    hypotheses, case and punctuation kept in tokens, runs of whitespace."""
    sentences, streams = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    hypotheses, references = [], [[] for _ in range(streams)]
    for _ in range(sentences):
        source = [str(w) for w in rng.choice(TOKENS, size=int(rng.integers(1, 12)))]
        hyp = noisy_copy(rng, source, int(rng.integers(0, 4)), TOKENS) if rng.random() < 0.9 else []
        hypotheses.append(str(rng.choice([" ", "  ", "\t"])).join(hyp))
        for stream in references:
            stream.append(" ".join(noisy_copy(rng, source, int(rng.integers(0, 4)), TOKENS)))
    return (hypotheses, references), {}
