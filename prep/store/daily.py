"""Keep `daily_stats` in step with the reviews table, inside the caller's transaction."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, case, delete, func, select, update

from prep.store.sql import dialect_insert, dialect_name, insert
from prep.store.tables import attempts, daily_stats, reviews

if TYPE_CHECKING:  # Core tables here: the start-up path counts study days without loading the ORM
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from prep.store.models import Review

MATURE_DAYS = 21  # Anki's line between young and mature cards
REVIEW_STATE = 2
COUNTS = ("reviews", "review_ms", "young", "young_again", "mature", "mature_again")  # what one answer adds


def _deltas(review: Review) -> dict[str, int]:
    on_review_card = review.state_before == REVIEW_STATE
    mature = on_review_card and (review.interval_days or 0) >= MATURE_DAYS
    young = on_review_card and not mature
    again = review.rating == 1
    return {"reviews": 1, "review_ms": review.duration_ms, "young": int(young), "young_again": int(young and again),
            "mature": int(mature), "mature_again": int(mature and again)}


def count_review(session: Session, review: Review) -> None:
    session.execute(_upsert(dialect_name(session)), {"day": review.day, **_deltas(review)})


@cache
def _upsert(dialect: str) -> Any:
    """The day's row, made or added to: built once per dialect with bound values, not on every answer (its
    construction was a third of an answer's Python work, bench/keypress.py)."""
    statement = dialect_insert(dialect, daily_stats).values(
        day=bindparam("day", type_=daily_stats.c.day.type),
        **{name: bindparam(name, type_=daily_stats.c[name].type) for name in COUNTS})
    return statement.on_conflict_do_update(index_elements=[daily_stats.c.day],
                                           set_={name: daily_stats.c[name] + statement.excluded[name] for name in COUNTS})


def uncount_review(session: Session, review: Review) -> None:
    deltas = _deltas(review)
    session.execute(update(daily_stats).where(daily_stats.c.day == review.day)
                    .values({k: daily_stats.c[k] - v for k, v in deltas.items()}))


def rebuild(session: Session) -> None:
    """Recount every day from the reviews table (for data written without the incremental counts)."""
    session.execute(delete(daily_stats))
    answer = reviews.c
    on_review = answer.state_before == REVIEW_STATE
    mature = on_review & (func.coalesce(answer.interval_days, 0) >= MATURE_DAYS)
    young = on_review & (func.coalesce(answer.interval_days, 0) < MATURE_DAYS)
    again = answer.rating == 1
    counts = select(answer.day, func.count(), func.sum(answer.duration_ms), func.sum(case((young, 1), else_=0)),
                    func.sum(case((young & again, 1), else_=0)), func.sum(case((mature, 1), else_=0)),
                    func.sum(case((mature & again, 1), else_=0))).group_by(answer.day)
    session.execute(insert(session, daily_stats).from_select(
        ["day", "reviews", "review_ms", "young", "young_again", "mature", "mature_again"], counts))


def study_days(session: Connection | Session) -> list[date]:
    """Every day with a card answered or a drill attempted."""
    cards = session.scalars(select(daily_stats.c.day).where(daily_stats.c.reviews > 0)).all()
    return list(cards) + list(session.scalars(select(attempts.c.day).distinct()))
