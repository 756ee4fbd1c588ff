"""Code blocks: a "write this" prompt with the code, highlighted, on the back.

The prompt is the line that introduces the block (`Clip the gradients:`) when it names a task; a block with no
such line is a note to write up. Code is never clozed and its language tag is the fence's, never text.
"""

from __future__ import annotations

import re

from prep.notes.inline import plain
from prep.notes.model import MAX_BACK, Context, Fact, Proposal
from prep.notes.recognizers._common import trim
from prep.notes.texts import TEXTS


def fenced(fact: Fact) -> str:
    return f"```{fact.lang}\n{fact.text}\n```"


# A prompt that names no task: a remark on the code ("We can also write this function using recursion", "It makes use
# of a parameter …", "(note that …)", "Создадим экземпляр …"), an example's output ("5: 2 times"), a bare "Example".
_NO_TASK = re.compile(r"^(?:\(|\d|(?:we|it|this|that|these|here|now|let's|let us|also|then|so|note|example|examples|output|"
                      r"input|result|это|этот|эта|здесь|теперь|создадим|посмотрим|давайте|пример|например|вывод|результат)\b)",
                      re.IGNORECASE)


def names_a_task(what: str) -> bool:
    """The text a "write the code" prompt shows says what to write: a task, not a remark about the code."""
    what = plain(what).strip(" *_")
    return len(re.findall(r"[^\W\d_]{2,}", what)) >= 2 and not _NO_TASK.match(what)


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    if fact.kind != "code":
        return []
    back = fenced(fact)
    if len(back) > MAX_BACK:
        return []
    words = TEXTS[ctx.lang]
    intro = ctx.previous
    if intro is None or intro.kind != "text" or not intro.intro or not names_a_task(trim(intro.text)):
        return []  # "write the code" with nothing saying what it does (a heading alone is not a task): a note to write up
    front = words["write_code"].format(what=trim(intro.text))
    return [Proposal("code", ctx.cue + front if ctx.title else front, back)]
