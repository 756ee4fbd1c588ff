"""Today's queue as statements built once and run with the moment's values.

The queue has five parts, in the order cards are shown: due learning cards, due reviews, reviews
planned for the interview, new cards (each deck's first cards, up to what its limit leaves today),
then learning cards due soon. Each part is one index range.

SQLAlchemy builds a statement from Python expressions each time one is written out: the five parts
cost about a millisecond per answer to build, twice (the next card, then the counts). Their shape
changes only with the deck picked and with the number of decks that have new cards left, so each
shape is built once, with bound parameters for the day, the moment, the caps and the decks' rooms,
and kept for the life of the process.
"""

from __future__ import annotations

import operator
from datetime import date, datetime, timedelta
from functools import cache, reduce
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import BindParameter, ColumnElement, Integer, Select, String, Update, bindparam, false, func, or_, select, update

from prep.decks.studied import studied
from prep.schedule.memory import LEARNING, NEW, REVIEW
from prep.store.tables import cards, decks, reviews

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from prep.settings.config import Config

LEARN_AHEAD = timedelta(minutes=20)  # like Anki: a learning card due this soon is shown rather than waiting

_DAY = bindparam("day", type_=cards.c.buried_until.type)
_NOW = bindparam("now", type_=cards.c.due.type)
_END = bindparam("end", type_=cards.c.due.type)
_SOON = bindparam("soon", type_=cards.c.due.type)
_DECK = bindparam("deck", type_=String())
_REVIEWS_LEFT = bindparam("reviews_left", type_=Integer())


class QueueCounts(NamedTuple):
    """Cards left in today's queue, counted as Anki shows them."""

    new: int  # new cards that may still be introduced today (each deck's limit)
    learning: int  # cards in (re)learning due now or within the learn-ahead window
    review: int  # review cards due today within the daily review limit, with those planned for the interview

    @property
    def due(self) -> int:
        return self.learning + self.review

    @property
    def cards(self) -> int:
        return self.new + self.learning + self.review


def visible(day: date | BindParameter[date], deck: str | BindParameter[str] | None = None) -> Select:
    """Cards that may be shown on `day`: not retired, suspended or buried, in a deck that is studied
    (and in `deck` alone when one is picked: prep.decks.studied)."""
    query = select(cards).where(
        cards.c.retired_at.is_(None), cards.c.suspended.is_(False),
        or_(cards.c.buried_until.is_(None), cards.c.buried_until < day), studied(),
    )
    return query if deck is None else query.where(cards.c.deck == deck)


@cache
def bury_siblings() -> Update:
    """The card's siblings as Anki means them: the other cards made from the same fact (a cloze's other blanks, the
    other direction of a pair: same deck, notes file and line), new or in review and still to be shown, buried until
    the end of `day`. Run with day, card_id, card_deck, card_path, card_file, card_line (the topic's index finds the
    few candidates); built on first use, then kept, as the queue's parts are."""
    siblings = visible(_DAY).where(cards.c.deck == bindparam("card_deck", type_=String()),
                                   cards.c.path == bindparam("card_path", type_=String()),
                                   cards.c.source_file == bindparam("card_file", type_=String()),
                                   cards.c.source_line == bindparam("card_line", type_=Integer()),
                                   cards.c.id != bindparam("card_id", type_=String()), cards.c.state.in_((NEW, REVIEW)))
    return (update(cards).where(cards.c.id.in_(siblings.with_only_columns(cards.c.id).scalar_subquery()))
            .values(buried_until=_DAY).returning(cards.c.id))


class Part(NamedTuple):
    first: Select  # the part's first card, every column
    count: ColumnElement[int]  # how many of its cards are left, up to its cap (a scalar subquery, or a sum of them)
    capped: bool  # by the reviews left today


class Queue:
    """The statements of today's queue, by shape; `parts` gives them with the values to run them with."""

    def __init__(self) -> None:
        self._shapes: dict[tuple[bool, int], tuple[list[Part], Select]] = {}
        self._answered = select(func.count(), func.count().filter(reviews.c.state_before == NEW),
                                func.count().filter(reviews.c.state_before == REVIEW)).where(reviews.c.day == _DAY)
        self._rooms: dict[bool, Select] = {}

    def answered(self, session: Connection | Session, day: date) -> tuple[int, int, int]:
        """Answers on `day`: all, those that introduced a new card, those on review cards."""
        row = session.execute(self._answered, {"day": day}).one()
        return row[0], row[1], row[2]

    def parts(self, session: Connection | Session, config: Config, now: datetime, day: date, end: datetime,
              deck: str | None) -> tuple[list[Part], Select, dict[str, object]]:
        """Today's parts in order, the statement counting them all, and the values both are run with (the daily
        limits are `config`'s)."""
        values: dict[str, object] = {"day": day, "now": now, "end": end, "soon": now + LEARN_AHEAD,
                                     "reviews_left": max(0, config.reviews_per_day - self.answered(session, day)[2])}
        if deck is not None:
            values["deck"] = deck
        rooms = [(name, room) for name, room in self._new_rooms(session, values, deck is not None, config.new_per_day)
                 if room > 0]
        for n, (name, room) in enumerate(rooms):
            values[f"new_deck_{n}"], values[f"new_room_{n}"] = name, room
        shape = (deck is not None, len(rooms))
        if shape not in self._shapes:
            self._shapes[shape] = self._build(*shape)
        parts, counts = self._shapes[shape]
        return parts, counts, values

    def _new_rooms(self, session: Connection | Session, values: dict[str, object], one_deck: bool,
                   new_per_day: int) -> list[tuple[str, int]]:
        """Each deck with new cards today and what its limit leaves of them (the config's limit unless it sets one)."""
        if one_deck not in self._rooms:
            fresh = visible(_DAY, _DECK if one_deck else None).where(cards.c.state == NEW)
            with_new = fresh.with_only_columns(cards.c.deck).distinct().subquery()
            introduced = (select(func.count()).select_from(reviews).join(cards, reviews.c.card_id == cards.c.id)
                          .where(reviews.c.day == _DAY, reviews.c.state_before == NEW, cards.c.deck == with_new.c.deck))
            self._rooms[one_deck] = (select(with_new.c.deck, decks.c.new_per_day, introduced.scalar_subquery())
                                     .outerjoin(decks, decks.c.name == with_new.c.deck))
        return [(name, (new_per_day if limit is None else limit) - done)
                for name, limit, done in session.execute(self._rooms[one_deck], values)]

    def _build(self, one_deck: bool, new_decks: int) -> tuple[list[Part], Select]:
        shown = visible(_DAY, _DECK if one_deck else None)
        learning = shown.where(cards.c.state.in_(LEARNING))
        fresh = shown.where(cards.c.state == NEW)
        # Each deck's first new cards, as many as its room today (unsorted: to count them, any that many will do).
        firsts = [fresh.with_only_columns(cards.c.id).where(cards.c.deck == bindparam(f"new_deck_{n}", type_=String()))
                  .limit(bindparam(f"new_room_{n}", type_=Integer())) for n in range(new_decks)]
        rooms = [cards.c.id.in_(first.order_by(cards.c.position).scalar_subquery()) for first in firsts]
        # The decks' firsts are apart from one another: the new cards' count is the sum of theirs, each a short walk
        # of the new-card index. Counting the part as the others are matched every new card against the rooms:
        # half of the counts' time after each answer (bench/keypress.py).
        new_count = reduce(operator.add, [select(func.count()).select_from(first.subquery()).scalar_subquery()
                                          for first in firsts]) if firsts else None
        ordered = [
            (learning.where(cards.c.due <= _NOW).order_by(cards.c.due), False, None),
            (shown.where(cards.c.state == REVIEW, cards.c.due < _END).order_by(cards.c.due), True, None),
            # Reviews planned for the interview (prep.schedule.plan), within what the limit leaves. The plan puts them
            # in days after the card's own due day, so none of these is also in the part above.
            (shown.where(cards.c.planned_due < _END).order_by(cards.c.planned_due), True, None),
            (fresh.where(or_(*rooms) if rooms else false()).order_by(cards.c.deck, cards.c.position), False, new_count),
            (learning.where(cards.c.due > _NOW, cards.c.due <= _SOON).order_by(cards.c.due), False, None),
        ]
        parts = []
        for query, capped, count in ordered:
            if count is None:
                # A count needs neither the order nor the columns: up to the cap of the part's ids, unsorted.
                ids = query.with_only_columns(cards.c.id).order_by(None)
                count = select(func.count()).select_from((ids.limit(_REVIEWS_LEFT) if capped else ids).subquery()).scalar_subquery()
            parts.append(Part(query.limit(1), count, capped))
        return parts, select(*(part.count for part in parts))
