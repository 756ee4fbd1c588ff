"""Numbers, percentages, years and sizes: a cloze over the number, the rest of the fact as its context.

`на 40% меньше параметров, на 60% быстрее` → two cards, "[…] меньше параметров, на 60% быстрее" → 40%, and so on.
A number inside a name (GPT-3, T5, ROUGE-2, W2, d_k) is part of the name, not a fact.
"""

from __future__ import annotations

import re

from prep.notes.model import Context, Fact, Proposal
from prep.notes.recognizers._common import SIBLINGS, with_aside, without_parens

_UNIT = r"(?:\s?(?:%|[KMBTkmb]\b|GB|TB|MB|[xх×]\b|B\b|k\b|тыс\.?|млн|млрд|трлн|billion|million|thousand|params?\b|лет\b|years?\b))?"
_NUMBER = re.compile(
    rf"(?<![\w\-./^_])[~≈]?\d+(?:[.,]\d+)*(?:\s?[–-]\s?\d+(?:[.,]\d+)*)?{_UNIT}(?![\w\-^_]|\.\d)"
)
_MAX_PER_FACT = 3


_BIG_O = re.compile(r"(?<!\w)O\([^()]{1,20}\)|(?<![\w-])-?inf\b|(?<!\w)-?∞")  # O(1), O(T²·d): a cost is a number to remember


def numbers_in(text: str) -> list[re.Match[str]]:
    plain_spans = [(m.start(), m.end()) for m in re.finditer(r"`[^`]*`", text)]
    found: list[re.Match[str]] = []
    words = re.findall(r"[^\W\d_]{2,}", re.sub(r"`[^`]*`", " ", text))
    if len(words) < 2 or re.search(r"\d+\s*,\s*\d+\s*,\s*\d+", text):
        return found  # "1: 3 times", "0, 1, 1, 2, 3, 5": a list of numbers, not a fact about one
    found += [m for m in _BIG_O.finditer(text) if not any(a <= m.start() < b for a, b in plain_spans)]
    for match in _NUMBER.finditer(text):
        if any(a <= match.start() < b for a, b in plain_spans) or any(o.start() <= match.start() < o.end() for o in found):
            continue  # inside code or a formula
        before = text[: match.start()].rstrip()
        if re.search(r"(?:\b[A-Z][\w-]*[A-Z][\w-]*|Проблема|Решение|Problem|Solution|Step|Шаг|Глава|Chapter|версии|version|v)$", before):
            continue  # "SQuAD 2.0", "Проблема 3": a version or a number that names, not a fact
        around = text[max(0, match.start() - 3): match.end() + 3]
        if re.search(r"[*=+/^×·]|\d\s*[!)]", around.replace(match[0], " ")) or re.fullmatch(r"\d{7,}", match[0].strip()):
            continue  # arithmetic (`1 * 2 * 3`), a list marker (`2)`), an id: not a fact to recall
        if not text[: match.start()].strip(" *_`") and re.match(r"[.)]", text[match.end():]):
            continue  # "2. Factorial", "2) Factorial": the number that starts a line numbers it
        value = match[0].strip("~≈ ")
        if re.fullmatch(r"[01]", value):  # "1 или более", "0 or 1": counting words, not facts
            continue
        found.append(match)
    return found


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    if fact.kind == "text" and SIBLINGS.search(fact.text):
        return []  # "… the following:" asks about its neighbours, not itself
    if fact.kind != "text":
        return []
    cards = []
    for match in sorted(numbers_in(fact.text), key=lambda m: m.start())[:_MAX_PER_FACT]:
        front = fact.text[: match.start()] + "[…]" + fact.text[match.end():]
        shown = without_parens(front) if len(front) > 120 and "[…]" in without_parens(front) else front
        cards.append(Proposal("number", ctx.cue + shown, with_aside(match[0].strip(), fact.text, shown)))
    return cards
