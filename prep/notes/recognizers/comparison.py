"""Comparisons: `A vs B: …`, `A против B`, `в отличие от B, A …`, `unlike B, A …`, "the difference between A and B is
that …" («разница между A и B в том, что …»), and two marked terms set side by side in one sentence (`` `WHERE` filters
rows before grouping, `HAVING` — groups after ``) → "How does A differ from B?".

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
# "The practical difference between Lasso and Ridge is that …", "Разница между A и B в том, что …": the difference, said.
_DIFFERENCE = re.compile(r"^(?:the\s+)?(?:(?:main|key|major|practical|biggest|big|primary|only)\s+)?difference\s+between\s+"
                         r"(?P<a>[^,.;:]{1,40}?)\s+and\s+(?P<b>[^,.;:]{1,40}?)\s+(?:is|lies\s+in)\s+(?:just\s+)?(?:that\s+)?(?P<rest>.{8,})$|"
                         r"^(?:(?:главн|основн|ключев)\w+\s+)?(?:разница|отличие|различие)\s+между\s+(?P<ra>[^,.;:]{1,40}?)\s+и\s+"
                         r"(?P<rb>[^,.;:]{1,40}?)\s+(?:(?:заключается\s+)?в\s+том,?\s+что|—)\s+(?P<rrest>.{8,})$", re.IGNORECASE)
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
    match = _DIFFERENCE.match(plain(fact.text).strip())
    if match:
        a, b, rest = (match["a"], match["b"], match["rest"]) if match["a"] else (match["ra"], match["rb"], match["rrest"])
        a, b = (re.sub(r"^(?:an?|the)\s+", "", trim(side), flags=re.IGNORECASE) for side in (a, b))
        if not match["a"]:  # «между бэггингом и бустингом»: «Чем бэггинг отличается от бустинга?»
            a, b = words.nominative(a, "ablt"), words.nominative(b, "ablt", to="gent")
        if words.is_name(a) and words.is_name(b) and a.casefold() != b.casefold():
            return [Proposal("compare", ctx.cue + texts["compare"].format(a=a, b=b), trim(rest))]
    match = _UNLIKE.match(fact.text)
    if match:
        return [Proposal("compare", ctx.cue + texts["compare"].format(a=plain(trim(match["a"])), b=plain(trim(match["b"]))), fact.text)]
    return []
