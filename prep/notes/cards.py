"""An outline → card drafts: every fact gets its own cards, goes to the notes to write up, or to the reading list.

The outline gives topics (a heading or a bullet with facts under it). Forms that
span facts (questions with their answers, problem → solution, short closed
lists, acronyms, the branch a model sits in, stories) are read first
(prep.notes.topics); every fact left is offered to the recognizers in
prep.notes.recognizers, in order, and the first whose cards fit wins it. A fact
no recognizer can ask about is listed as a note to write up, never dropped.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from prep.notes import judge, topics, words
from prep.notes.lint import rule_faults
from prep.notes.inline import clean as clean_line
from prep.notes.inline import plain
from prep.notes.model import MAX_BACK, MAX_FRONT, Context, Draft, Gap, Proposal, Reading
from prep.notes.outline import Fact, Node, parse_outline, split_title
from prep.notes.recognizers import PIPELINE, explicit, function, table, term
from prep.notes.recognizers._common import ABOUT_THE_TEXT, fits, stems
from prep.notes.recognizers.code import fenced
from prep.notes.recognizers.definition import split_definition
from prep.notes.recognizers.question import PLACEHOLDER, question_text
from prep.notes.texts import TEXTS
from prep.notes.terms import NONE, Terms

__all__ = ["MAX_BACK", "MAX_FRONT", "Draft", "Gap", "GeneratedDeck", "Reading", "generate", "language_of"]

_MAX_FACT = 600  # longer than this, a "fact" is a page: it is listed to be split, not carded
_POINTER = re.compile(r"\b(?:based on|taken from|adapted from|borrowed from|sources?|see|read|more (?:in|at|on)|original|"
                      r"по мотивам|на основе|источник\w*|см\.|читайте|подробнее|оригинал\w*)(?!\w)", re.IGNORECASE)
_NOT_OFFERED = "a form of card readers rarely keep: write the card you want as 'question? answer' or 'term — definition'"
# A note to self ("Написать про опыт с Polars", "TODO: add the proof", "Разобраться с RoPE"): a task, not a fact.
_TODO = re.compile(r"^(?:TODO|FIXME|TBD|Написать про|Дописать|Разобраться|Почитать|Посмотреть|Добавить про|Write about|Read up on|"
                   r"Look into|Add (?:a|the) (?:note|section) (?:on|about))\b", re.IGNORECASE)
_EXERCISE = re.compile(r"^(Write|Implement|Compute|Calculate|Find|Given|Suppose|Design|Create|Solve|Return|Prove|Show that|"
                       r"Derive|Verify|Напишите|Реализуйте|Вычислите|Найдите|Дано|Пусть|Докажите|Покажите|Выведите)\b")
# A section about the document, not its subject (issue: "meta sections make no cards"): the heading is one of these.
_ABOUT_THE_DOCUMENT = re.compile(  # with a word that only sorts them: "Other resources", "Resource links", "More reading"
    r"(?:(?i:other|more|additional|useful|recommended|suggested|further|external|extra|related|helpful|resource|reference|"
    r"learning|study|дополнительн\w+|полезн\w+|друг\w+|рекомендуем\w+)\s+)?"
    r"(?i:readings?|(?:дополнительные|полезные) материалы|sources?|references?|bibliography|see also|further reading|"
    r"reading list|(?:useful )?links|resources|exercises|"
    r"self-check|check yourself|prerequisites|credits|licen[cs]e|acknowledge?ments?|changelog|(?:table of )?contents|"
    r"citation|authors?|todo|to-?do|to do list|fixme|tbd|источники|литература|(?:полезные )?ссылки|см\. также|упражнения|самопроверка|"
    r"вопросы для самопроверки|проверь себя|содержание|оглавление|благодарности|лицензия|об авторе|авторы?)")
_PROOF = re.compile(r"(?:\d+(?:\.\d+)*[.)]?\s*)?(?:доказательство|proof|derivation|вывод\s+формулы)\b", re.IGNORECASE)
_ALL_BUT_EXPLICIT = tuple(r for r in PIPELINE if r is not explicit)
_PROOF_STEP = "a step of a proof: a card of it would ask a symbol outside the proof; write one asking the statement or the proof's idea"
_ABOUT_IT = "a section about the document (sources, exercises, credits), not notes to study: its links are in the reading list"
# "| NP | noun phrase | a dog |" read as text: a table the Markdown parser did not see, for no blank line above it
_RAW_TABLE_ROW = re.compile(r"^\s*\|(?:[^|\n]*\|){2,}\s*$")
_NOT_FACTS = ((_TODO, "a note to yourself, not a fact: write what you meant to, then import again"),
              (_RAW_TABLE_ROW, "a table row read as text: put a blank line above the table so that it is read as one"),
              (_EXERCISE, "an exercise, not a fact: write its answer under it, or make it a drill"),
              (ABOUT_THE_TEXT, "a line about the document or the course (where a topic comes later, a citation), not a fact"))


@dataclass
class Topic:
    path: tuple[str, ...]
    line: int
    checked: bool | None
    facts: list[Fact]
    heading: bool = False
    stories: bool = False
    parent: bool = False  # other topics sit under it: its own lines open a section that goes on below

    @property
    def title(self) -> str:
        return self.path[-1] if self.path else ""


@dataclass
class GeneratedDeck:
    drafts: list[Draft] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    reading: list[Reading] = field(default_factory=list)
    facts: int = 0  # facts read from the notes: each is in a card, a gap or the reading list


def language_of(text: str) -> str:
    letters = re.findall(r"[^\W\d_]", text[:200_000])
    cyrillic = sum("а" <= c.lower() <= "я" or c in "ёЁ" for c in letters)
    return "ru" if letters and cyrillic / len(letters) > 0.25 else "en"


def generate(text: str, every_kind: bool = False, title: str = "") -> GeneratedDeck:
    """The cards, gaps and reading list of one notes file. The collector pauses meanwhile: the parse makes
    hundreds of thousands of short-lived objects and no cycles, and collecting them costs a quarter of the time.

    Kinds of guess that readers rarely found worth a card are not made (prep.notes.judge.offered); `every_kind`
    makes them anyway, for the judged set's measure of every kind.

    `title` is the note's own name (its file's, as Obsidian shows a note): what the notes say before any heading is
    about it, so those cards are asked under it ("GPT-3 · Precursor?", not "What is Precursor?")."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _generate(text, judge.offered if not every_kind else _any_kind, title.strip())
    finally:
        if enabled:
            gc.enable()


def _any_kind(kind: str) -> bool:
    return True


def _generate(text: str, offered: Callable[[str], bool], title: str = "") -> GeneratedDeck:
    outline = parse_outline(text)
    lang = language_of(text)
    deck = GeneratedDeck()
    terms = Terms(text)
    found: list[Topic] = []
    families: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    _visit_group(outline.root, (), found, deck, families, stories=False)
    for topic in found:
        if not topic.path and title:
            topic.path = (title,)  # before the first heading: the note's own subject
    above = {topic.path[:i] for topic in found for i in range(1, len(topic.path))}
    for topic in found:
        topic.parent = topic.path in above
        _topic_cards(topic, lang, deck, offered, terms)
    deck.drafts.extend(d for d in _family_cards(found, families, lang) if offered(d.kind))
    for fact in outline.trailer:
        deck.facts += 1
        deck.gaps.append(Gap("after the final ---", fact.line, "a footer, not studied; put notes to study under a heading"))
    drafts, deck.drafts = _one_blank_per_answer(_unique_facts(_unique_fronts(_not_asked_twice(deck.drafts)))), []
    for draft in drafts:
        _judged(draft, deck)

    deck.gaps = list(dict.fromkeys(deck.gaps))
    kept: dict[str, Reading] = {}
    for entry in deck.reading:  # one entry per link, however many times the notes show it
        kept.setdefault(entry.url or entry.text, entry)
    deck.reading = list(kept.values())
    return deck


def _judged(draft: Draft, deck: GeneratedDeck) -> None:
    """Scheduled or offered in the inbox: the author's cards are scheduled; a guess when the judge finds it likely kept."""
    sure = draft.kind in judge.EXPLICIT or judge.may_schedule(draft.kind) and judge.sure(
        draft, draft.kind, draft.path, tuple(f.code for f in rule_faults(draft)))
    deck.drafts.append(replace(draft, sure=sure))


# ---- outline walk ---------------------------------------------------------


def _title_of(node: Node) -> tuple[str, list[Fact]]:
    """A node's title and the facts in its first paragraph after the title (worked out once per node)."""
    if node.title is None:
        node.title = _read_title(node)
    title, facts = node.title
    return title, [Fact(f.text, f.line, f.depth, f.kind, links=f.links, intro=f.intro) for f in facts]


def _read_title(node: Node) -> tuple[str, list[Fact]]:
    if not node.head:
        return "", []
    first, number = node.head[0]
    if node.heading:  # "### Batch Normalization (BatchNorm):", "### 4. **Benefits**:": the colon leads in, it names nothing
        return plain(first).strip().rstrip(":").rstrip(), []
    title, rest = split_title(first)
    line = plain(clean_line(first))
    if rest and re.match(rf"^{re.escape(title)}\s*(?:[-—–:]|—\s*это)\s", line):
        rest = f"{title} — {rest}"  # `Embedding - переход от токенов …` defines its title: the fact keeps it
    elif rest and re.match(rf"^{re.escape(title)}\s+[а-яёА-ЯЁ]", line):
        rest = f"{title} {rest}"  # `self-attention позволяет …`: the rest says something about the title, which it names
    head = ([(rest, number)] if rest else []) + node.head[1:]
    links = node.head_links[:1] + node.head_links[1:] if rest else node.head_links[1:]
    return plain(title), Node(head=head, line=node.line, head_links=links).head_facts()


def _flatten(node: Node, depth: int) -> list[Fact]:
    facts = node.head_facts(depth)
    for later in facts[1:]:
        later.depth = depth + 1
    facts += [_at(f, depth + 1) for f in node.facts]
    for child in node.children:
        facts += _flatten(child, depth + 1)
    return facts


def _at(fact: Fact, depth: int) -> Fact:
    fact.depth = depth
    return fact


def _visit_group(node: Node, path: tuple[str, ...], found: list[Topic], deck: GeneratedDeck,
                 families: dict[tuple[str, ...], list[tuple[str, ...]]], stories: bool) -> None:
    own: list[Fact] = []
    if path:
        own += _title_of(node)[1]
    own += node.facts
    stories = stories or node.stories
    members = families.setdefault(path, [])
    for child in node.children:
        title = _title_of(child)[0] or "…"
        child_path = path + (title,)
        link = next((url for text, url in (child.head_links[:1] or [()])[0] if url and (not text or text == title)), "")
        if link and not child.heading and not link.startswith("#"):  # `- [The Illustrated Transformer](…)`: to read
            deck.reading.append(Reading(title, link, child.line))
        if child.heading or child.has_marked_descendant():
            members.append(child_path)
            _visit_group(child, child_path, found, deck, families, stories)
        elif child.is_leaf() and not child.marked:
            own += [replace(f, item=True) for f in child.head_facts()]
        else:
            facts = _title_of(child)[1] + [_at(f, 0) for f in child.facts]
            for grandchild in child.children:
                facts += _flatten(grandchild, 0)
            facts.sort(key=lambda f: f.line)  # paragraphs and bullets interleave as written
            if stories:
                own.append(Fact(_title_of(child)[0], child.line))
            elif facts:
                found.append(Topic(child_path, child.line, child.checked, facts))
            elif title.endswith("?"):
                deck.gaps.append(Gap(" › ".join(child_path), child.line, "question with no answer under it"))
            elif not link:
                deck.gaps.append(Gap(" › ".join(child_path), child.line, "item with no notes under it"))
    if own:
        found.append(Topic(path, node.line, node.checked, sorted(own, key=lambda f: f.line), heading=node.heading, stories=stories))
    elif path and node.heading and not node.children:
        reason = "question with no answer under it" if path[-1].endswith("?") else "heading with nothing under it"
        deck.gaps.append(Gap(" › ".join(path), node.line, reason))


# ---- the cards of one topic -----------------------------------------------


def _context(topic: Topic, lang: str, terms: Terms = NONE) -> Context:
    title = topic.title if not topic.title.endswith("…") else ""
    if title.endswith("?") and len(title) > 100:
        title = ""
    categories = TEXTS[lang]["categories"]
    # "Модели", "Models", "Метрики": a section named for a kind of thing (not a long heading that mentions models)
    category = next((key for part in topic.path[:-1] if len(part.split()) <= 3 for key in categories if key in part.lower()), None)
    short = bool(title) and len(title) <= 40 and title.count("(") == title.count(")") and len(title.split()) <= 4 and not title.endswith("?")
    name_like = bool(re.search(r"[A-Z]{2}|\d|[A-Za-z].*[A-Z]", title)) or category is not None
    entity = short and (not topic.heading or name_like) and len(topic.path) > 1
    # A few short facts under a named item describe that thing; a long run of prose under it is a story about it.
    brief = not topic.heading and len(topic.facts) <= 6 and all(len(f.text) <= 100 for f in topic.facts)
    return Context(path=topic.path, title=title, lang=lang, category=category, entity=entity, brief=brief, terms=terms)


def _tags(path: tuple[str, ...], kind: str) -> tuple[str, ...]:
    slugs = [re.sub(r"[^\w.+-]+", "-", p.lower()).strip("-")[:40] for p in path[:-1]]
    return tuple(s for s in slugs if s) + (kind,)


def _topic_cards(topic: Topic, lang: str, deck: GeneratedDeck, offered: Callable[[str], bool], terms: Terms = NONE) -> None:
    ctx = _context(topic, lang, terms)
    where = " › ".join(topic.path) or "(top)"
    drafts: list[Draft] = []
    first_gap = len(deck.gaps)  # this section's notes to write up start here

    def add(fact: Fact, proposals: list[Proposal]) -> None:
        for slot, proposal in enumerate(proposals):
            drafts.append(Draft(proposal.kind, topic.path, slot, proposal.front.strip(), proposal.back.strip(), fact.line,
                                _tags(topic.path, proposal.kind)))

    facts = list(topic.facts)
    deck.facts += len(facts)
    if topic.stories:
        for fact in facts:
            add(fact, [topics.story(fact, ctx)])
        deck.drafts.extend(drafts)
        return
    about_itself = any(_ABOUT_THE_DOCUMENT.fullmatch(plain(heading).strip(" .:*#0123456789)")) for heading in topic.path)
    # A step of a proof uses what the proof set up a line before ("Заметим, что S_1 ∪ S_2^+ …"): a cloze of it asks a
    # symbol outside its proof. Only cards the author wrote are made there; the rest is the author's to card whole.
    proof = any(_PROOF.match(plain(heading).strip(" *_#")) for heading in topic.path)
    # A table of contents (lines that are only links within the page) is navigation: neither a question nor an answer,
    # and an entry with entries under it ("1. Why use feature selection?" over its subsections) asks nothing.
    navigation = {id(f) for f in facts if _only_links(f) and all(url.startswith("#") for _, url in f.links)}
    if about_itself or facts and len(navigation) == len(facts):  # links still go to the reading list (below)
        asked, within = None, set()
    else:
        asked, facts, within = topics.title_question(facts, replace(ctx, title=topic.title))  # a long question heading too
    if asked:
        drafts.append(Draft("question", topic.path, 0, asked.front, asked.back, topic.line, _tags(topic.path, "question")))
        if ctx.title.endswith("?"):
            ctx.title = ""  # the rest of the answer is asked with the question's section as its cue
    claimed: set[int] = {id(f) for f in facts if id(f) in navigation}
    deck.facts -= len(claimed)
    covered: set[int] = set(within)  # facts already on the back of a card (a whole answer, a card the notes wrote by hand)
    answers_of: dict[int, int] = {}  # a fact in a long answer → the line of its question
    for form in () if about_itself else (topics.code_prompts, topics.questions, topics.problems, topics.enumerations,
                                         topics.acronym):
        used = form([f for f in facts if id(f) not in claimed], ctx)
        claimed |= used.facts
        covered |= used.within
        answers_of.update(used.rest)
        for fact, proposal in used.proposals:
            if offered(proposal.kind):
                add(fact, [proposal])
            else:
                deck.gaps.append(Gap(where, fact.line, _NOT_OFFERED))
    previous: Fact | None = None
    labels: dict[int, str] = {}
    rest_of_answer: dict[int, list[Fact]] = {}
    for i, fact in enumerate(facts):
        if id(fact) in claimed:
            previous = fact
            continue
        nested = topics.children_of(facts, i)
        if nested and topics.is_label(fact):  # `Training objective` with items under it: their cue, not a card
            deck.facts -= 1
            for child in nested:
                labels.setdefault(id(child), topics.trim(fact.text))
            previous = fact
            continue
        if about_itself and not any(url and not url.startswith("#") for _, url in fact.links):
            deck.gaps.append(Gap(where, fact.line, _ABOUT_IT))
            previous = fact
            continue
        if _only_links(fact) or about_itself:  # under "Further reading", a link with a line about it is still to read
            for text, url in fact.links:
                if url:  # a link called "this post" or "here" is named by its sentence
                    named = text if len(fact.links) > 1 or len(text.split()) > 3 else plain(fact.text)
                    deck.reading.append(Reading(named or plain(fact.text), url, fact.line))
            if not any(url for _, url in fact.links):
                deck.reading.append(Reading(plain(fact.text), "", fact.line))
            previous = fact
            continue
        if len(fact.text) > _MAX_FACT:
            deck.gaps.append(Gap(where, fact.line, f"a fact of {len(fact.text):,} characters: split it into sentences of one fact each"))
            previous = fact
            continue
        if fact.kind == "text" and fact.intro and i + 1 < len(facts) and not facts[i + 1].kind in ("code", "math"):
            deck.facts -= 1  # "Proposed methods for validation:" introduces the lines after it; it is not a fact
            for child in nested:
                labels.setdefault(id(child), topics.trim(fact.text))
            previous = fact
            continue
        if fact.kind == "row" and table.is_record(fact):
            deck.facts -= 1  # a record of a data table ("1 | Солнечная | Слабый | Нет"): the example's data, not a fact
            previous = fact
            continue
        not_a_fact = fact.kind == "text" and next((why for kind, why in _NOT_FACTS if kind.search(plain(fact.text))), None)
        if not_a_fact:
            if not (previous and previous.kind == "text" and _RAW_TABLE_ROW.search(plain(previous.text))
                    and _RAW_TABLE_ROW.search(plain(fact.text))):  # one note for a whole table
                deck.gaps.append(Gap(where, fact.line, not_a_fact))
            previous = fact
            continue
        if fact.intro and i + 1 < len(facts) and facts[i + 1].kind in ("code", "math"):
            previous = fact  # it introduces the block after it, which asks for it
            continue
        ctx.previous, ctx.children, ctx.label = previous, nested, labels.get(id(fact), "")
        opening = i == 0 or all(id(f) in claimed or f.kind != "text" for f in facts[:i])
        read = _about_the_heading(fact, ctx.title) if opening else _it_named(fact, previous, ctx)
        # a name put where the author wrote "it" is not hidden by a cloze: the author never wrote it there
        skip = _ALL_BUT_EXPLICIT if proof else () if opening or read is fact else (term,)
        proposals = _first_fitting(read, ctx, offered, skip=skip)
        if fact.kind == "qa":
            for child in nested:  # the back of a card written by hand: its facts are asked with the card's front as cue
                if not fact.text.rstrip().endswith("?"):  # a question as a cue would ask two things at once
                    labels.setdefault(id(child), topics.trim(fact.text)[:60])
                if proposals:
                    covered.add(id(child))
        if proposals:
            add(fact, proposals)
        elif id(fact) in covered:
            deck.facts -= 1  # already on the back of a card the notes wrote by hand
        elif fact.kind == "code" and len(fenced(fact)) > MAX_BACK:
            deck.gaps.append(Gap(where, fact.line, "code block too long for a card: split it, or make it a drill"))
        elif fact.kind == "code":
            deck.gaps.append(Gap(where, fact.line, "a code block with nothing saying what it does: put a line ending in ':' above it"))
        elif plain(fact.text).rstrip(" *_").endswith("?"):
            deck.gaps.append(Gap(where, fact.line, "question with no answer under it"))
        elif fact.kind == "text" and PLACEHOLDER.match(plain(fact.text).strip()):
            deck.gaps.append(Gap(where, fact.line, "a placeholder or a pointer elsewhere (“refer to the answer above”), "
                                                   "not an answer: write the answer itself"))
        elif proof and fact.kind in ("text", "math"):
            deck.gaps.append(Gap(where, fact.line, _PROOF_STEP))
        elif asked or id(fact) in answers_of:
            rest_of_answer.setdefault(answers_of.get(id(fact), topic.line), []).append(fact)  # one note per long answer
        else:
            deck.gaps.append(Gap(where, fact.line, f"no question found in “{_short(plain(fact.text))}”: write it as "
                                                   "'term — definition', a question, or mark a cloze",
                                 plain(fact.text).strip() if words.states(plain(fact.text)) else ""))
        previous = fact
    for question_line, rest in rest_of_answer.items():
        lines = f"{rest[0].line}–{rest[-1].line}" if rest[-1].line != rest[0].line else str(rest[0].line)
        deck.gaps.append(Gap(where, question_line, f"the answer runs past one card: {len(rest)} more sentences "
                                                   f"(lines {lines}) ask nothing of their own; split them into facts"))
    if not drafts and not about_itself and not proof and offered("topic"):
        described = _described(topic, facts, ctx)
        if described is not None:  # its facts are on the card's back now: not notes to write up
            drafts.append(described)
            said = {f.line for f in facts}
            deck.gaps[first_gap:] = [g for g in deck.gaps[first_gap:] if not (g.line in said and g.reason.startswith("no question"))]
    deck.drafts.extend(drafts)


_DEFINITION_OF = re.compile(r"(?:def(?:inition)?|опр(?:еделение)?)\s*(?:\.\s*\(|\(|:|\.)\s*(?P<term>[^()]{2,60}?)\)?", re.IGNORECASE)
_DESCRIBED_WORDS = 60  # a section short enough to recall whole as what its heading is
# "Below x and y are …", "In the previous section …", "Using the code on the right": the section leans on what is around
# it in the document, which a card does not show
_POINTS_ELSEWHERE = re.compile(r"\b(?:below|above|previous|preceding|following|last section|next section|this (?:notebook|"
                               r"section|chapter|course|lecture|post|video)|on the (?:right|left)|speaker|the quote|"
                               r"ниже|выше|предыдущ\w*|следующ\w*)\b", re.IGNORECASE)
_SOURCE_LABEL = re.compile(r"(?:paper|source|reference|link|статья|источник|ссылка)s?\s*:", re.IGNORECASE)


def _described(topic: Topic, facts: list[Fact], ctx: Context) -> Draft | None:
    """A short section under a heading that names one thing, which no form asked anything of ("## MLP" over two
    sentences of what it is and does): "What is MLP?" with the section as the answer, as a learner cards a concept
    whose notes are a short description of it."""
    name = re.sub(r"^\d{1,3}[.)]\s+", "", plain(ctx.title).strip(" *_:"))
    defined = _DEFINITION_OF.fullmatch(name)  # "Def. (Мода)", "Определение: дисперсия": the term, under its label
    name = defined["term"].strip() if defined else name
    first = (words.words_of(name) or [""])[0]
    # a name as a heading writes it: capitalised, a noun first (not "Given a data point", "Similarly", "Try a …"), no
    # label, prompt, pair or colon ("tags: NLP")
    if not name or not first[:1].isupper() or not words.is_name(name) or words.is_label(name) or len(name.split()) > 5 or \
            not _ONE_NAME.fullmatch(name) or ":" in name or question_text(name) is not None or words.names_a_class(name) \
            or words.is_symbol(name) or not words.can_be_noun(first) or words.verb_form(first) or words.adjective(first) \
            and len(name.split()) == 1 or words.opens_an_order(name):
        return None
    if topic.parent or not 1 <= len(facts) <= 4 or any(f.kind != "text" or f.intro or _only_links(f) for f in facts):
        return None  # a section going on under subheadings, or with a list, a block or a bare link in it
    texts = [plain(f.text).strip() for f in facts]
    if sum(len(t.split()) for t in texts) > _DESCRIBED_WORDS or not any(words.states(t) for t in texts) or \
            any(t.rstrip().endswith(("?", ":")) or ABOUT_THE_TEXT.search(t) or words.caption(t) for t in texts) or \
            words.opens_with_pointer(texts[0], within=2) or _SOURCE_LABEL.match(texts[0]) or \
            any(_POINTS_ELSEWHERE.search(t) for t in texts):
        return None  # a line about the document, a figure's caption, a pointer back ("This shows …"), a paper's title
    back = "\n".join(f"- {t}" for t in texts) if len(texts) > 1 and any(f.item for f in facts) else \
        "".join(t + ("" if i == len(texts) - 1 else " " if t.endswith((".", "!", ";")) else "; ") for i, t in enumerate(texts))
    front = TEXTS[ctx.lang]["what_is"].format(term=name)
    return Draft("topic", topic.path, 0, front, back, facts[0].line, _tags(topic.path, "topic"))


# A section that opens with a pronoun for its subject is about its heading: "It is the process by which a larger model
# teaches a smaller one" under "Knowledge Distillation", "Это метод …" under "Dropout".
# Only where what follows names a kind of thing or a use ("It is a technique …", "It is used to …"), not a remark ("It is
# important that …", "This is the fifth course …").
_OPENING_PRONOUN = re.compile(
    r"^(?:It|This|Это|Он|Она|Оно)\s+(?=(?:is|refers to|means)\s+(?:an?\s|one\s|the\s(?!(?:first|second|third|fourth|fifth|"
    r"last|final|next|most|best|only|same)\b)|used\s+(?:to|for)\s)|(?:—|-|–)\s|(?<=Это\s)(?!очень|так|также|важно|нужно)[а-яё]+\s)")


_PARTICIPLE_THEN = frozenset("to for on in by with as from".split())
# A heading that names one thing: no pair ("Parametric vs Nonparametric", "GLUE, Super GLUE"), no number of a ticket, no
# abbreviated label ("Def. (Мода)").
_ONE_NAME = re.compile(r"(?![^\n]*(?:\s(?:vs\.?|and|or|и|или|против)\s|[,;/&]|\d+\.\d|\w\.\s))[^\d\n][^\n]*", re.IGNORECASE)


def _names_its_subject(said: str, name: str) -> bool:
    """The sentence opens with words of the heading ("Квантиль распределения … порядка p" under "Def. (Квантиль
    распределения)"), or a Russian verb opens it with its subject after it ("Рассматривается самая простая модель")."""
    found = words.words_of(said)
    if not found:
        return True  # no words: nothing to ask about the heading
    heading = {w.casefold()[:5] for w in words.words_of(name)}
    if any(w.casefold()[:5] in heading for w in found[:2] if len(w) > 3):
        return True
    return bool(re.search(r"[а-яё]", found[0], re.IGNORECASE)) and words.subject_follows(found[:3])


def _about_the_heading(fact: Fact, title: str) -> Fact:
    """The section's first fact with its subject named by the heading, when the heading is a name: the pronoun that
    stands for it ("It is …", "Это …"), or the subject the author left out (a kind of thing with no verb of its own,
    "A feedforward network of several layers."; a verb with no subject before it, "Used to …", "Реализована в виде …")."""
    if fact.kind != "text" or not title or title.rstrip().endswith("?"):
        return fact
    name = plain(title).strip(" *_:")
    name = re.sub(r"^\d{1,3}[.)]\s+", "", name)  # "31. Knowledge Distillation"
    if not words.is_name(name) or words.is_label(name) or len(name.split()) > 5:
        return fact
    if _OPENING_PRONOUN.match(fact.text):
        rest = _OPENING_PRONOUN.sub("", fact.text, count=1)
        return replace(fact, text=f"{name} — {rest}" if fact.text.startswith("Это") else f"{name} {rest}")
    said = plain(fact.text)
    if not 3 <= len(said.split()) <= 40 or fact.intro or re.search(r":\s*$|[?]|::|\s[—–=-]\s|\bэто\b", said, re.IGNORECASE) or \
            not _ONE_NAME.fullmatch(name) or _names_its_subject(said, name):
        return fact  # too short to say anything, a list's lead-in, a question or a relation of its own; a heading of two
        # things or a number; or the sentence names its subject
    if words.names_a_kind(said):
        return replace(fact, text=f"{name} — {fact.text}")
    first, then = (words.words_of(said) + [""])[:2]
    if re.fullmatch(r"[A-Za-z]+ed", first) and words.verb_form(first) and then.casefold() in _PARTICIPLE_THEN:
        be = "are" if words.plural_noun(name.split()[-1]) else "is"  # "Used to …", "Based on …": a passive, "is" left out
        return replace(fact, text=f"{name} {be} {fact.text[:1].lower()}{fact.text[1:]}")
    if words.third_person(first) and not words.plural_noun(first) or re.search(r"[а-яё]", first) and words.starts_with_verb(said) and \
            not words.personal(first):
        return replace(fact, text=f"{name} {fact.text[:1].lower()}{fact.text[1:]}")  # "Computes …", "Реализована в виде …"
    return fact


# "It works by …" after "Gradient descent is an algorithm that …": the pronoun is the name the sentence before opened
# with. Only "it" (and он, она, оно), which points at one thing; "this" points at the whole sentence before.
_IT = re.compile(r"^(?:It|Он|Она|Оно)\s+(?=[a-zа-яё])")
# "It is important that …", "It is hard to …", "It takes time to …": an "it" that stands for the clause after it, no name.
# ("It is used to …" names the thing before: "used" is no adjective.)
_DUMMY_IT = re.compile(r"^It\s+(?:(?:is|was|'s)\s+(?:(?:very|quite|really|also|not)\s+)?(?P<adj>\w+)|seems|makes\s+sense|takes\s+\w+)\s+"
                       r"(?:that|to|whether|how|if)\b", re.IGNORECASE)


def _dummy_it(text: str) -> bool:
    found = _DUMMY_IT.match(text)
    return bool(found) and (not found["adj"] or words.adjective(found["adj"]) and not found["adj"].endswith("ed"))


def _it_named(fact: Fact, previous: Fact | None, ctx: Context) -> Fact:
    """The fact with its opening "it" named by the subject of the sentence just before it, in the same paragraph."""
    if fact.kind != "text" or previous is None or previous.kind != "text" or not _IT.match(fact.text) or \
            not 0 <= fact.line - previous.line <= 1 or "?" in previous.text or _dummy_it(plain(fact.text)):
        return fact
    said = previous.text.strip()
    defined = split_definition(said)
    if defined and not re.match(r"^[^:]{1,60}:\s", plain(said)):  # "Purpose: …" is a label, not a name
        name = plain(defined[0])
    else:
        named = None if defined else function.subject(said, ctx)
        verb = (named[1].split() or [""])[0] if named else ""
        name = named[0] if named and (verb in ("is", "are") or words.third_person(verb)) else ""  # the sentence's subject
    if not name or not words.is_name(name) or words.names_a_class(name) or words.is_symbol(name) or words.is_label(name):
        return fact
    rest = _IT.sub("", fact.text, count=1)
    # marked as the name it is where only a name can open the sentence; "X is …" is read as written
    return replace(fact, text=f"{name} {rest}" if re.match(r"(?:is|are|это|—)\s", rest) else f"**{name}** {rest}")


def _first_fitting(fact: Fact, ctx: Context, offered: Callable[[str], bool], skip: tuple = ()) -> list[Proposal]:
    for recognizer in (r for r in PIPELINE if r not in skip):
        proposals = [p for p in recognizer.propose(fact, ctx) if fits(p.front, p.back) and p.back.strip() and offered(p.kind)]
        if proposals:
            return proposals
    return []


def _only_links(fact: Fact) -> bool:
    """A line that is a link (a paper, a video) and little else goes to the reading list."""
    if fact.kind != "text" or not fact.links:
        return False
    rest = plain(fact.text)
    for text, _ in fact.links:
        rest = rest.replace(text, " ") if text else rest
    words = re.findall(r"[^\W\d_]{2,}", rest)
    if _POINTER.search(rest) and any(url for _, url in fact.links) and len(words) <= 12:
        return True  # "The list is based on [this post]", "See [the paper] for the proof": where to read, not a fact
    return len(words) <= 1 or (not any(t for t, _ in fact.links) and len(words) <= 6 and not re.search(r"[.:—–]|\s-\s", rest))


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


def _family_cards(found: list[Topic], families: dict[tuple[str, ...], list[tuple[str, ...]]], lang: str) -> list[Draft]:
    """'Encoder, Decoder or Encoder-Decoder: T5?' for branches nested inside a section."""
    members: dict[tuple[str, ...], list[Topic]] = {}
    for topic in found:
        members.setdefault(topic.path[:-1], []).append(topic)
    drafts = []
    for parent, groups in families.items():
        options = [g for g in groups if len(members.get(g, [])) >= 2]
        if len(parent) < 1 or len(options) < 2 or len(options) > 4:
            continue
        names = [g[-1] for g in options]
        for group in options:
            for topic in members[group]:
                front = TEXTS[lang]["family"].format(options=", ".join(names[:-1]), last=names[-1], title=topic.title)
                if fits(front, group[-1]) and not topic.title.endswith(("?", "…")):
                    drafts.append(Draft("family", topic.path, 0, front, group[-1], topic.line, _tags(topic.path, "family")))
    return drafts


_STATED = frozenset({"term", "definition", "definition-cloze", "formula", "number", "why", "function", "role", "topic"})  # a sentence of the notes asks them


def _unique_facts(drafts: list[Draft]) -> list[Draft]:
    """A guess that asks again what an earlier card of another line asks (a recap section, a summary table, the same
    definition twice): the same answer to a question sharing its words. The first one stays; the author's cards all do."""
    asked: dict[str, list[tuple[int, set[str]]]] = {}
    out = []
    for draft in drafts:
        if draft.kind not in _STATED:
            out.append(draft)
            continue
        answer = re.sub(r"\W+", " ", plain(draft.back.split("\n\n")[0])).strip().casefold()
        question = stems(draft.front.split(" · ")[-1].replace("[…]", " "))
        earlier = asked.setdefault(answer, [])
        if answer and any(line != draft.line and len(question & words) >= 0.5 * len(question | words) for line, words in earlier):
            continue
        earlier.append((draft.line, question))
        out.append(draft)
    return out


_WHAT_IS = r"(?:what\s+(?:is|are)|what\s+do(?:es)?\s+(?:you\s+mean\s+by|.{1,40}\s+mean)|define|explain|что\s+так(?:ое|ие)|" \
           r"что\s+значит|дайте\s+определение)"


def _not_asked_twice(drafts: list[Draft]) -> list[Draft]:
    """A definition guessed inside the answer to a question that asks for it ("What is dropout?" over "Dropout is a
    technique that …") asks the same thing again with part of the answer: the question's card stays, whole."""
    questions: dict[tuple[str, ...], list[str]] = {}
    for draft in drafts:
        if draft.kind in ("question", "qa"):
            questions.setdefault(draft.path, []).append(" ".join(plain(draft.front).casefold().split()))
    out = []
    for draft in drafts:
        term = judge.asked(draft).casefold() if draft.kind == "definition" else ""
        pattern = re.compile(rf"{_WHAT_IS}\s+(?:an?\s+|the\s+)?{re.escape(term)}(?!\w)") if term else None
        if pattern and any(pattern.search(q) for q in questions.get(draft.path, ())):
            continue
        out.append(draft)
    return out


def _one_blank_per_answer(drafts: list[Draft]) -> list[Draft]:
    """Clozes under one topic that all hide the same word ("Spam detection: […] can be used …", "Sentiment analysis: […]
    can be used …" → CNNs, three times) teach that word as the answer to anything asked there: the first stays."""
    seen: set[tuple[tuple[str, ...], str]] = set()
    out = []
    for draft in drafts:
        if draft.kind == "term":
            key = (draft.path, plain(draft.back.split("\n\n")[0]).casefold())
            if key in seen:
                continue
            seen.add(key)
        out.append(draft)
    return out


def _asked(draft: Draft) -> str:
    """What a guess asks, as a learner reads it: its question with the topic named before it ("BERT · pretraining?"),
    or for "what is X?" the question alone (a name means one thing wherever it is asked)."""
    question = " ".join(re.sub(r"[*_`]", "", draft.front).casefold().split())
    return question.split(" · ")[-1] if draft.kind in ("definition", "topic") else question


def _first_question(front: str) -> str:
    """The first question of a front, as a learner hears it: no cue, markup, quotes or article ("What is 'curse of
    dimensionality'? How …" → "what is curse of dimensionality")."""
    question = re.sub(r"[*_`\"'“”«»‘’]", "", front.split(" · ")[-1]).casefold()
    question = question.split("?")[0]
    question = re.sub(r"^(?:what (?:is|are)|что такое)\s+(?:the\s+|an?\s+)?", "what is ", question.strip())
    return " ".join(w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 3 else w for w in question.split())


def _unique_fronts(drafts: list[Draft]) -> list[Draft]:
    """Two cards must never ask the same thing. A guess asking what an earlier guess under the same topic asks, with
    another answer ("If alpha = ?" → 0 …, and → 1 …; "What is REST?" twice), is one cue with two answers: the learner
    cannot tell which is meant, and each trains against the other. The first stays (where the notes introduce it, or
    the author's own question); the author's cards all stay. Among what is left, a repeated front gets its section as
    a cue, else it goes."""
    seen: set[str] = set()
    first: dict[str, int] = {}
    # A guessed "What is X?" where the notes already ask it as a question of their own ("### What is pooling?", "What is
    # 'curse of dimensionality'? …"): the author's question has the fuller answer, the guess is its vaguer twin.
    asked_by_author = {_first_question(d.front) for d in drafts if d.kind not in _STATED}
    drafts = [d for d in drafts if d.kind != "definition" or _first_question(d.front) not in asked_by_author]
    # A section carded whole as what its heading is ("topic") asks last: any other card asking the same stays instead.
    others = {_asked(d) for d in drafts if d.kind != "topic"}
    drafts = [d for d in drafts if d.kind != "topic" or _asked(d) not in others]
    # A definition stays where the notes first define the term; another guess where the walk of the notes first made it.
    for index, draft in sorted(enumerate(drafts), key=lambda pair: (pair[1].line if pair[1].kind == "definition" else 0, pair[0])):
        if draft.kind not in judge.EXPLICIT:
            first.setdefault(_asked(draft), index)
    out = []
    for index, draft in enumerate(drafts):
        if draft.kind not in judge.EXPLICIT and first[_asked(draft)] != index:
            continue
        front = draft.front
        if front in seen and len(draft.path) > 1:
            front = f"_{draft.path[-2]}_ · {front}"
        if front in seen or not front.strip() or not draft.back.strip():
            continue
        seen.add(front)
        out.append(Draft(draft.kind, draft.path, draft.slot, front, draft.back, draft.line, draft.tags))
    return out
