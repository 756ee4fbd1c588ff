"""The service layer: everything the TUI and the command line do to decks and reviews.

Every method that changes something commits before it returns, so an answer is
on disk before the next card is asked for. Callers pass `now` (aware UTC).

The start-up path (today's counts, the next card, the drills of the day) reads the
tables with SQLAlchemy Core; the ORM loads with the first write, or in the background
once the first screen is up (`warm_up`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import fsrs
from sqlalchemy import Connection, Row, Select, delete, func, select, tuple_

from prep.decks.notes_files import NotesFile, digest_of, find_notes, read_notes
from prep.decks.studied import DeckService, ensure_decks
from prep.errors import PrepError
from prep.practice.links import card_reasons
from prep.review.answering import AnsweredCard, ReviewValues, read_locked, write_card, write_review
from prep.review.answers import Answered
from prep.review.queue import Part, Queue, QueueCounts, bury_siblings
from prep.schedule.memory import (
    NEW,
    RATING_NAMES,
    REVIEW,
    SchedulingState,
    day_end,
    format_interval,
    make_scheduler,
    preview,
    review_row,
    streaks,
    study_day,
)
from prep.settings import paths
from prep.settings.config import Config
from prep.store.daily import count_review, study_days, uncount_review
from prep.store.database import open_database, reader
from prep.store.location import Database, ServerURL
from prep.store.sql import days_between
from prep.store.tables import cards, reviews, sources
from prep.store.writes import locked, locked_all, locked_where, one_at_a_time, takes_row_locks, write, write_core

if TYPE_CHECKING:  # these load only when used: the start-up path (today, next_card) reads with Core alone
    from sqlalchemy.orm import Session, sessionmaker

    from prep.interop.anki import AnkiExport
    from prep.interop.backup import Restored
    from prep.mock.interview import MockService
    from prep.notes.model import Gap, Reading
    from prep.practice.drill_service import DrillService
    from prep.progress.stats import Stats, StatsQueries
    from prep.review.actions import CardActions, Change
    from prep.review.browse import Browser
    from prep.schedule.plan import Plan
    from prep.store.importer import ImportCounts
    from prep.store.inbox import Offered
    from prep.store.models import Card

_STATE_NAMES = {NEW: "new", 1: "learning", 2: "review", 3: "relearning"}


# The records the start-up path returns are NamedTuples: immutable like frozen dataclasses, and each costs a tenth
# of one to define (a dataclass's methods are generated source compiled at import: 0.3-0.6 ms each, bench/startup.py).


class CardView(NamedTuple):
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
    brought_by: tuple[str, ...] = ()  # why a drill brought it forward (prep.practice.links), e.g. "Masked attention, given up"
    answers: int = 0  # the card's answers when it was read: more at answer time means another machine answered it
    path: str = ""  # the headings the card lives under, " › "-joined: shown dimmed above the question




class TodayView(NamedTuple):
    new: int  # new cards that may still be introduced today
    learning: int
    review: int
    reviewed: int  # answers given today
    streak: int  # consecutive study days with at least one answer, up to today
    drills: int = 0  # drills for today's session

    @property
    def due(self) -> int:  # learning and review cards due today, within the daily review limit
        return self.learning + self.review


@dataclass
class ImportReport:
    counts: ImportCounts = field(default_factory=lambda: _import_counts())
    files: list[str] = field(default_factory=list)
    gaps: list[tuple[str, Gap]] = field(default_factory=list)
    reading: list[tuple[str, Reading]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.counts.added, "updated": self.counts.updated,
            "unchanged": self.counts.unchanged, "moved": self.counts.moved, "retired": self.counts.retired,
            "suggested": self.counts.suggested,
            "files": self.files,
            "gaps": [{"source": f"{file}:{gap.line}", "where": gap.where, "reason": gap.reason} for file, gap in self.gaps],
            "reading": [{"source": f"{file}:{item.line}", "text": item.text, "url": item.url} for file, item in self.reading],
        }


def _import_counts() -> ImportCounts:
    from prep.store.importer import ImportCounts  # the importer (and the ORM) load when something is imported

    return ImportCounts()


def _snapshot(card: Card | AnsweredCard) -> str:
    return json.dumps({
        "state": card.state, "step": card.step, "stability": card.stability, "difficulty": card.difficulty,
        "due": card.due.isoformat(), "last_review": card.last_review.isoformat() if card.last_review else None,
        "reps": card.reps, "lapses": card.lapses,
    })


def _with_buried(snapshot: str, buried: list[str]) -> str:
    return json.dumps({**json.loads(snapshot), "buried": buried}) if buried else snapshot


class PrepService:
    def __init__(self, database: Database, config: Config | None = None, tz: tzinfo | None = None) -> None:
        self.config = config or Config()
        self.tz = tz  # None: the machine's local time zone
        self.database = database
        self._engine = open_database(database)
        self._reads = reader(self._engine)  # for what only reads: no writer's lock taken on SQLite (prep.store.database)
        self._scheduler = make_scheduler(self.config)
        self._optimizable: tuple[int, bool] = (0, False)  # (answers when last looked, enough to fit): can_optimize
        self.decks = DeckService(self._engine, self.config, tz)  # Core: the start-up path asks it
        self._queue = Queue()  # today's queue (prep.review.queue)

    # The services that write load the ORM, so they are made when first used, not at start-up; and the drills,
    # whose counts on Today come a moment after the first card (prep.tui.screens.today).

    @cached_property
    def drills(self) -> DrillService:
        """Drills, their runs and their schedule (prep.practice.drill_service)."""
        from prep.practice.drill_service import DrillService

        # Workspaces sit beside the database, so `--db` gives a whole separate setup.
        workspaces = paths.workspaces_dir() if isinstance(self.database, ServerURL) else self.database.parent / "workspaces"
        return DrillService(self._engine, lambda: self._sessions, self.config, self.tz, workspaces)

    @cached_property
    def cards(self) -> CardActions:
        """Suspend, bury, forget, and their undo (prep.review.actions)."""
        from prep.review.actions import CardActions

        return CardActions(self._sessions, self.config, self.tz)

    @cached_property
    def browser(self) -> Browser:
        """Finding cards (prep.review.browse)."""
        from prep.review.browse import Browser

        return Browser(self._sessions, self.config, self.tz)

    @cached_property
    def mocks(self) -> MockService:
        """Mock interviews (prep.mock.interview)."""
        from prep.mock.interview import MockService

        return MockService(self)

    @cached_property
    def _sessions(self) -> sessionmaker[Session]:
        """ORM sessions, for the code that writes: the ORM loads on first use, not at start-up."""
        from sqlalchemy.orm import sessionmaker

        import prep.store.models  # noqa: F401 - maps the classes onto the tables

        return sessionmaker(self._engine, expire_on_commit=False)

    def warm_up(self) -> None:
        """Load the ORM now (the TUI calls this from a thread once the first screen is up), so the first answer is quick."""
        self._sessions  # noqa: B018 - the property loads and caches it

    def reconfigure(self, config: Config) -> None:
        """Apply new settings (from the settings screen) without reopening the database."""
        self.config = config
        self._scheduler = make_scheduler(config)
        self.decks.config = config
        if "drills" in self.__dict__:
            self.drills.reconfigure(config)
        for made in ("cards", "browser"):  # those not made yet take the config when they are
            if made in self.__dict__:
                self.__dict__[made].config = config

    def close(self) -> None:
        self._engine.dispose()

    def collection_mark(self) -> tuple[object, ...]:
        """Changes whenever the collection does, whoever wrote (prep.review.changes): screens that stay on top ask."""
        from prep.review.changes import collection_mark

        with self._reads.connect() as connection:
            return collection_mark(connection)

    def _day(self, now: datetime) -> date:
        return study_day(now, self.tz, self.config.day_starts_at_hour)

    def interview_days_left(self, now: datetime) -> int | None:
        """Study days until the interview date, when one is set and ahead."""
        interview = self.config.interview_date
        left = None if interview is None else (interview - self._day(now)).days
        return left if left is not None and left > 0 else None

    # ---- decks --------------------------------------------------------------

    def import_paths(self, given: list[Path], now: datetime) -> ImportReport:
        """Import notes files and folders; any unreadable file stops the import before anything is written."""
        files = [read_notes(path, deck) for path, deck in find_notes(given)]
        return self._store(files, now)

    def add_builtin(self, now: datetime, decks_dir: Path | None = None) -> ImportReport:
        """Add the shipped deck at the user's request (it is offered, never imposed)."""
        found = find_notes([decks_dir or paths.builtin_decks_dir()])
        return self._store([read_notes(p, d) for p, d in found], now, builtin=True)

    def sync_builtin(self, now: datetime, decks_dir: Path | None = None) -> ImportReport | None:
        """Bring the shipped deck up to date when it was added and its files changed; cheap when nothing changed."""
        added = self.decks.builtin_names()
        if not added:
            return None
        found = [(p, d) for p, d in find_notes([decks_dir or paths.builtin_decks_dir()]) if d in added]
        with self._engine.connect() as connection:
            known = dict(connection.execute(select(sources.c.path, sources.c.digest)).all())
        changed = [(p, d) for p, d in found if known.get(str(p.resolve())) != digest_of(p.read_bytes())]
        if not changed:
            return None
        return self._store([read_notes(p, d) for p, d in changed], now, builtin=True)

    def reimport_source(self, source_file: str, now: datetime) -> ImportReport:
        """Import one notes file again under the deck it was imported as (after the user edited it)."""
        from prep.store.models import Source

        with self._sessions() as session:
            source = session.get(Source, source_file)
        if source is None:
            raise PrepError(f"{source_file}: this file was never imported; run `prep import {source_file}`.")
        return self._store([read_notes(Path(source_file), source.deck)], now)

    def _store(self, files: list[NotesFile], now: datetime, builtin: bool = False) -> ImportReport:
        """Store the notes' cards, one import at a time (another waits), in short transactions: a prep studying the
        same collection meanwhile records its answers between them (prep.store.importer.write_plan). Each file's
        record (`sources`) is written last, so an import cut off on the way is done again whole by the next."""
        from prep.store.importer import deck_cards, plan_deck, write_plan
        from prep.store.inbox import to_write

        with one_at_a_time(self._engine, "import"):  # two imports of the same notes would both add the same new cards
            if self._has_cards():
                from prep.store.backups import make_backup  # an import's: start-up does not need it

                make_backup(self.database, "before-import", now)
            write_core(self._engine, lambda connection: ensure_decks(connection, [notes.deck for notes in files], builtin))
            report = ImportReport()
            for notes in files:
                with self._engine.connect() as connection:
                    existing = deck_cards(connection, notes.deck)
                plan = plan_deck(existing, notes.deck, str(notes.path), notes.generated.drafts, now,
                                 schedule_suggestions=self.config.schedule_suggestions)
                write_plan(self._engine, plan, now)
                writes = to_write(notes.generated.gaps, {c.origin for c in existing if c.origin})
                plan.counts.suggested = write(self._sessions, lambda session, notes=notes, plan=plan, writes=writes:
                                              self._imported(session, notes, plan.offered + writes, now))
                report.counts += plan.counts
                report.files.append(str(notes.path))
                report.gaps += [(str(notes.path), gap) for gap in notes.generated.gaps]
                report.reading += [(str(notes.path), item) for item in notes.generated.reading]
        return report

    @staticmethod
    def _imported(session: Session, notes: NotesFile, offered: list, now: datetime) -> int:
        """The file's suggestions in the inbox, and the record that it was imported whole; the open suggestions."""
        from prep.store.inbox import sync_suggestions
        from prep.store.models import Source

        suggested = sync_suggestions(session, notes.deck, str(notes.path), offered, now)
        session.merge(Source(path=str(notes.path), deck=notes.deck, digest=notes.digest, imported_at=now))
        return suggested

    def _has_cards(self) -> bool:
        with self._engine.connect() as connection:
            return connection.scalar(select(cards.c.id).limit(1)) is not None

    # ---- the daily queue ----------------------------------------------------

    def _parts(self, connection: Connection, now: datetime, deck: str | None) -> tuple[list[Part], Select, dict[str, object]]:
        """Today's queue (prep.review.queue): its parts in the order cards are shown, the statement counting them, the values."""
        day = self._day(now)
        return self._queue.parts(connection, self.config, now, day, day_end(day, self.tz, self.config.day_starts_at_hour), deck)

    def remaining(self, now: datetime, deck: str | None = None) -> QueueCounts:
        """Cards left in today's queue (of one deck, or all studied). Cheap enough to ask after every answer."""
        with self._reads.connect() as connection:
            return self._remaining(connection, now, deck)

    def _remaining(self, connection: Connection, now: datetime, deck: str | None = None) -> QueueCounts:
        _, counts, values = self._parts(connection, now, deck)
        learning_now, reviews, planned, fresh, learning_soon = connection.execute(counts, values).one()
        return QueueCounts(new=fresh, learning=learning_now + learning_soon, review=reviews + planned)

    def today(self, now: datetime, deck: str | None = None) -> TodayView:
        with self._reads.connect() as connection:
            left = self._remaining(connection, now, deck)
            day = self._day(now)
            reviewed = self._queue.answered(connection, day)[0] if deck is None else self._answered_in(connection, day, deck)
            streak = streaks(study_days(connection), day)[0]
        return TodayView(new=left.new, learning=left.learning, review=left.review, reviewed=reviewed, streak=streak,
                         drills=len(self.drills.due_today(now)))

    @staticmethod
    def _answered_in(connection: Connection, day: date, deck: str) -> int:
        """Answers on `day` to the cards of one deck: a Today filtered on a deck counts that deck's alone."""
        return connection.scalar(select(func.count()).select_from(reviews.join(cards, reviews.c.card_id == cards.c.id))
                                 .where(reviews.c.day == day, cards.c.deck == deck)) or 0

    def next_card(self, now: datetime, deck: str | None = None) -> CardView | None:
        """The card to show now (of one deck, or of all studied), or None when today's queue is empty."""
        with self._reads.connect() as connection:
            parts, _, values = self._parts(connection, now, deck)
            for part in parts:
                if part.capped and values["reviews_left"] == 0:
                    continue
                card = connection.execute(part.first, values).first()
                if card is not None:
                    return self._view(connection, card, now)
        return None

    def _view(self, connection: Connection | Session, card: Row | Card, now: datetime) -> CardView:
        """The card as the review shows it: a row of the cards table or a Card, read with `connection`."""
        scheduling = SchedulingState(card.state, card.step, card.stability, card.difficulty, card.due, card.last_review)
        intervals = preview(self._scheduler, scheduling, now)
        return CardView(
            id=card.id, deck=card.deck, kind=card.kind, front=card.front, back=card.back,
            source_file=card.source_file, source_line=card.source_line, tags=tuple(card.tags.split()),
            state=_STATE_NAMES[card.state],
            intervals={RATING_NAMES[r]: format_interval(i) for r, i in intervals.items()},
            # Why a drill pulled it forward (prep.practice.links): only a card answered before can be (bring_cards_forward).
            brought_by=() if card.state == NEW else tuple(card_reasons(connection, card)),
            answers=card.reps,
            path=card.path,
        )

    # ---- progress and the interview ---------------------------------------------

    def _stats(self, session: Session) -> StatsQueries:
        from prep.progress.stats import StatsQueries  # loaded when asked for: start-up does not need it

        return StatsQueries(session, self.config, self.tz, self._scheduler)

    def replan(self, now: datetime) -> None:
        """Make the interview plan again, as each start does (the cards' states have changed since): on most starts,
        with no date and nothing planned, one query and nothing loaded (prep.schedule.plan and the ORM wait for a plan)."""
        if not self._nothing_to_plan(now):
            self._make_plan(now)

    def plan(self, now: datetime) -> Plan:
        """Plan reviews toward the interview date (or clear the plan); cheap when there is no date."""
        if self._nothing_to_plan(now):  # most starts: nothing planned, nothing to plan, no ORM
            from prep.schedule.plan import Plan

            return Plan({}, 0)
        return self._make_plan(now)

    def _nothing_to_plan(self, now: datetime) -> bool:
        if self.config.interview_date is not None and self.config.interview_date > self._day(now):
            return False
        with self._engine.connect() as connection:
            return connection.scalar(select(cards.c.id).where(cards.c.planned_due.is_not(None)).limit(1)) is None

    def _make_plan(self, now: datetime) -> Plan:
        from prep.schedule.plan import make_plan

        plan = write(self._sessions, lambda session: make_plan(session, self.config, self.tz, self._scheduler, now))
        drills = self.drills.plan(now)  # made from the drills' states each time it is asked for (prep.schedule.drill_plan)
        return replace(plan, drills_per_day=drills.per_day(), drills_unplaced=drills.unplaced)

    def stats(self, now: datetime) -> Stats:
        from prep.mock.interview import history as mock_history
        from prep.progress.stats import CardRecall, Readiness, Stats

        today = self._day(now)
        interview = self.config.interview_date
        on = day_end(interview - timedelta(days=1), self.tz, self.config.day_starts_at_hour) if interview else None
        drills = self.drills.catalog()
        with self._sessions() as session:
            queries = self._stats(session)
            current, longest = streaks(study_days(session), today)
            drill_plan = self.drills.plan(now, session)
            forecast = queries.forecast(now, today, drill_plan.days)
            readiness = None
            ahead = interview is not None and interview > today
            topics = queries.mastery(now, on if ahead else None)
            if ahead:
                recall = queries.drill_recall(drills, on)
                learned = sum(t.learned for t in topics)
                cards_sum = sum((t.recall_on_date or 0) * t.total for t in topics)  # each topic's share is of all its cards
                solved = [recall[d.slug] for d in drills if recall[d.slug] > 0]  # known: the last rating a pass
                total = sum(t.total for t in topics)
                # Of every card the plan covers and every drill, those never studied at zero: no flattering average.
                readiness = Readiness(
                    date=interview, days_left=(interview - today).days, target=self.config.interview_retention,
                    overall=(cards_sum + sum(solved)) / (total + len(drills)) if total + len(drills) else 0.0,
                    cards=cards_sum / total if total else 0.0,
                    drills=sum(solved) / len(drills) if drills else 0.0, drills_known=len(solved), drills_total=len(drills),
                    drills_per_day=drill_plan.per_day(), drills_unplaced=drill_plan.unplaced,
                    learned=learned, total=total, topics=topics,
                    cards_at_risk=queries.weakest(on, below=self.config.interview_retention, limit=20),
                    drills_at_risk=sorted((CardRecall(d.slug, d.topics[0] if d.topics else "", d.title, recall[d.slug])
                                           for d in drills if recall[d.slug] < self.config.interview_retention),
                                          key=lambda item: item.recall),
                    extra_per_day=queries.planned_per_day(now, interview))
            return Stats(
                today=today, activity=queries.activity(today), current_streak=current, longest_streak=longest,
                forecast=forecast, retention=queries.retention(today), desired_retention=self.config.desired_retention,
                mastery=topics, drill_mastery=queries.drill_mastery(drills, now, on if ahead else None),
                weakest=queries.weakest(now), drills=queries.drill_summary(drills), leeches=queries.leeches(),
                readiness=readiness, mocks=mock_history(session))

    # ---- answers ------------------------------------------------------------

    def answer(self, card_id: str, rating: int, now: datetime, duration_ms: int = 0, seen_answers: int | None = None) -> Answered:
        """Record an answer (1 Again … 4 Easy) and reschedule the card, in one committed transaction.

        The card is locked and read afresh, so the answer is applied to its newest state even when another machine
        answered it meanwhile: that answer is a real recall, so it is recorded too, scheduled from the other
        machine's result (never from the state on screen, which would overwrite it). With `seen_answers` (the card's
        `CardView.answers` as it was on screen), `Answered.also_elsewhere` says whether that happened.
        """
        if rating not in (1, 2, 3, 4):
            raise PrepError(f"rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not {rating}.")
        return write_core(self._engine, lambda connection: self._answer(connection, card_id, rating, now, duration_ms,
                                                                        seen_answers))

    def _answer(self, connection: Connection, card_id: str, rating: int, now: datetime, duration_ms: int,
                seen_answers: int | None) -> Answered:
        """In Core, not the ORM (prep.review.answering): an answer is on the way from the rating key to the next card."""
        card = read_locked(connection, card_id, with_topic=self.config.bury_siblings)
        if card is None:
            raise PrepError(f"no card with id {card_id!r}.")
        # Never before the card's last answer (another machine's clock may run ahead): a review's time is the moment
        # its schedule was computed from, so replaying the reviews in order gives the card's state.
        if card.last_review is not None and card.last_review > now:
            now = card.last_review
        before = card.state
        snapshot = _snapshot(card)
        interval_days = (card.due - card.last_review).total_seconds() / 86400 if card.last_review else None
        review_row(self._scheduler, card, fsrs.Rating(rating), now)
        card.reps += 1
        card.lapses += int(rating == 1 and before == REVIEW)
        card.updated_at = now
        card.planned_due = None  # the interview plan is made again from the new state
        write_card(connection, card)
        buried = self._bury_siblings(connection, card, now) if self.config.bury_siblings else []
        if rating == 1 and before == REVIEW and card.lapses >= 2:  # forgotten twice: its drills come forward
            self._drills_forward(connection, card, now)
        answer = ReviewValues(card_id=card.id, rating=rating, reviewed_at=now, day=self._day(now),
                              duration_ms=max(0, int(duration_ms)), state_before=before, state_after=card.state,
                              snapshot=_with_buried(snapshot, buried), interval_days=interval_days)
        review_id = write_review(connection, answer)
        count_review(connection, answer)
        return Answered(review_id, card.id, rating, also_elsewhere=seen_answers is not None and card.reps - 1 > seen_answers,
                        buried=len(buried))

    def _drills_forward(self, connection: Connection, card: AnsweredCard, now: datetime) -> None:
        """A card forgotten twice: its drills come forward (prep.practice.links), in the answer's transaction."""
        from sqlalchemy.orm import Session

        from prep.practice.links import bring_drills_forward

        with Session(bind=connection) as session:  # joins the transaction: the answer's commit is the caller's
            bring_drills_forward(session, card, self.drills.catalog(), now, self.config, self.tz)
            session.flush()

    def find_answer(self, card_id: str, rating: int, at: datetime, duration_ms: int) -> Answered | None:
        """An answer already saved with these values (at `at` or later, as `answer` may move it after the card's
        last answer): a save whose connection dropped may have been committed (prep.review.pending asks before saving again)."""
        with self._reads.connect() as connection:
            found = connection.scalar(select(reviews.c.id).where(
                reviews.c.card_id == card_id, reviews.c.rating == rating, reviews.c.duration_ms == max(0, int(duration_ms)),
                reviews.c.reviewed_at >= at).order_by(reviews.c.id).limit(1))
        return None if found is None else Answered(found, card_id, rating)

    def _locked_card(self, session: Session, card_id: str) -> Card:
        """The card, locked and read afresh; with its topic's other cards too when an answer buries them, all in
        id order, so two machines answering cards of one topic wait for each other instead of deadlocking."""
        from prep.store.models import Card

        if self.config.bury_siblings and takes_row_locks(session):  # SQLite: the writer lock orders writers already
            # One statement, one round trip: the topic's cards (this one among them) read afresh and locked in id order.
            topic = select(cards.c.deck, cards.c.path).where(cards.c.id == card_id)
            locked_where(session, Card, tuple_(Card.deck, Card.path).in_(topic))
            card = session.get(Card, card_id)  # from the session's identity map: just read and locked
        else:
            card = locked(session, Card, card_id)
        if card is None:
            raise PrepError(f"no card with id {card_id!r}.")
        return card

    def _bury_siblings(self, connection: Connection, card: AnsweredCard, now: datetime) -> list[str]:
        """Like Anki: the other cards of the same fact wait until tomorrow, so one cannot give another away."""
        values = {"day": self._day(now), "card_id": card.id, "card_deck": card.deck, "card_path": card.path,
                  "card_file": card.source_file, "card_line": card.source_line}
        return list(connection.scalars(bury_siblings(), values))

    def undo(self, card_id: str | None = None, review_id: int | None = None) -> str | None:
        """Take back the latest answer: the card gets its state back and the review row goes.

        With `review_id` (from `Answered`), only that answer, and only while it is still the card's latest (another
        machine may have answered the card since: its answer was scheduled from this one, which then stays).
        With `card_id`, only if the latest answer of all was to this card. Returns the card id, or None when
        there is nothing to undo.
        """
        return write(self._sessions, lambda session: self._undo(session, card_id, review_id))

    def _undo(self, session: Session, card_id: str | None, review_id: int | None) -> str | None:
        from prep.store.models import Card, Review

        if review_id is not None:
            last = session.get(Review, review_id)
            if last is None:
                raise PrepError("that answer is no longer in the collection; nothing undone.")
        else:
            last = session.scalars(select(Review).order_by(Review.id.desc()).limit(1)).first()
            if last is None:
                return None
            if card_id is not None and last.card_id != card_id:
                raise PrepError("the latest answer is no longer this session's (another prep answered since); nothing undone.")
        card = self._locked_card(session, last.card_id)
        # Read again under the card's lock: another machine may have answered it between the two reads.
        newest = session.scalar(select(func.max(reviews.c.id)).where(reviews.c.card_id == card.id))
        if newest != last.id:
            raise PrepError("this card was answered again on another machine since; that answer was scheduled from "
                            "this one, so nothing is undone.")
        saved = json.loads(last.snapshot)
        for name in ("state", "step", "stability", "difficulty", "reps", "lapses"):
            setattr(card, name, saved[name])
        card.due = datetime.fromisoformat(saved["due"])
        card.last_review = datetime.fromisoformat(saved["last_review"]) if saved["last_review"] else None
        for sibling in locked_all(session, Card, saved.get("buried", [])):
            sibling.buried_until = None
        uncount_review(session, last)
        session.execute(delete(Review).where(Review.id == last.id))
        return card.id

    def suspend(self, card_id: str, now: datetime) -> Change:
        """Set the card aside for good (this card alone, as in Anki); undo with `cards.undo`."""
        return self.cards.apply("suspend", card_id, now)

    def bury(self, card_id: str, now: datetime) -> Change:
        """Hide the card (this card alone, as Anki's Bury Card) for the rest of today's study day."""
        return self.cards.apply("bury", card_id, now)

    def card(self, card_id: str, now: datetime) -> CardView:
        """One card as the review shows it (the browser's preview, on each move of its cursor: Core, a read alone)."""
        with self._reads.connect() as connection:
            card = connection.execute(select(cards).where(cards.c.id == card_id)).first()
            if card is None:
                raise PrepError(f"no card with id {card_id!r}.")
            return self._view(connection, card, now)

    def ratings_today(self, now: datetime) -> dict[str, int]:
        with self._reads.connect() as connection:
            rows = connection.execute(select(reviews.c.rating, func.count()).where(reviews.c.day == self._day(now))
                                      .group_by(reviews.c.rating)).all()
        counts = dict(rows)
        return {RATING_NAMES[fsrs.Rating(r)]: counts.get(r, 0) for r in (1, 2, 3, 4)}

    # ---- the inbox ----------------------------------------------------------

    def inbox(self, deck: str | None = None) -> list[Offered]:
        """The suggestions the generator was not sure of, to accept, edit, skip or drop (prep.store.inbox)."""
        from prep.store.inbox import offered

        with self._sessions() as session:
            return offered(session, deck)

    def inbox_count(self, deck: str | None = None, to_write: bool = False) -> int:
        """The open suggestions, of one deck or of all; or, `to_write`, the facts waiting for the learner's question."""
        suggested, writes = self.inbox_counts(deck)
        return writes if to_write else suggested

    def inbox_counts(self, deck: str | None = None) -> tuple[int, int]:
        """(suggested cards, facts waiting for the learner's question) in the inbox, of one deck or of all: one query."""
        from prep.store.inbox import WRITE
        from prep.store.tables import suggestions

        to_write = suggestions.c.kind == WRITE
        query = select(to_write, func.count()).select_from(suggestions).where(suggestions.c.dropped.is_(False)).group_by(to_write)
        with self._reads.connect() as connection:
            found = dict(connection.execute(query if deck is None else query.where(suggestions.c.deck == deck)).all())
        return found.get(False, 0), found.get(True, 0)  # SQLite gives 0 and 1, equal to False and True as keys

    def accept_suggestion(self, suggestion_id: str, now: datetime, front: str | None = None, back: str | None = None) -> str:
        """The suggestion becomes a new card (as it is, or with the learner's text); returns the card's id."""
        from prep.store.inbox import accept, find

        if front is not None and not front.strip() or back is not None and not back.strip():
            raise PrepError("a card needs a question and an answer: neither may be empty.")

        def change(session: Session) -> str:
            suggestion = find(session, suggestion_id)
            if front is None and not suggestion.front.strip():
                raise PrepError(f"{suggestion_id}: write its question first (e on the inbox screen, or "
                                "`prep inbox accept ID --front TEXT`): this fact has none yet.")
            return accept(session, suggestion, now, front, back).id

        return write(self._sessions, change)

    def drop_suggestion(self, suggestion_id: str, now: datetime) -> None:
        """Never offer this draft again (its row stays, marked dropped)."""
        from prep.store.inbox import find

        def change(session: Session) -> None:
            row = find(session, suggestion_id)
            row.dropped, row.updated_at = True, now

        write(self._sessions, change)

    # ---- export -------------------------------------------------------------

    def export_cards(self) -> list[dict[str, object]]:
        from prep.store.models import Card, Review

        with self._sessions() as session:
            counts = dict(session.execute(select(Review.card_id, func.count()).group_by(Review.card_id)).all())
            every_card = session.scalars(select(Card).order_by(Card.deck, Card.position)).all()
        return [
            {
                "id": c.id, "deck": c.deck, "kind": c.kind, "front": c.front, "back": c.back,
                "source": f"{c.source_file}:{c.source_line}", "path": c.path, "tags": c.tags.split(),
                "state": _STATE_NAMES[c.state], "due": c.due.isoformat(),
                "reviews": counts.get(c.id, 0), "lapses": c.lapses,
                "suspended": c.suspended, "retired": c.retired_at is not None,
            }
            for c in every_card
        ]

    # ---- fitting the scheduler (prep optimize) --------------------------------

    def review_history(self) -> list[tuple[str, int, datetime, int]]:
        """Every card answer: (card id, rating, when, duration in ms)."""
        with self._engine.connect() as connection:
            rows = connection.execute(select(reviews.c.card_id, reviews.c.rating, reviews.c.reviewed_at, reviews.c.duration_ms)
                                      .order_by(reviews.c.id))
            return [tuple(row) for row in rows]

    def can_optimize(self) -> bool:
        """Enough history to fit the scheduler and nothing fitted yet: the Today screen then suggests `prep optimize`."""
        from prep.schedule.optimize import FIRST_ANSWERS, MIN_CARDS, MIN_REVIEWS  # Today asks a moment after the first card

        if self.config.fsrs_parameters is not None:
            return False
        with self._engine.connect() as session:
            total = session.scalar(select(func.count()).select_from(reviews))
            if total < MIN_REVIEWS:
                return False  # most days of most users: one count over an index
            # The answer only changes as the history grows: the full look (seconds at a million answers) is taken
            # again only after 5% more answers, not on every return to the Today screen.
            seen, known = self._optimizable
            if seen and (known or total < seen * 1.05):
                return known
            order = {"partition_by": reviews.c.card_id, "order_by": reviews.c.reviewed_at}
            gap = days_between(func.lag(reviews.c.reviewed_at).over(**order), reviews.c.reviewed_at)
            answers = select(reviews.c.card_id, gap.label("gap"), func.row_number().over(**order).label("nth")).subquery()
            # prep.schedule.optimize.counted in SQL: a day or more after the card's previous answer, among its first 64
            counted, cards = session.execute(select(
                func.count().filter(answers.c.gap >= 1, answers.c.nth <= FIRST_ANSWERS), func.count(answers.c.card_id.distinct()),
            )).one()
        self._optimizable = (total, counted >= MIN_REVIEWS and cards >= MIN_CARDS)
        return self._optimizable[1]

    # ---- Anki packages and backups (prep.interop) ---------------------------

    def export_apkg(self, path: Path, now: datetime) -> AnkiExport:
        from prep.interop.anki import write_package  # genanki and markdown-it load only for this

        with self._sessions() as session:
            return write_package(session, path, now, self.config, self.tz)

    def backup(self, now: datetime) -> dict[str, object]:
        from prep.interop.backup import dump

        with self._sessions() as session:
            return dump(session, now)

    def restore_backup(self, path: Path, now: datetime, *, replace: bool = False) -> Restored:
        """Replace everything in the database with a backup; refused when the database holds data, unless `replace`."""
        from prep.interop.backup import read_backup, restore

        rows = read_backup(path)
        with self._sessions.begin() as session:
            return restore(session, self.database, rows, replace, now)
