"""Hidden cases for squad_scores.

Oracle: the functions of the official SQuAD 2.0 evaluation script (evaluate-v2.0.py), copied here as
published: normalize_answer, get_tokens, compute_exact, compute_f1, and get_raw_scores' handling of
gold answers (drop those that normalise to "", use [""] when none is left, max over the rest).
"""

import collections
import re
import string

import numpy as np

from prep.drills.cases import Case, close_fields

KEYS = ("exact_match", "f1")


# ---- the official script (evaluate-v2.0.py) ----
def normalize_answer(s):
    """Lower text and remove punctuation, articles and extra whitespace."""
    def remove_articles(text):
        regex = re.compile(r'\b(a|an|the)\b', re.UNICODE)
        return re.sub(regex, ' ', text)

    def white_space_fix(text):
        return ' '.join(text.split())

    def remove_punc(text):
        exclude = set(string.punctuation)
        return ''.join(ch for ch in text if ch not in exclude)

    def lower(text):
        return text.lower()
    return white_space_fix(remove_articles(remove_punc(lower(s))))


def get_tokens(s):
    if not s:
        return []
    return normalize_answer(s).split()


def compute_exact(a_gold, a_pred):
    return int(normalize_answer(a_gold) == normalize_answer(a_pred))


def compute_f1(a_gold, a_pred):
    gold_toks = get_tokens(a_gold)
    pred_toks = get_tokens(a_pred)
    common = collections.Counter(gold_toks) & collections.Counter(pred_toks)
    num_same = sum(common.values())
    if len(gold_toks) == 0 or len(pred_toks) == 0:
        # If either is no-answer, then F1 is 1 if they agree, 0 otherwise
        return int(gold_toks == pred_toks)
    if num_same == 0:
        return 0
    precision = 1.0 * num_same / len(pred_toks)
    recall = 1.0 * num_same / len(gold_toks)
    f1 = (2 * precision * recall) / (precision + recall)
    return f1


def _official(prediction: str, answers: list[str]) -> dict:
    gold_answers = [a for a in answers if normalize_answer(a)]
    if not gold_answers:
        # For unanswerable questions, only correct answer is empty string
        gold_answers = ['']
    return {"exact_match": float(max(compute_exact(a, prediction) for a in gold_answers)),
            "f1": float(max(compute_f1(a, prediction) for a in gold_answers))}
# ---- end of the official script ----


_check = close_fields(KEYS, rel_tol=1e-9, abs_tol=1e-12, floats=True)  # the statement promises floats


def _case(name: str, prediction: str, answers: list[str]) -> Case:
    return Case(name, (prediction, list(answers)), _official(prediction, answers), _check)


PIECES = ["the", "The", "a", "A", "an", "AN", "theatre", "banana", "another", "cat", "Cat", "CAT", "sat", "on", "mat",
          "mat.", "mat,", "(mat)", "don't", "state-of-the-art", "snake_case", "snakecase", "1,000", "1000", "«Paris»",
          "Paris", "café", "—", "...", "the.", "A,", "x_y", "x-y", "x y", "n't", "e.g.", "U.S.", "us"]
SPACES = [" ", " ", " ", "  ", "\t", "\n"]


def _text(rng: np.random.Generator, low: int = 0, high: int = 6) -> str:
    words = [str(rng.choice(PIECES)) for _ in range(int(rng.integers(low, high)))]
    return "".join(w + str(rng.choice(SPACES)) for w in words).strip() if rng.random() < 0.8 else \
        "".join(w + str(rng.choice(SPACES)) for w in words)


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    answers = [_text(rng) for _ in range(int(rng.integers(0, 4)))]
    prediction = str(rng.choice(answers)) if answers and rng.random() < 0.3 else _text(rng)
    if answers and rng.random() < 0.3:  # a near miss: same words, other case and punctuation
        prediction = answers[0].upper().replace(" ", "  ") + "."
    return (prediction, answers), {}


PROMISES = {
    "`prediction`: the predicted answer text, possibly empty": ["an empty prediction for an answerable question"],
    "`answers`: the gold answer texts, possibly an empty list": [
        "an empty prediction for an unanswerable question (no gold)", "an answer for an unanswerable question"],
    "Returns `{\"exact_match\": EM, \"f1\": F1}`, both `float`s": [
        "the worked example: case, article and '!' are ignored", "the worked example: partial overlap, F1 = 0.8"],
    "lowercase it;": ["capitalised articles are dropped after lowercasing"],
    "delete every ASCII punctuation character": ["the underscore is punctuation too", "punctuation deleted inside a word: don't = dont"],
    "Deleted, not replaced by a space": ["punctuation is deleted, not replaced by a space", "digits with a comma: 1,000 = 1000"],
    "Other characters (`«`, `—`, `é`) are kept;": ["non-ASCII punctuation is kept", "an em dash is not ASCII punctuation"],
    "replace each whole word `a`, `an`, `the` by a space": [
        "articles a, an, the are dropped", "articles only as whole words: theatre, banana, another",
        "punctuation goes before articles: 'The.' is an article",
        "an article next to non-ASCII punctuation is still a word: 'the—end'",
        "an article before a curly apostrophe: 'the’s'", "an article inside guillemets: '«the» tower'"],
    "split on whitespace (spaces, tabs, newlines, runs of them): the tokens.": [
        "whitespace: tabs, newlines and runs of spaces"],
    "EM = 1 if the two token lists are equal, else 0.": ["EM is the max over gold answers"],
    "F1: if either list is empty, F1 = 1 when both are empty, else 0.": [
        "an empty prediction for an answerable question", "an empty prediction for an unanswerable question (no gold)",
        "a prediction that normalises to nothing vs a real answer"],
    "Otherwise `common` = the number of shared tokens counted with multiplicity": [
        "F1: repeated tokens are clipped", "F1: repeated gold tokens", "no common token: F1 0",
        "F1: precision differs from recall"],
    "The inputs are yours to read, not to change": ["EM is the max over gold answers"],
}
NOT_CASES: dict[str, str] = {}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(seed)
    out = [
        _case("the worked example: case, article and '!' are ignored", "The Eiffel Tower!", ["Eiffel Tower", "the tower in Paris"]),
        _case("the worked example: partial overlap, F1 = 0.8", "in the Eiffel tower", ["Eiffel Tower", "the tower in Paris"]),
        _case("punctuation is deleted, not replaced by a space", "state-of-the-art", ["state of the art"]),
        _case("punctuation deleted inside a word: don't = dont", "dont stop", ["Don't stop!"]),
        _case("digits with a comma: 1,000 = 1000", "1000 people", ["1,000 people"]),
        _case("the underscore is punctuation too", "snakecase", ["snake_case"]),
        _case("an underscore inside a token, F1", "x_y z", ["xy"]),
        _case("non-ASCII punctuation is kept", "Paris", ["«Paris»"]),
        _case("an em dash is not ASCII punctuation", "1990 — 1995", ["1990 1995"]),
        _case("articles a, an, the are dropped", "an apple a day the doctor", ["apple day doctor"]),
        _case("capitalised articles are dropped after lowercasing", "A Cat and THE Hat", ["cat and hat"]),
        _case("articles only as whole words: theatre, banana, another", "theatre banana another", ["atre banana other"]),
        _case("articles only as whole words (F1)", "the theatre", ["theatre"]),
        _case("an article next to non-ASCII punctuation is still a word: 'the—end'", "the—end", ["—end"]),
        _case("an article before a curly apostrophe: 'the’s'", "the’s", ["’s"]),
        _case("an article inside guillemets: '«the» tower'", "«the» tower", ["«» tower"]),
        _case("punctuation goes before articles: 'The.' is an article", "The. cat", ["cat"]),
        _case("'a,' is an article once the comma is deleted", "a, b", ["b"]),
        _case("whitespace: tabs, newlines and runs of spaces", "Eiffel\t\tTower\n", ["  eiffel   tower "]),
        _case("F1: precision differs from recall", "the cat sat on the mat", ["cat on mat"]),
        _case("F1: repeated tokens are clipped", "cat cat cat", ["cat sat"]),
        _case("F1: repeated gold tokens", "cat", ["cat cat dog"]),
        _case("no common token: F1 0", "dog", ["cat"]),
        _case("EM is the max over gold answers", "cat", ["dog", "a cat", "cats"]),
        _case("F1 is the max over gold answers, taken apart from EM", "big red cat",
              ["big red cat on the mat today", "red cat", "blue dog"]),
        _case("the best F1 and the best EM come from different gold answers", "red cat sat",
              ["red cat", "red cat sat on it", "red cat sat mat"]),
        _case("an empty prediction for an answerable question", "", ["Paris"]),
        _case("an empty prediction for an unanswerable question (no gold)", "", []),
        _case("an answer for an unanswerable question", "Paris", []),
        _case("a prediction of only articles and punctuation is empty", "The...", []),
        _case("gold answers that normalise to nothing are dropped", "", ["a", "Paris"]),
        _case("every gold answer normalises to nothing: unanswerable", "", ["", "the", "..."]),
        _case("every gold answer normalises to nothing, a real prediction", "cat", ["", "An", "!!"]),
        _case("a prediction that normalises to nothing vs a real answer", "the", ["cat"]),
        _case("a long answer", " ".join(["word"] * 40 + ["the", "end"]), [" ".join(["word"] * 30 + ["end"])]),
    ]
    for i in range(8):  # random texts mixing articles, punctuation, underscores, case and whitespace
        (prediction, answers), _ = random_input(rng)
        out.append(_case(f"random {i + 1}", prediction, answers))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
