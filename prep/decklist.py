"""The user's decks: which are studied, each one's daily new-card limit, and what `prep decks` lists.

Like Anki, every deck has its own new-card limit (the config's `new_per_day` unless the deck sets
one), so adding a deck does not starve the others. A disabled deck keeps its cards and their
history but is left out of the daily queue. A deck without a row (cards restored from a backup
made before decks had settings) is enabled with the default limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session, sessionmaker

from prep.config import Config
from prep.errors import PrepError
from prep.schedule import NEW, day_end, study_day
from prep.store.models import Card, Deck, Review

_LEARNING, _REVIEW = (1, 3), 2


@dataclass(frozen=True)
class DeckRow:
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


def studied() -> ColumnElement[bool]:
    """Cards of decks that are not disabled: the condition every part of the queue carries."""
    return Card.deck.not_in(select(Deck.name).where(Deck.enabled.is_(False)).scalar_subquery())


def new_cards(session: Session, visible: Select[tuple[Card]], day: date, default_limit: int) -> Select[tuple[Card]]:
    """Today's new cards among `visible`: each deck's first cards in reading order, up to what its
    limit leaves today. Each deck's part is one range of the new-card index."""
    fresh = visible.where(Card.state == NEW)
    done = dict(session.execute(select(Card.deck, func.count()).join(Review, Review.card_id == Card.id)
                                .where(Review.day == day, Review.state_before == NEW).group_by(Card.deck)).all())
    limits = dict(session.execute(select(Deck.name, Deck.new_per_day).where(Deck.new_per_day.is_not(None))).all())
    parts = []
    for deck in session.scalars(fresh.with_only_columns(Card.deck).distinct()):
        room = max(0, limits.get(deck, default_limit) - done.get(deck, 0))
        if room:
            ids = fresh.with_only_columns(Card.id).where(Card.deck == deck).order_by(Card.position).limit(room)
            parts.append(Card.id.in_(ids.scalar_subquery()))
    return fresh.where(or_(*parts) if parts else false()).order_by(Card.deck, Card.position)


def ensure_decks(session: Session, names: list[str], builtin: bool = False) -> None:
    """A row for each deck imported (enabled, default limit); an existing row keeps its settings."""
    for name in names:
        session.execute(insert(Deck).values(name=name, enabled=True, new_per_day=None, builtin=builtin)
                        .on_conflict_do_nothing(index_elements=[Deck.name]))


class DeckService:
    def __init__(self, sessions: sessionmaker[Session], config: Config, tz: tzinfo | None) -> None:
        self._sessions = sessions
        self.config = config
        self.tz = tz

    def rows(self, now: datetime) -> list[DeckRow]:
        day = study_day(now, self.tz, self.config.day_starts_at_hour)
        end = day_end(day, self.tz, self.config.day_starts_at_hour)
        active = Card.suspended.is_(False)
        with self._sessions() as session:
            settings = {d.name: d for d in session.scalars(select(Deck))}
            counts = session.execute(
                select(Card.deck, func.count(),
                       func.count().filter(Card.state == NEW, active),
                       func.count().filter(Card.state.in_(_LEARNING), active),
                       func.count().filter(Card.state == _REVIEW, active),
                       func.count().filter(Card.state != NEW, Card.due < end, active),
                       func.count().filter(Card.suspended.is_(True)))
                .where(Card.retired_at.is_(None)).group_by(Card.deck)).all()
        by_name = {row[0]: row[1:] for row in counts}
        out = []
        for name in sorted(set(by_name) | set(settings)):
            deck = settings.get(name)
            cards, new, learning, review, due, suspended = by_name.get(name, (0,) * 6)
            own = deck is not None and deck.new_per_day is not None
            out.append(DeckRow(name, deck.enabled if deck else True, bool(deck and deck.builtin),
                               deck.new_per_day if own else self.config.new_per_day, own,  # type: ignore[union-attr]
                               cards, new, learning, review, due, suspended))
        return out

    def _deck(self, session: Session, name: str) -> Deck:
        deck = session.get(Deck, name)
        if deck is None:
            if session.scalar(select(Card.id).where(Card.deck == name).limit(1)) is None:
                known = ", ".join(session.scalars(select(Card.deck).distinct().order_by(Card.deck))) or "none yet"
                raise PrepError(f"no deck named {name!r}; decks: {known}. `prep decks` lists them.")
            deck = Deck(name=name, enabled=True, new_per_day=None, builtin=False)
            session.add(deck)
        return deck

    def set_enabled(self, name: str, enabled: bool) -> None:
        with self._sessions.begin() as session:
            self._deck(session, name).enabled = enabled

    def set_limit(self, name: str, new_per_day: int | None) -> None:
        """The deck's own daily new-card limit; None goes back to the config's `new_per_day`."""
        if new_per_day is not None and new_per_day < 0:
            raise PrepError(f"a new-card limit is a whole number, 0 or more, not {new_per_day}.")
        with self._sessions.begin() as session:
            self._deck(session, name).new_per_day = new_per_day

    def enabled_names(self) -> list[str]:
        with self._sessions() as session:
            disabled = set(session.scalars(select(Deck.name).where(Deck.enabled.is_(False))))
            names = session.scalars(select(Card.deck).where(Card.retired_at.is_(None)).distinct().order_by(Card.deck))
            return [name for name in names if name not in disabled]

    def has_builtin(self) -> bool:
        with self._sessions() as session:
            return session.scalar(select(Deck.name).where(Deck.builtin.is_(True)).limit(1)) is not None

    def builtin_names(self) -> set[str]:
        with self._sessions() as session:
            return set(session.scalars(select(Deck.name).where(Deck.builtin.is_(True))))

    def has_cards(self) -> bool:
        with self._sessions() as session:
            return session.scalar(select(Card.id).where(Card.retired_at.is_(None)).limit(1)) is not None

