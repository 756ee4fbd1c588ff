"""An answer's transaction in SQLAlchemy Core: the card read (and locked), its new schedule, the review row.

The ORM did the same through a Session: the card loaded into its identity map, its changes found by comparing
each attribute at flush, the review row an object flushed for its id. That was two thirds of an answer's Python
work, on the way from the rating key to the next card (bench/keypress.py). The statements here are built once and
run with each answer's values; the transaction around them is the caller's (prep.store.writes.write_core: BEGIN
IMMEDIATE on SQLite, retried on a server's conflict), so an answer is committed before the next card is read.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import Insert, Select, Update, bindparam, insert, select, tuple_, update

from prep.store.tables import cards, reviews
from prep.store.writes import takes_row_locks

if TYPE_CHECKING:
    from sqlalchemy import Connection

# What an answer reads of its card: the schedule it changes, and what finds its siblings and its drills.
_READ = ("id", "deck", "source_file", "source_line", "path", "state", "step", "stability", "difficulty", "due",
         "last_review", "reps", "lapses")
# What an answer writes of its card.
_WRITTEN = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses", "updated_at", "planned_due")


class AnsweredCard:
    """The card being answered, as read under its lock; changed in place (prep.schedule.memory.review_row), then
    written back with `write_card`."""

    __slots__ = (*_READ, "updated_at", "planned_due")

    def __init__(self, row: object) -> None:
        for name, value in zip(_READ, row):  # type: ignore[call-overload]
            setattr(self, name, value)
        self.updated_at: datetime | None = None
        self.planned_due: datetime | None = None


class ReviewValues(NamedTuple):
    """A review row's values before it is written (prep.store.daily counts it from these)."""

    card_id: str
    rating: int
    reviewed_at: datetime
    day: date
    duration_ms: int
    state_before: int
    state_after: int
    snapshot: str
    interval_days: float | None


@cache
def _read_one() -> Select:
    return select(*(cards.c[name] for name in _READ)).where(cards.c.id == bindparam("card_id")).with_for_update()


@cache
def _read_topic() -> Select:
    """The card's topic, every card of it locked in id order: two machines answering cards of one topic wait for each
    other instead of deadlocking when the answer buries siblings."""
    topic = select(cards.c.deck, cards.c.path).where(cards.c.id == bindparam("card_id"))
    return (select(*(cards.c[name] for name in _READ)).where(tuple_(cards.c.deck, cards.c.path).in_(topic))
            .order_by(cards.c.id).with_for_update())


@cache
def _write() -> Update:
    return update(cards).where(cards.c.id == bindparam("answered_id"))


@cache
def _insert_review() -> Insert:
    return insert(reviews)


def read_locked(connection: Connection, card_id: str, with_topic: bool) -> AnsweredCard | None:
    """The card read afresh and locked until the transaction ends (FOR UPDATE on a server; on SQLite the transaction
    holds the writer's lock already). `with_topic`: its topic's cards are locked with it, in id order, in one statement."""
    if with_topic and takes_row_locks(connection):
        rows = connection.execute(_read_topic(), {"card_id": card_id}).all()
        row = next((row for row in rows if row[0] == card_id), None)
    else:
        row = connection.execute(_read_one(), {"card_id": card_id}).first()
    return None if row is None else AnsweredCard(row)


def write_card(connection: Connection, card: AnsweredCard) -> None:
    connection.execute(_write(), {"answered_id": card.id, **{name: getattr(card, name) for name in _WRITTEN}})


def write_review(connection: Connection, review: ReviewValues) -> int:
    """The review row; its id (what undo takes back)."""
    return connection.execute(_insert_review(), review._asdict()).inserted_primary_key[0]
