"""An outline → card drafts, one fact (or one small set of facts) per card.

Cards follow the minimum-information principle: a topic card per topic with
its facts (long lists split into parts), a reverse card (facts → name), a
family card (which branch of the outline), an acronym card, problem → solution
pairs, clozes over formulas in backticks, explicit `question :: answer` lines
and `{{cloze}}` spans, and rehearsal prompts from the section after a final `---`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from prep.notes.outline import Fact, Node, clean, parse_outline, split_title

MAX_BACK = 600
_PART_FACTS = 5
_QA = re.compile(r"^(?P<q>.+?)\s+::\s+(?P<a>.+)$")
_CLOZE = re.compile(r"\{\{(.+?)\}\}")
_CODE = re.compile(r"`([^`]+)`")
_FORMULA = re.compile(r"[*+/=^]|\w\(")
_PROBLEM = re.compile(r"^(Проблема|Problem)\s*(\d+)\b", re.IGNORECASE)
_SOLUTION = re.compile(r"^(Решение|Solution)\s*(\d+)\b", re.IGNORECASE)
_CATEGORY = {"модел": "Какая модель", "model": "Which model", "бенчмарк": "Какой бенчмарк", "benchmark": "Which benchmark",
             "метрик": "Какая метрика", "metric": "Which metric"}

_TEXTS = {
    "ru": {
        "topic": "**{title}** — что важно знать?",
        "part": " (часть {i}/{n})",
        "reverse": "{what}: {clues}?",
        "reverse_any": "О чём речь: {clues}?",
        "family": "{options} или {last}: **{title}**?",
        "acronym": "Как расшифровывается **{title}**?",
        "problem": "**{title}** · {problem}\n\nКак это решают?",
        "rehearsal": "Расскажите вслух, 2–3 минуты: **{prompt}**",
        "rehearsal_back": "Ситуация → задача → ваши действия → результат в цифрах → что сделали бы иначе.",
        "stories": "Истории для интервью",
    },
    "en": {
        "topic": "**{title}**: what matters?",
        "part": " (part {i}/{n})",
        "reverse": "{what}: {clues}?",
        "reverse_any": "What is it: {clues}?",
        "family": "{options} or {last}: **{title}**?",
        "acronym": "What does **{title}** stand for?",
        "problem": "**{title}** · {problem}\n\nHow is it solved?",
        "rehearsal": "Tell it aloud in 2–3 minutes: **{prompt}**",
        "rehearsal_back": "Situation → task → your actions → result in numbers → what you would do differently.",
        "stories": "Stories to rehearse",
    },
}


@dataclass(frozen=True)
class Draft:
    """A card as the notes describe it; its identity is (path, kind, slot)."""

    kind: str
    path: tuple[str, ...]
    slot: int | None  # None: several of this kind per topic, matched by content on import
    front: str
    back: str
    line: int
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gap:
    where: str
    line: int
    reason: str


@dataclass
class Topic:
    path: tuple[str, ...]
    line: int
    checked: bool | None
    facts: list[Fact]

    @property
    def title(self) -> str:
        return self.path[-1]


@dataclass
class GeneratedDeck:
    drafts: list[Draft] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)


def language_of(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum("а" <= c.lower() <= "я" or c in "ёЁ" for c in letters)
    return "ru" if letters and cyrillic / len(letters) > 0.25 else "en"


def generate(text: str) -> GeneratedDeck:
    outline = parse_outline(text)
    texts = _TEXTS[language_of(text)]
    deck = GeneratedDeck()
    families: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    topics: list[Topic] = []
    _visit_group(outline.root, (), topics, deck.gaps, families, deck.drafts)
    for topic in topics:
        deck.drafts.extend(_topic_cards(topic, texts))
    deck.drafts.extend(_family_cards(topics, families, texts))
    for fact in outline.rehearsal:
        prompt = fact.text
        deck.drafts.append(Draft("rehearsal", (texts["stories"],), None, texts["rehearsal"].format(prompt=prompt),
                                 texts["rehearsal_back"], fact.line, ("rehearsal",)))
    deck.drafts = _unique_fronts(deck.drafts)
    return deck


# ---- outline walk ---------------------------------------------------------


def _title_of(node: Node) -> tuple[str, list[Fact]]:
    """A node's title and the facts in its first paragraph after the title."""
    if not node.head:
        return "", []
    first, number = node.head[0]
    if node.heading:
        return clean(first), []
    title, rest = split_title(first)
    head = ([(rest, number)] if rest else []) + node.head[1:]
    return title, Node(head=head, line=node.line).head_facts()


def _flatten(node: Node, depth: int) -> list[Fact]:
    facts = node.head_facts(depth)
    for later in facts[1:]:
        later.depth = depth + 1
    facts += [Fact(f.text, f.line, depth + 1) for f in node.facts]
    for child in node.children:
        facts += _flatten(child, depth + 1)
    return facts


def _unique(title: str, seen: dict[str, int]) -> str:
    seen[title] = seen.get(title, 0) + 1
    return title if seen[title] == 1 else f"{title} ({seen[title]})"


def _visit_group(node: Node, path: tuple[str, ...], topics: list[Topic], gaps: list[Gap],
                 families: dict[tuple[str, ...], list[tuple[str, ...]]], drafts: list[Draft]) -> None:
    own: list[Fact] = []
    if path:
        own += _title_of(node)[1]
    own += node.facts
    seen: dict[str, int] = {}
    member_groups = families.setdefault(path, [])
    for child in node.children:
        title = _unique(_title_of(child)[0] or "…", seen)
        child_path = path + (title,)
        if child.heading or child.has_marked_descendant():
            member_groups.append(child_path)
            _visit_group(child, child_path, topics, gaps, families, drafts)
        elif child.is_leaf() and not child.marked:
            own += child.head_facts()
        else:
            facts = _title_of(child)[1] + [Fact(f.text, f.line, 0) for f in child.facts]
            for grandchild in child.children:
                facts += _flatten(grandchild, 0)
            facts.sort(key=lambda f: f.line)  # paragraphs and bullets interleave as written
            if facts:
                topics.append(Topic(child_path, child.line, child.checked, facts))
            else:
                gaps.append(Gap(" › ".join(child_path), child.line, "item with no notes under it"))
    if not path:  # text before the first heading is an introduction: only explicit cards come from it
        drafts.extend(_explicit_cards(own, path, _TEXTS["en"]))
    elif own:
        topics.append(Topic(path, node.line, node.checked, sorted(own, key=lambda f: f.line)))
    elif node.heading and not node.children:
        gaps.append(Gap(" › ".join(path), node.line, "heading with nothing under it"))


# ---- cards of one topic ---------------------------------------------------


def _tags(path: tuple[str, ...], kind: str) -> tuple[str, ...]:
    slugs = [re.sub(r"[^\w.+-]+", "-", p.lower()).strip("-") for p in path[:-1]]
    return tuple(s for s in slugs if s) + (kind,)


def _context(path: tuple[str, ...]) -> str:
    return f"_{' › '.join(path[:-1])}_\n\n" if len(path) > 1 else ""


def _bullets(facts: list[Fact]) -> str:
    lines = []
    for fact in facts:
        if fact.text.startswith("```"):
            lines.append(f"\n{fact.text}\n")
        else:
            lines.append(f"{'  ' * fact.depth}- {fact.text}")
    return "\n".join(lines)


def _split_long(facts: list[Fact]) -> list[Fact]:
    """A fact that alone would overflow a card is cut at sentence ends."""
    out = []
    for fact in facts:
        if len(fact.text) <= MAX_BACK - 50:
            out.append(fact)
            continue
        sentences = re.split(r"(?<=[.!?;])\s+", fact.text)
        piece = ""
        for sentence in sentences:
            if piece and len(piece) + len(sentence) > MAX_BACK - 50:
                out.append(Fact(piece, fact.line, fact.depth))
                piece = ""
            piece = f"{piece} {sentence}".strip()
        out.append(Fact(piece, fact.line, fact.depth))
    return out


def chunk(facts: list[Fact]) -> list[list[Fact]]:
    """Split facts into parts of at most five top-level facts and MAX_BACK characters."""
    parts: list[list[Fact]] = [[]]
    for fact in _split_long(facts):
        current = parts[-1]
        size = len(_bullets(current + [fact]))
        top_level = sum(f.depth == 0 for f in current) + (fact.depth == 0)
        if current and (size > MAX_BACK or (fact.depth == 0 and top_level > _PART_FACTS)):
            parts.append([])
        parts[-1].append(fact)
    return [p for p in parts if p]


def _explicit_cards(facts: list[Fact], path: tuple[str, ...], texts: dict[str, str]) -> list[Draft]:
    drafts = []
    prefix = f"**{path[-1]}** · " if path else ""
    for fact in facts:
        qa = _QA.match(fact.text)
        if qa:
            drafts.append(Draft("qa", path, None, prefix + qa["q"], qa["a"], fact.line, _tags(path + ("",), "qa")))
        for span in _CLOZE.finditer(fact.text):
            front = fact.text[: span.start()] + "[…]" + fact.text[span.end():]
            drafts.append(Draft("cloze", path, None, prefix + _CLOZE.sub(r"\1", front), span[1], fact.line, _tags(path + ("",), "cloze")))
    return drafts


def _is_explicit(fact: Fact) -> bool:
    return bool(_QA.match(fact.text) or _CLOZE.search(fact.text))


def _problem_pairs(facts: list[Fact]) -> tuple[list[tuple[int, list[Fact], list[Fact]]], list[Fact]]:
    """Pull `Problem N … / Solution N …` runs out of a topic's facts."""
    pairs: list[tuple[int, list[Fact], list[Fact]]] = []
    rest: list[Fact] = []
    current: tuple[int, list[Fact], list[Fact]] | None = None
    for fact in facts:
        problem, solution = _PROBLEM.match(fact.text), _SOLUTION.match(fact.text)
        if problem:
            current = (int(problem[2]), [fact], [])
            pairs.append(current)
        elif current and solution and int(solution[2]) == current[0]:
            current[2].append(fact)
        elif current and fact.depth == 0 and not current[2]:
            current[1].append(fact)
        elif current and (current[2] or fact.depth > 0):
            current[2].append(fact)
        else:
            rest.append(fact)
    complete = [p for p in pairs if p[2]]
    rest += [f for p in pairs if not p[2] for f in p[1]]
    return complete, rest


def _topic_cards(topic: Topic, texts: dict[str, str]) -> list[Draft]:
    path, title = topic.path, topic.title
    drafts = _explicit_cards([f for f in topic.facts if _is_explicit(f)], path, texts)
    pairs, facts = _problem_pairs([f for f in topic.facts if not _is_explicit(f)])
    for number, problem, solution in pairs:
        front = texts["problem"].format(title=title, problem=" ".join(f.text for f in problem))
        for i, part in enumerate(chunk(solution), start=1):
            drafts.append(Draft("problem", path, number * 100 + i, front if i == 1 else f"{front}{texts['part'].format(i=i, n='…')}",
                                _bullets(part), problem[0].line, _tags(path, "problem")))
    if not facts:
        return drafts
    parts = chunk(facts)
    for i, part in enumerate(parts, start=1):
        suffix = texts["part"].format(i=i, n=len(parts)) if len(parts) > 1 else ""
        drafts.append(Draft("topic", path, i, _context(path) + texts["topic"].format(title=title) + suffix,
                            _bullets(part), part[0].line if i > 1 else topic.line, _tags(path, "topic")))
    acronym = _acronym_card(topic, facts, texts)
    drafts += acronym
    drafts += _reverse_card(topic, [f for f in facts if not acronym or f.text != acronym[0].back], texts)
    drafts += _formula_clozes(topic, facts)
    return drafts


def _expands(expansion: str, title: str) -> bool:
    """Whether `expansion` spells out the capitals of `title` (SQuAD ← Stanford Question Answering Dataset)."""
    letters = [c.lower() for c in title if c.isupper()]
    if len(letters) < 2 or len(title) > 10 or title.lower() in expansion.lower() or len(expansion.split()) < 3:
        return False
    if language_of(expansion) != "en":
        return False
    initials = {i for i, c in enumerate(expansion) if c.isupper() or (c.isalpha() and (i == 0 or not expansion[i - 1].isalpha()))}
    pool = iter(expansion[i].lower() for i in sorted(initials))
    return all(letter in pool for letter in letters)


def _acronym_card(topic: Topic, facts: list[Fact], texts: dict[str, str]) -> list[Draft]:
    for fact in facts[:2]:
        if _expands(fact.text, topic.title):
            return [Draft("acronym", topic.path, 0, texts["acronym"].format(title=topic.title), fact.text, fact.line, _tags(topic.path, "acronym"))]
    return []


def _mask(text: str, title: str) -> str:
    return re.sub(re.escape(title), "…", text, flags=re.IGNORECASE) if title else text


def _reverse_card(topic: Topic, facts: list[Fact], texts: dict[str, str]) -> list[Draft]:
    clues: list[str] = []
    for fact in facts:
        text = _mask(fact.text, topic.title.split(" (")[0])
        if len(text) >= 12 and not text.startswith("```") and sum(map(len, clues)) + len(text) <= 220:
            clues.append(text.rstrip(".;,"))
        if len(clues) == 2:
            break
    if not clues:
        return []
    section = topic.path[0].lower()
    what = next((v for k, v in _CATEGORY.items() if k in section), None)
    template = texts["reverse"] if what else texts["reverse_any"]
    front = template.format(what=what, clues="; ".join(clues))
    return [Draft("reverse", topic.path, 0, front, f"**{topic.title}**", topic.line, _tags(topic.path, "reverse"))]


def _formula_clozes(topic: Topic, facts: list[Fact]) -> list[Draft]:
    drafts = []
    for fact in facts:
        for code in _CODE.finditer(fact.text):
            if len(code[1]) >= 5 and _FORMULA.search(code[1]):
                front = f"**{topic.title}** · {fact.text[: code.start()]}`[…]`{fact.text[code.end():]}"
                drafts.append(Draft("cloze", topic.path, None, front, code[0], fact.line, _tags(topic.path, "cloze")))
    return drafts


def _family_cards(topics: list[Topic], families: dict[tuple[str, ...], list[tuple[str, ...]]], texts: dict[str, str]) -> list[Draft]:
    """'Encoder, Decoder or Encoder-Decoder: T5?' for branches nested inside a section."""
    members: dict[tuple[str, ...], list[Topic]] = {}
    for topic in topics:
        members.setdefault(topic.path[:-1], []).append(topic)
    drafts = []
    for parent, groups in families.items():
        options = [g for g in groups if len(members.get(g, [])) >= 2]
        if len(parent) < 1 or len(options) < 2:
            continue
        names = [g[-1] for g in options]
        for group in options:
            for topic in members[group]:
                front = texts["family"].format(options=", ".join(names[:-1]), last=names[-1], title=topic.title)
                drafts.append(Draft("family", topic.path, 0, front, group[-1], topic.line, _tags(topic.path, "family")))
    return drafts


def _unique_fronts(drafts: list[Draft]) -> list[Draft]:
    """Two cards must never ask the same thing: add the outline path, else drop the repeat."""
    seen: set[str] = set()
    out = []
    for draft in drafts:
        front = draft.front
        if front in seen:
            front = f"{front}\n\n_{' › '.join(draft.path)}_"
        if front in seen or not front.strip() or not draft.back.strip():
            continue
        seen.add(front)
        out.append(Draft(draft.kind, draft.path, draft.slot, front, draft.back, draft.line, draft.tags))
    return out
