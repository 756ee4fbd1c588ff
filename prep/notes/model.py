"""What card generation passes around: a draft card, a gap, a reading-list entry, a fact's context."""

from __future__ import annotations

from dataclasses import dataclass, field

from prep.notes.outline import Fact
from prep.notes.terms import NONE, Terms

MAX_FRONT = 160  # a question longer than this is read, not recalled
MAX_BACK = 400  # an answer longer than this is a page, not a card
MAX_BULLETS = 4


@dataclass(frozen=True)
class Draft:
    """A card as the notes describe it. Identity on import: matched by content within (deck, kind)."""

    kind: str
    path: tuple[str, ...]
    slot: int | None  # which of its fact's cards (0, 1, …)
    front: str
    back: str
    line: int
    tags: tuple[str, ...] = ()
    sure: bool = True  # scheduled; a draft the generator is not sure of is a suggestion, offered in the inbox


@dataclass(frozen=True)
class Gap:
    """A note to write up: a heading with nothing under it, a question with no answer, a fact with no question."""

    where: str
    line: int
    reason: str
    text: str = ""  # the fact as written, where the notes state one that no question was found for: the learner writes it


@dataclass(frozen=True)
class Reading:
    """A bullet that is only a link: to read, not to recall."""

    text: str
    url: str
    line: int


@dataclass(frozen=True)
class Proposal:
    """What a recognizer proposes for one fact: a kind, a question and its answer."""

    kind: str
    front: str
    back: str


@dataclass
class Context:
    """A fact in its place: the topic it belongs to and its neighbours."""

    path: tuple[str, ...]
    title: str  # the topic's name as shown ('' above the first heading)
    lang: str  # 'ru' or 'en'
    category: str | None = None  # 'model', 'benchmark', 'metric' … from the section names
    entity: bool = False  # the title names one thing (a model, a metric), so "which X is this?" makes sense
    previous: Fact | None = None  # the fact just before, in the same topic
    children: list[Fact] = field(default_factory=list)  # facts nested under this one
    brief: bool = False  # a named item with a few short facts: "which one is this?" asks about it fairly
    label: str = ""  # a short line the fact hangs under (`Training objective`), part of its cue
    terms: Terms = NONE  # the phrases the notes file names as terms (prep.notes.terms)

    @property
    def cue(self) -> str:
        """The topic (and label) named at the start of a question, so the card stands alone."""
        label = f"{self.label}: " if self.label else ""
        return f"**{self.title}** · {label}" if self.title else label
