"""Scheduling toward the interview date.

Before the date, every learned card whose next review does not fall in the final days
gets one there (so every card is seen once in them): one due after the interview is pulled
forward, one due before them keeps a place there until it is reviewed; and, when its
predicted recall on the day would be below the interview target (interview_retention,
above the everyday desired_retention that FSRS already keeps), no earlier than the
day from which one review keeps it above. Pulled reviews fill each day only up
to the review limit left after the normal reviews, latest days first, so recall on
the day is as high as the load allows. The plan is made again each day from the
cards' new states; after the date nothing is planned and FSRS alone schedules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

import fsrs
from sqlalchemy import select, update

from prep.schedule.memory import day_end, days_until_recall_falls, recall, study_day
from prep.schedule.placement import place
from prep.settings.config import Config

if TYPE_CHECKING:  # the ORM loads when a plan is made, not when `prep` starts and finds nothing to plan
    from sqlalchemy.orm import Session

LEARNED = (1, 2, 3)


@dataclass(frozen=True)
class Plan:
    extra_per_day: dict[date, int]  # reviews added to each day
    unplaced: int  # cards that needed a review but found no room under the daily limit
    drills_per_day: dict[date, int] = field(default_factory=dict)  # drills pulled forward to each day (prep.schedule.drill_plan)
    drills_unplaced: int = 0  # drills that needed a round but found no room under drills_per_day


def make_plan(session: Session, config: Config, tz: tzinfo | None, scheduler: fsrs.Scheduler, now: datetime) -> Plan:
    """Write each card's `planned_due` for the interview (or clear them all when there is none ahead)."""
    from prep.store.models import Card  # the ORM: see TYPE_CHECKING above

    today = study_day(now, tz, config.day_starts_at_hour)
    interview = config.interview_date
    if (interview is None or interview <= today) and session.scalar(select(Card.id).where(Card.planned_due.is_not(None)).limit(1)) is None:
        return Plan({}, 0)  # nothing planned, nothing to plan: no write at start-up
    session.execute(update(Card).where(Card.planned_due.is_not(None)).values(planned_due=None))
    if interview is None or interview <= today:
        return Plan({}, 0)

    def day_of(moment: datetime) -> date:
        return max(study_day(moment, tz, config.day_starts_at_hour), today)

    window_start = max(today, interview - timedelta(days=config.final_review_days))
    on_the_day = day_end(interview - timedelta(days=1), tz, config.day_starts_at_hour)
    cards = session.execute(select(Card.id, Card.due, Card.last_review, Card.stability).where(
        Card.state.in_(LEARNED), Card.retired_at.is_(None), Card.suspended.is_(False))).all()
    normal_load: dict[date, int] = {}
    wanted: list[tuple[date, str]] = []  # (earliest useful day, card id); every window ends the day before
    for card_id, due, last_review, stability in cards:
        due_day = day_of(due)
        if due_day < interview:
            normal_load[due_day] = normal_load.get(due_day, 0) + 1
            if due_day >= window_start:
                continue  # its own review falls in the final days
            # Reviewed before the final days: that review sets a date the plan cannot know yet, so it
            # keeps a place in them until then (answering clears it; the next plan sees the new date).
            wanted.append((window_start, card_id))
            continue
        earliest = window_start
        if stability and last_review is not None:
            if recall(scheduler, stability, last_review, on_the_day) < config.interview_retention:
                # A review earlier than this decays below the target again before the day.
                keeps = max(1, int(days_until_recall_falls(scheduler, stability, config.interview_retention)))
                earliest = max(earliest, interview - timedelta(days=keeps))
            elif day_of(last_review) >= window_start:
                continue  # safe on the day and already seen in the final days
        wanted.append((earliest, card_id))
    last = interview - timedelta(days=1)
    room = {today + timedelta(days=i): max(0, config.reviews_per_day - normal_load.get(today + timedelta(days=i), 0))
            for i in range((interview - today).days)}
    planned, placed, unplaced = place(wanted, room, window_start, today, last)
    starts = {day: day_end(day - timedelta(days=1), tz, config.day_starts_at_hour) for day in set(planned.values())}
    for day, start in starts.items():
        ids = [card_id for card_id, planned_day in planned.items() if planned_day == day]
        for chunk in range(0, len(ids), 500):
            session.execute(update(Card).where(Card.id.in_(ids[chunk:chunk + 500])).values(planned_due=start))
    return Plan({day: n for day, n in sorted(placed.items()) if n}, unplaced)

