"""Interview questions from the notes: each heading becomes the open questions an interviewer asks about it.

The notes are read as prep.notes.outline parses them (the card generator's walk is its own; this one asks
other things of the same outline). A heading — a `#` heading or a bullet with notes under it (a model, a
metric, a loss) — gives:

- explain: "Explain X: what it is, how it works and why it is used." (or the heading itself when it is a question);
- why / trade-off, when its facts give reasons or costs (because, instead, faster, but …);
- walk through, when its facts are steps (a numbered list, first … then …) or it is a procedure;
- what breaks if, when its facts name failures (without, unstable, overfits, vanishes …);
- compare, for two neighbouring siblings under one parent (BERT and RoBERTa).

The key points of a question are the heading's facts (3–6 of them): the answer is graded as the share of
them said. Every point keeps its source line, which is how the mock finds the cards behind it. A question is
never a bare term nor a cloze prompt (`interview_like` says what that means); stories are not asked here.
Nothing here touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from prep.notes.cards import language_of
from prep.notes.inline import clean
from prep.notes.inline import plain as plain_text
from prep.notes.outline import Fact, Node, parse_outline, split_title
from prep.notes.recognizers.question import PLACEHOLDER

EXPLAIN, COMPARE, WHY, WALK, BREAKS = "explain", "compare", "why", "walk through", "what breaks if"
KINDS = (EXPLAIN, COMPARE, WHY, WALK, BREAKS)
DEEPER = "deeper"  # the prompt of a heading's later facts, asked as an explain question of their own
MIN_POINTS, MAX_POINTS = 3, 6
SEP = " › "
_MAX_POINT = 220  # a longer fact is cut to its first sentence, or here

PROMPTS = {
    "en": {
        EXPLAIN: "Explain {a}: what it is, how it works and why it is used.",
        COMPARE: "Compare {a} and {b}: how do they differ, and when would you pick each?",
        WHY: "Why use {a}, and what are the trade-offs?",
        WALK: "Walk me through {a}, step by step.",
        BREAKS: "What can go wrong with {a}: where does it fail, and what breaks without it?",
        DEEPER: "Let's go deeper into {a}: which details and pitfalls matter in practice?",
    },
    "ru": {
        EXPLAIN: "Расскажите про {a}: что это, как устроено и зачем нужно.",
        COMPARE: "Сравните {a} и {b}: чем они отличаются и когда что выбрать?",
        WHY: "Зачем нужен {a} и чем за это приходится платить?",
        WALK: "Расскажите по шагам, как работает {a}.",
        BREAKS: "Что может пойти не так с {a}: где он ломается и что сломается без него?",
        DEEPER: "Давайте подробнее про {a}: какие детали и подводные камни важны на практике?",
    },
}

_WHY = re.compile(r"\b(because|so that|trade-?offs?|instead|cost|cheaper|faster|slower|but|however|advantages?|"
                  r"disadvantages?|pros|cons|better|worse|allows?|helps?|why|since|avoids?|prevents?|stable|stability|"
                  r"потому|поэтому|вместо|зато|но|быстрее|медленнее|дешевле|дороже|лучше|хуже|преимуществ\w*|"
                  r"недостат\w*|почему|зачем|благодаря|позволяет|помогает|экономит|так как|чтобы|избега\w*)\b", re.IGNORECASE)
_BREAKS = re.compile(r"\b(without|vanish\w*|explod\w*|overfit\w*|unstable|instabilit\w*|fails?|break\w*|problems?|"
                     r"issues?|leak\w*|collaps\w*|overflow\w*|nan|diverg\w*|bias\w*|weakness\w*|drawbacks?|"
                     r"без|проблем\w*|переобуч\w*|взрыв\w*|затух\w*|нестабил\w*|ломает\w*|недостат\w*|слабост\w*|"
                     r"ограничени\w*|переполн\w*)\b", re.IGNORECASE)
_STEPS = re.compile(r"\b(step|first|then|next|finally|after that|шаг\w*|сначала|затем|потом|далее|после)\b", re.IGNORECASE)
_PROCEDURE = re.compile(r"\b(search|decoding|sampling|algorithm|training|inference|pipeline|backprop\w*|procedure|"
                        r"поиск|декодирован\w*|алгоритм\w*|обучени\w*|инференс|сэмплирован\w*)\b", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*(?:[-*+]\s+)?\d+[.)]\s")
_HEADING_NUMBER = re.compile(r"^\s*(?:\d+[.)]|[A-Za-z]\))\s*|^\W+\s*")  # `5. What is …?`, `🧑‍💻 …`
_CLOZE = re.compile(r"_{3,}|\{\{c\d+::|\[\.\.\.\]|\[…\]|\(\.\.\.\)|…\s*\?|\.\.\.\s*\?|\?\?\?")
_TERM_QA = re.compile(r"\s::\s")
_DIFFERENCE = re.compile(r"^(?:the\s+)?(?:differences?|разница|различи[ея])\s+(?:between|между)\s+(.+?)[.:]?$", re.IGNORECASE)
_ORDERS = re.compile(r"^(explain|describe|define|compare|list|name|give|объясните|опишите|определите|сравните|"
                     r"перечислите|назовите)\b", re.IGNORECASE)
# Kinds of a question the notes ask themselves, by its words.
_OWN_KINDS = ((re.compile(r"^(why|почему|зачем)\b", re.IGNORECASE), WHY),
              (re.compile(r"\b(differ\w*|compare\w*|vs\.?|versus|отлича\w*|сравн\w*|разниц\w*)\b", re.IGNORECASE), COMPARE),
              (re.compile(r"\b(what happens|what if|go(es)? wrong|fails?|что будет|что случится)\b", re.IGNORECASE), BREAKS),
              (re.compile(r"^how (does|do|is|are|would|to)\b|\bsteps?\b|\bwalk\b|^как (работает|устроен\w*)", re.IGNORECASE), WALK))
_STORIES = re.compile(r"\b(stor(y|ies)|behaviou?ral|истори[яйи])\b", re.IGNORECASE)
# Parts of a document, not things asked about.
_META = re.compile(r"^(table of contents|contents|summary|exercises?|references|further reading|resources|links|legend|"
                   r"discussions?|notes|todo|содержание|оглавление|ссылки|литература|упражнения|итоги|источники)\b",
                   re.IGNORECASE)
# A heading that already asks: asked as written, never rephrased or compared.
_ASKS = re.compile(r"^(explain|describe|define|compare|what|how|why|when|which|where|who|list|name|give|is|are|can|do|does|"
                   r"should|объясните|расскажите|опишите|сравните|что|как|почему|зачем|когда|какой|какая|какие|чем|"
                   r"назовите|перечислите)\b", re.IGNORECASE)
# A family whose members are alternatives to compare: the parent is named for a kind of thing, in the plural
# (Models, Metrics, Losses, Optimizers …), not a topic that mentions one (`perplexity & loss`).
_FAMILY = re.compile(r"^(\w+\s)?(models|metrics|losses|loss functions|optimi[sz]ers|activations|activation functions|"
                     r"architectures|encoders?|decoders?|encoder-decoders?|tokeni[sz]ers|regulari[sz]ers|normali[sz]ations|"
                     r"attention (variants|mechanisms)|модели|метрики|лоссы|функции (потерь|активации)|оптимизаторы|"
                     r"активации|архитектуры|токенизаторы|нормализации|регуляризации)$", re.IGNORECASE)


@dataclass(frozen=True)
class Point:
    """A fact to tick: what to have said, and the source line it was read from (the cards there)."""

    text: str
    line: int


@dataclass(frozen=True)
class Question:
    kind: str
    prompt: str
    path: tuple[str, ...]  # the heading's path (for compare: the parent's path + "A / B")
    heading: str  # the heading it is about: its path " › "-joined (compare: the first sibling's)
    points: tuple[Point, ...]
    also: str = ""  # compare: the second sibling's heading
    line: int = 0  # the notes' own question, asked as written: its line (its card holds the whole answer)
    depth: int = 0  # which heading of its path names its section: 1 under a document's title

    @property
    def section(self) -> str:
        return self.path[min(self.depth, len(self.path) - 1)] if self.path else ""

    @property
    def headings(self) -> tuple[str, ...]:
        return (self.heading, self.also) if self.also else (self.heading,)


@dataclass
class _Heading:
    path: tuple[str, ...]
    line: int
    points: list[Point] = field(default_factory=list)
    steps: bool = False  # its facts were a numbered list
    children: list[_Heading] = field(default_factory=list)
    asked: list[tuple[str, int, list[Point]]] = field(default_factory=list)  # its own questions: text, line, answer


def interview_like(prompt: str) -> bool:
    """A question an interviewer would ask: a sentence (3+ words, ending in `?` or `.`), no blank to fill, no
    `term :: answer` residue."""
    text = prompt.strip()
    return (len(text.split()) >= 3 and text[-1:] in "?." and not _CLOZE.search(text) and not _TERM_QA.search(text))


# ---- the outline → headings with their facts ---------------------------------------------------


def _point(fact: Fact) -> Point | None:
    """A fact as a point to tick, or None when it cannot be said aloud (code, a bare link, an intro line)."""
    if fact.kind == "code" or fact.intro:
        return None
    if fact.kind == "qa":
        text = f"{_plain(fact.text)} — {_plain(fact.answer)}"
    elif fact.kind == "row":
        text = "; ".join(f"{head}: {cell}" if head else cell for head, cell in fact.cells if cell) or _plain(fact.text)
    else:
        text = _plain(fact.text)
    text = re.sub(r"\s+::\s+", " — ", text).strip(" -—;,")
    if len(text.split()) < 2 or not re.search(r"[^\W\d_]", text) or PLACEHOLDER.match(text):
        return None
    if fact.kind != "qa" and re.sub(r"[^\w?]+$", "", text).endswith("?"):
        return None  # a question in the notes (`**What is X? 👶**`) heads its answer: it is not a point said
    if len(text) > _MAX_POINT:
        first = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0]
        text = first if len(first) <= _MAX_POINT else text[: _MAX_POINT].rsplit(" ", 1)[0] + "…"
    return Point(text, fact.line)


def _plain(text: str) -> str:
    return " ".join(plain_text(clean(text)).split())


def own_question(fact: Fact) -> str:
    """The question a line of the notes asks on its own (`**What is linear regression? When do we use it? 👶**`),
    without its marks; '' when the line is not one. Its answer is what follows, up to the next one."""
    if fact.kind != "text" or not fact.alone:
        return ""
    text = re.sub(r"(?<=\?)[^\w?]+$", "", _plain(fact.text))
    return text if text.endswith("?") and interview_like(text) else ""


def _title(node: Node) -> tuple[str, list[Fact]]:
    """A heading's title; a bullet's title and the facts after it on its first line (`BERT, bidirectional …`)."""
    if not node.head:
        return "", []
    first, number = node.head[0]
    if node.heading:
        return _plain(first), []
    title, rest = split_title(first)
    facts = [Fact(rest, number)] if rest and len(rest.split()) >= 2 else []
    facts += [Fact(text, line) for text, line in node.head[1:]]
    return _plain(title), facts


def _leaf_text(node: Node) -> Fact:
    """A bullet with nothing under it is one fact: its whole line (a `question :: answer` stays whole)."""
    return Fact(" ".join(text for text, _ in node.head), node.line)


def _walk(node: Node, path: tuple[str, ...], lines: list[str], out: list[_Heading]) -> _Heading:
    """The heading at `node` and those under it, each added to `out`; a heading that asks a question keeps the
    headings under it as parts of its answer (`## What are bias and variance?` › `### Approaches`)."""
    here = _Heading(path, node.line)
    facts: list[Fact] = list(_title(node)[1]) if path else []
    facts += node.facts
    asked = sorted((f.line, own_question(f)) for f in facts if own_question(f))
    numbered = 0
    for child in node.children:
        title = _title(child)[0]
        if not child.heading and not child.children and not child.facts:
            links = [text for found in child.head_links for text, _ in found]
            if not any(_plain(text) == _plain(title) for text in links):  # a bare link (a table of contents) says nothing
                facts.append(_leaf_text(child))
            numbered += bool(0 < child.line <= len(lines) and _NUMBERED.match(lines[child.line - 1]))
            continue
        if not title or (child.heading and _STORIES.search(title)) or child.stories or _META.match(_named(title)):
            continue
        if path and _asks(path[-1]) or (asked and not child.heading and child.line > asked[0][0]):
            # a list inside an answer (the notes' own question's, or this heading's) is part of that answer
            below: list[_Heading] = []
            _walk(child, path + (title,), lines, below)
            facts += [Fact(p.text, p.line) for h in below for p in h.points]
            continue
        here.children.append(_walk(child, path + (title,), lines, out))
    here.points = list(dict.fromkeys(p for p in (_point(f) for f in sorted(facts, key=lambda f: f.line)) if p is not None))
    if asked:  # the notes ask their own questions here: each answer is what follows it, up to the next
        ends = [line for line, _ in asked[1:]] + [10**9]
        here.asked = [(text, line, [p for p in here.points if line < p.line < end]) for (line, text), end in zip(asked, ends)]
        here.points = [p for p in here.points if p.line < asked[0][0]]
    here.steps = numbered >= 3
    if path:
        out.append(here)
    return here


def headings(text: str) -> list[tuple[tuple[str, ...], list[Point]]]:
    """Every heading of the notes with the points under it, in reading order (stories left out)."""
    found: list[_Heading] = []
    _walk(parse_outline(text).root, (), text.splitlines(), found)
    return [(h.path, h.points) for h in sorted(found, key=lambda h: h.line)]


# ---- headings → questions ------------------------------------------------------------------------


def _named(title: str) -> str:
    """The heading as named in a question: a numbered heading loses its number."""
    return _HEADING_NUMBER.sub("", title).strip() or title


def _asks(title: str) -> bool:
    name = _named(title)
    return name.endswith("?") or bool(_ASKS.match(name)) and len(name.split()) >= 3


def _names_a_thing(name: str) -> bool:
    """A title a question can name (`Beam search`, `Bias-variance trade-off`), not a sentence (`Errors are independently
    and identically normally…`, `The model: what it learns`)."""
    return _asks(name) or (len(name.split()) <= 6 and not re.search(r"(…|\.\.\.|[:;,.])$", name))


def _name_like(heading: _Heading, parent: tuple[str, ...]) -> bool:
    """A thing with a name (BERT, GPT-2, L1, ReLU), or a member of a family named by its parent (Metrics › Recall)."""
    title = _named(heading.path[-1])
    short = len(title.split()) <= 4 and not _asks(title)
    return short and (bool(re.search(r"[A-Z]{2}|\d|[a-z][A-Z]", title)) or bool(parent and _FAMILY.match(_named(parent[-1]))))


def _cued(points: list[Point], cue: re.Pattern[str]) -> list[Point]:
    """Up to six points, those matching `cue` first (in reading order), the others after them; at least three."""
    hits = [p for p in points if cue.search(p.text)]
    rest = [p for p in points if p not in hits]
    return sorted((hits + rest)[:MAX_POINTS], key=lambda p: p.line)


def _own_kind(question: str) -> str:
    return next((kind for cue, kind in _OWN_KINDS if cue.search(question)), EXPLAIN)


def _questions_of(heading: _Heading, lang: str) -> list[Question]:
    where = SEP.join(heading.path)
    # The notes' own questions first, as written, each with the first 3-6 points of its answer.
    out: list[Question] = [Question(_own_kind(text), text, heading.path, where, tuple(answer[:MAX_POINTS]), line=line)
                           for text, line, answer in heading.asked if len(answer) >= MIN_POINTS]
    points = heading.points
    if len(points) < MIN_POINTS:
        return out
    title = heading.path[-1]
    prompts = PROMPTS[lang]
    name = _named(title)
    difference = _DIFFERENCE.match(name)
    if difference:  # `Difference between AdaBoost and XGBoost.`: the comparison it names
        ask = "What is the difference between {}?" if lang == "en" else "В чём разница между {}?"
        return out + [Question(COMPARE, ask.format(difference.group(1)), heading.path, where, tuple(_cued(points, _WHY)))]
    if not _names_a_thing(name):  # a sentence cut short for a title (`Errors are independently and…`) is not asked about
        return out
    if _asks(title):  # the notes already ask it: asked as written
        return out + ([Question(EXPLAIN, name, heading.path, where, tuple(points[:MAX_POINTS]))] if interview_like(name) else [])
    if _ORDERS.match(name):  # `Define variance`: an order too short to be asked as it is, never `Explain Define variance`
        ask = "{}, and say why it matters." if lang == "en" else "{} и объясните, зачем это нужно."
        return out + [Question(EXPLAIN, ask.format(name.rstrip(".:")), heading.path, where, tuple(points[:MAX_POINTS]))]
    # A heading with more facts than one answer holds is asked in parts, each of 3-6 of them in reading order.
    parts = -(-len(points) // MAX_POINTS)
    for n in range(parts):
        chunk = points[len(points) * n // parts: len(points) * (n + 1) // parts]
        prompt = prompts[EXPLAIN if n == 0 else DEEPER].format(a=name)
        out.append(Question(EXPLAIN, prompt, heading.path, where, tuple(chunk)))
    if heading.steps or (_PROCEDURE.search(title) and sum(bool(_STEPS.search(p.text)) for p in points) >= 1):
        out.append(Question(WALK, prompts[WALK].format(a=name), heading.path, where, tuple(points[:MAX_POINTS])))
    if sum(bool(_WHY.search(p.text)) for p in points) >= 2:
        out.append(Question(WHY, prompts[WHY].format(a=name), heading.path, where, tuple(_cued(points, _WHY))))
    if sum(bool(_BREAKS.search(p.text)) for p in points) >= 2:
        out.append(Question(BREAKS, prompts[BREAKS].format(a=name), heading.path, where, tuple(_cued(points, _BREAKS))))
    return out


def _compare(first: _Heading, second: _Heading, lang: str) -> Question | None:
    """Two siblings asked side by side: up to three points of each, each named where it does not say whose."""
    if len(first.points) < 2 or len(second.points) < 2:
        return None
    a, b = _named(first.path[-1]), _named(second.path[-1])
    parent = first.path[:-1]
    if not (_name_like(first, parent) and _name_like(second, parent)) or a.casefold() == b.casefold():
        return None

    def owned(name: str, points: list[Point]) -> list[Point]:
        return [p if name.casefold() in p.text.casefold() else Point(f"{name}: {p.text}", p.line) for p in points[:3]]

    points = owned(a, first.points) + owned(b, second.points)
    return Question(COMPARE, PROMPTS[lang][COMPARE].format(a=a, b=b), first.path[:-1] + (f"{a} / {b}",),
                    SEP.join(first.path), tuple(points), also=SEP.join(second.path))


def make_questions(text: str) -> list[Question]:
    """The interview questions of one notes file, in reading order: each heading's own, then comparisons of
    neighbouring siblings. Every question has 3–6 key points and passes `interview_like`."""
    lang = language_of(text)
    found: list[_Heading] = []
    root = _walk(parse_outline(text).root, (), text.splitlines(), found)
    out: list[Question] = []
    # A document's title heading (the one heading at the top, with sections under it) is its introduction.
    title = root.children[0] if len(root.children) == 1 and root.children[0].children else None
    for heading in sorted(found, key=lambda h: h.line):
        if heading is not title:
            out += _questions_of(heading, lang)
    for parent in [root, *found]:
        siblings = parent.children
        for first, second in pairwise(siblings):
            pair = _compare(first, second, lang)
            if pair is not None:
                out.append(pair)
    if title is not None:  # every question is under the title: its sections are the headings below it
        out = [replace(q, depth=1) for q in out]
    kept = {(q.kind, q.heading, q.also, q.prompt): q for q in out if MIN_POINTS <= len(q.points) <= MAX_POINTS and interview_like(q.prompt)}
    return list(kept.values())
