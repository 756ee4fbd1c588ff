"""Hidden cases for gap_sentences.

Oracle: rouge_score.rouge_scorer.RougeScorer(["rouge1"], use_stemmer=False) scores each sentence against the
other sentences joined by spaces (Pegasus' Ind-Orig); the ranking sorts by that F-measure, highest first,
scores within 1e-9 of each other counting as a tie won by the lower index.
"""

import functools

import numpy as np
from rouge_score import rouge_scorer

from prep.drills.cases import Case

_SCORER = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=False)
NAMES = ("selected", "masked", "target")


def _oracle(sentences: list[str], m: int, mask_token: str) -> tuple[list[int], list[str], str]:
    scores = []
    for i, sentence in enumerate(sentences):
        rest = " ".join(s for j, s in enumerate(sentences) if j != i)
        scores.append(_SCORER.score(rest, sentence)["rouge1"].fmeasure)  # score(target, prediction)

    def better(i: int, j: int) -> int:
        if abs(scores[i] - scores[j]) <= 1e-9:
            return i - j  # a tie: the earlier sentence first
        return -1 if scores[i] > scores[j] else 1

    chosen = sorted(sorted(range(len(sentences)), key=functools.cmp_to_key(better))[:m])
    masked = [mask_token if i in chosen else s for i, s in enumerate(sentences)]
    return chosen, masked, " ".join(sentences[i] for i in chosen)


def _check(case: Case, got) -> str | None:
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        return f"return a tuple ({', '.join(NAMES)}), not {type(got).__name__}"
    wrong = []
    for name, want, have in zip(NAMES, case.expected, got):
        if isinstance(want, list) and isinstance(have, (list, tuple, np.ndarray)):
            have = have.tolist() if isinstance(have, np.ndarray) else list(have)  # a tuple or an array is fine
        if have != want:
            wrong.append(f"{name}: expected {want!r}, got {have!r}")
    return "; ".join(wrong) or None


def _case(name: str, sentences: list[str], m: int, mask_token: str | None = None) -> Case:
    kwargs = {} if mask_token is None else {"mask_token": mask_token}
    return Case(name, (list(sentences), m), _oracle(sentences, m, mask_token or "<mask_1>"), _check, kwargs)


WORDS = ["the", "cat", "Cat", "CAT", "sat", "on", "mat", "mat.", "dog,", "ran", "snake_case", "snake", "case", "state-of-the-art",
         "art", "GPT-2", "gpt", "2", "café", "caf", "don't", "t", "(big)", "big", "red!", "red", "..."]


def _sentence(rng: np.random.Generator) -> str:
    return " ".join(str(w) for w in rng.choice(WORDS, size=int(rng.integers(0, 9))))


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    n = int(rng.integers(1, 9))
    sentences = [_sentence(rng) for _ in range(n)]
    for _ in range(int(rng.integers(0, 3))):  # repeated sentences give exact ties
        sentences[int(rng.integers(n))] = sentences[int(rng.integers(n))]
    kwargs = {"mask_token": "[MASK1]"} if rng.random() < 0.3 else {}
    return (sentences, int(rng.integers(0, n + 1))), kwargs


PROMISES = {
    "`sentences`: the document, already split into sentences (strings, possibly empty or without words).": [
        "a sentence without tokens scores 0", "an empty string is a sentence too"],
    "At least one sentence.": ["a one-sentence document", "a one-sentence document, m=0"],
    "`m`: how many sentences to select, `0 <= m <= len(sentences)`.": [
        "m=0 selects nothing", "m = number of sentences masks them all", "a one-sentence document"],
    "lowercase the sentence, then every run of characters other than `a-z` and `0-9` separates tokens": [
        "case and punctuation are ignored", "underscores and hyphens separate tokens",
        "digits are tokens; non-ASCII letters separate them"],
    "empty pieces are dropped.": ["a sentence without tokens scores 0", "case and punctuation are ignored"],
    "So `\"The CAT, sat!\"` is": ["case and punctuation are ignored", "underscores and hyphens separate tokens",
                                 "digits are tokens; non-ASCII letters separate them"],
    "ROUGE-1 F1 between its tokens and the tokens of all the other sentences together (never itself).": [
        "against the REST of the document, not the whole (a sentence is not scored against itself)"],
    "With both as multisets (repeats count)": ["repeated words count (Ind-Orig, not unique n-grams)"],
    "`P = overlap / len(tokens_i)`, `R = overlap / len(tokens_rest)`, `F1 = 2PR / (P + R)`": [
        "F1, not recall: a long sentence that covers much but is long", "F1, not precision: a short sentence fully covered"],
    "`F1 = 0` when the overlap is 0 (a sentence without tokens scores 0)": [
        "a sentence without tokens scores 0", "no sentence overlaps any other: all tie at 0, the first m win"],
    "Selection: the `m` sentences with the highest scores.": ["the worked example: m=1",
                                                             "the worked example: m=2, indices in document order"],
    "Ties go to the earlier sentence (lower index).": ["an exact tie goes to the earlier sentence",
                                                      "an exact tie between the 2nd and 3rd best, m=2",
                                                      "identical sentences everywhere"],
    "Scores within `1e-9` of each other are a tie": [
        "scores equal on paper that differ in the last bit of a float are still a tie"],
    "Returns `(selected, masked, target)`:": ["the worked example: m=2, indices in document order"],
    "`selected`: the chosen indices, a list of `m` ints in ascending (document) order;": [
        "the worked example: m=2, indices in document order", "an exact tie between the 2nd and 3rd best, m=2"],
    "`masked`: a copy of `sentences` with each chosen sentence replaced by `mask_token`": [
        "a custom mask token", "the worked example: m=1", "m = number of sentences masks them all"],
    "`target`: the chosen sentences, unchanged, in document order, joined by single spaces": [
        "the worked example: m=2, indices in document order", "m=0 selects nothing", "a custom mask token"],
    "The inputs are yours to read, not to change": ["the worked example: m=2, indices in document order"],
}
NOT_CASES = {}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(seed)
    story = ["Pegasus masks whole sentences.", "The model then generates the masked sentences.",
             "Whole sentences are chosen by ROUGE against the rest.", "Cats sleep a lot."]
    out = [
        _case("the worked example: m=1", story, 1),
        _case("the worked example: m=2, indices in document order", story, 2),
        _case("m=0 selects nothing", story, 0),
        _case("m = number of sentences masks them all", story, 4),
        _case("a custom mask token", story, 2, "[MASK1]"),
        _case("against the REST of the document, not the whole (a sentence is not scored against itself)",
              ["alpha beta gamma delta epsilon zeta", "alpha beta", "alpha gamma", "unique words only here"], 1),
        _case("repeated words count (Ind-Orig, not unique n-grams)",
              ["cat cat cat cat", "cat dog", "cat cat bird", "dog bird fish"], 1),
        _case("F1, not recall: a long sentence that covers much but is long",
              ["a b c d e f g h i j k l", "a b", "a c", "b c x"], 1),
        _case("F1, not precision: a short sentence fully covered",
              ["cat", "cat sat on the mat with a dog", "the dog sat on a mat", "birds fly"], 1),
        _case("an exact tie goes to the earlier sentence",
              ["red fox runs", "blue sky", "red fox runs", "fox runs red", "grey cloud"], 1),
        _case("an exact tie between the 2nd and 3rd best, m=2",
              ["a b c d", "a b", "x y z", "c d", "w v"], 2),
        _case("scores equal on paper that differ in the last bit of a float are still a tie",
              ["cat", "cat dog", "x y z w"], 1),
        _case("case and punctuation are ignored", ["The CAT sat.", "the cat, sat!", "Dogs bark"], 1),
        _case("underscores and hyphens separate tokens", ["snake_case rules", "snake case", "state-of-the-art", "the art"], 2),
        _case("digits are tokens; non-ASCII letters separate them", ["GPT-2 café", "gpt 2", "caf e", "zzz"], 2),
        _case("a sentence without tokens scores 0", ["...", "cat sat", "cat sat", "!!"], 3),
        _case("an empty string is a sentence too", ["", "cat", "cat dog", ""], 2),
        _case("a one-sentence document", ["Only one sentence here."], 1),
        _case("a one-sentence document, m=0", ["Only one sentence here."], 0),
        _case("no sentence overlaps any other: all tie at 0, the first m win",
              ["one two", "three four", "five six", "seven eight"], 2),
        _case("identical sentences everywhere", ["same words", "same words", "same words"], 2),
    ]
    for i in range(8):  # random documents from a small vocabulary with punctuation, case and underscores
        (sentences, m), kwargs = random_input(rng)
        out.append(_case(f"random {i + 1}: {len(sentences)} sentences, m={m}", sentences, m, kwargs.get("mask_token")))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
