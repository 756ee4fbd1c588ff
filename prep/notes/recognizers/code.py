"""Code blocks: a "write this" prompt with the code, highlighted, on the back.

The prompt is the line that introduces the block (`Clip the gradients:`), else
the topic. Code is never clozed and its language tag is the fence's, never text.
"""

from __future__ import annotations

from prep.notes.model import MAX_BACK, Context, Fact, Proposal
from prep.notes.recognizers._common import trim
from prep.notes.texts import TEXTS


def fenced(fact: Fact) -> str:
    return f"```{fact.lang}\n{fact.text}\n```"


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    if fact.kind != "code":
        return []
    back = fenced(fact)
    if len(back) > MAX_BACK:
        return []
    words = TEXTS[ctx.lang]
    intro = ctx.previous
    if intro is not None and intro.kind == "text" and intro.intro:
        front = words["write_code"].format(what=trim(intro.text))
    elif ctx.title:
        front = words["write_code"].format(what=ctx.title)
    else:
        return []  # "write the code" with nothing saying what it does cannot be answered: a note to write up
    return [Proposal("code", ctx.cue + front if ctx.title and intro is not None and intro.intro else front, back)]
