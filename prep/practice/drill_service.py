"""The service layer for drills: workspaces, hints, attempts, and their FSRS schedule.

A drill is rated when a round of work ends: passed at the first attempt with no hint
→ Good (Easy when solved in under half the interview time it is given); passed after
failures or hints → Hard; gave up → Again. Failed attempts are stored and counted
against the round but do not reschedule it, and neither does passing again with the
code that already passed (the user starts over from the starter to re-solve a drill).

Between a rating and the day the drill is due again, the drill rests: every run is a
practice run, stored (so "last run" is the truth) but neither rating the drill nor
counting against a round. The rule lives here, so the TUI and `prep check` agree.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

import fsrs
from sqlalchemy import Connection, Engine, Row, and_, func, not_, or_, select

from prep.practice.links import bring_cards_forward, drill_reasons, pulled_new_drills
from prep.schedule.memory import (
    NEW,
    RATING_NAMES,
    day_end,
    make_scheduler,
    review_row,
    study_day,
)
from prep.settings.config import Config
from prep.store.sql import insert
from prep.store.tables import attempts, drill_states
from prep.store.writes import locked, write

if TYPE_CHECKING:  # the ORM loads with the first write; the list and today's drills read with Core
    from sqlalchemy.orm import Session, sessionmaker

    from prep.drills.catalog import Drill
    from prep.drills.report import Report

    # The catalog, the grader's report, the workspaces and the interview plan load when first used: the
    # first card does not wait for them (bench/startup.py).
    from prep.schedule.drill_plan import DrillPlan
    from prep.store.models import Attempt, DrillState

GAVE_UP = "gave-up"


def typo_run(run):  # attempts.c -> a SQL condition
    """SQL: the run was only a syntax error, which is stored but counts for nothing (not against the round, not as
    a start). Its report says so in its top-level "kind"; the report is read as text, not parsed: a stored report
    may hold NaN, which JSON functions of SQLite and PostgreSQL refuse, and a quote inside a string value is
    escaped, so the mark matches the key itself and nothing a learner's code printed."""
    from prep.drills.report import FAIL, SYNTAX

    marks = (f'%"kind": "{SYNTAX}"%', f'%"kind":"{SYNTAX}"%')  # as json.dumps writes it, spaced or compact
    return and_(run.status == FAIL, or_(*(run.report.like(mark) for mark in marks)))


def counted(run):  # attempts.c -> a SQL condition
    """SQL: the run counts toward a round: anything but a syntax error."""
    return not_(typo_run(run))


def was_a_typo(attempt: Attempt) -> bool:
    """A stored run that was only a syntax error (its report says so)."""
    from prep.drills.report import FAIL, SYNTAX

    if attempt.status != FAIL:
        return False
    try:
        return json.loads(attempt.report).get("kind") == SYNTAX
    except (ValueError, AttributeError):  # a report that is not a JSON object: a run like any other
        return False


def short_date(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"  # e.g. "Tue 1 Dec": the weekday is what a study plan needs


@dataclass(frozen=True)
class DrillRow:
    slug: str
    title: str
    difficulty: str
    topics: tuple[str, ...]
    status: str  # new / due / passed / failed / gave up
    last_result: str  # the last run, practice runs included: e.g. "12/16", "gave up", "syntax error", or ""
    due: date | None  # the study day it comes back, once rated
    attempts: int  # runs that count: a syntax error does not
    today: bool = False  # in today's session (set by `rows`)


@dataclass(frozen=True)
class Recorded:
    """What storing a run did: the rating it gave (None: not rated), and whether the drill was resting."""

    rating: int | None
    practice: bool = False  # the round was over (passed or given up) and the drill not yet due: a practice run
    repeat: bool = False  # a pass with the very code that passed before: stored, not rated
    typo: bool = False  # a syntax error: stored, but it neither starts nor counts against the round

    def describe(self, passed: bool, due: date | None) -> str:
        """One line for people: what this run did to the drill (the TUI and `prep check` say the same)."""
        back = f"comes back on {short_date(due)}" if due else "comes back soon"
        if self.practice:
            return f"Practice run: this round is over, so it is stored but not rated; the drill {back}."
        if self.rating is not None:
            return f"Rated {RATING_NAMES[fsrs.Rating(self.rating)]} · {back}"
        if self.repeat:
            return "The code that passed last time: not rated again. R starts over from the starter."
        if self.typo:
            return "Recorded: a syntax error does not count against this round; fix it and run again."
        return "Recorded: a failed run counts against this round; a pass rates the drill." if not passed else ""


class DrillService:
    def __init__(self, engine: Engine, sessions: Callable[[], sessionmaker[Session]], config: Config, tz: tzinfo | None,
                 workspaces: Path, exercises: Path | None = None) -> None:
        self._engine = engine
        self._make_sessions = sessions  # the ORM's sessions, made (and the ORM loaded) on first use
        self.tz = tz
        self.workspaces = workspaces
        self._exercises = exercises
        self._catalog: list[Drill] | None = None
        self.reconfigure(config)

    @property
    def _sessions(self) -> sessionmaker[Session]:
        return self._make_sessions()

    def reconfigure(self, config: Config) -> None:
        self.config = config
        # No learning steps: a drill solved (or given up) comes back in days, not in ten minutes. fsrs's default
        # parameters: those `prep optimize` fits describe recalling cards, not writing code.
        self._scheduler = make_scheduler(replace(config, learning_steps=(), relearning_steps=(), fsrs_parameters=None))

    def _day(self, now: datetime) -> date:
        return study_day(now, self.tz, self.config.day_starts_at_hour)

    def plan(self, now: datetime, connection: Connection | Session | None = None) -> DrillPlan:
        """Drills pulled forward for the interview date (prep.schedule.drill_plan): made from the states, never stored."""
        from prep.schedule.drill_plan import DrillPlan, plan_drills

        if self.config.interview_date is None or self.config.interview_date <= self._day(now):
            return DrillPlan()
        slugs = [drill.slug for drill in self.catalog()]
        if connection is not None:
            return plan_drills(connection, self.config, self.tz, self._scheduler, now, slugs)
        with self._engine.connect() as fresh:
            return plan_drills(fresh, self.config, self.tz, self._scheduler, now, slugs)

    def _planned_today(self, now: datetime, connection: Connection | Session | None = None) -> set[str]:
        return self.plan(now, connection).on(self._day(now))

    def catalog(self) -> list[Drill]:
        """Every drill, read once per process: the exercises are files that ship with prep."""
        if self._catalog is None:
            from prep.drills.catalog import all_drills

            self._catalog = all_drills(self._exercises)
        return list(self._catalog)

    def drill(self, slug: str) -> Drill:
        from prep.drills.catalog import get_drill

        known = next((drill for drill in self._catalog or () if drill.slug == slug), None)
        return known or get_drill(slug, self._exercises)

    def _state(self, session: Session, slug: str, now: datetime) -> DrillState:
        from prep.store.models import DrillState

        # A row for the drill if it has none (another machine may add it at the same moment), then locked and read
        # afresh: what this transaction writes is computed from the newest state.
        session.execute(insert(session, drill_states).values(
            slug=slug, state=NEW, step=0, due=now, reps=0, lapses=0, round_failures=0, round_hints=0, updated_at=now,
        ).on_conflict_do_nothing(index_elements=[drill_states.c.slug]))
        state = locked(session, DrillState, slug)
        assert state is not None
        return state

    # ---- the list -------------------------------------------------------------------------

    def rows(self, now: datetime, only: str | None = None) -> list[DrillRow]:
        """The catalog with where the user stands on each drill (or on the drill `only`).

        The status comes from the schedule and the run that last rated the drill, never from a practice run.
        """
        from prep.drills.report import PASS

        end = self._end(now)
        drills = [self.drill(only)] if only else self.catalog()
        run = attempts.c
        with self._engine.connect() as connection:
            states = {s.slug: s for s in connection.execute(select(drill_states))}
            latest = {a.slug: a for a in connection.execute(select(
                run.slug, run.status, run.passed, run.total, typo_run(run).label("typo")).where(
                run.id.in_(select(func.max(run.id)).group_by(run.slug))))}
            rated_by = dict(connection.execute(select(run.slug, run.status).where(run.id.in_(
                select(func.max(run.id)).where(run.rating.is_not(None)).group_by(run.slug)))).all())
            counts = dict(connection.execute(select(run.slug, func.count()).where(counted(run)).group_by(run.slug)).all())
        planned = self._planned_today(now)  # pulled forward for the interview: due today like the rest
        rows = []
        for drill in drills:
            state, last = states.get(drill.slug), latest.get(drill.slug)
            rated = state is not None and state.state != NEW
            if drill.slug not in counts:
                status = "new"  # never run, or only syntax errors: a typo does not start the round
            elif rated and (state.due < end or drill.slug in planned):
                status = "due"
            elif rated and drill.slug in rated_by:
                status = {PASS: "passed", GAVE_UP: "gave up"}.get(rated_by[drill.slug], "failed")
            else:
                status = "failed"  # a round under way, with failed runs
            result = ("" if last is None else "gave up" if last.status == GAVE_UP
                      else "syntax error" if last.typo else f"{last.passed}/{last.total}")
            rows.append(DrillRow(drill.slug, drill.title, drill.difficulty, drill.topics, status, result,
                                 self._day(state.due) if rated else None, counts.get(drill.slug, 0)))
        if only is None:
            today = set(self._today(rows, now))
            rows = [replace(row, today=row.slug in today) for row in rows]
        return rows

    def _end(self, now: datetime) -> datetime:
        return day_end(self._day(now), self.tz, self.config.day_starts_at_hour)

    def row(self, slug: str, now: datetime) -> DrillRow:
        return self.rows(now, only=slug)[0]

    def due_today(self, now: datetime) -> list[str]:
        """Drills for today's session: rated drills that are due, then new ones within the daily limit."""
        return self._today(self.rows(now), now)

    def _today(self, rows: list[DrillRow], now: datetime) -> list[str]:
        run = attempts.c
        with self._engine.connect() as connection:
            started_today = connection.scalar(select(func.count(func.distinct(run.slug))).where(
                run.day == self._day(now), counted(run),
                run.slug.not_in(select(run.slug).where(run.day < self._day(now), counted(run))))) or 0
            rated_today = connection.scalar(select(func.count(func.distinct(run.slug))).where(
                run.day == self._day(now), run.rating.is_not(None))) or 0
            pulled = pulled_new_drills(connection)  # new drills a forgotten card brought forward (prep.practice.links)
        from prep.drills.catalog import DIFFICULTIES

        easiest_first = sorted((r for r in rows if r.status == "new"), key=lambda r: DIFFICULTIES.index(r.difficulty))
        fresh = [r.slug for r in easiest_first][: max(0, self.config.new_drills_per_day - started_today)]
        # A failed round stays on the list until solved; a drill given up waits for its date like any other.
        # Due drills (pulled forward for the interview included) come at most drills_per_day a day, like reviews.
        due = sorted((r for r in rows if r.status == "due"), key=lambda r: (r.due or date.min, r.slug))
        room = max(0, self.config.drills_per_day - rated_today)
        unfinished = [r.slug for r in rows if r.status == "failed"] + [r.slug for r in due[:room]]
        linked = [r.slug for r in easiest_first if r.slug in pulled and r.slug not in fresh]
        return unfinished + linked + fresh

    def resting(self, slug: str, now: datetime) -> bool:
        """The round is over (passed or given up) and the drill is not due yet: runs now are practice."""
        with self._engine.connect() as connection:
            state = connection.execute(select(drill_states).where(drill_states.c.slug == slug)).first()
            return self._resting(state, now, connection)

    def _resting(self, state: DrillState | Row | None, now: datetime, connection: Connection | Session | None = None) -> bool:
        """A drill the interview plan pulled forward to today is not resting: solving it rates it."""
        return (state is not None and state.state != NEW and state.due >= self._end(now)
                and state.slug not in self._planned_today(now, connection))

    # ---- working on a drill -------------------------------------------------------------------

    def open(self, slug: str, now: datetime) -> Path:
        """The drill's workspace file (created from the starter once); starts the round's clock."""
        drill = self.drill(slug)

        def start(session: Session) -> None:
            state = self._state(session, slug, now)
            if not self._resting(state, now, session):
                state.round_started_at = state.round_started_at or now
        write(self._sessions, start)
        from prep.drills.workspace import ensure_workspace

        return ensure_workspace(self.workspaces, drill)

    def reset(self, slug: str) -> Path:
        """Replace the workspace with the starter. The TUI asks the user first."""
        from prep.drills.workspace import reset_workspace

        return reset_workspace(self.workspaces, self.drill(slug))

    def reveal_hint(self, slug: str, now: datetime) -> tuple[int, str] | None:
        """The next hint of this round (its number from 1) or None when all are shown."""
        drill = self.drill(slug)

        def reveal(session: Session) -> tuple[int, str] | None:
            state = self._state(session, slug, now)
            if state.round_hints >= len(drill.hints):
                return None
            state.round_hints += 1
            return state.round_hints, drill.hints[state.round_hints - 1]
        return write(self._sessions, reveal)

    def hints_shown(self, slug: str) -> list[str]:
        with self._engine.connect() as connection:
            shown = connection.scalar(select(drill_states.c.round_hints).where(drill_states.c.slug == slug)) or 0
        return list(self.drill(slug).hints[:shown])

    def record(self, slug: str, report: Report, code: str, now: datetime) -> Recorded:
        """Store a run; a pass ends the round and reschedules the drill. A resting drill's run is practice."""
        return write(self._sessions, lambda session: self._record(session, slug, report, code, now))

    def _record(self, session: Session, slug: str, report: Report, code: str, now: datetime) -> Recorded:
        from prep.drills.report import PASS, SYNTAX
        from prep.store.models import Attempt

        drill = self.drill(slug)
        state = self._state(session, slug, now)
        rating, took, practice, repeat = None, self._round_seconds(state, now), self._resting(state, now, session), False
        typo = report.kind == SYNTAX and report.status != PASS
        if practice:
            pass  # stored below as it is; the schedule and the round are left alone
        elif report.status == PASS and code != self._last_passing_code(session, slug):
            rating = self._rating_for_pass(drill, state, now)
            self._rate(state, rating, now)
        elif report.status == PASS:
            repeat = True
        elif report.kind == SYNTAX:
            pass  # a typo, not a wrong idea: stored, but it neither starts nor counts against the round
        else:
            state.round_started_at = state.round_started_at or now
            state.round_failures += 1
            bring_cards_forward(session, drill, "failed", now, self.config, self.tz)
        session.add(Attempt(slug=slug, at=now, day=self._day(now), status=report.status, passed=report.passed,
                            total=report.total, duration_s=report.duration_s, code=code, report=json.dumps(report.as_dict()),
                            hints_used=state.round_hints if rating is None and not practice else 0,
                            rating=None if rating is None else int(rating),
                            round_seconds=took if rating is not None else None))
        state.updated_at = now
        return Recorded(None if rating is None else int(rating), practice, repeat, typo and not practice)

    def give_up(self, slug: str, code: str, now: datetime) -> str:
        """Rate the drill Again and return the reference solution to study (a resting drill is not rated again)."""
        from prep.store.models import Attempt

        drill = self.drill(slug)

        def rate_again(session: Session) -> None:
            state = self._state(session, slug, now)
            if self._resting(state, now, session):
                return
            hints, took = state.round_hints, self._round_seconds(state, now)
            self._rate(state, fsrs.Rating.Again, now)
            bring_cards_forward(session, drill, "given up", now, self.config, self.tz)
            session.add(Attempt(slug=slug, at=now, day=self._day(now), status=GAVE_UP, passed=0, total=0, duration_s=0.0,
                                code=code, report="{}", hints_used=hints, rating=int(fsrs.Rating.Again), round_seconds=took))
        write(self._sessions, rate_again)
        return drill.reference.read_text(encoding="utf-8")

    @staticmethod
    def _round_seconds(state: DrillState, now: datetime) -> float | None:
        return (now - state.round_started_at).total_seconds() if state.round_started_at else None

    @staticmethod
    def _last_passing_code(session: Session, slug: str) -> str | None:
        """Passing again with the very code that passed before proves nothing new: it is not rated."""
        from prep.drills.report import PASS

        run = attempts.c
        return session.scalar(select(run.code).where(run.slug == slug, run.status == PASS).order_by(run.id.desc()).limit(1))

    def _rating_for_pass(self, drill: Drill, state: DrillState, now: datetime) -> fsrs.Rating:
        if state.round_failures or state.round_hints:
            return fsrs.Rating.Hard
        if state.round_started_at is None:  # graded from the shell without opening the drill: time unknown
            return fsrs.Rating.Good
        took = now - state.round_started_at
        return fsrs.Rating.Easy if took < timedelta(minutes=drill.target_minutes) / 2 else fsrs.Rating.Good

    def _rate(self, state: DrillState, rating: fsrs.Rating, now: datetime) -> None:
        review_row(self._scheduler, state, rating, now)
        state.reps += 1
        state.lapses += int(rating == fsrs.Rating.Again)
        state.round_started_at, state.round_failures, state.round_hints = None, 0, 0

    def brought_forward_by(self, slug: str) -> list[str]:
        """Why the drill was brought forward since it was last rated (prep.practice.links), e.g. "attention, a card forgotten twice"."""
        with self._engine.connect() as connection:
            return drill_reasons(connection, slug)

    def attempts(self, slug: str) -> list[Attempt]:
        from prep.store.models import Attempt

        with self._sessions() as session:
            return list(session.scalars(select(Attempt).where(Attempt.slug == slug).order_by(Attempt.id)))
