"""Cause → effect: `X, т.к. Y`, `X, потому что Y`, `X because Y`, `X since Y` → "Why X?" → Y.

`плохо параллелизуется, т.к. шаги RNN вычисляются последовательно` →
"**RNN** · Почему плохо параллелизуется?" → "шаги RNN вычисляются последовательно".
"""

from __future__ import annotations

import re

from prep.notes import words
from prep.notes.inline import plain
from prep.notes.model import Context, Fact, Proposal
from prep.notes.recognizers._common import dangles, trim, worked_example
from prep.notes.texts import TEXTS

_BECAUSE = re.compile(r"^(?P<x>.{8,}?),?\s+(?:т\.\s?к\.|так как|потому что|поскольку|из-за того, что|because|since|as a result of|due to)\s+(?P<y>.{8,})$",
                      re.IGNORECASE)


# A pointer anywhere in the clause ("Why label it carefully?", "designed the model this way", "the issue arises"): the card
# cannot show what it points at. ("that" is left out: it is mostly a conjunction.)
_POINTER = re.compile(r"(?<![\w-])(?:it|its|this|these|those|they|them|the (?:issue|problem|former|latter|same)|его|её|ее|их|"
                      r"этот|эта|это|эти|этого|этой|этим|этих)(?![\w-])", re.IGNORECASE)
# "Why in random forest?": a clause that opens with a preposition states nothing; "Why usually X is better?": better than
# what, and at what, the card does not say (a property such as "slower" is a fact of its own).
_NO_STATEMENT = re.compile(r"^(?:in|on|at|for|with|during|when|в|на|при|для|во время)\b", re.IGNORECASE)
_BETTER = re.compile(r"\b(?:better|worse|лучше|хуже)\b(?!.*\b(?:than|чем)\b)",
                     re.IGNORECASE)


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    if fact.kind != "text":
        return []
    match = _BECAUSE.match(fact.text)
    if not match or worked_example(ctx.path, ctx.label):
        return []  # "Why precision = 7/7?" under "Let's take an example": the example's arithmetic, not a reason to recall
    if re.search(r":\**\s*$|\*\*[^*]+(?::\*\*|\*\*\s*:)", match["x"]):
        return []  # "**Error due to Bias**: Due to randomness …": a label, then its text; the text gives no reason for the label
    clause, reason = trim(match["x"]), trim(match["y"])
    clause = re.sub(r"^(?:yes|no|да|нет)\b[,.!]?\s*", "", clause, flags=re.IGNORECASE)  # "Yes, X is …": the answer's opening
    if words.opens_with_pointer(plain(clause), clause=True) or "?" in clause or _POINTER.search(plain(clause)):
        return []  # "Why it matters?", "Why they are slower?": the card would not say what "it" is
    if _NO_STATEMENT.match(plain(clause)) or _BETTER.search(plain(clause)):
        return []
    if re.match(r"of\s", reason):
        reason = f"because {reason}"  # "because of the hidden tokens": "of …" alone is not an answer
    if len(plain(clause).split()) < 2 or len(plain(reason).split()) < 2 or dangles(clause) or dangles(reason):
        return []
    clause = clause[0].lower() + clause[1:] if clause[:2].istitle() else clause
    if not re.search(r"[а-яё]", clause, re.IGNORECASE):
        clause = asked_in_english(clause)
    return [Proposal("why", ctx.cue + TEXTS[ctx.lang]["why"].format(clause=clause), reason)]


_AUX = re.compile(r"^(?P<subject>(?:[^\s,;:]+\s+){1,6}?)(?P<aux>is|are|was|were|can|could|should|will|would|may|might|must|"
                  r"does|do|did|has|have)\s+(?P<rest>\S.*)$", re.IGNORECASE)


def asked_in_english(clause: str) -> str:
    """A statement turned into the words of an English question: "bagging is helpful" → "is bagging helpful", "MCP
    matters" → "does MCP matter". A clause whose subject cannot be found stays as written."""
    first = (clause.split() or [""])[0]
    if ":" in clause or re.search(r"\b(?:when|if|because|that|which|who|where|while)\b", " ".join(clause.split()[:7]),
                                  re.IGNORECASE) or words.imperative(first):
        return clause  # "prefer workflows when …", "positional Encoding: …": no subject to put after the verb
    found = _AUX.match(clause)
    if found and not any(words.verb(w) for w in found["subject"].split()):
        aux, rest = found["aux"], found["rest"]
        if aux.casefold() in ("has", "have") and not re.match(r"(?:been|\w+(?:ed|en))\b", rest, re.IGNORECASE):
            # "simple models have high bias": "have" is the verb, asked with "do" ("do simple models have …")
            return f"{'does' if aux.casefold() == 'has' else 'do'} {found['subject'].strip()} have {rest}"
        return f"{aux} {found['subject'].strip()} {rest}"
    parts = clause.split()
    for i, word in enumerate(parts[1:7], start=1):
        lemma = words.third_person(word)
        if lemma:
            subject, adverbs = parts[:i], []
            while subject and (subject[-1].casefold().endswith("ly") or subject[-1].casefold() in ("often", "also", "still")):
                adverbs.insert(0, subject.pop())  # "X often beats …" → "does X often beat …"
            if subject and not any(words.verb(w) for w in subject):
                return " ".join(["does", *subject, *adverbs, lemma, *parts[i + 1:]])
            break
    return clause
