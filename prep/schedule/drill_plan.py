"""Drills scheduled toward the interview date, as prep.schedule.plan schedules cards.

Before the date, a rated drill is pulled forward into the days before it when its predicted
recall on the day would be below interview_retention, or when it has not been solved since
the final days began (final_review_days), so every drill is solved once in them. One due
before the final days keeps a place there until it is solved (solving it sets a date the
plan cannot know yet). Pulled drills fill each day only up to drills_per_day, less the
drills already due that day (and, today, those already rated today); what finds no room is
counted. Nothing is stored: the plan is made from the drills' states and attempts whenever
it is asked for, so it follows every rating at once; after the date nothing is planned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

import fsrs
from sqlalchemy import Connection, func, select

from prep.drills.report import PASS
from prep.schedule.memory import NEW, day_end, days_until_recall_falls, recall, study_day
from prep.schedule.placement import place
from prep.settings.config import Config
from prep.store.tables import attempts, drill_states

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class DrillPlan:
    days: dict[str, date] = field(default_factory=dict)  # drill slug → the study day it is planned for
    unplaced: int = 0  # drills that needed a round but found no room under drills_per_day

    def per_day(self) -> dict[date, int]:
        out: dict[date, int] = {}
        for day in self.days.values():
            out[day] = out.get(day, 0) + 1
        return dict(sorted(out.items()))

    def on(self, day: date) -> set[str]:
        """The drills planned for `day` or before (a day missed stays owed until the plan is made again)."""
        return {slug for slug, planned in self.days.items() if planned <= day}


def plan_drills(connection: Connection | Session, config: Config, tz: tzinfo | None, scheduler: fsrs.Scheduler,
                now: datetime, slugs: Iterable[str]) -> DrillPlan:
    """The plan for the drills `slugs` (the catalog) as of `now`."""
    today = study_day(now, tz, config.day_starts_at_hour)
    interview = config.interview_date
    if interview is None or interview <= today:
        return DrillPlan()

    def day_of(moment: datetime) -> date:
        return max(study_day(moment, tz, config.day_starts_at_hour), today)

    known = set(slugs)
    run = attempts.c
    states = [s for s in connection.execute(select(drill_states).where(drill_states.c.state != NEW)) if s.slug in known]
    # Solved: the latest pass that rated the drill (a practice run or a give-up is not a solve).
    solved = dict(connection.execute(select(run.slug, func.max(run.at)).where(
        run.status == PASS, run.rating.is_not(None)).group_by(run.slug)).all())
    rated_today = set(connection.scalars(select(run.slug).where(run.day == today, run.rating.is_not(None)).distinct()))
    final_start = interview - timedelta(days=config.final_review_days)  # the final days, from the first
    window_start = max(today, final_start)  # the part of them still ahead
    on_the_day = day_end(interview - timedelta(days=1), tz, config.day_starts_at_hour)
    load: dict[date, int] = {today: len(rated_today & known)}
    wanted: list[tuple[date, str]] = []
    for state in states:
        due_day = day_of(state.due)
        if due_day < interview:
            load[due_day] = load.get(due_day, 0) + 1
            if due_day < window_start:
                wanted.append((window_start, state.slug))  # a place in the final days until it is solved
            continue
        last_solve = solved.get(state.slug)
        known_now = last_solve is not None and state.last_review is not None and last_solve >= state.last_review
        earliest = window_start
        if not known_now or not state.stability:
            wanted.append((earliest, state.slug))  # given up last time: not known, whatever FSRS predicts
            continue
        if recall(scheduler, state.stability, state.last_review, on_the_day) < config.interview_retention:
            keeps = max(1, int(days_until_recall_falls(scheduler, state.stability, config.interview_retention)))
            earliest = max(earliest, interview - timedelta(days=keeps))
        elif study_day(last_solve, tz, config.day_starts_at_hour) >= final_start:
            continue  # safe on the day and already solved in the final days
        wanted.append((earliest, state.slug))
    days = [today + timedelta(days=i) for i in range((interview - today).days)]
    room = {day: max(0, config.drills_per_day - load.get(day, 0)) for day in days}
    planned, _placed, unplaced = place(wanted, room, window_start, today, interview - timedelta(days=1))
    return DrillPlan(planned, unplaced)
