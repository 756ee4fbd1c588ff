"""Comparisons: `A vs B: …`, `A против B`, `в отличие от B, A …`, `unlike B, A …`, and two marked terms set side by
side in one sentence (`` `WHERE` filters rows before grouping, `HAVING` — groups after ``) → "How does A differ from B?".

`Post-LN vs Pre-LN: Pre-LN trains without warm-up` → "How does **Post-LN** differ from **Pre-LN**?" → the fact.
"""

from __future__ import annotations

import re

from prep.notes import words
from prep.notes.inline import plain
from prep.notes.model import Context, Fact, Proposal
from prep.notes.recognizers._common import trim
from prep.notes.texts import TEXTS

_VS = re.compile(r"^(?P<a>[^:,.]{1,40}?)\s+(?:vs\.?|versus|против|или)\s+(?P<b>[^:,.]{1,40}?)\s*(?:[:—–-]\s+|,\s+)(?P<rest>.+)$", re.IGNORECASE)
_MARKED = r"(?:`[^`()\[\]=+*/<>]{2,30}`|\*\*[^*()\[\]=+/<>]{2,30}\*\*)"  # names, not code expressions or symbols
_SIDE_BY_SIDE = re.compile(rf"^(?P<a>{_MARKED})\s+(?P<one>[^;]{{6,}}?)\s*[,;]\s+(?:(?:а|while|whereas|but|но)\s+)?"
                           rf"(?P<b>{_MARKED})\s*(?:[—–-]\s*)?(?P<two>.{{4,}})$", re.IGNORECASE)
_UNLIKE = re.compile(r"^(?:unlike|в отличие от)\s+(?P<b>[^,]{1,40}),\s*(?P<a>[^,]{1,40}?)\s+(?P<rest>.+)$", re.IGNORECASE)


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    if fact.kind != "text":
        return []
    texts = TEXTS[ctx.lang]
    match = _VS.match(fact.text)
    if match and not match["a"].strip().lower() in ("", "a", "и") and all(
            words.is_name(plain(trim(match[side]))) for side in ("a", "b")):  # "y_true[i] - one-hot 1 или 0": not two names
        return [Proposal("compare", ctx.cue + texts["compare"].format(a=plain(trim(match["a"])), b=plain(trim(match["b"]))), trim(match["rest"]))]
    match = _SIDE_BY_SIDE.match(fact.text.strip())
    if match and plain(match["a"]).casefold() != plain(match["b"]).casefold():
        return [Proposal("compare", ctx.cue + texts["compare"].format(a=plain(match["a"]), b=plain(match["b"])), fact.text)]
    match = _UNLIKE.match(fact.text)
    if match:
        return [Proposal("compare", ctx.cue + texts["compare"].format(a=plain(trim(match["a"])), b=plain(trim(match["b"]))), fact.text)]
    return []
