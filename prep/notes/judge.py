"""How likely a reader is to keep a guessed card: the lint's signals, weighed by what people decided.

Each signal is a named property of a card with a message a learner can read (the answer is a heading of its own path,
the term asked for is a lead-in, the cue starts with a pronoun, the card is a cloze over an example value, …). The
weight of each, and where to draw the lines, are fitted to the verdicts of the judged set's tuning half
(tests/judged/, read by people with the written rubric) by `python bench/judged.py --write-precision`, which writes
`judge.toml` beside this file. The model is a logistic regression: the chance a reader keeps the card is
`1 / (1 + exp(-(bias + Σ weight·signal)))`.

- `sure(draft)`: a guessed card is scheduled when that chance is at least the schedule line, the line at which the
  tuning half's cards (each predicted by a model fitted without its own file) were at least 85% usable.
- `doubts(draft)`: the lint's verdict; below the flag line the card is one a reader would likely not keep, and the
  message names the signals that weigh most against it.

Cards the author wrote as cards (`?`, `::`, clozes, Q&A blocks, stories) are the author's: always scheduled, and
judged by the lint's rules alone.
"""

from __future__ import annotations

import math
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Protocol

from prep.notes import words
from prep.notes.recognizers._common import IN_LIST

STANDARD = 0.85  # the usable share a scheduled guess must reach on cards the model was not fitted on
EXPLICIT = frozenset({"qa", "cloze", "story"})  # written as cards by the notes' author: `?`, `::`, clozes, Q&A blocks, stories
# A question the author set on a line or heading of its own with an answer under it (`**3. What is a token?**`) is the
# author's question and answer, kept whole, but not a card the author wrote: readers of the tuning half kept 59% of
# them as they are (the rest mostly fixable: an answer of several paragraphs, a formula lost, the note's own error).
# The model weighs them like the guesses, so a question is scheduled when its signals say it is likely kept.
# A kind of guess that readers of the tuning half found worth a card (usable, or fixable by an edit) less often than
# this, over at least MIN_CARDS of them, is not made at all: an inbox of cards one deletes is worse than none. Its
# facts go to the notes to write up, where the author can write the card.
OFFER_FLOOR = 0.15
MIN_CARDS = 10
TABLE = Path(__file__).with_name("judge.toml")


class Judged(Protocol):
    front: str
    back: str


_BOLD = re.compile(r"\*\*(.+?)\*\*")
_GAP = "[…]"
_META = re.compile(r"\b(sources?|references?|bibliography|see also|further reading|reading list|links?|exercises?|quiz|"
                   r"self-check|check yourself|prerequisites|about|credits|licen[cs]e|contents|table of contents|changelog|"
                   r"acknowledg\w*|источники|литература|ссылки|см\. также|упражнения|самопроверка|проверь себя|задани\w+|"
                   r"содержание|оглавление|благодарности|лицензия|об авторе|дополнительно|полезные материалы)\b", re.IGNORECASE)
_NUMBER = re.compile(r"^[~≈<>]?\s*[-+]?\d[\d\s.,]*(?:%|[kKMBмлнрд]+|x|×)?$")
_RAW = re.compile(r"[⟶―]|^\s*\d{1,3}\.\s+\S", re.MULTILINE)
_PLAIN = re.compile(r"[*_`]")
_EXAMPLE = re.compile(r"\b(?:for example|for instance|e\.g\.|example|например|пример\w*|к примеру)\b", re.IGNORECASE)


def _plain(text: str) -> str:
    return _PLAIN.sub("", text).strip()


def _question(front: str) -> str:
    """The question without the breadcrumb lines the generator puts above it."""
    return front.strip().split("\n\n")[-1]


def asked(card: Judged) -> str:
    """What the card asks for: the hidden words of a cloze, else the bold term of its question, else ''."""
    question = _question(card.front)
    if _GAP in question:
        found = _BOLD.search(card.back)
        return _plain(found[1] if found else card.back.split("\n")[0])
    terms = _BOLD.findall(question)
    return _plain(terms[-1]) if terms else ""


def signals(card: Judged, kind: str, path: tuple[str, ...], faults: tuple[str, ...] = ()) -> dict[str, float]:
    """The card's signals: 1.0 where a property holds (its kind, each lint fault code, the checks below)."""
    out: dict[str, float] = {f"kind:{kind}": 1.0}
    out.update({f"lint:{code}": 1.0 for code in faults})
    term = asked(card)
    back = _plain(card.back.split("\n\n")[0])
    question = _question(card.front)
    if term:
        if not words.is_name(term):
            out["term-not-a-name"] = 1.0
        if words.is_label(term):
            out["term-is-a-label"] = 1.0
        if words.is_symbol(term):
            out["term-is-a-symbol"] = 1.0
    heads = [_plain(p).casefold() for p in path if p]
    answer = back.casefold().rstrip(".")
    if answer and len(answer.split()) <= 6 and any(answer == h or answer in h.split(" › ") or answer in h for h in heads):
        out["answer-in-path"] = 1.0
    if _NUMBER.match(back):
        out["answer-is-a-number"] = 1.0
    if any(_META.search(h) for h in heads):
        out["meta-section"] = 1.0
    if not heads:
        out["no-heading"] = 1.0
    if _RAW.search(card.front) or _RAW.search(back):
        out["raw-markup"] = 1.0
    size = len(card.back.split())
    if size > 60:
        out["answer-over-60-words"] = 1.0
    elif size <= 2:
        out["answer-of-1-2-words"] = 1.0
    if "```" in card.back or "```" in card.front:
        out["code-block"] = 1.0
    if _GAP in question and len(re.findall(r"[^\W\d_]{3,}", question.replace(_GAP, " "))) < 5:
        out["cloze-with-little-context"] = 1.0
    if _GAP in question:
        sentence = _plain(question.split(" · ")[-1])
        if sentence.startswith(_GAP):
            out["blank-starts-the-sentence"] = 1.0
        if IN_LIST.search(sentence):
            out["blank-is-one-of-a-list"] = 1.0
    if _EXAMPLE.search(question) or any(_EXAMPLE.search(h) for h in heads):
        out["example"] = 1.0
    if words.opens_with_pointer(_plain(question.split(" · ")[-1]), within=3):
        out["pronoun-in-the-cue"] = 1.0
    last = set(re.findall(r"[^\W\d_]{3,}", heads[-1])) if heads else set()
    if term and last & set(re.findall(r"[^\W\d_]{3,}", term.casefold())) and "answer-in-path" not in out:
        out["answer-shares-the-heading"] = 1.0
    return out


MESSAGES = {
    "term-not-a-name": "the term asked for is not a name (it starts or ends with a pronoun, a preposition or a verb)",
    "term-is-a-label": "the term asked for is a lead-in of the document (Remark, Вывод, Disadvantage), not the subject",
    "term-is-a-symbol": "a symbol asked outside its formula",
    "answer-in-path": "the answer is a heading the card already shows above the question",
    "answer-is-a-number": "a cloze over a number: an example value, rarely the fact",
    "meta-section": "a card about the document (sources, links, exercises), not the subject",
    "no-heading": "no heading above it: nothing on screen says what the card is about",
    "raw-markup": "numbering or arrows of the source layout in the card",
    "answer-over-60-words": "the answer is too long to recall as one unit",
    "answer-of-1-2-words": "a one- or two-word answer to a guessed question",
    "code-block": "code as a card made from prose",
    "cloze-with-little-context": "too little left around the blank to recall it by",
    "blank-starts-the-sentence": "the blank is the sentence's first word, often a verb or a filler, not the fact",
    "blank-is-one-of-a-list": "the blank is one item of a list: any other item would do",
    "example": "an example's detail, not the point it illustrates",
    "pronoun-in-the-cue": "the cue's subject is a pronoun: it does not say what it is about",
    "answer-shares-the-heading": "the heading above the question gives the answer away",
}


@cache
def model() -> dict:
    """bias, weights, schedule and flag lines, and the kinds the model has seen, from judge.toml ({} if none)."""
    if not TABLE.exists():
        return {}
    return tomllib.loads(TABLE.read_text(encoding="utf-8"))


def chance(found: dict[str, float], table: dict | None = None) -> float:
    """The chance a reader keeps a card with these signals, by judge.toml's model or the one given (bias, weights)."""
    table = model() if table is None else table
    if not table:
        return 0.0
    weights = table["weights"]
    z = table["bias"] + sum(weights.get(name, 0.0) * value for name, value in found.items())
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def seen(kind: str) -> bool:
    return f"kind:{kind}" in model().get("weights", {})


def offered(kind: str) -> bool:
    """Whether cards of the kind are made at all (judge.toml's `dropped`: kinds under OFFER_FLOOR on the tuning half)."""
    return kind in EXPLICIT or kind not in model().get("dropped", ())


def may_schedule(kind: str) -> bool:
    """Whether any card of the kind can be scheduled: a cheap test before the card's signals are read."""
    return kind in EXPLICIT or seen(kind) and model()["schedule_line"] <= 1.0


def sure(card: Judged, kind: str, path: tuple[str, ...], faults: tuple[str, ...] = ()) -> bool:
    """Scheduled: written by the author, or a guess of a kind the judged set has seen, likely enough to be kept."""
    if kind in EXPLICIT:
        return True
    if not seen(kind):
        return False
    return chance(signals(card, kind, path, faults)) >= model()["schedule_line"]


def doubts(card: Judged, kind: str, path: tuple[str, ...], faults: tuple[str, ...] = ()) -> str | None:
    """The lint's prediction for a guessed card: None when a reader would likely keep it, else why not."""
    if kind in EXPLICIT or not seen(kind):
        return None
    found = signals(card, kind, path, faults)
    p = chance(found)
    if p >= model()["flag_line"]:
        return None
    weights = model()["weights"]
    against = sorted((n for n in found if n in MESSAGES and weights.get(n, 0.0) < 0), key=lambda n: weights[n])
    reason = MESSAGES[against[0]] if against else f"few cards like this ({kind}) were worth keeping"
    return f"a reader would likely not keep it ({p:.0%}): {reason}"
