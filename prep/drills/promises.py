"""The promises of a drill's statement and the fixed cases that hold each one.

A promise is a sentence of the statement's rules (its bullet and numbered lists before `## Example`) that a
solution could break. A drill's cases.py maps each to the hand-made cases that test it:

    PROMISES = {"A `-inf` logit gets probability exactly 0.": ["-inf entries are masked to 0"], ...}
    NOT_CASES = {"Do not call a library softmax (...): implement it.": "refused at the dispatcher"}

A key is the sentence as the statement writes it (Markdown and line breaks aside), or a part of it. Every
sentence is either mapped to cases or named in NOT_CASES with the reason no case can test it; every mapped
case is fixed (the same inputs under every seed). tests/test_drill_promises.py reads the mapping.
"""

from __future__ import annotations

import re

_ITEM = re.compile(r"^\s*(?:[-*]|\d+\.)\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?)])\s+(?=[A-Z`*(])")


def flat(text: str) -> str:
    """Text without Markdown emphasis and with single spaces, for comparing a key with the statement."""
    return " ".join(text.replace("**", "").replace("__", "").split())


def promise_sentences(statement: str) -> list[str]:
    """The sentences of the statement's list items above its example, each flattened."""
    body = statement.split("## Example", 1)[0]
    items: list[str] = []
    in_code = False
    for line in body.splitlines():
        if line.strip().startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        if _ITEM.match(line):
            items.append(_ITEM.sub("", line, count=1))
        elif items and line.startswith("  ") and line.strip():
            items[-1] += " " + line.strip()
        elif not line.strip() and items and not items[-1].endswith("\n"):
            items[-1] += "\n"
    sentences = []
    for item in items:
        sentences += [flat(s) for s in _SENTENCE_END.split(flat(item)) if flat(s)]
    return sentences


def uncovered(sentences: list[str], promises: dict[str, list[str]], not_cases: dict[str, str]) -> list[str]:
    """The sentences that no key of PROMISES or NOT_CASES is part of."""
    keys = [flat(k) for k in [*promises, *not_cases]]
    return [s for s in sentences if not any(k and k in s for k in keys)]
