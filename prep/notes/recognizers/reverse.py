"""A fact about a named thing, asked the other way round: "Which model: dynamic masking?" → RoBERTa.

Only under a topic that names one thing (a model, a metric, a benchmark: a short list item or
heading), with the name masked in the clue. A fact that names the topic's kind of thing
(`Какая модель`) asks for it by that kind.
"""

from __future__ import annotations

import re

from prep.notes.inline import plain
from prep.notes.model import Context, Fact, Proposal
from prep.notes.recognizers._common import SIBLINGS, fits, mask, mentions, trim, without_parens
from prep.notes.texts import TEXTS


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    if fact.kind == "text" and SIBLINGS.search(fact.text):
        return []  # "… the following:" asks about its neighbours, not itself
    if fact.kind != "text" or not ctx.entity or not ctx.title:
        return []
    if not ctx.category and not ctx.brief and not mentions(fact.text, ctx.title):
        return []  # "What is this: the decoder generates the target?" → attention would be a guess, not a fact
    clue = mask(fact.text, ctx.title, "[…]")
    for part in re.split(r"[\s/,]+", ctx.title):  # "GLUE, Super GLUE": each name is masked
        if len(part) >= 3 and part[0].isupper():
            clue = mask(clue, part, "[…]")
    clue = trim(clue)
    if len(clue) > 140:
        clue = trim(without_parens(clue))
    if len(re.sub(r"\[…\]|[\W\d…]", "", plain(clue))) < 6:
        return []
    words = TEXTS[ctx.lang]
    if ctx.label:
        clue = f"{ctx.label}: {clue}"
    front = words["which"].format(what=words["categories"][ctx.category], clue=clue) if ctx.category else words["which_any"].format(clue=clue)
    which = Proposal("which", front, f"**{ctx.title}**")
    # And the other way, as Anki's "basic and reversed": the thing named, its fact asked (`**T5** · Предобучен на […]`).
    from prep.notes.recognizers import formula, number, term

    for recognizer in (number, formula, term):
        forward = [p for p in recognizer.propose(fact, ctx) if fits(p.front, p.back)][:1]
        if forward:
            return [which, forward[0]]
    return [which]
