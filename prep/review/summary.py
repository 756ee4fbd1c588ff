"""The end of a session and of the day: what was done today, and what tomorrow holds.

Tomorrow's load is today's queue asked for at the start of tomorrow's study day: the reviews
and learning cards due by then (within the review limit, with those planned for the interview),
the new cards each deck's limit lets in, and the drills of that day's session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import func, select

from prep.schedule.memory import day_end, streaks
from prep.store.daily import study_days
from prep.store.tables import attempts, daily_stats

if TYPE_CHECKING:
    from datetime import tzinfo

    from sqlalchemy import Engine

    from prep.practice.drill_service import DrillService
    from prep.review.queue import QueueCounts
    from prep.settings.config import Config


class Service(Protocol):
    """What the summary reads of the service (prep.service.PrepService), which passes itself in."""

    config: Config
    tz: tzinfo | None
    _engine: Engine

    @property
    def drills(self) -> DrillService: ...
    def _day(self, now: datetime) -> date: ...
    def ratings_today(self, now: datetime) -> dict[str, int]: ...
    def remaining(self, now: datetime, deck: str | None = None) -> QueueCounts: ...


@dataclass(frozen=True)
class DaySummary:
    day: date
    answers: dict[str, int]  # today's card answers by rating name
    minutes: float  # time spent today on cards and drills
    retention: float | None  # today's answers on review cards that were not Again; None when there were none
    retention_reviews: int
    tomorrow: QueueCounts
    tomorrow_drills: int
    streak: int
    interview: date | None
    days_left: int | None  # until the interview, when one is ahead

    @property
    def tomorrow_cards(self) -> int:
        return self.tomorrow.cards


def summarize_day(service: Service, now: datetime, deck: str | None = None) -> DaySummary:
    """Today's work and tomorrow's load; tomorrow's cards are `deck`'s alone when one is picked."""
    config = service.config
    today = service._day(now)
    tomorrow_starts = day_end(today, service.tz, config.day_starts_at_hour)
    with service._engine.connect() as connection:  # Core: the review screen imports this at start-up
        row = connection.execute(select(daily_stats).where(daily_stats.c.day == today)).first()
        drill_seconds = connection.scalar(select(func.sum(attempts.c.round_seconds)).where(attempts.c.day == today)) or 0
        streak = streaks(study_days(connection), today)[0]
    card_ms = row.review_ms if row else 0
    on_review = (row.young + row.mature) if row else 0
    again = (row.young_again + row.mature_again) if row else 0
    interview = config.interview_date
    ahead = interview is not None and interview > today
    return DaySummary(
        day=today, answers=service.ratings_today(now), minutes=round(card_ms / 60000 + drill_seconds / 60, 1),
        retention=1 - again / on_review if on_review else None, retention_reviews=on_review,
        tomorrow=service.remaining(tomorrow_starts + timedelta(seconds=1), deck),
        tomorrow_drills=len(service.drills.due_today(tomorrow_starts + timedelta(seconds=1))),
        streak=streak, interview=interview if ahead else None,
        days_left=(interview - today).days if ahead and interview else None)


def describe_tomorrow(summary: DaySummary) -> str:
    """"Tomorrow: 12 reviews, 20 new, 2 drills" (or that nothing is due)."""
    left = summary.tomorrow
    parts = [f"{n} {word}" for n, word in ((left.review + left.learning, "reviews" if left.due != 1 else "review"),
                                            (left.new, "new"),
                                            (summary.tomorrow_drills, "drills" if summary.tomorrow_drills != 1 else "drill")) if n]
    return "Tomorrow: " + (", ".join(parts) if parts else "nothing due")


def describe_interview(summary: DaySummary) -> str | None:
    if summary.days_left is None:
        return None
    return "Interview tomorrow" if summary.days_left == 1 else f"Interview in {summary.days_left} days"
