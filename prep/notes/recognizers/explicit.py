"""Cards the notes already spell out, in the syntaxes people write.

- Anki clozes: `{{c1::softmax}} turns logits into probabilities` → one card per cN,
  `{{c1::text::hint}}` shows the hint in the blank; other spans are shown as plain text.
- Plain clozes `{{softmax}}` and Obsidian highlights `==softmax==`: one card per span.
- Obsidian spaced repetition: `Question::Answer`, `Question:::Answer` (both ways),
  and multi-line cards with a `?` line (or `??` for both ways) between question and answer.
- prep's own `question :: answer`.
"""

from __future__ import annotations

import re

from prep.notes.model import Context, Fact, Proposal

_ANKI = re.compile(r"\{\{c(\d+)::(.+?)(?:::(.+?))?\}\}")
_CURLY = re.compile(r"\{\{(?!c\d+::)(.+?)\}\}")
_HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
_BOTH = re.compile(r"^(?P<q>.+?)\s*:::\s*(?P<a>.+)$")
_ONE = re.compile(r"^(?P<q>.+?)\s*::\s*(?P<a>.+)$")
_CODE_SPAN = re.compile(r"`[^`]*`")


def _blank(hint: str | None) -> str:
    return f"[…{hint}]" if hint else "[…]"


def _anki(fact: Fact, ctx: Context) -> list[Proposal]:
    numbers = sorted({int(m[1]) for m in _ANKI.finditer(fact.text)})
    cards = []
    for n in numbers:
        answers: list[str] = []

        def show(match: re.Match[str], n: int = n, answers: list[str] = answers) -> str:
            if int(match[1]) == n:
                answers.append(match[2])
                return _blank(match[3])
            return match[2]

        front = _ANKI.sub(show, fact.text)
        cards.append(Proposal("cloze", ctx.cue + front, " · ".join(answers)))
    return cards


def _spans(fact: Fact, ctx: Context, pattern: re.Pattern[str]) -> list[Proposal]:
    cards = []
    for span in pattern.finditer(fact.text):
        if not re.search(r"[^\W_]", fact.text[: span.start()] + fact.text[span.end():]):
            continue  # "==the whole line==": a highlight for stress, with nothing left to recall it by
        front = fact.text[: span.start()] + "[…]" + fact.text[span.end():]
        cards.append(Proposal("cloze", ctx.cue + pattern.sub(r"\1", front), span[1]))
    return cards


def _outside_code(text: str) -> str:
    return _CODE_SPAN.sub(lambda m: "\x00" * len(m[0]), text)


def _qa(fact: Fact, ctx: Context) -> list[Proposal]:
    masked = _outside_code(fact.text)
    both = _BOTH.match(masked)
    if both:
        q, a = fact.text[: both.end("q")].strip(), fact.text[both.start("a"):].strip()
        return [Proposal("qa", q, a), Proposal("qa", a, q)]
    one = _ONE.match(masked)
    # `std::vector` is code, not a card: one side must have a space or the separator must be spaced.
    if one and (" " in one["q"].strip() or " " in one["a"].strip() or re.search(r"\s::\s", masked)):
        q, a = fact.text[: one.end("q")].strip(), fact.text[one.start("a"):].strip()
        if q and a:
            return [Proposal("qa", q, a)]
    return []


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    if fact.kind == "qa":
        cards = [Proposal("qa", fact.text, fact.answer)]
        if fact.lang == "??":
            cards.append(Proposal("qa", fact.answer, fact.text))
        return cards
    if fact.kind != "text":
        return []
    text = _outside_code(fact.text)
    if _ANKI.search(text):
        return _anki(fact, ctx)
    if _CURLY.search(text):
        return _spans(fact, ctx, _CURLY)
    if _HIGHLIGHT.search(text):
        return _spans(fact, ctx, _HIGHLIGHT)
    return _qa(fact, ctx)
