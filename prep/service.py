"""The service layer: everything the TUI and the command line do to decks and reviews.

Every method that changes something commits before it returns, so an answer is
on disk before the next card is asked for. Callers pass `now` (aware UTC).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

import fsrs
from sqlalchemy import Select, and_, delete, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from prep import paths
from prep.config import Config
from prep.decks import NotesFile, digest_of, find_notes, read_notes
from prep.errors import PrepError
from prep.notes.cards import Gap
from prep.schedule import RATING_NAMES, SchedulingState, day_end, format_interval, make_scheduler, preview, review, study_day
from prep.store.database import open_database
from prep.store.importer import ImportCounts, sync_deck
from prep.store.models import Card, Review, Source

NEW = 0
LEARN_AHEAD = timedelta(minutes=20)  # like Anki: a learning card due this soon is shown rather than waiting
_STATE_NAMES = {NEW: "new", 1: "learning", 2: "review", 3: "relearning"}


@dataclass(frozen=True)
class CardView:
    id: str
    deck: str
    kind: str
    front: str
    back: str
    source_file: str
    source_line: int
    tags: tuple[str, ...]
    state: str
    intervals: dict[str, str]  # rating name → interval label, e.g. {"Good": "3d"}


@dataclass(frozen=True)
class TodayView:
    due: int  # learning and review cards due today, within the daily review limit
    new: int  # new cards that may still be introduced today
    reviewed: int  # answers given today
    streak: int  # consecutive study days with at least one answer, up to today


@dataclass
class ImportReport:
    counts: ImportCounts = field(default_factory=ImportCounts)
    files: list[str] = field(default_factory=list)
    gaps: list[tuple[str, Gap]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.counts.added, "updated": self.counts.updated,
            "unchanged": self.counts.unchanged, "retired": self.counts.retired,
            "files": self.files,
            "gaps": [{"source": f"{file}:{gap.line}", "where": gap.where, "reason": gap.reason} for file, gap in self.gaps],
        }


def _snapshot(card: Card) -> str:
    return json.dumps({
        "state": card.state, "step": card.step, "stability": card.stability, "difficulty": card.difficulty,
        "due": card.due.isoformat(), "last_review": card.last_review.isoformat() if card.last_review else None,
        "reps": card.reps, "lapses": card.lapses,
    })


def _scheduling(card: Card) -> SchedulingState:
    return SchedulingState(card.state, card.step, card.stability, card.difficulty, card.due, card.last_review)


class PrepService:
    def __init__(self, database: Path, config: Config | None = None, tz: tzinfo | None = None) -> None:
        self.config = config or Config()
        self.tz = tz  # None: the machine's local time zone
        self.database = database
        self._engine = open_database(database)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        self._scheduler = make_scheduler(self.config)

    def close(self) -> None:
        self._engine.dispose()

    def _day(self, now: datetime) -> date:
        return study_day(now, self.tz, self.config.day_starts_at_hour)

    # ---- decks --------------------------------------------------------------

    def import_paths(self, given: list[Path], now: datetime) -> ImportReport:
        """Import notes files and folders; any unreadable file stops the import before anything is written."""
        files = [read_notes(path, deck) for path, deck in find_notes(given)]
        return self._store(files, now)

    def sync_builtin(self, now: datetime, decks_dir: Path | None = None) -> ImportReport | None:
        """Import the shipped deck when it is new or its files changed; cheap when nothing changed."""
        folder = decks_dir or paths.builtin_decks_dir()
        found = find_notes([folder])
        with self._sessions() as session:
            known = {s.path: s.digest for s in session.scalars(select(Source))}
        changed = [(p, d) for p, d in found if known.get(str(p.resolve())) != digest_of(p.read_bytes())]
        if not changed:
            return None
        return self._store([read_notes(p, d) for p, d in changed], now)

    def _store(self, files: list[NotesFile], now: datetime) -> ImportReport:
        report = ImportReport()
        with self._sessions.begin() as session:
            for notes in files:
                report.counts += sync_deck(session, notes.deck, str(notes.path), notes.generated.drafts, now)
                report.files.append(str(notes.path))
                report.gaps += [(str(notes.path), gap) for gap in notes.generated.gaps]
                session.merge(Source(path=str(notes.path), deck=notes.deck, digest=notes.digest, imported_at=now))
        return report

    # ---- the daily queue ----------------------------------------------------

    def _visible(self, day: date) -> Select[tuple[Card]]:
        return select(Card).where(
            Card.retired_at.is_(None), Card.suspended.is_(False),
            or_(Card.buried_until.is_(None), Card.buried_until < day),
        )

    def _answered_today(self, session: Session, day: date) -> tuple[int, int, int]:
        """Answers today: all, those that introduced a new card, those on review cards."""
        row = session.execute(
            select(func.count(), func.count().filter(Review.state_before == NEW), func.count().filter(Review.state_before == 2))
            .where(Review.day == day)
        ).one()
        return row[0], row[1], row[2]

    def today(self, now: datetime) -> TodayView:
        day = self._day(now)
        end = day_end(day, self.tz, self.config.day_starts_at_hour)
        with self._sessions() as session:
            answered, new_done, reviews_done = self._answered_today(session, day)
            visible = self._visible(day).subquery()
            learning = session.scalar(select(func.count()).select_from(visible).where(visible.c.reps > 0, visible.c.state != 2, visible.c.due < end)) or 0
            reviews = session.scalar(select(func.count()).select_from(visible).where(visible.c.reps > 0, visible.c.state == 2, visible.c.due < end)) or 0
            fresh = session.scalar(select(func.count()).select_from(visible).where(visible.c.reps == 0)) or 0
            streak = self._streak(session, day)
        reviews = min(reviews, max(0, self.config.reviews_per_day - reviews_done))
        fresh = min(fresh, max(0, self.config.new_per_day - new_done))
        return TodayView(due=learning + reviews, new=fresh, reviewed=answered, streak=streak)

    def _streak(self, session: Session, today: date) -> int:
        days = session.scalars(select(Review.day).distinct().order_by(Review.day.desc()).limit(4000)).all()
        expected = today if days and days[0] == today else today - timedelta(days=1)
        streak = 0
        for day in days:
            if day != expected:
                break
            streak += 1
            expected -= timedelta(days=1)
        return streak

    def next_card(self, now: datetime) -> CardView | None:
        """The card to show now: due learning cards, then due reviews, then new cards, then learning cards due soon."""
        day = self._day(now)
        end = day_end(day, self.tz, self.config.day_starts_at_hour)
        with self._sessions() as session:
            _, new_done, reviews_done = self._answered_today(session, day)
            visible = self._visible(day)
            learning = and_(Card.reps > 0, Card.state != 2)
            queries = [visible.where(learning, Card.due <= now).order_by(Card.due)]
            if reviews_done < self.config.reviews_per_day:
                queries.append(visible.where(Card.reps > 0, Card.state == 2, Card.due < end).order_by(Card.due))
            if new_done < self.config.new_per_day:
                queries.append(visible.where(Card.reps == 0).order_by(Card.deck, Card.position))
            queries.append(visible.where(learning, Card.due <= now + LEARN_AHEAD).order_by(Card.due))
            for query in queries:
                card = session.scalars(query.limit(1)).first()
                if card is not None:
                    return self._view(card, now)
        return None

    def _view(self, card: Card, now: datetime) -> CardView:
        intervals = preview(self._scheduler, _scheduling(card), now)
        return CardView(
            id=card.id, deck=card.deck, kind=card.kind, front=card.front, back=card.back,
            source_file=card.source_file, source_line=card.source_line, tags=tuple(card.tags.split()),
            state=_STATE_NAMES[NEW if card.reps == 0 else card.state],
            intervals={RATING_NAMES[r]: format_interval(i) for r, i in intervals.items()},
        )

    # ---- answers ------------------------------------------------------------

    def answer(self, card_id: str, rating: int, now: datetime, duration_ms: int = 0) -> None:
        """Record an answer (1 Again … 4 Easy) and reschedule the card, in one committed transaction."""
        if rating not in (1, 2, 3, 4):
            raise PrepError(f"rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not {rating}.")
        with self._sessions.begin() as session:
            card = self._card(session, card_id)
            before = NEW if card.reps == 0 else card.state
            snapshot = _snapshot(card)
            after = review(self._scheduler, _scheduling(card), fsrs.Rating(rating), now)
            card.state, card.step, card.stability, card.difficulty = after.state, after.step, after.stability, after.difficulty
            card.due, card.last_review = after.due, after.last_review
            card.reps += 1
            card.lapses += int(rating == 1 and before == 2)
            card.updated_at = now
            session.add(Review(card_id=card.id, rating=rating, reviewed_at=now, day=self._day(now),
                               duration_ms=max(0, int(duration_ms)), state_before=before, state_after=after.state, snapshot=snapshot))

    def undo(self) -> str | None:
        """Take back the latest answer: the card gets its state back and the review row goes. Returns the card id."""
        with self._sessions.begin() as session:
            last = session.scalars(select(Review).order_by(Review.id.desc()).limit(1)).first()
            if last is None:
                return None
            card = self._card(session, last.card_id)
            saved = json.loads(last.snapshot)
            for name in ("state", "step", "stability", "difficulty", "reps", "lapses"):
                setattr(card, name, saved[name])
            card.due = datetime.fromisoformat(saved["due"])
            card.last_review = datetime.fromisoformat(saved["last_review"]) if saved["last_review"] else None
            session.execute(delete(Review).where(Review.id == last.id))
            return card.id

    def suspend(self, card_id: str, now: datetime) -> None:
        with self._sessions.begin() as session:
            card = self._card(session, card_id)
            card.suspended, card.updated_at = True, now

    def bury(self, card_id: str, now: datetime) -> None:
        """Hide the card for the rest of today's study day."""
        with self._sessions.begin() as session:
            card = self._card(session, card_id)
            card.buried_until, card.updated_at = self._day(now), now

    def ratings_today(self, now: datetime) -> dict[str, int]:
        with self._sessions() as session:
            rows = session.execute(select(Review.rating, func.count()).where(Review.day == self._day(now)).group_by(Review.rating)).all()
        counts = dict(rows)
        return {RATING_NAMES[fsrs.Rating(r)]: counts.get(r, 0) for r in (1, 2, 3, 4)}

    def _card(self, session: Session, card_id: str) -> Card:
        card = session.get(Card, card_id)
        if card is None:
            raise PrepError(f"no card with id {card_id!r}.")
        return card

    # ---- export -------------------------------------------------------------

    def export_cards(self) -> list[dict[str, object]]:
        with self._sessions() as session:
            counts = dict(session.execute(select(Review.card_id, func.count()).group_by(Review.card_id)).all())
            cards = session.scalars(select(Card).order_by(Card.deck, Card.position)).all()
        return [
            {
                "id": c.id, "deck": c.deck, "kind": c.kind, "front": c.front, "back": c.back,
                "source": f"{c.source_file}:{c.source_line}", "path": c.path, "tags": c.tags.split(),
                "state": _STATE_NAMES[NEW if c.reps == 0 else c.state], "due": c.due.isoformat(),
                "reviews": counts.get(c.id, 0), "lapses": c.lapses,
                "suspended": c.suspended, "retired": c.retired_at is not None,
            }
            for c in cards
        ]
