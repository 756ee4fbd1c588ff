"""The tables: cards (with their FSRS state), reviews (one row per answer) and note sources."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, TypeDecorator, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from prep.schedule import SchedulingState


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out; SQLite keeps sortable naive text."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("prep stores only timezone-aware UTC datetimes")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    pass


class Scheduled:
    """The FSRS state that cards and drills both carry, as fsrs.Card holds it, except `state` 0 until
    the first answer (fsrs calls it Learning), so that each part of the daily queue is one index range."""

    state: Mapped[int] = mapped_column(Integer, default=0)
    step: Mapped[int | None] = mapped_column(Integer, nullable=True, default=0)
    stability: Mapped[float | None] = mapped_column(nullable=True)
    difficulty: Mapped[float | None] = mapped_column(nullable=True)
    due: Mapped[datetime] = mapped_column(UTCDateTime)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)

    def scheduling(self) -> SchedulingState:
        return SchedulingState(self.state, self.step, self.stability, self.difficulty, self.due, self.last_review)

    def take(self, after: SchedulingState) -> None:
        """The schedule an answer gave; reps and lapses are the caller's, whose rules differ."""
        self.state, self.step, self.stability, self.difficulty = after.state, after.step, after.stability, after.difficulty
        self.due, self.last_review = after.due, after.last_review


class Card(Scheduled, Base):
    __tablename__ = "cards"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    deck: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    path: Mapped[str] = mapped_column(Text)  # the heading path, " › "-joined
    slot: Mapped[int] = mapped_column(Integer)
    front: Mapped[str] = mapped_column(Text)
    back: Mapped[str] = mapped_column(Text)
    source_file: Mapped[str] = mapped_column(Text)
    source_line: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)  # order in the notes: new cards come in reading order
    tags: Mapped[str] = mapped_column(Text, default="")
    suspended: Mapped[bool] = mapped_column(default=False)
    buried_until: Mapped[date | None] = mapped_column(Date, nullable=True)  # hidden through this study day
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)  # its note is gone
    planned_due: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)  # pulled forward for the interview
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        # The queue's filters ride along so that counting today's cards never reads the table.
        Index("ix_cards_due", "state", "due", "suspended", "retired_at", "buried_until"),
        Index("ix_cards_new", "state", "deck", "position", "suspended", "retired_at", "buried_until"),
        Index("ix_cards_topic", "deck", "path"),  # a topic's cards: siblings to bury, cards to match on import
        # Partial: only the few cards the interview plan pulled forward are in it.
        Index("ix_cards_planned", "planned_due", sqlite_where=text("planned_due IS NOT NULL")),
        Index("ix_cards_lapses", "lapses"),  # leeches
    )


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    card_id: Mapped[str] = mapped_column(ForeignKey("cards.id"), index=True)
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    day: Mapped[date] = mapped_column(Date, index=True)  # the local study day, so stats need no date math per row
    duration_ms: Mapped[int] = mapped_column(Integer)
    state_before: Mapped[int] = mapped_column(Integer)  # 0 new, else the fsrs.State it was in
    interval_days: Mapped[float | None] = mapped_column(nullable=True)  # the interval it was shown after (review cards)
    state_after: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[str] = mapped_column(Text)  # JSON of the card's scheduling fields before, for undo


class Deck(Base):
    """A deck's own settings. A deck without a row is enabled with the default limit (e.g. restored cards)."""

    __tablename__ = "decks"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    enabled: Mapped[bool] = mapped_column(default=True)  # a disabled deck keeps its cards but is not studied
    new_per_day: Mapped[int | None] = mapped_column(Integer, nullable=True)  # None: the config's new_per_day
    builtin: Mapped[bool] = mapped_column(default=False)  # the shipped deck, added on request and kept in sync


class Source(Base):
    """A notes file last imported, so an unchanged built-in deck is skipped at start-up."""

    __tablename__ = "sources"

    path: Mapped[str] = mapped_column(Text, primary_key=True)
    deck: Mapped[str] = mapped_column(String(200))
    digest: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DrillState(Scheduled, Base):
    """A drill's FSRS schedule and the round of work in progress (since it was last rated)."""

    __tablename__ = "drill_states"

    slug: Mapped[str] = mapped_column(String(100), primary_key=True)
    round_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    round_failures: Mapped[int] = mapped_column(Integer, default=0)
    round_hints: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Attempt(Base):
    """One check of a drill: the code as it was, every case's result, and the rating it gave, if any."""

    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    slug: Mapped[str] = mapped_column(String(100), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    day: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(10))  # pass / fail / error / gave-up
    passed: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    duration_s: Mapped[float] = mapped_column()
    code: Mapped[str] = mapped_column(Text)
    report: Mapped[str] = mapped_column(Text)  # the grader's report as JSON
    hints_used: Mapped[int] = mapped_column(Integer, default=0)
    rating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    round_seconds: Mapped[float | None] = mapped_column(nullable=True)  # time the round took, on the attempt that ended it


class DailyStats(Base):
    """Card answers per study day, kept up to date with each answer so stats read 365 rows, not every review."""

    __tablename__ = "daily_stats"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    reviews: Mapped[int] = mapped_column(Integer, default=0)
    review_ms: Mapped[int] = mapped_column(Integer, default=0)
    # True retention counts answers on cards in review: young (interval < 21 days) and mature, as Anki does.
    young: Mapped[int] = mapped_column(Integer, default=0)
    young_again: Mapped[int] = mapped_column(Integer, default=0)
    mature: Mapped[int] = mapped_column(Integer, default=0)
    mature_again: Mapped[int] = mapped_column(Integer, default=0)


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
    """A card or drill brought forward by practice on the other kind (prep.links): shown where it acts."""

    __tablename__ = "links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    target_kind: Mapped[str] = mapped_column(String(10))  # card / drill
    target: Mapped[str] = mapped_column(String(100))  # the card id or drill slug brought forward
    reason: Mapped[str] = mapped_column(Text)  # e.g. "masked attention, given up"
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    due_before: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)  # its due before it was brought forward

    __table_args__ = (Index("ix_links_target", "target_kind", "target", "at"),)
