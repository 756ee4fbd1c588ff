"""The ORM classes, mapped onto the Core tables of prep.store.tables (the schema and its columns live there, once).

Code that writes loads these; the start-up read path queries the tables with Core and never imports this module.
Each class has one attribute per column of its table.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from prep.store import tables
from prep.store.tables import UTCDateTime

__all__ = ["Attempt", "Base", "Card", "DailyStats", "Deck", "DrillState", "Link", "Mock", "Review", "Source", "Suggestion", "UTCDateTime"]


class Base(DeclarativeBase):
    metadata = tables.metadata


class Card(Base):
    __table__ = tables.cards


class Review(Base):
    __table__ = tables.reviews


class Deck(Base):
    """A deck's own settings. A deck without a row is enabled with the default limit (e.g. restored cards)."""

    __table__ = tables.decks


class Source(Base):
    """A notes file last imported, so an unchanged built-in deck is skipped at start-up."""

    __table__ = tables.sources


class DrillState(Base):
    """A drill's FSRS schedule and the round of work in progress (since it was last rated)."""

    __table__ = tables.drill_states


class Attempt(Base):
    """One check of a drill: the code as it was, every case's result, and the rating it gave, if any."""

    __table__ = tables.attempts


class DailyStats(Base):
    """Card answers per study day, kept up to date with each answer so stats read 365 rows, not every review."""

    __table__ = tables.daily_stats


class Mock(Base):
    """One mock interview: what was drawn, what was answered (kept after each answer), and its report once over."""

    __tablename__ = "mocks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    day: Mapped[date] = mapped_column(Date, index=True)
    minutes: Mapped[int] = mapped_column(Integer)  # the time it was given
    topics: Mapped[str] = mapped_column(Text, default="")  # the --topics it was drawn from, " | "-joined; "" for all
    status: Mapped[str] = mapped_column(String(10))  # open / finished / left (ended early)
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    paused_seconds: Mapped[float] = mapped_column(default=0.0)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    score: Mapped[float | None] = mapped_column(nullable=True)  # 0..1 over the items answered
    items: Mapped[str] = mapped_column(Text)  # JSON: the questions, drills and story, each with its answer
    report: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON of the report, written when it ends


class Link(Base):
    """A card or drill brought forward by practice on the other kind (prep.practice.links): shown where it acts."""

    __table__ = tables.links


class Suggestion(Base):
    """A draft the generator is not sure of, offered in the inbox (prep.store.inbox)."""

    __table__ = tables.suggestions
