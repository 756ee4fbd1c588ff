"""A named thing's idea, goal, advantage or drawback, said as such: `The idea behind bootstrapping is to resample …`
→ "What is the idea behind **bootstrapping**?", `One of the disadvantages of attention is that it takes quadratic time`
→ "What is a disadvantage of **attention**?", «Главная идея RAG в том, что …» → «В чём главная идея **RAG**?».

An interviewer asks exactly this, and the sentence names both the thing and what is asked of it. The answer is what
the author says the idea (goal, drawback) is; a judgement ("The idea behind it is simple") or a list to follow ("The
drawbacks of X are:") makes no card.
"""

from __future__ import annotations

import re

from prep.notes import words
from prep.notes.inline import plain
from prep.notes.model import Context, Fact, Proposal
from prep.notes.recognizers._common import SIBLINGS, stands_alone, trim, worked_example

_EN_ROLES = ("idea", "intuition", "goal", "aim", "purpose", "job", "role", "task", "objective", "advantage", "benefit",
             "strength", "disadvantage", "drawback", "downside", "weakness", "limitation", "problem")
_EN = re.compile(rf"^(?P<one>one of )?(?:the |a |an )?(?P<size>main |key |basic |core |central |biggest |major |primary )?"
                 rf"(?P<role>{'|'.join(_EN_ROLES)})s? (?P<prep>of|behind) (?P<name>[^,;:()]{{2,60}}?) (?:is|was) "
                 r"(?:that |to (?=\w))?(?P<answer>.+)$", re.IGNORECASE)
_RU_ROLES = ("иде[яи]", "цел[ьи]", "задач[аи]", "преимуществ[оа]", "плюс", "недостат(?:ок|ки)", "минус", "суть", "смысл",
             "проблем[аы]")
_RU = re.compile(rf"^(?P<size>(?:главн|основн|ключев)\w+ )?(?P<role>{'|'.join(_RU_ROLES)}) (?P<name>[^,;:()—–-]{{2,60}}?)"
                 r"(?: (?:заключается|состоит) в том,? что| в том,? что| (?:—|–|-) это| (?:—|–|-)) (?P<answer>.+)$",
                 re.IGNORECASE)
# Said under the thing's own heading, without its name: "The main idea is to …", «Основная идея состоит в том, что …»,
# «Недостатком метода является …» is left out: "метода" is a pointer, not a name.
_EN_TOPIC = re.compile(rf"^(?:the |its )?(?P<size>main |key |basic |core |central |biggest |major |primary )?"
                       rf"(?P<role>{'|'.join(_EN_ROLES)}) (?:here )?is (?:that |to (?=\w))?(?P<answer>.+)$", re.IGNORECASE)
_RU_TOPIC = re.compile(rf"^(?P<size>(?:главн|основн|ключев)\w+ )?(?P<role>{'|'.join(_RU_ROLES)})"
                       r"(?: (?:заключается|состоит) в том,? что(?:бы)?| (?:—|–|-) это| (?:—|–|-)) (?P<answer>.+)$", re.IGNORECASE)
# «Недостатком бэггинга является …»: the role in the instrumental, put back in the nominative for the question.
_RU_INSTRUMENTAL = re.compile(r"^(?P<size>(?:главн|основн|ключев)\w+ )?(?P<role>недостатком|преимуществом|минусом|плюсом|"
                              r"целью|задачей|идеей) (?P<name>[^,;:()—–-]{2,60}?) является (?P<answer>.+)$", re.IGNORECASE)
_NOMINATIVE = {"недостатком": "недостаток", "преимуществом": "преимущество", "минусом": "минус", "плюсом": "плюс",
               "целью": "цель", "задачей": "задача", "идеей": "идея"}
# A judgement of the idea, not the idea: "is simple", "is clear", "is the following".
_JUDGEMENT = re.compile(r"^(?:(?:very|quite|pretty|really|fairly|rather)\s+)?(?:simple|clear|obvious|straightforward|easy|"
                        r"intuitive|the following|as follows|following|similar|the same|different|twofold|"
                        r"прост\w*|понятн\w*|следующ\w*)\b", re.IGNORECASE)


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    if fact.kind != "text" or "?" in fact.text or worked_example(ctx.path, ctx.label):
        return []
    said = plain(fact.text).strip().lstrip("-*• ").strip()
    if said.endswith(":") or SIBLINGS.search(said):
        return []  # "The drawbacks of X are:": the list under it is the answer, asked by topics.py
    russian = re.search(r"[а-яё]", said, re.IGNORECASE)
    found = (_RU if russian else _EN).match(said) or (_RU_INSTRUMENTAL.match(said) if russian else None)
    if found:
        name = trim(found["name"])
    else:  # the topic's own idea, said under its heading
        found = (_RU_TOPIC if russian else _EN_TOPIC).match(said)
        name = plain(ctx.title).strip(" *_:")
        if not found or not name or name.endswith("?") or words.is_label(name) or not words.is_name(name) or \
                found["role"].casefold() in ("problem", "проблема", "задача"):  # the heading as written is a name
            return []  # "The problem is worked through in …": an exercise, not the topic's problem
    answer = trim(found["answer"])
    name = re.sub(r"^(?i:the|an?)\s+", "", name)
    if not words.is_name(name) or words.is_symbol(name) or len(name.split()) > 5 or _JUDGEMENT.match(answer) or \
            not stands_alone(answer, 2):
        return []
    role, size = found["role"].casefold(), (found["size"] or "").casefold()
    if role in _NOMINATIVE:
        role, size = _NOMINATIVE[role], ""  # «Основным недостатком X является …» → «В чём недостаток X?»
    cue = ctx.cue if name.casefold() != plain(ctx.title).strip(" *_:").casefold() else ""
    if russian:
        return [Proposal("role", f"{cue}В чём {size}{role} **{name}**?", answer)]
    if found.groupdict().get("one"):
        role = re.sub(r"s$", "", role)
        article = "an" if role[0] in "aeiou" else "a"
        return [Proposal("role", f"{cue}What is {article} {size}{role} {found['prep'].casefold()} **{name}**?", answer)]
    prep = (found.groupdict().get("prep") or "of").casefold()
    return [Proposal("role", f"{cue}What is the {size}{role} {prep} **{name}**?", answer)]
