"""The schema as SQLAlchemy Core tables: cards (with their FSRS state), reviews (one row per answer), note sources,
drills' schedules and attempts, and the daily counts.

The start-up path reads these with Core alone, which spares it loading the ORM; prep.store.models maps its
classes onto the same tables for the code that writes.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    text,
)


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


metadata = MetaData()


def _scheduled() -> list[Column]:
    """The FSRS state that cards and drills both carry, as fsrs.Card holds it, except `state` 0 until
    the first answer (fsrs calls it Learning), so that each part of the daily queue is one index range."""
    return [
        Column("state", Integer, nullable=False, default=0),
        Column("step", Integer, nullable=True, default=0),
        Column("stability", Double, nullable=True),
        Column("difficulty", Double, nullable=True),
        Column("due", UTCDateTime, nullable=False),
        Column("last_review", UTCDateTime, nullable=True),
        Column("reps", Integer, nullable=False, default=0),
        Column("lapses", Integer, nullable=False, default=0),
    ]


cards = Table(
    "cards", metadata,
    Column("id", String(16), primary_key=True),
    Column("deck", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("path", Text, nullable=False),  # the heading path, " › "-joined
    Column("slot", Integer, nullable=False),
    Column("front", Text, nullable=False),
    Column("back", Text, nullable=False),
    Column("source_file", Text, nullable=False),
    Column("source_line", Integer, nullable=False),
    Column("position", Integer, nullable=False),  # order in the notes: new cards come in reading order
    Column("tags", Text, nullable=False, default=""),
    Column("suspended", Boolean, nullable=False, default=False),
    Column("buried_until", Date, nullable=True),  # hidden through this study day
    Column("retired_at", UTCDateTime, nullable=True),  # its note is gone
    Column("planned_due", UTCDateTime, nullable=True),  # pulled forward for the interview
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # Set on a card the learner took from the inbox (prep.store.inbox): the hash of the suggestion it came from. Its
    # text is the learner's from then on: an import never rewrites nor retires it, and never offers that draft again.
    Column("origin", String(12), nullable=True),
    *_scheduled(),
    # The queue's filters ride along so that counting today's cards never reads the table.
    Index("ix_cards_due", "state", "due", "suspended", "retired_at", "buried_until"),
    Index("ix_cards_new", "state", "deck", "position", "suspended", "retired_at", "buried_until"),
    Index("ix_cards_topic", "deck", "path"),  # a topic's cards: siblings to bury, cards to match on import
    # Partial: only the few cards the interview plan pulled forward are in it.
    Index("ix_cards_planned", "planned_due", sqlite_where=text("planned_due IS NOT NULL")),
    Index("ix_cards_lapses", "lapses"),  # leeches
)

reviews = Table(
    "reviews", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("card_id", String(16), ForeignKey("cards.id"), nullable=False, index=True),
    Column("rating", Integer, nullable=False),
    Column("reviewed_at", UTCDateTime, nullable=False),
    Column("day", Date, nullable=False, index=True),  # the local study day, so stats need no date math per row
    Column("duration_ms", Integer, nullable=False),
    Column("state_before", Integer, nullable=False),  # 0 new, else the fsrs.State it was in
    Column("interval_days", Double, nullable=True),  # the interval it was shown after (review cards)
    Column("state_after", Integer, nullable=False),
    Column("snapshot", Text, nullable=False),  # JSON of the card's scheduling fields before, for undo
)

# A notes file last imported, so an unchanged built-in deck is skipped at start-up.
sources = Table(
    "sources", metadata,
    Column("path", Text, primary_key=True),
    Column("deck", String(200), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("imported_at", UTCDateTime, nullable=False),
)

# A drill's FSRS schedule and the round of work in progress (since it was last rated).
drill_states = Table(
    "drill_states", metadata,
    Column("slug", String(100), primary_key=True),
    Column("round_started_at", UTCDateTime, nullable=True),
    Column("round_failures", Integer, nullable=False, default=0),
    Column("round_hints", Integer, nullable=False, default=0),
    Column("updated_at", UTCDateTime, nullable=False),
    *_scheduled(),
)

# One check of a drill: the code as it was, every case's result, and the rating it gave, if any.
attempts = Table(
    "attempts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("slug", String(100), nullable=False, index=True),
    Column("at", UTCDateTime, nullable=False),
    Column("day", Date, nullable=False, index=True),
    Column("status", String(10), nullable=False),  # pass / fail / error / gave-up
    Column("passed", Integer, nullable=False),
    Column("total", Integer, nullable=False),
    Column("duration_s", Double, nullable=False),
    Column("code", Text, nullable=False),
    Column("report", Text, nullable=False),  # the grader's report as JSON
    Column("hints_used", Integer, nullable=False, default=0),
    Column("rating", Integer, nullable=True),
    Column("round_seconds", Double, nullable=True),  # time the round took, on the attempt that ended it
)

# Card answers per study day, kept up to date with each answer so stats read 365 rows, not every review.
# True retention counts answers on cards in review: young (interval < 21 days) and mature, as Anki does.
daily_stats = Table(
    "daily_stats", metadata,
    Column("day", Date, primary_key=True),
    Column("reviews", Integer, nullable=False, default=0),
    Column("review_ms", Integer, nullable=False, default=0),
    Column("young", Integer, nullable=False, default=0),
    Column("young_again", Integer, nullable=False, default=0),
    Column("mature", Integer, nullable=False, default=0),
    Column("mature_again", Integer, nullable=False, default=0),
)

# A deck's own settings. A deck without a row is enabled with the default limit (e.g. restored cards).
decks = Table(
    "decks", metadata,
    Column("name", String(200), primary_key=True),
    Column("enabled", Boolean, nullable=False, default=True),  # a disabled deck keeps its cards but is not studied
    Column("new_per_day", Integer, nullable=True),  # None: the config's new_per_day
    Column("builtin", Boolean, nullable=False, default=False),  # the shipped deck, added on request and kept in sync
)

# A card or drill brought forward by practice on the other kind (prep.practice.links): shown where it acts.
links = Table(
    "links", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target_kind", String(10), nullable=False),  # card / drill
    Column("target", String(100), nullable=False),  # the card id or drill slug brought forward
    Column("reason", Text, nullable=False),  # e.g. "masked attention, given up"
    Column("at", UTCDateTime, nullable=False),
    Column("due_before", UTCDateTime, nullable=True),  # its due before it was brought forward
    Index("ix_links_target", "target_kind", "target", "at"),
)

# Drafts the generator is not sure of (prep.notes.judge): offered in the inbox, never scheduled on their own.
# Accepting one makes a card (cards.origin); dropping one keeps its row, so the same draft is not offered again.
suggestions = Table(
    "suggestions", metadata,
    Column("id", String(16), primary_key=True),  # deck and the draft's hash: the same draft is the same suggestion
    Column("deck", String(200), nullable=False),
    Column("hash", String(12), nullable=False),  # of the draft's question and answer (prep.store.inbox.draft_hash)
    Column("kind", String(20), nullable=False),
    Column("path", Text, nullable=False),
    Column("slot", Integer, nullable=False),
    Column("front", Text, nullable=False),
    Column("back", Text, nullable=False),
    Column("tags", Text, nullable=False, default=""),
    Column("source_file", Text, nullable=False),
    Column("source_line", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("dropped", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_suggestions_deck", "deck", "dropped", "position"),
)
