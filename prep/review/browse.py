"""Finding cards, as Anki's Browse does: one line of search text, words and filters.

    attention deck:ml tag:nlp is:review due:3 -is:suspended

Words match a card's question, answer, topic or tags (case-insensitive, any script); every
word must match. Filters: `deck:NAME` (a deck, `*` as a wildcard), `tag:TAG`, `is:new`,
`is:learn`, `is:review`, `is:due` (due by the end of today), `is:suspended`, `is:buried`,
`is:leech`, `due:N` (due within N days), and `-` before a filter to negate it. Retired cards
(their note is gone) are never listed.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, not_, or_, select
from sqlalchemy.orm import Session, sessionmaker

from prep.errors import PrepError
from prep.schedule.memory import NEW, day_end, study_day
from prep.settings.config import Config
from prep.store.models import Card
from prep.store.tables import cards

STATE_NAMES = {NEW: "new", 1: "learning", 2: "review", 3: "relearning"}
IS_FILTERS = ("new", "learn", "review", "due", "suspended", "buried", "leech")
LIMIT = 2000  # rows listed at most; the count says how many matched
SYNTAX = "words  deck:NAME  tag:TAG  is:new|learn|review|due|suspended|buried|leech  due:N  -is:…"


class CardRow(NamedTuple):  # a tuple rather than a frozen dataclass: made three times as fast, for every listed card
    id: str
    deck: str
    question: str  # one line
    topic: str
    state: str
    due: date | None  # the study day it is due (None for a new card)
    lapses: int
    reps: int
    tags: tuple[str, ...]
    suspended: bool
    buried: bool
    leech: bool
    source_file: str
    source_line: int
    interval: float | None = None  # days between its last answer and its due (None: never answered)
    added: datetime | None = None
    position: int = 0  # its place in its notes


# The columns a listed card is made from (Browser._row) and searched in, in this order.
_LISTED = select(*(cards.c[name] for name in (
    "id", "deck", "front", "back", "path", "tags", "state", "due", "lapses", "reps", "suspended", "buried_until",
    "source_file", "source_line", "last_review", "created_at", "position")))

# The browser's orders, as Anki's sortable columns: the key of a row for each; None: the notes' order (deck, place).
ORDERS = ("due", "interval", "lapses", "added")


def sort_key(order: str) -> Callable[[CardRow], tuple]:
    """Rows in `order`: due with new cards last (in their notes' order, as Anki lists them), intervals with never
    answered first, then lapses, then when the card was added; ties in the notes' order."""
    if order not in ORDERS:
        raise PrepError(f"cannot sort by {order!r}; by one of {', '.join(ORDERS)}.")

    def key(row: CardRow) -> tuple:
        place = (row.deck, row.position)
        if order == "due":
            return (row.due is None, row.due or date.min, *place)
        if order == "interval":
            return (-1.0 if row.interval is None else row.interval, *place)
        if order == "lapses":
            return (row.lapses, *place)
        return (row.added or datetime.min.replace(tzinfo=timezone.utc), *place)

    return key


@dataclass(frozen=True)
class Found:
    rows: list[CardRow]
    matched: int  # may be more than the rows listed


@dataclass
class Search:
    words: list[str] = field(default_factory=list)
    conditions: list[ColumnElement[bool]] = field(default_factory=list)
    filters: list[str] = field(default_factory=list)  # the filters' terms as written, in order: what the conditions say


# Markdown's marks, not the text's: ** and __, code ticks, headings and quotes at a line's start, and a single * or _
# only where it opens or closes emphasis (at a word's edge), so softmax(x)_i and snake_case keep theirs.
_MARKS = re.compile(r"\*\*|__|`+|^\s*(?:#+|>)\s*|(?:(?<=\s)|^)[*_](?=\S)|(?<=\S)[*_](?=[\s.,;:!?)]|$)", re.MULTILINE)


def one_line(markdown: str) -> str:
    """A card side as one plain line, as Anki's list shows its first field: from its first line on, every paragraph
    (the list cuts it to its column), emphasis marks dropped."""
    return " ".join(_MARKS.sub("", markdown).split())


class Browser:
    def __init__(self, sessions: sessionmaker[Session], config: Config, tz: tzinfo | None) -> None:
        self._sessions = sessions
        self.config = config
        self.tz = tz

    def _day(self, now: datetime) -> date:
        return study_day(now, self.tz, self.config.day_starts_at_hour)

    def parse(self, text: str, now: datetime) -> Search:
        """The search text as SQL conditions and words; a filter it does not know is a PrepError saying which."""
        try:
            terms = shlex.split(text)
        except ValueError:
            terms = text.replace('"', " ").split()  # an open quote while typing: search the words as they are
        search = Search()
        today = self._day(now)
        for term in terms:
            negate = term.startswith("-") and ":" in term
            name, colon, value = term.lstrip("-").partition(":") if negate else term.partition(":")
            if not colon or name.lower() not in ("deck", "tag", "is", "due"):
                search.words.append(term.casefold())
                continue
            condition = self._filter(name.lower(), value, today)
            search.conditions.append(not_(condition) if negate else condition)
            search.filters.append(term)
        return search

    def _filter(self, name: str, value: str, today: date) -> ColumnElement[bool]:
        end = day_end(today, self.tz, self.config.day_starts_at_hour)
        if name == "deck":
            return Card.deck.like(value.replace("*", "%"), escape="\\") if "*" in value else Card.deck == value
        if name == "tag":
            return or_(Card.tags == value, Card.tags.like(f"{value} %"), Card.tags.like(f"% {value}"), Card.tags.like(f"% {value} %"))
        if name == "due":
            if not value.isdigit():
                raise PrepError(f"due:{value}: give a number of days, e.g. due:0 for today or due:7 for the week.")
            until = day_end(today + timedelta(days=int(value)), self.tz, self.config.day_starts_at_hour)
            return and_(Card.state != NEW, Card.due < until)
        kinds = {
            "new": Card.state == NEW, "learn": Card.state.in_((1, 3)), "review": Card.state == 2,
            "due": and_(Card.state != NEW, Card.due < end), "suspended": Card.suspended.is_(True),
            "buried": and_(Card.buried_until.is_not(None), Card.buried_until >= today),
            "leech": Card.lapses >= self.config.leech_lapses,
        }
        if value.lower() not in kinds:
            raise PrepError(f"is:{value}: no such filter; use one of {', '.join('is:' + k for k in IS_FILTERS)}.")
        return kinds[value.lower()]

    def search(self, text: str, now: datetime, limit: int = LIMIT, order: str | None = None,
               descending: bool = False, reread: bool = True) -> Found:
        """The cards matching `text`, in the notes' order or in `order` (ORDERS), the first `limit` of them listed.

        With `reread` False, a search with the filters and the day of the last one matches its words against the cards
        that one read, rather than reading the collection again: as the user types words, the list follows each key
        without a read of every card (bench/browser.py). Whoever changes the cards searches with `reread` (the default).
        """
        search = self.parse(text, now)
        today = self._day(now)
        key = (today, tuple(search.filters))
        if reread or self._read is None or self._read[0] != key:
            self._read = (key, self._cards(search, today))
        rows, matched = [], 0
        for row, haystack in self._read[1]:
            # Words in Python: SQLite's lower() knows only ASCII, and the notes are not all English.
            if search.words and not all(word in haystack for word in search.words):
                continue
            matched += 1
            if len(rows) < limit or order is not None:  # sorted, every match first: the limit cuts the sorted list
                rows.append(row)
        if order is not None:
            rows = sorted(rows, key=sort_key(order), reverse=descending)[:limit]
        elif descending:
            rows.reverse()
        return Found(rows, matched)

    def _cards(self, search: Search, today: date) -> list[tuple[CardRow, str]]:
        """Every card that meets the filters, in the notes' order, with the text its words are looked for in. Its
        columns as a tuple, not the ORM's object: a sixth of the time, for a collection of ten thousand cards."""
        query = _LISTED.where(cards.c.retired_at.is_(None), *search.conditions).order_by(cards.c.deck, cards.c.position)
        with self._sessions() as session:
            return [(self._row(card, today), f"{card[2]}\n{card[3]}\n{card[4]}\n{card[5]}".casefold())
                    for card in session.execute(query)]

    _read: tuple[tuple[object, ...], list[tuple[CardRow, str]]] | None = None  # the last search's key and cards

    def _row(self, card: Sequence, today: date) -> CardRow:
        """A row of _LISTED as the list shows it."""
        (card_id, deck, front, _back, path, tags, state, due, lapses, reps, suspended, buried_until, source_file,
         source_line, last_review, created_at, position) = card
        return CardRow(
            id=card_id, deck=deck, question=one_line(front), topic=path.split(" › ")[0],
            state=STATE_NAMES[state], due=None if state == NEW else self._day(due),
            lapses=lapses, reps=reps, tags=tuple(tags.split()), suspended=suspended,
            buried=buried_until is not None and buried_until >= today,
            leech=lapses >= self.config.leech_lapses, source_file=source_file, source_line=source_line,
            interval=None if last_review is None else (due - last_review).total_seconds() / 86400,
            added=created_at, position=position)

    def row(self, card_id: str, now: datetime) -> CardRow:
        with self._sessions() as session:
            card = session.execute(_LISTED.where(cards.c.id == card_id)).first()
            if card is None:
                raise PrepError(f"no card with id {card_id!r}.")
            return self._row(card, self._day(now))
