"""The terms of one notes file: what its author names as things of the subject.

A sentence's subject is a name a card can ask about when the author wrote it as one: capitalised or an acronym
("Adam stores …", "The ROC curve …"), or a phrase of common words the notes treat as a term: a heading names it
("## Learning rate"), the author stressed it somewhere (`**temperature**`), or the notes say it again and again
(three times or more). "The learning rate controls the size of each step" asks "What does the learning rate
control?" in notes about training; "The model controls …" in the same notes asks nothing, since "model" is no term
of them however often it is said: a single common word must be a heading or stressed to count.
"""

from __future__ import annotations

import re
from functools import cached_property

from prep.notes import words

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_STRESSED = re.compile(r"\*\*([^*\n]{2,60})\*\*|`([^`\n]{2,40})`")
_MARKUP = re.compile(r"[*_`#>\[\]()]")
_PARTS = re.compile(r"\s*(?:,|;|/|\band\b|\bor\b|\bvs\.?|\bversus\b|\bи\b|\bили\b|\bпротив\b|:|\s[—–-]\s)\s*", re.IGNORECASE)
REPEATED = 3


def _key(phrase: str) -> str:
    found = words.words_of(phrase.casefold())
    if found and found[0] in ("the", "a", "an"):
        found = found[1:]
    return " ".join(found)


class Terms:
    """The phrases one notes file names as terms (casefolded, articles dropped); `phrase in terms` asks."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._counts: dict[str, int] = {}

    @cached_property
    def _named(self) -> frozenset[str]:
        out: set[str] = set()
        for heading in _HEADING.findall(self._text):
            heading = re.sub(r"^\d+(?:\.\d+)*[.)]?\s+", "", _MARKUP.sub(" ", heading)).strip()
            for part in (heading, *_PARTS.split(heading)):
                key = _key(part)
                if key and len(key.split()) <= 5:
                    out.add(key)
        for bold, code in _STRESSED.findall(self._text):
            key = _key(bold or code)
            if key and len(key.split()) <= 5:
                out.add(key)
        return frozenset(out)

    @cached_property
    def _flat(self) -> str:
        return " " + re.sub(r"\s+", " ", _MARKUP.sub(" ", self._text.casefold())) + " "

    def _said(self, key: str) -> int:
        if key not in self._counts:
            self._counts[key] = len(re.findall(rf"(?<![\w-]){re.escape(key)}(?:s|es)?(?![\w-])", self._flat))
        return self._counts[key]

    def __contains__(self, phrase: object) -> bool:
        if not isinstance(phrase, str):
            return False
        key = _key(phrase)
        if not key:
            return False
        single = key[:-1] if key.endswith("s") and not key.endswith("ss") else key
        if key in self._named or single in self._named or single + "s" in self._named:
            return True
        if len(key.split()) == 1:
            return False  # "model", "data": a common word said often is still no term unless a heading or stress names it
        return self._said(single) >= REPEATED


NONE = Terms("")
