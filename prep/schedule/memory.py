"""A thin layer over the `fsrs` package: build the scheduler, preview and apply answers.

Times are aware UTC datetimes passed in by the caller; nothing here reads the clock.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import Any, NamedTuple

import fsrs
from fsrs.scheduler import DEFAULT_PARAMETERS

from prep.settings.config import Config

NEW = 0  # the stored state of a card never answered; fsrs starts it in Learning
LEARNING = (1, 3)  # fsrs.State.Learning and Relearning: in learning steps
REVIEW = 2  # fsrs.State.Review
RATINGS = (fsrs.Rating.Again, fsrs.Rating.Hard, fsrs.Rating.Good, fsrs.Rating.Easy)
RATING_NAMES = {fsrs.Rating.Again: "Again", fsrs.Rating.Hard: "Hard", fsrs.Rating.Good: "Good", fsrs.Rating.Easy: "Easy"}


class SchedulingState(NamedTuple):
    """The FSRS fields of a card, as stored (a NamedTuple: see prep.service.CardView)."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None

    def to_fsrs(self) -> fsrs.Card:
        state = fsrs.State(self.state) if self.state != NEW else fsrs.State.Learning
        return fsrs.Card(card_id=0, state=state, step=self.step if self.state != NEW else 0, stability=self.stability,
                         difficulty=self.difficulty, due=self.due, last_review=self.last_review)

    @classmethod
    def from_fsrs(cls, card: fsrs.Card) -> SchedulingState:
        return cls(int(card.state), card.step, card.stability, card.difficulty, card.due, card.last_review)


def make_scheduler(config: Config, *, fuzz: bool | None = None) -> fsrs.Scheduler:
    return fsrs.Scheduler(
        parameters=config.fsrs_parameters or DEFAULT_PARAMETERS,
        desired_retention=config.desired_retention,
        learning_steps=config.learning_steps,
        relearning_steps=config.relearning_steps,
        maximum_interval=config.maximum_interval_days,
        enable_fuzzing=config.enable_fuzzing if fuzz is None else fuzz,
    )


def review(scheduler: fsrs.Scheduler, state: SchedulingState, rating: fsrs.Rating, now: datetime) -> SchedulingState:
    card, _log = scheduler.review_card(state.to_fsrs(), rating, review_datetime=now)
    return SchedulingState.from_fsrs(card)


def review_row(scheduler: fsrs.Scheduler, row: Any, rating: fsrs.Rating, now: datetime) -> None:
    """Apply an answer to the FSRS fields that a stored card or drill carries (prep.store.tables), in place;
    reps and lapses are the caller's, whose rules differ."""
    after = review(scheduler, SchedulingState(row.state, row.step, row.stability, row.difficulty, row.due, row.last_review),
                   rating, now)
    row.state, row.step, row.stability, row.difficulty = after.state, after.step, after.stability, after.difficulty
    row.due, row.last_review = after.due, after.last_review


def preview(scheduler: fsrs.Scheduler, state: SchedulingState, now: datetime) -> dict[fsrs.Rating, timedelta]:
    """The interval each rating would give, without fuzz so the label is what the user can expect."""
    fuzz, scheduler.enable_fuzzing = scheduler.enable_fuzzing, False
    try:
        return {rating: review(scheduler, state, rating, now).due - now for rating in RATINGS}
    finally:
        scheduler.enable_fuzzing = fuzz


def forgetting_curve(scheduler: fsrs.Scheduler) -> tuple[float, float]:
    """(factor, decay) of FSRS's curve R = (1 + factor·days/S)^decay, for recall computed in bulk or in SQL."""
    return scheduler._FACTOR, scheduler._DECAY  # noqa: SLF001 - fsrs exposes the curve only per card


def recall(scheduler: fsrs.Scheduler, stability: float, last_review: datetime, at: datetime) -> float:
    """fsrs's retrievability at `at`, counting whole days as fsrs does, without building an fsrs.Card."""
    factor, decay = forgetting_curve(scheduler)
    return (1 + factor * max(0, (at - last_review).days) / stability) ** decay


def days_until_recall_falls(scheduler: fsrs.Scheduler, stability: float, target: float) -> float:
    """FSRS's interval for a retention target: after this many days recall drops to `target`."""
    factor, decay = forgetting_curve(scheduler)
    return stability / factor * (target ** (1 / decay) - 1)


def format_interval(interval: timedelta) -> str:
    """Anki-style short labels: 1m, 10m, 3h, 4d, 2.5mo, 1.2y."""
    seconds = max(0, interval.total_seconds())
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        months = days / 30
        return f"{months:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


def study_day(moment: datetime, tz: tzinfo | None, starts_at_hour: int) -> date:
    """The local study day of a moment; a day starts at `starts_at_hour` local time."""
    return (moment.astimezone(tz) - timedelta(hours=starts_at_hour)).date()


def day_end(day: date, tz: tzinfo | None, starts_at_hour: int) -> datetime:
    """The UTC moment the study day `day` ends."""
    local_next = datetime(day.year, day.month, day.day, starts_at_hour) + timedelta(days=1)
    return local_next.astimezone(tz) if tz is None else local_next.replace(tzinfo=tz)


def streaks(days: list[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive study days; today still open keeps yesterday's run alive."""
    studied = set(days)
    current, day = 0, today if today in studied else today - timedelta(days=1)
    while day in studied:
        current, day = current + 1, day - timedelta(days=1)
    longest = run = 0
    previous = None
    for day in sorted(studied):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest, previous = max(longest, run), day
    return current, longest
