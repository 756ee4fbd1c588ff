"""The ORM classes, mapped onto the Core tables of prep.store.tables (the schema and its columns live there, once).

Code that writes loads these; the start-up read path queries the tables with Core and never imports this module.
Each class has one attribute per column of its table.
"""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from prep.schedule import SchedulingState
from prep.store import tables
from prep.store.tables import UTCDateTime

__all__ = ["Attempt", "Base", "Card", "DailyStats", "DrillState", "Review", "Source", "UTCDateTime"]


class Base(DeclarativeBase):
    metadata = tables.metadata


class Scheduled:
    """The FSRS state that cards and drills both carry (see prep.store.tables)."""

    def scheduling(self) -> SchedulingState:
        return SchedulingState(self.state, self.step, self.stability, self.difficulty, self.due, self.last_review)

    def take(self, after: SchedulingState) -> None:
        """The schedule an answer gave; reps and lapses are the caller's, whose rules differ."""
        self.state, self.step, self.stability, self.difficulty = after.state, after.step, after.stability, after.difficulty
        self.due, self.last_review = after.due, after.last_review


class Card(Scheduled, Base):
    __table__ = tables.cards


class Review(Base):
    __table__ = tables.reviews


class Source(Base):
    """A notes file last imported, so an unchanged built-in deck is skipped at start-up."""

    __table__ = tables.sources


class DrillState(Scheduled, Base):
    """A drill's FSRS schedule and the round of work in progress (since it was last rated)."""

    __table__ = tables.drill_states


class Attempt(Base):
    """One check of a drill: the code as it was, every case's result, and the rating it gave, if any."""

    __table__ = tables.attempts


class DailyStats(Base):
    """Card answers per study day, kept up to date with each answer so stats read 365 rows, not every review."""

    __table__ = tables.daily_stats
