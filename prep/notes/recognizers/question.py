"""Questions already written in the notes: that question on the front, what is under it on the back.

- `- What is attention?` with bullets under it → the bullets are the answer.
- `Q: Why scale by √d_k?` followed by `A: …` (or `Вопрос:` / `Ответ:`).
A question with nothing under it is a note to write up (cards.py lists it), not a card.
"""

from __future__ import annotations

import re
from functools import lru_cache

from prep.notes import words
from prep.notes.inline import plain
from prep.notes.model import Context, Fact, Proposal

# "Q: …", "Вопрос: …", and a numbered one ("Q3- Explain how a ROC curve works.", "Question 2) …"): the author's question
QUESTION = re.compile(r"^(?:\d+[.)]\s*)?(?:(?:Q|Question|Вопрос)\s*\d+\s*[:.)\-–—]?|(?:Q|Question|Front|Вопрос|В)\s*[:.])"
                      r"\s*(?P<q>\S.*)$", re.IGNORECASE)
# "A: …", "Answer: …", and the label bold on its own ("**Answer:** …", "**Answer**: …"); not a bold line that only starts
# with it ("**Ответ: ≈ 63%.**" closing a worked answer keeps its words and its emphasis)
ANSWER = re.compile(r"^(?:(?:\*\*|__)(?:A|Answer|Back|Ответ|О)\s*(?:[:.]\s*(?:\*\*|__)|(?:\*\*|__)\s*[:.])|"
                    r"(?:A|Answer|Back|Ответ|О)\s*[:.])\s*(?P<a>.+)$", re.IGNORECASE | re.DOTALL)
# "**Answer:**" on a line of its own, with the answer below it: a label, not a line of the answer
_ANSWER_LABEL = re.compile(r"^(?:\*\*|__)?(?:A|Answer|Back|Ответ)(?:\*\*|__)?\s*[:.]?\s*(?:\*\*|__)?$", re.IGNORECASE)
_MARKS = re.compile(r"[\s\u200b-\u200f\ufe0f\u2b50\U0001F300-\U0001FAFF\u2600-\u27bf*_]+$")  # 👶 ⭐️ 🚀 and emphasis after a question
_NUMBERED = re.compile(r"^\d+[.)]\s+")
_PROMPT = re.compile(r"^(Explain|Describe|Compare|Define|Name|List|Tell me|Discuss|Design|Walk me through|Walk through|"
                     r"Объясните|Опишите|Сравните|Назовите|Перечислите|Расскажите|Дайте определение|Спроектируйте)\b")
# A question asked by its opening words, its mark left out: "How to select negative samples", "Why use attention",
# "When to stop training", «Как выбрать число соседей», «Зачем нужна нормализация» (a verb after «Как», not «Как правило»).
_WH = re.compile(r"^(?:how\s+(?:to|do|does|did|can|could|should|is|are|would|will)|why\s+(?:do|does|is|are|use|not|would|should|we|it)|"
                 r"when\s+(?:to|should|do|does|is|are)|what\s+(?:is|are|does|do|happens)|which\s+(?:is|are|one)|"
                 r"зачем|почему|когда\s+(?:нужно|стоит|использ\w+)|как\s+(?P<how_ru>[а-яё]+))\s", re.IGNORECASE)
_POINTER = re.compile(r"(?<![\w-])(?:it|its|this|that|these|those|they|them|это|этот|эта|эти|он|она|оно|они|его|её|их)(?![\w-])",
                      re.IGNORECASE)  # "How does it work": a question about something the line does not name
# A placeholder, or an answer that says nothing without its question ("For specifics, refer to the above answer.", "Yes, it
# is.", "Here are some examples:"): neither an answer on a card nor a point a mock ticks.
PLACEHOLDER = re.compile(
    r"^(answer here|todo|tbd|tba|\.\.\.|…|дописать|to be (added|written)|see (the )?(explanation|answer|above|below)\b.*|"
    r"(for (specifics|details), )?(please )?refer to .*|(yes|no|да|нет)\b[\s,.!]*(it|this|that)?\s*"
    r"(is|does|can|are|do|это так)?[.!]?|ответ здесь|см\.? (выше|ниже).*|(here|below) (are|is)\b[^.]*|"
    r"(вот|ниже) (некоторые|несколько|основные)\b[^.]*)$", re.IGNORECASE)
# Markup of a component (MDX's `<Question choices={[…]} />`, HTML) is a page's machinery, never an answer to learn.
MARKUP = re.compile(r"^\s*</?[A-Z][A-Za-z]*\b|=\{\[|^\s*\]\}\s*/?>", re.MULTILINE)


# "Q: Query, K: Key, V: Value": a legend of symbols, each with its meaning, not a question.
_LEGEND = re.compile(r",\s*[^\W\d_]{1,3}\s*:\s+\S")
# "Recall (Sensitivity): TP / (TP + FN) - Of actual positive, how many found?": a label, what it is, then the question it
# answers as its gloss; the line states the value, it does not ask for it.
_GLOSS = re.compile(r"^[^:?]{1,60}:\s+(?P<value>[^?]+?)\s+[-–—]\s+[^?]+\?$")


@lru_cache(maxsize=65536)
def question_text(text: str, prompts: bool = True) -> str | None:
    """The question a line asks, or None: `Q: …`, or a line ending in '?' (a difficulty emoji after it aside), or an
    interviewer's prompt ("Explain what regularization is", "Design a RAG system …") when `prompts`: the caller says
    whether the line stands alone, since inside a paragraph "Name the tradeoff at every choice" is advice, not a question."""
    text = _MARKS.sub("", plain(text)).strip()
    match = QUESTION.match(text)
    if match:
        return None if _LEGEND.search(match["q"]) else match["q"].strip()
    gloss = _GLOSS.match(text)
    if gloss and len(re.findall(r"[^\W\d_]+", gloss["value"])) <= 4:  # a value of a few words (a task's setting is longer)
        return None
    if text.endswith("?") and len(text) > 3:
        return _NUMBERED.sub("", text).strip()
    prompt = _NUMBERED.sub("", text).strip()
    if prompts and _PROMPT.match(prompt) and len(prompt.split()) >= 3:  # "Explain what regularization is": an interviewer's question
        return prompt.rstrip(".")
    wh = _WH.match(prompt)
    if prompts and wh and 3 <= len(prompt.split()) <= 14 and not re.search(r"[.!;:?]\s*\S|[:…]$|\.\.\.$", prompt) and \
            not _POINTER.search(prompt) and (not wh["how_ru"] or words.verb(wh["how_ru"])):
        return prompt.rstrip(". ") + "?"  # "How to select negative samples", «Как выбрать k»: a question, its mark left out
    return None


def answer_of(facts: list[Fact]) -> str:
    """Facts under a question as its answer: one line, or up to four bullets."""
    facts = [f for f in facts if not (f.kind == "text" and _ANSWER_LABEL.match(f.text.strip()))]
    if not facts:
        return ""
    texts: list[str] = []
    depths: list[int] = []
    for i, f in enumerate(facts):
        text = ANSWER.sub(r"\g<a>", f.text) if f.kind == "text" else _block(f)
        earlier = facts[i - 1] if i else None
        if earlier and f.kind == earlier.kind == "text" and not f.alone and f.line == earlier.line and f.depth == earlier.depth \
                and re.match(r"[a-zа-яё0-9(]", text):
            texts[-1] += " " + text  # a sentence cut after "w.r.t." or "For eg.": the rest of it, not a point of its own
        else:
            texts.append(text)
            depths.append(depths[-1] if earlier and f.line == earlier.line else f.depth)  # a sentence of the same line
    if len(texts) == 1:
        return "" if PLACEHOLDER.match(plain(texts[0]).strip()) else texts[0]
    # A point the author nested under another stays under it, never beside it as a point of its own.
    top = min(depths)
    return "\n".join(t if t.startswith("```") else f"{'  ' * (depth - top)}- {t}" for t, depth in zip(texts, depths))


def _block(fact: Fact) -> str:
    if fact.kind == "code":
        return f"```{fact.lang}\n{fact.text}\n```"
    return fact.text


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    if fact.kind != "text":
        return []
    question = question_text(fact.text)
    if question is None:
        return []
    answer = answer_of(ctx.children)
    return [Proposal("question", question, answer)] if answer else []
