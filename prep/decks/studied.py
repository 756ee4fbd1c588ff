"""The user's decks: which are studied, each one's daily new-card limit, and what `prep decks` lists.

Like Anki, every deck has its own new-card limit (the config's `new_per_day` unless the deck sets
one), so adding a deck does not starve the others. A disabled deck keeps its cards and their
history but is left out of the daily queue. A deck without a row (cards restored from a backup
made before decks had settings) is enabled with the default limit.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import ColumnElement, Connection, Engine, func, select

from prep.errors import UsageError
from prep.schedule.memory import LEARNING, NEW, REVIEW, day_end, study_day
from prep.settings.config import BOUNDS, Config
from prep.store.sql import insert
from prep.store.tables import cards, decks
from prep.store.writes import write_core

if TYPE_CHECKING:  # Core throughout: the start-up path reads decks without loading the ORM
    from sqlalchemy.orm import Session



class DeckRow(NamedTuple):  # a NamedTuple, as prep.service.CardView: this module is on the start-up path
    name: str
    enabled: bool
    builtin: bool
    new_per_day: int  # the limit in effect
    own_limit: bool  # the deck sets its own limit rather than taking the config's
    cards: int  # not retired
    new: int
    learning: int
    review: int
    due: int  # learning and review cards due by the end of today
    suspended: int


def parse_limit(text: str) -> int | None:
    """A deck's new-card limit as typed (`prep decks limit NAME N`, the deck picker): a whole number, or `default`
    (None: the new_per_day setting); anything else is one line saying what to give."""
    text = text.strip()
    if text == "default":
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    raise UsageError(f"{text!r} is not a number of new cards a day; give a whole number or `default`.")


def studied() -> ColumnElement[bool]:
    """Cards of decks that are not disabled: the condition every part of the queue carries."""
    return cards.c.deck.not_in(select(decks.c.name).where(decks.c.enabled.is_(False)).scalar_subquery())


def ensure_decks(session: Connection | Session, names: list[str], builtin: bool = False) -> None:
    """A row for each deck imported (enabled, default limit); an existing row keeps its settings."""
    for name in names:
        session.execute(insert(session, decks).values(name=name, enabled=True, new_per_day=None, builtin=builtin)
                        .on_conflict_do_nothing(index_elements=[decks.c.name]))


class DeckService:
    """What `prep decks` and the deck picker do, in Core over the engine."""

    def __init__(self, engine: Engine, config: Config, tz: tzinfo | None) -> None:
        self._engine = engine
        self.config = config
        self.tz = tz

    def rows(self, now: datetime) -> list[DeckRow]:
        day = study_day(now, self.tz, self.config.day_starts_at_hour)
        end = day_end(day, self.tz, self.config.day_starts_at_hour)
        c = cards.c
        active = c.suspended.is_(False)
        with self._engine.connect() as connection:
            settings = {d.name: d for d in connection.execute(select(decks))}
            counts = connection.execute(
                select(c.deck, func.count(),
                       func.count().filter(c.state == NEW, active),
                       func.count().filter(c.state.in_(LEARNING), active),
                       func.count().filter(c.state == REVIEW, active),
                       func.count().filter(c.state != NEW, c.due < end, active),
                       func.count().filter(c.suspended.is_(True)))
                .where(c.retired_at.is_(None)).group_by(c.deck)).all()
        by_name = {row[0]: tuple(row[1:]) for row in counts}
        out = []
        for name in sorted(set(by_name) | set(settings)):
            deck = settings.get(name)
            total, new, learning, review, due, suspended = by_name.get(name, (0,) * 6)
            own = deck is not None and deck.new_per_day is not None
            out.append(DeckRow(name, deck.enabled if deck else True, bool(deck and deck.builtin),
                               deck.new_per_day if own else self.config.new_per_day, own,  # type: ignore[union-attr]
                               total, new, learning, review, due, suspended))
        return out

    def _set(self, name: str, **values: object) -> None:
        """Change a deck's settings, giving it a row first if it has none (cards restored from an old backup)."""
        write_core(self._engine, lambda connection: self._set_in(connection, name, values))

    def _set_in(self, connection: Connection, name: str, values: dict[str, object]) -> None:
        if connection.scalar(select(decks.c.name).where(decks.c.name == name)) is None:
            if connection.scalar(select(cards.c.id).where(cards.c.deck == name).limit(1)) is None:
                known = ", ".join(connection.scalars(select(cards.c.deck).distinct().order_by(cards.c.deck))) or "none yet"
                raise UsageError(f"no deck named {name!r}; decks: {known}. `prep decks` lists them.")
            ensure_decks(connection, [name])
        connection.execute(decks.update().where(decks.c.name == name).values(**values))

    def set_enabled(self, name: str, enabled: bool) -> None:
        self._set(name, enabled=enabled)

    def set_limit(self, name: str, new_per_day: int | None) -> None:
        """The deck's own daily new-card limit; None goes back to the config's `new_per_day`."""
        least, most = BOUNDS["new_per_day"]
        if new_per_day is not None and not least <= new_per_day <= most:
            raise UsageError(f"a new-card limit is a whole number from {least:g} to {most:g}, not {new_per_day}.")
        self._set(name, new_per_day=new_per_day)

    def enabled_names(self) -> list[str]:
        with self._engine.connect() as connection:
            disabled = set(connection.scalars(select(decks.c.name).where(decks.c.enabled.is_(False))))
            names = connection.scalars(select(cards.c.deck).where(cards.c.retired_at.is_(None)).distinct().order_by(cards.c.deck))
            return [name for name in names if name not in disabled]

    def has_builtin(self) -> bool:
        with self._engine.connect() as connection:
            return connection.scalar(select(decks.c.name).where(decks.c.builtin.is_(True)).limit(1)) is not None

    def builtin_names(self) -> set[str]:
        with self._engine.connect() as connection:
            return set(connection.scalars(select(decks.c.name).where(decks.c.builtin.is_(True))))

    def has_cards(self) -> bool:
        with self._engine.connect() as connection:
            return connection.scalar(select(cards.c.id).where(cards.c.retired_at.is_(None)).limit(1)) is not None
