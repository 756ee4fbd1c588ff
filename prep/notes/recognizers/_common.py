"""Small helpers the recognizers share."""

from __future__ import annotations

import re

from prep.notes.inline import plain
from prep.notes.model import MAX_BACK, MAX_FRONT

_PARENS = re.compile(r"\s+\((?=[^()`]*\s)[^()`]*\)")
_ENDS = ".;,:—–- "


_DANGLING = re.compile(r"\b(that|which|who|it|its|they|this|these|those|of|the|a|an|and|or|but|to|in|for|with|by|as|"
                       r"что|который|которая|которые|и|или|но|а|в|на|с|к|по|для|от|из|о|это)$", re.IGNORECASE)
# A clue that points at its neighbours ("the following", "these", "выше") cannot be answered on its own.
SIBLINGS = re.compile(r"\b(the following|the above|as follows|these|those below|listed below|следующ\w*|вышеперечисл\w*|выше|ниже)\b",
                      re.IGNORECASE)


def dangles(text: str) -> bool:
    """Ends with a word that needs more after it: `that`, `of`, `и`, `в`."""
    return bool(_DANGLING.search(plain(text).rstrip(" .,;:?!")))


def fits(front: str, back: str) -> bool:
    return 0 < len(plain(front)) <= MAX_FRONT and 0 < len(back) <= MAX_BACK


def without_parens(text: str) -> str:
    """A question reads better without its asides; they go to the answer."""
    return _PARENS.sub("", text).strip()


def trim(text: str) -> str:
    return text.strip().strip(_ENDS).strip()


def mask(text: str, term: str, blank: str = "…") -> str:
    """The term (and simple inflections of it) replaced by a blank, so the question does not give the answer."""
    if not term:
        return text
    stem = re.escape(term)
    return re.sub(rf"(?<![\w-]){stem}[\w-]*", blank, text, flags=re.IGNORECASE)


def mentions(text: str, term: str) -> bool:
    return bool(term) and re.search(rf"(?<!\w){re.escape(term)}", text, flags=re.IGNORECASE) is not None


def with_aside(answer: str, sentence: str, shown: str) -> str:
    """The answer, then the whole sentence when the question left part of it out."""
    if plain(shown.replace("[…]", plain(answer))).endswith(plain(sentence)) or len(answer) + len(sentence) + 4 > MAX_BACK:
        return answer
    return f"{answer}\n\n{sentence}"
