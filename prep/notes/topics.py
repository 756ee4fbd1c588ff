"""Question forms that span several facts of one topic.

- a question (a line or a title ending in '?', `Q:`) with the facts under it as its answer;
- `Проблема N` / `Problem N` → `Решение N` / `Solution N`;
- a short closed list announced as such (`tasks:`, "three stages") with 2–4 short items;
- the branch of the outline a topic sits in ("Encoder, Decoder or Encoder-Decoder: T5?");
- an acronym spelled out by the topic's first fact;
- stories to tell aloud, under a "Stories" / "Истории" heading.
Each returns the proposals and the facts it used, so no fact is asked twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from prep.notes.acronyms import expands
from prep.notes.inline import plain
from prep.notes.model import MAX_BACK, MAX_BULLETS, Context, Fact, Proposal
from prep.notes.recognizers._common import ABOUT_THE_TEXT, fits, trim, without_parens
from prep.notes.recognizers.code import fenced, names_a_task
from prep.notes.recognizers.question import ANSWER, MARKUP, PLACEHOLDER, answer_of, question_text
from prep.notes.sentences import split_sentences
from prep.notes.texts import TEXTS

_PROBLEM = re.compile(r"^(?:Проблема|Problem)\s*(\d+)?\s*[.:)]?\s*", re.IGNORECASE)
_SOLUTION = re.compile(r"^(?:Решение|Solution)\s*(\d+)?\s*[.:)]?\s*", re.IGNORECASE)
_LIST_WORDS = re.compile(
    r"\b(tasks?|steps?|stages?|types?|kinds?|parts?|components?|properties|variants?|ways?|objectives?|"
    r"задач[аи]?|шаг[иов]*|этап[ыов]*|вид[ыов]*|тип[ыов]*|част[иь]|компонент[ыов]*|свойств[ао]?|вариант[ыов]*|способ[ыов]*|"
    r"two|three|four|два|две|три|четыре)\b", re.IGNORECASE)
# Sets a line ending in ':' may open as well ("Solutions for the exploding gradient problem:"); a short label without
# the colon ("Filter Methods") is more often a heading of its own than a list's name.
_SET_WORDS = re.compile(
    r"\b(solutions?|remed(?:y|ies)|fix(?:es)?|advantages|disadvantages|drawbacks|benefits|limitations|pros|cons|reasons|causes|"
    r"methods|approaches|techniques|strategies|assumptions|problems|issues|"
    r"решени[яй]|преимуществ[аом]*|недостатк[иов]*|плюс[ыов]*|минус[ыов]*|причин[ыа]?|метод[ыов]*|подход[ыов]*|"
    r"стратеги[йи]|допущени[яй]|предположени[яй]|проблем[ыа]?)\b", re.IGNORECASE)
_SHORT_ITEM = 70


@dataclass
class Used:
    proposals: list[tuple[Fact, Proposal]]
    facts: set[int]  # ids of the facts these proposals answer for
    rest: dict[int, int] = field(default_factory=dict)  # an answer's facts past its card → the question's line
    # Facts of a whole answer on its question's card: each may still get cards of its own from the recognizers
    # (suggested, as every guessed card is); one that gets none is on the answer's card already.
    within: set[int] = field(default_factory=set)


def children_of(facts: list[Fact], i: int) -> list[Fact]:
    """The facts nested under facts[i] (deeper, until the next fact at its depth or above)."""
    out = []
    for later in facts[i + 1:]:
        if later.depth <= facts[i].depth:
            break
        out.append(later)
    return out


def _answer_facts(facts: list[Fact], i: int) -> list[Fact]:
    nested = children_of(facts, i)
    if nested:
        return nested
    following: list[Fact] = []
    if i + 1 < len(facts) and ANSWER.match(facts[i + 1].text):  # `Q: …` / `A: …`: the A line and what hangs under it
        return [facts[i + 1]] + children_of(facts, i + 1)
    # "Why not a standard network? There are two problems:" with the problems under it: the rest of the line leads the
    # answer, and the question heads what follows as if it stood alone
    headed = i + 1 < len(facts) and facts[i + 1].kind == "text" and facts[i + 1].intro and facts[i + 1].line == facts[i].line
    for later in facts[i + 1:]:
        if (later.depth < facts[i].depth if headed else later.depth != facts[i].depth) \
                or later.kind not in ("text", "code", "math") or question_text(later.text, later.alone) \
                or _LEADING_QUESTION.match(later.text) \
                or headed and len(following) > 1 and later.item != following[1].item:  # the list ends: a paragraph
            break
        if not following and not headed and not ANSWER.match(later.text) and not facts[i].alone \
                and not _QA_PREFIX.match(facts[i].text):
            return [later] if later.kind == "text" else []  # a question inside prose: the next sentence answers it
        following.append(later)
    return following


# "**What are recommender systems?** collaborative, content-based": a line headed by a question in bold is a question with
# its answer after it, never a line of the answer to the question before it
_LEADING_QUESTION = re.compile(r"^\s*(?:\*\*|__)[^*_]{3,}\?\s*(?:\*\*|__)")
WHOLE_ANSWER = 1200  # the longest answer under a question that one card keeps whole (about six sentences)
# The author talking to the reader ("So how do we evaluate our results?", "Did you notice?", "What if we are uncertain?"):
# a question in prose that says "we" or "you" is the text's own step, answered by the next sentence, not an interview
# question. A question on a line of its own may say "you": an interviewer asks the candidate that way.
_READER = re.compile(r"\b(?:we|our|us|you|your|мы|нас|нам|наш\w*|вы|вас|вам|ваш\w*)\b", re.IGNORECASE)
# A question in prose that points back ("How does this help?", "Почему это важно?", "So what's the conclusion?", "Vice
# versa?", "…, right?") or is answered with a filler ("Well, …"): the prose talking to itself, not a question to recall.
_RHETORICAL = re.compile(r"(?<![\w-])(?:this|that|these|those|it|its|they|the (?:conclusion|answer|result|idea|point)|vice versa|"
                         r"right|это|этого|этом|это|эти|этих|так|тогда)(?![\w-])", re.IGNORECASE)
_FILLER = re.compile(r"^(?:well|so|ok(?:ay)?|hmm|ну|итак|так вот)\b[,.!]", re.IGNORECASE)
# "Назови три подхода.", "Расскажи подробнее про каждый.", "Explain why.": the prompt goes on, it is no answer.
_PROMPT_GOES_ON = re.compile(r"^(?:назови\w*|перечисли\w*|расскажи\w*|объясни\w*|опиши\w*|приведи\w*|сравни\w*|"
                             r"name|list|explain|describe|give|tell|compare)\b", re.IGNORECASE)
_QA_PREFIX = re.compile(r"^(?:Q|Question|Вопрос)\s*[:.]", re.IGNORECASE)


def _fitting(answer: list[Fact]) -> tuple[list[Fact], list[Fact]]:
    """The answer the author wrote under a question, whole (issue 18: never its first sentences alone, which teach
    "three stages" with two of them), and nothing left over; an answer past a page (WHOLE_ANSWER characters) is not a
    card's back at all: nothing is taken, and the question goes to the notes to write up."""
    # A line about the document ("More reading: …", "A better explanation is given in Quora") answers nothing
    asides = {id(f) for f in answer if f.kind == "text" and ABOUT_THE_TEXT.search(plain(f.text))}
    taken = [f for f in answer if id(f) not in asides]
    while taken and taken[-1].text.endswith(":"):  # an answer does not end on "as follows:"
        taken.pop()
    if len(answer_of(taken)) > WHOLE_ANSWER:
        return [], answer
    kept = {id(f) for f in taken}
    return taken, [f for f in answer if id(f) not in kept and id(f) not in asides]


_EMPHASISED_OR_NUMBERED = re.compile(r"^\s*(?:\*\*|__|\d+[.)]\s)")
_NOUN_TOO = re.compile(r"^\s*(?:Name|List)\b")  # a verb that starts a noun phrase just as often ("Name entity recognition")


def _prompt_line(fact: Fact) -> bool:
    """Whether an interviewer's prompt without '?' ("Explain …", "Design …") may be read as a question on this line:
    a line of its own, and, for a verb that is as often a noun, set off as an item of a question list (bold, numbered)."""
    if not fact.alone:
        return False
    return bool(_EMPHASISED_OR_NUMBERED.match(fact.text)) or not _NOUN_TOO.match(fact.text)


def questions(facts: list[Fact], ctx: Context) -> Used:
    used = Used([], set())
    for i, fact in enumerate(facts):
        if fact.kind != "text" or id(fact) in used.facts:
            continue
        question = question_text(fact.text, _prompt_line(fact))
        if question is None:
            continue
        answer = _answer_facts(facts, i)
        taken, rest = _fitting(answer)
        if _no_answer(taken):
            continue
        if not fact.alone and (_READER.search(question) or _RHETORICAL.search(question) or
                               _FILLER.match(plain(taken[0].text).lstrip("-*• "))) \
                or _PROMPT_GOES_ON.match(plain(taken[0].text).lstrip("-*• ")):
            continue
        used.rest.update({id(f): fact.line for f in rest})
        used.facts.add(id(fact))
        used.within.update(id(f) for f in taken if f.kind == "text")
        used.facts.update(id(f) for f in taken if f.kind != "text" or f.intro and f.line == fact.line)  # its lead too
        front = question if _mentions_topic(question, ctx) else ctx.cue + question
        # A question on a line of its own, with its answer under it, is the author's; one closing a sentence of prose
        # ("… So how do we evaluate our results?") is rhetorical, answered by whatever comes next: another form.
        kind = "question" if fact.alone else "question-in-prose"
        used.proposals.append((fact, Proposal(kind, front, answer_of(taken))))
    return used


def title_question(facts: list[Fact], ctx: Context) -> tuple[Proposal | None, list[Fact], set[int]]:
    """A topic whose title is a question: its facts answer it, whole. Returns the card, the facts left for cards of
    their own (the answer's sentences too: they may make cards besides), and those of them on the answer's card."""
    question = question_text(ctx.title)
    if question is None or not facts:
        return None, facts, set()
    taken, _ = _fitting([f for f in facts if f.depth == 0 or len(facts) <= MAX_BULLETS])
    if _no_answer(taken):
        return None, facts, set()
    used = {id(f) for f in taken if f.kind != "text"}
    shown = []  # "What does this code print?" with the code under it: the code is part of the question
    while len(taken) > 1 and taken[0].kind == "code" and any(f.kind == "text" for f in taken[1:]):
        shown.append(answer_of([taken.pop(0)]))
    front = "\n\n".join([question, *shown])
    return (Proposal("question", front, answer_of(taken)), [f for f in facts if id(f) not in used],
            {id(f) for f in taken if f.kind == "text"})


def _no_answer(taken: list[Fact]) -> bool:
    """Nothing under a question to put on its back: no facts, one placeholder ("refer to the answer above"), or markup."""
    return not taken or len(taken) == 1 and bool(PLACEHOLDER.match(plain(taken[0].text).strip())) or \
        any(MARKUP.search(f.text) for f in taken)


def _mentions_topic(question: str, ctx: Context) -> bool:
    return not ctx.title or ctx.title.casefold() in question.casefold() or ctx.title.endswith("?")


def problems(facts: list[Fact], ctx: Context) -> Used:
    """`Проблема 1. …` followed (at any distance) by `Решение 1. …`: the problem asks, the solution answers."""
    used = Used([], set())
    words = TEXTS[ctx.lang]
    i = 0
    while i < len(facts):
        fact = facts[i]
        match = _PROBLEM.match(fact.text) if fact.kind == "text" else None
        if not match:
            i += 1
            continue
        problem = [fact]
        j = i + 1
        while j < len(facts) and not _SOLUTION.match(facts[j].text) and not _PROBLEM.match(facts[j].text):
            problem.append(facts[j])
            j += 1
        if j == len(facts) or not _SOLUTION.match(facts[j].text):
            i = j
            continue
        solution = [facts[j]]
        k = j + 1
        while k < len(facts) and not _PROBLEM.match(facts[k].text):
            solution.append(facts[k])
            k += 1
        statement = trim(_PROBLEM.sub("", fact.text))
        if not statement and len(problem) > 1:  # "Проблема 1." cut off as a sentence of its own
            statement = trim(problem[1].text)
        statement = split_sentences(without_parens(statement))[0] if len(statement) > 120 else statement
        if len(statement) > 120:  # its first clause states it: "Не хватает информации об индексе токена, если …"
            statement = trim(re.split(r",\s|\s[—–-]\s", statement)[0])
        first = trim(_SOLUTION.sub("", solution[0].text))
        if not first and len(solution) > 1:
            first = trim(solution[1].text)
            used.facts.add(id(solution[1]))
        front = ctx.cue + words["problem"].format(problem=statement)
        if fits(front, first):  # the solution's first sentence answers; its later facts get cards of their own
            used.proposals.append((fact, Proposal("problem", front, first)))
            used.facts.update({id(fact), id(solution[0])})
            if not trim(_PROBLEM.sub("", fact.text)) and len(problem) > 1:
                used.facts.add(id(problem[1]))
        i = k
    return used


def enumerations(facts: list[Fact], ctx: Context) -> Used:
    """A line that announces a short closed list (`tasks`, "три задачи", a trailing ':') with 2–4 short items under it;
    or a topic named after a set ("- Solutions for the exploding gradient problem:" with its items nested under it)."""
    used = Used([], set())
    top = [f for f in facts if f.depth == min((g.depth for g in facts), default=0)]
    if ctx.title and _SET_WORDS.search(ctx.title) and 2 <= len(top) <= MAX_BULLETS and all(
            f.kind == "text" and len(f.text) <= _SHORT_ITEM and not question_text(f.text) for f in top):
        card = _list_card("", trim(ctx.title), top, ctx.lang)
        if card:
            used.proposals.append((top[0], card))
            used.facts.update(id(f) for f in top)
            return used
    for i, fact in enumerate(facts):
        if fact.kind != "text" or question_text(fact.text):
            continue
        items = children_of(facts, i)
        if items:
            items = [f for f in items if f.depth == items[0].depth]  # the set's members; their details stay theirs
        else:
            items = _items_after(facts, i) if fact.intro and not fact.item else []
            items = items or _flat_list_after(facts, i)
        # The line must name the set it opens ("Solutions for the exploding gradient problem:", "Три задачи"): a colon
        # alone opens examples, a worked case or a sentence continued below ("Sentiment classification (sequence to
        # one):", "Initial info:"), whose items are not a list to recall.
        opens_set = fact.intro and _SET_WORDS.search(fact.text)
        announced = opens_set or _LIST_WORDS.search(fact.text) and (fact.intro or len(fact.text.split()) <= 4)
        if not announced or not 2 <= len(items) <= MAX_BULLETS or any(
                f.kind != "text" or len(f.text) > _SHORT_ITEM or children_of(facts, facts.index(f)) and not opens_set
                for f in items):
            continue
        label = trim(re.sub(r",?\s+(?:including|such as|включая|например|такие как)\W*$", "", plain(fact.text).rstrip(" :*_")))
        card = _list_card(ctx.cue, label, items, ctx.lang)
        if card:
            used.proposals.append((fact, card))
            used.facts.add(id(fact))
            used.facts.update(id(f) for f in items)
    return used


def _list_card(cue: str, label: str, items: list[Fact], lang: str) -> Proposal | None:
    """"<label>: what are the N?" → the items, one per line; None when it does not fit a card."""
    front = cue + TEXTS[lang]["enumerate"].format(label=label, n=len(items))
    back = "\n".join(f"- {f.text}" for f in items)
    return Proposal("list", front, back) if fits(front, back) else None


def _items_after(facts: list[Fact], i: int) -> list[Fact]:
    """The list right under a paragraph that ends in ':' ("There are various encoding techniques, including:")."""
    items = []
    for later in facts[i + 1:]:
        if not later.item or later.depth != facts[i].depth:
            break
        items.append(later)
    return items


def _flat_list_after(facts: list[Fact], i: int) -> list[Fact]:
    """Lines written flat under a one-word label (`tasks` / `masked lm` / `next sentence prediction`): only
    when the label is short and the lines after it, to the end of the topic, are short too."""
    fact = facts[i]
    if len(fact.text.split()) > 2 or not _LIST_WORDS.search(fact.text):
        return []
    rest = [f for f in facts[i + 1:] if f.depth == fact.depth]
    return rest if len(rest) == len(facts) - i - 1 else []


def code_prompts(facts: list[Fact], ctx: Context) -> Used:
    """A code block asked by the statement above it (`**2) Factorial**. Calculate …`), past the examples between.

The card sits on the statement's line; the examples (`factorial(5) = 120`) belong to the block too."""
    used = Used([], set())
    words = TEXTS[ctx.lang]
    for i, fact in enumerate(facts):
        if fact.kind != "code" or len(fenced(fact)) > MAX_BACK:
            continue
        examples: list[Fact] = []
        j = i - 1
        while j >= 0 and len(examples) < 6 and facts[j].kind == "text" and re.search(r"`|=|→|⇒", facts[j].text) \
                and len(facts[j].text) <= 160 and not question_text(facts[j].text) and id(facts[j]) not in used.facts:
            examples.append(facts[j])
            j -= 1
        if j < 0 or facts[j].kind != "text" or id(facts[j]) in used.facts or facts[j].line < fact.line - 12:
            continue
        statement = facts[j]
        while j > 0 and facts[j - 1].line == statement.line and facts[j - 1].kind == "text":
            j -= 1  # the statement's sentences before it, on its line: "**2) Factorial**. Calculate a factorial …"
        opening = [f for f in facts[j: facts.index(statement) + 1]]
        asked = question_text(statement.text)
        what = _task_text(opening)
        if not _TASK_LABEL.match(opening[0].text):
            task = next((f for f in reversed(facts[:j]) if f.kind == "text" and _TASK_LABEL.match(f.text)
                         and f.line >= fact.line - 40), None)
            if task is not None:  # a second solution ("Using itertools.groupby") or a detail under the task it solves
                if _EXAMPLE_CAPTION.match(plain(what)):
                    continue  # "Example", "Output: [3, 4]": the block shows the task's data, not a solution
                same_line = [f for f in facts[:j] if f.line == task.line and f.kind == "text"]
                solved = _task_text(same_line)
                what = f"{solved} — {what[:1].lower()}{what[1:]}" if names_a_task(what) and not _OR.fullmatch(plain(what)) else solved
        front = asked if asked else words["write_code"].format(what=what)
        if not fits(ctx.cue + front, fenced(fact)) or not asked and not names_a_task(what):
            continue
        used.proposals.append((statement, Proposal("code", front if asked and _mentions_topic(asked, ctx) else ctx.cue + front,
                                                   fenced(fact))))
        used.facts.update({id(fact)} | {id(f) for f in opening} | {id(e) for e in examples})
    return used


# A task of an exercise list: `**5) RMSE**. Calculate …`, `**12. Word count** — …`.
_TASK_LABEL = re.compile(r"^\*\*\s*\d{1,3}[.)]\s*[^*]+\*\*")


_EXAMPLE_CAPTION = re.compile(r"^(?:examples?|output|input|e\.g\.|пример\w*|вывод|ввод)\b", re.IGNORECASE)
_OR = re.compile(r"(?:or|или|alternatively|иначе)[\s:.]*", re.IGNORECASE)


def _task_text(opening: list[Fact]) -> str:
    """What the task asks, without its number: its sentences up to 120 characters (at least the first)."""
    sentences = [re.sub(r"^\**\d+[.)]\**\s*", "", plain(f.text)).strip() for f in opening]
    what = sentences[0]
    for sentence in sentences[1:]:
        if len(what) + len(sentence) + 2 > 120:
            break
        what = f"{what} {sentence}" if what.endswith(tuple(".?!:;")) else f"{what}. {sentence}"
    return trim(what)


def is_label(fact: Fact) -> bool:
    """A short line with facts under it that says what they are about, not a fact itself."""
    text = plain(fact.text)
    return fact.kind == "text" and len(text.split()) <= 5 and not re.search(r"\d", text) and question_text(text) is None


def acronym(facts: list[Fact], ctx: Context) -> Used:
    """`BERT, bidirectional encoder representations from transformers` → "What does BERT stand for?"."""
    used = Used([], set())
    for fact in facts[:2]:
        if fact.kind == "text" and expands(fact.text, ctx.title):
            used.proposals.append((fact, Proposal("acronym", TEXTS[ctx.lang]["acronym"].format(term=ctx.title),
                                                           fact.text.rstrip(" :"))))
            used.facts.add(id(fact))
            break
    return used


def story(fact: Fact, ctx: Context) -> Proposal:
    prompt = re.sub(r"^(Написать про|Рассказать про|Write about|Tell about)\s+", "", trim(plain(fact.text)), flags=re.IGNORECASE)
    words = TEXTS[ctx.lang]
    return Proposal("story", words["story"].format(prompt=prompt), words["story_back"])
