"""A sentence that names an aspect of a thing: its advantage, drawback, problem, limitation or the fix for it.

`One of the advantages of GRU is that it is simpler` → "What is an advantage of **GRU**?" → "It is simpler";
`The disadvantage of BiRNNs is that you need the entire sequence` → "What is the disadvantage of **BiRNNs**?";
`Недостаток BiRNN — нужна вся последовательность` → "Недостаток **BiRNN**?".

An interviewer asks exactly this ("what is the drawback of X?"), and the sentence states it as its point, so the card
asks what the notes say. The thing must be named: "this representation", "the last model", "it" point at a neighbour
the card cannot show, and are left to the notes to write up.
"""

from __future__ import annotations

import re

from prep.notes import words
from prep.notes.inline import plain
from prep.notes.model import Context, Fact, Proposal
from prep.notes.recognizers._common import SIBLINGS, dangles, trim, worked_example

# The singular of each (the question asks for one): "advantages" → "advantage", "weaknesses" → "weakness".
_EN_ASPECTS = ("advantage", "benefit", "strength", "upside", "disadvantage", "drawback", "downside", "weakness",
               "limitation", "problem", "issue", "challenge", "solution")
_OPENER = re.compile(r"^(?:(?:so|also|but|and|however),?\s+)?", re.IGNORECASE)  # "Also, one of the advantages …"
_EN_BODY = re.compile(
    r"(?P<one>one of the|another|an?|the)\s+(?:(?:main|biggest|major|key|only|big)\s+)?"
    rf"(?P<aspect>(?:{'|'.join(_EN_ASPECTS)})(?:s|es)?)\s+(?P<prep>of|with|for|to)\s+"
    r"(?P<x>[^,:;]{2,60}?)(?:\s+(?:is|are|was|lies in)\s+(?:that\s+|the fact that\s+)?|\s*[:—–]\s+|,\s+|\s+that\s+)"
    r"(?P<y>\S.+)$",
    re.IGNORECASE)
_RU_BODY = re.compile(
    r"^(?:(?P<one>один из|одна из|одно из|ещё один|еще один|главн\w+|основн\w+)\s+)?"
    r"(?P<aspect>недостат\w+|преимуществ\w+|проблем\w+|ограничени\w+|слаб\w+ мест\w+)\s+"
    r"(?P<x>[^,:;—–]{2,60}?)\s*(?:[—–:]|\s-\s|,?\s+в том,? что|,?\s+заключается в том,? что)\s+(?P<y>\S.+)$",
    re.IGNORECASE)
_DEICTIC = re.compile(r"^(?:this|that|these|those|it|its|them|they|the (?:last|previous|above|discussed|former|latter|same)|"
                      r"such|our|этот|эта|это|эти|его|её|их|такой|такая|последн\w+|предыдущ\w+)\b", re.IGNORECASE)


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    if fact.kind != "text" or "?" in fact.text or SIBLINGS.search(fact.text) or worked_example(ctx.path, ctx.label):
        return []
    text = plain(fact.text).strip().lstrip("-*•⟶→ ").strip()
    if ctx.lang == "ru" and re.search(r"[а-яё]", text, re.IGNORECASE):
        found = _RU_BODY.match(text)
        if not found:
            return []
        name, answer = trim(found["x"]), trim(found["y"])
        if not _named(name):
            return []
        aspect = found["aspect"]
        front = f"{aspect[:1].upper()}{aspect[1:]} **{name}**?"
        if found["one"]:
            front = f"{found['one'][:1].upper()}{found['one'][1:]} {aspect} **{name}**?"
        return _card(ctx, name, front, answer, fact.text)
    found = _EN_BODY.match(text[_OPENER.match(text).end():])
    if not found:
        return []
    name, answer = trim(found["x"]), re.sub(r"^(?:is\s+)?(?:that\s+)?", "", trim(found["y"]), flags=re.IGNORECASE)
    if _DEICTIC.match(name):
        return []
    name = re.sub(r"^(?:the|a|an|using)\s+", "", name, flags=re.IGNORECASE)
    if not _named(name):
        return []
    aspect = re.sub(r"(?<=ness)es$|(?<!s)s$", "", found["aspect"].casefold())
    article = "the" if found["one"].casefold() == "the" else ("an" if aspect[0] in "aeiou" else "a")
    return _card(ctx, name, f"What is {article} {aspect} {found['prep'].casefold()} **{name}**?", answer, fact.text)


def _named(name: str) -> bool:
    """A thing the card can name on its own: not a pointer at a neighbour ("this representation", "the last model")."""
    return bool(name) and len(name.split()) <= 6 and not _DEICTIC.match(name) and words.is_name(name) and not dangles(name)


def _card(ctx: Context, name: str, front: str, answer: str, sentence: str) -> list[Proposal]:
    whole = re.search(r"[.!]\s*$", plain(sentence))  # a sentence that ends is not cut, whatever its last word
    if len(answer.split()) < 3 or not whole and dangles(answer) or len(answer) > 240 or re.match(r"(?i:this|that|это)\b", answer):
        return []
    cue = "" if name.casefold() == ctx.title.casefold() or name.casefold() in ctx.cue.casefold() else ctx.cue
    answer = answer[:1].upper() + answer[1:]
    return [Proposal("aspect", cue + front, answer)]  # the rest of the sentence is the answer: no copy of it below
