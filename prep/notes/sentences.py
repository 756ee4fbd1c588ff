"""Sentences of a fact, cut by real splitters: razdel for Russian, Punkt (nupunkt) for English.

Neither cuts at abbreviations such as "т.е.", "напр." or "e.g."; a text with no
sentence end inside it is returned whole without calling either.
"""

from __future__ import annotations

import re
from functools import lru_cache

_INNER_END = re.compile(r"[.!?…]\s+\S")  # a sentence end followed by more text
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_INITIALS = re.compile(r"(?<![\w.])[^\W\d_]\.\s?[^\W\d_]\.$")  # "r.v.", "e.g.", "т. е.", "i.e."
_EXPLICIT = re.compile(r"::|\{\{|==\S")  # a card written by hand is one unit, whatever its punctuation


def split_sentences(text: str) -> list[str]:
    text = text.strip()
    if not text or not _INNER_END.search(text) or _EXPLICIT.search(text):
        return [text] if text else []
    pieces = _russian(text) if len(_CYRILLIC.findall(text)) * 4 > len(re.findall(r"[^\W\d_]", text)) else _english(text)
    out: list[str] = []
    for piece in (p.strip() for p in pieces):
        # never cut inside **bold**, `code` or brackets ("… stuck there (local minima?), while …")
        if out and (out[-1].count("**") % 2 or out[-1].count("`") % 2 or out[-1].count("(") > out[-1].count(")")
                    or _INITIALS.search(out[-1])):  # "… момент r.v. `X` есть …": an abbreviation of two letters ends nothing
            out[-1] = f"{out[-1]} {piece}"
        elif piece:
            out.append(piece)
    return out


def _russian(text: str) -> list[str]:
    from razdel import sentenize

    return [s.text for s in sentenize(text)]


def _english(text: str) -> list[str]:
    return list(_punkt()(text))


@lru_cache(maxsize=1)
def _punkt():  # noqa: ANN202 - nupunkt's tokenizer, loaded once
    import nupunkt

    return nupunkt.sent_tokenize
