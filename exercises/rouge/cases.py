"""Hidden cases for rouge; the oracle is rouge_score.rouge_scorer.RougeScorer([kind], use_stemmer=False)."""

import numpy as np
from rouge_score import rouge_scorer

from prep.drills.cases import Case, close_fields, noisy_copy

KEYS = ("precision", "recall", "fmeasure")


_close_dict = close_fields(KEYS, rel_tol=1e-9, abs_tol=1e-9)


def _case(name: str, candidate: str, reference: str, kind: str) -> Case:
    score = rouge_scorer.RougeScorer([kind], use_stemmer=False).score(reference, candidate)[kind]  # (target, prediction)
    expected = {"precision": float(score.precision), "recall": float(score.recall), "fmeasure": float(score.fmeasure)}
    return Case(f"{kind}: {name}", (candidate, reference, kind), expected, _close_dict)


WORDS = "the a cat dog sat ran on under mat rug big red and".split()


PROMISES = {
    "`candidate`, `reference`: ASCII strings, possibly empty.": ["rouge1: an empty candidate scores 0",
                                                                "rougeL: an empty candidate scores 0"],
    "`kind`: `\"rouge1\"`, `\"rouge2\"` or `\"rougeL\"`.": ["rouge1: identical texts", "rougeL: identical texts",
                                                          "rouge2: no overlap"],
    "Returns `{\"precision\": P, \"recall\": R, \"fmeasure\": F}` with float values.": [
        "rouge1: a longer candidate than reference (precision != recall)"],
    "overlap = the sum over n-grams `g`": ["rouge1: repeated words: overlap counts are clipped",
                                           "rouge2: repeated bigrams: overlap counts are clipped"],
    "`P = overlap / (number of candidate n-grams)`": [
        "rouge1: a longer candidate than reference (precision != recall)", "rouge1: a shorter candidate than reference",
        "rouge2: a one-word candidate has no bigrams"],
    "The inputs are yours to read, not to change": ["rouge1: identical texts"],
}
NOT_CASES: dict[str, str] = {}

def cases(seed: int = 20261201) -> list[Case]:
    rng = np.random.default_rng(20261201)  # the fixed cases: the same inputs every attempt
    cand = "the cat was found under the bed"
    ref = "the cat was under the bed"
    out = [
        _case("identical texts", "the quick brown fox", "the quick brown fox", "rouge1"),
        _case("identical texts", "the quick brown fox", "the quick brown fox", "rougeL"),
        _case("no overlap", "green eggs and ham", "the cat sat on the mat", "rouge2"),
        _case("no overlap", "green eggs and ham", "the cat sat on the mat", "rougeL"),
        _case("a longer candidate than reference (precision != recall)", cand, ref, "rouge1"),
        _case("a longer candidate than reference (precision != recall)", cand, ref, "rouge2"),
        _case("a longer candidate than reference (precision != recall)", cand, ref, "rougeL"),
        _case("a shorter candidate than reference", "the cat sat", "the black cat sat on the mat", "rouge1"),
        _case("repeated words: overlap counts are clipped", "the the the the cat", "the cat sat on the mat", "rouge1"),
        _case("repeated bigrams: overlap counts are clipped", "the cat the cat the cat", "the cat sat on the cat mat",
              "rouge2"),
        _case("case and punctuation are ignored", "The CAT, sat... on the Mat!", "the cat sat on the mat", "rouge1"),
        _case("hyphens and apostrophes split words", "state-of-the-art models don't fail",
              "state of the art models do not fail", "rouge2"),
        _case("digits are tokens", "GPT-2 has 1.5B parameters", "gpt 2 has 1 5b parameters", "rougeL"),
        _case("an empty candidate scores 0", "", "the cat sat on the mat", "rouge1"),
        _case("an empty candidate scores 0", "", "the cat sat on the mat", "rougeL"),
        _case("a candidate of punctuation only has no tokens", "... !!! ,,,", "the cat sat", "rougeL"),
        _case("a one-word candidate has no bigrams", "cat", "the cat sat", "rouge2"),
        _case("underscores separate tokens like any other non-alphanumeric character",
              "gpt_2 and foo_bar models", "gpt 2 and foo bar", "rouge1"),
        _case("underscores and punctuation split bigrams", "the state_of-the art", "the state of the art", "rouge2"),
        _case("repeated candidate words: the LCS uses each reference word once", "the the the cat",
              "the cat sat", "rougeL"),
        _case("repeated reference words: the LCS uses each candidate word once", "cat sat",
              "cat cat cat sat sat", "rougeL"),
        _case("the longest common subsequence, not substring", "a x b y c z d", "a b c d", "rougeL"),
        _case("word order matters for the LCS", "mat the on sat cat the", "the cat sat on the mat", "rougeL"),
        _case("word order does not matter for unigrams", "mat the on sat cat the", "the cat sat on the mat", "rouge1"),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(6):  # random sentences from a small vocabulary (words repeat); the candidate is a noisy copy
        kind = ("rouge1", "rouge2", "rougeL")[i % 3]
        reference = [str(w) for w in rng.choice(WORDS, size=int(rng.integers(4, 20)))]
        candidate = noisy_copy(rng, reference, int(rng.integers(1, 6)), WORDS)
        out.append(_case(f"random pair {i // 3 + 1}", " ".join(candidate), " ".join(reference), kind))
    return out


PIECES = ["the", "The", "CAT", "cat", "sat", "on", "mat", "a", "don't", "state-of-the-art", "1.5B", "gpt_2",
          "foo_bar", "x1", "...", "!", "mat.", "(cat)", "2", "THE"]


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): texts with case, punctuation, digits, underscores,
    repeats and empty ones, for every kind."""
    def text() -> str:
        words = [str(w) for w in rng.choice(PIECES, size=int(rng.integers(0, 9)))]
        return rng.choice([" ", "  ", ",", "\t"]).join(words) if words else ""
    return (text(), text(), str(rng.choice(["rouge1", "rouge2", "rougeL"]))), {}
