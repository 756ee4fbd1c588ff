"""Progress as numbers the screens draw: activity, streaks, forecast, retention, mastery,
drills, leeches, and readiness for the interview date.

Queries read what was stored for them: `daily_stats` (one row per study day), the
review's local day, the cards' queue indexes. Predicted recall is FSRS retrievability,
computed in SQLite with the scheduler's own decay and factor.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo

import fsrs
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from prep.drills.catalog import Drill
from prep.mock.interview import MockSummary
from prep.schedule.memory import day_end, forgetting_curve, recall, study_day
from prep.settings.config import Config
from prep.store.models import Attempt, DailyStats, DrillState
from prep.store.sql import Fragments, dialect_name

HEATMAP_DAYS = 365
FORECAST_DAYS = 30
RETENTION_PERIODS = (7, 30, 365)
LIST_LENGTH = 10


@dataclass(frozen=True)
class DayActivity:
    day: date
    reviews: int
    drills: int
    minutes: float


@dataclass(frozen=True)
class ForecastDay:
    day: date
    cards: int
    drills: int
    extra: int  # reviews pulled forward for the interview
    extra_drills: int = 0  # drills pulled forward for the interview (counted here, not on their own due day)


@dataclass(frozen=True)
class Retention:
    days: int
    young: float | None
    young_reviews: int
    mature: float | None
    mature_reviews: int


@dataclass(frozen=True)
class TopicMastery:
    topic: str
    recall_now: float | None  # average over all `total` items, those never studied at zero (None: no items)
    learned: int
    total: int
    recall_on_date: float | None = None  # the same items on the interview day, when a date is set


@dataclass(frozen=True)
class CardRecall:
    id: str
    topic: str
    front: str
    recall: float


@dataclass(frozen=True)
class DrillSummary:
    solved: int
    attempted: int
    never_tried: int
    first_try_pass_rate: float | None
    attempts: dict[str, int]
    minutes: float


@dataclass(frozen=True)
class Leech:
    id: str
    front: str
    lapses: int
    suspended: bool


@dataclass(frozen=True)
class Readiness:
    date: date
    days_left: int
    target: float
    overall: float  # predicted recall on the day, averaged over every card and drill, those never studied at zero
    learned: int
    total: int  # every card the plan covers (`overall` counts them all, not only the learned)
    topics: list[TopicMastery]
    cards_at_risk: list[CardRecall]
    drills_at_risk: list[CardRecall]
    extra_per_day: dict[date, int]
    cards: float = 0.0  # predicted recall on the day, averaged over every card (never seen: zero)
    drills: float = 0.0  # the same over every drill (not known, its last rating not a pass: zero)
    drills_known: int = 0
    drills_total: int = 0
    drills_per_day: dict[date, int] = field(default_factory=dict)  # drills pulled forward to each day (prep.schedule.drill_plan)
    drills_unplaced: int = 0  # drills that needed a round but found no room under drills_per_day


@dataclass(frozen=True)
class Stats:
    today: date
    activity: list[DayActivity]  # the last 365 study days, oldest first
    current_streak: int
    longest_streak: int
    forecast: list[ForecastDay]
    retention: list[Retention]
    desired_retention: float
    mastery: list[TopicMastery]
    drill_mastery: list[TopicMastery]
    weakest: list[CardRecall]
    drills: DrillSummary
    leeches: list[Leech]
    readiness: Readiness | None = None
    mocks: list[MockSummary] = field(default_factory=list)  # the latest mock interviews, oldest first (prep.mock.interview)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        if self.readiness:
            data["readiness"]["extra_per_day"] = {d.isoformat(): n for d, n in self.readiness.extra_per_day.items()}
            data["readiness"]["drills_per_day"] = {d.isoformat(): n for d, n in self.readiness.drills_per_day.items()}
        return _isoformat(data)


def _isoformat(value: object) -> object:
    if isinstance(value, dict):
        return {k: _isoformat(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_isoformat(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def _first_line(markdown: str) -> str:
    """A card's question as one plain line: its last paragraph (the breadcrumb comes first), emphasis dropped."""
    paragraphs = [p for p in markdown.split("\n\n") if p.strip()]
    plain = re.sub(r"[*_`]+", "", paragraphs[-1] if paragraphs else "")
    return " ".join(plain.split())[:120]


class StatsQueries:
    def __init__(self, session: Session, config: Config, tz: tzinfo | None, scheduler: fsrs.Scheduler) -> None:
        self.session = session
        self.config = config
        self.tz = tz
        self.scheduler = scheduler
        self.factor, self.decay = forgetting_curve(scheduler)
        self.sql = Fragments(dialect_name(session))

    def day(self, moment: datetime) -> date:
        return study_day(moment, self.tz, self.config.day_starts_at_hour)

    def _local_day_sql(self, column: str, now: datetime) -> str:
        """SQL for a stored UTC moment's study day (the UTC offset of `now`, held for the window)."""
        offset = now.astimezone(self.tz).utcoffset() or timedelta(0)
        minutes = int(offset.total_seconds() // 60) - self.config.day_starts_at_hour * 60
        return self.sql.local_day(column, minutes)

    def _recall_sql(self, at: str) -> str:
        """FSRS retrievability at the moment bound to `at`: (1 + factor·days/S)^decay, whole days as fsrs counts them."""
        elapsed = self.sql.whole_days_since(f":{at}", "last_review")
        return f"pow(1 + {self.factor!r} * {elapsed} / stability, {self.decay!r})"

    # ---- activity ----------------------------------------------------------------------

    def activity(self, today: date) -> list[DayActivity]:
        first = today - timedelta(days=HEATMAP_DAYS - 1)
        cards = {row.day: row for row in self.session.scalars(select(DailyStats).where(DailyStats.day >= first))}
        drills = dict(self.session.execute(select(Attempt.day, func.count()).where(Attempt.day >= first).group_by(Attempt.day)).all())
        drill_minutes = dict(self.session.execute(select(Attempt.day, func.sum(Attempt.round_seconds) / 60)
                                                  .where(Attempt.day >= first).group_by(Attempt.day)).all())
        out = []
        for offset in range(HEATMAP_DAYS):
            day = first + timedelta(days=offset)
            row = cards.get(day)
            out.append(DayActivity(day, row.reviews if row else 0, drills.get(day, 0),
                                   round((row.review_ms / 60000 if row else 0) + (drill_minutes.get(day) or 0), 1)))
        return out

    def retention(self, today: date) -> list[Retention]:
        out = []
        for days in RETENTION_PERIODS:
            row = self.session.execute(select(func.sum(DailyStats.young), func.sum(DailyStats.young_again),
                                              func.sum(DailyStats.mature), func.sum(DailyStats.mature_again))
                                       .where(DailyStats.day > today - timedelta(days=days))).one()
            young, young_again, mature, mature_again = (int(v or 0) for v in row)
            out.append(Retention(days, 1 - young_again / young if young else None, young,
                                 1 - mature_again / mature if mature else None, mature))
        return out

    # ---- the future ----------------------------------------------------------------------

    def forecast(self, now: datetime, today: date, planned_drills: dict[str, date] | None = None) -> list[ForecastDay]:
        """Per day: cards due, drills due, and what the interview plan pulled forward (cards, drills)."""
        end = today + timedelta(days=FORECAST_DAYS)
        card_day = self._local_day_sql("due", now)
        planned_day = self._local_day_sql("planned_due", now)
        active = "retired_at IS NULL AND NOT suspended"
        # Filter on the stored moment (an index range), then work out the day of the rows left.
        window = {"today": today.isoformat(), "until": _naive(day_end(end - timedelta(days=1), self.tz, self.config.day_starts_at_hour))}
        cards = dict(self.session.execute(text(
            f"SELECT {self.sql.greatest(card_day, ':today')} AS d, count(*) FROM cards WHERE state IN (1, 2, 3) AND due < :until "
            f"AND {active} GROUP BY d"), window).all())
        extra = dict(self.session.execute(text(
            f"SELECT {self.sql.greatest(planned_day, ':today')} AS d, count(*) FROM cards WHERE planned_due < :until AND {active} GROUP BY d"),
            window).all())
        planned_drills = planned_drills or {}
        drills: dict[date, int] = {}
        for state in self.session.scalars(select(DrillState).where(DrillState.state != 0)):
            if state.slug in planned_drills:
                continue  # counted on the day it is planned for
            day = max(self.day(state.due), today)
            drills[day] = drills.get(day, 0) + 1
        pulled: dict[date, int] = {}
        for day in planned_drills.values():
            pulled[max(day, today)] = pulled.get(max(day, today), 0) + 1
        return [ForecastDay(d, int(cards.get(d.isoformat(), 0)), drills.get(d, 0), int(extra.get(d.isoformat(), 0)),
                            pulled.get(d, 0))
                for d in (today + timedelta(days=i) for i in range(FORECAST_DAYS))]

    # ---- what is known --------------------------------------------------------------------

    def mastery(self, now: datetime, on: datetime | None) -> list[TopicMastery]:
        topic = self.sql.first_part("path", " › ")
        # Every card of the topic counts, a card never seen at zero: a share of what the topic holds, not of what was studied.
        on_date = f"sum(CASE WHEN state != 0 THEN {self._recall_sql('on')} ELSE 0 END) / count(*)" if on else "NULL"
        rows = self.session.execute(text(
            f"SELECT {topic} AS t, sum(CASE WHEN state != 0 THEN {self._recall_sql('now')} ELSE 0 END) / count(*), sum(CASE WHEN state != 0 THEN 1 ELSE 0 END), count(*), {on_date} "
            "FROM cards WHERE retired_at IS NULL AND NOT suspended GROUP BY t ORDER BY t"),
            {"now": _naive(now), "on": _naive(on) if on else None}).all()
        return [TopicMastery(t or "(no section)", r, int(learned), int(total), d) for t, r, learned, total, d in rows]

    def weakest(self, at: datetime, below: float | None = None, limit: int = LIST_LENGTH) -> list[CardRecall]:
        recall = self._recall_sql("at")
        condition = f"AND {recall} < :below" if below is not None else ""
        rows = self.session.execute(text(
            f"SELECT id, path, front, {recall} AS r FROM cards WHERE state != 0 AND retired_at IS NULL AND NOT suspended "
            f"{condition} ORDER BY r LIMIT :limit"), {"at": _naive(at), "below": below, "limit": limit}).all()
        return [CardRecall(i, path.split(" › ")[0], _first_line(front), r) for i, path, front, r in rows]

    def leeches(self) -> list[Leech]:
        rows = self.session.execute(text(
            "SELECT id, front, lapses, suspended FROM cards WHERE lapses >= :n AND retired_at IS NULL ORDER BY lapses DESC"),
            {"n": self.config.leech_lapses}).all()
        return [Leech(i, _first_line(front), lapses, bool(suspended)) for i, front, lapses, suspended in rows]

    # ---- drills --------------------------------------------------------------------------------

    def planned_per_day(self, now: datetime, until: date) -> dict[date, int]:
        """Reviews the interview plan added to each day up to the interview."""
        planned_day = self._local_day_sql("planned_due", now)
        rows = self.session.execute(text(
            f"SELECT {planned_day} AS d, count(*) FROM cards WHERE planned_due IS NOT NULL AND retired_at IS NULL "
            "AND NOT suspended GROUP BY d")).all()
        return {date.fromisoformat(d): n for d, n in rows if date.fromisoformat(d) < until}

    def drill_recall(self, drills: list[Drill], at: datetime) -> dict[str, float]:
        """Predicted recall of each rated drill at `at` (never rated: 0)."""
        states = {s.slug: s for s in self.session.scalars(select(DrillState))}
        # A drill is known once its latest rating is a pass: given up (Again) it is not, however fresh.
        last_ratings = dict(self.session.execute(select(Attempt.slug, Attempt.rating).where(Attempt.id.in_(
            select(func.max(Attempt.id)).where(Attempt.rating.is_not(None)).group_by(Attempt.slug)))).all())
        out = {}
        for drill in drills:
            state = states.get(drill.slug)
            if (state is None or state.state == 0 or state.last_review is None or not state.stability
                    or last_ratings.get(drill.slug, 0) <= int(fsrs.Rating.Again)):
                out[drill.slug] = 0.0
                continue
            out[drill.slug] = recall(self.scheduler, state.stability, state.last_review, at)
        return out

    def drill_mastery(self, drills: list[Drill], now: datetime, on: datetime | None) -> list[TopicMastery]:
        recall_now = self.drill_recall(drills, now)
        recall_on = self.drill_recall(drills, on) if on else {}
        topics: dict[str, list[Drill]] = {}
        for drill in drills:
            for topic in drill.topics:
                topics.setdefault(topic, []).append(drill)
        out = []
        for topic, members in sorted(topics.items()):
            learned = [d for d in members if recall_now[d.slug] > 0]
            # every drill of the topic counts, one not known at zero
            out.append(TopicMastery(topic, sum(recall_now[d.slug] for d in learned) / len(members), len(learned), len(members),
                                    sum(recall_on[d.slug] for d in learned) / len(members) if on else None))
        return out

    def drill_summary(self, drills: list[Drill]) -> DrillSummary:
        from prep.practice.drill_service import counted

        run = Attempt.__table__.c  # runs that count: a syntax error is stored but counts for nothing
        attempts = dict(self.session.execute(select(Attempt.slug, func.count()).where(counted(run)).group_by(Attempt.slug)).all())
        # Solved: a pass that rated the drill (a practice run after giving up does not count).
        solved = set(self.session.scalars(select(Attempt.slug).where(Attempt.status == "pass", Attempt.rating.is_not(None)).distinct()))
        first_ids = select(func.min(Attempt.id)).where(counted(run)).group_by(Attempt.slug)
        firsts = list(self.session.scalars(select(Attempt.status).where(Attempt.id.in_(first_ids))))
        minutes = (self.session.scalar(select(func.sum(Attempt.round_seconds))) or 0) / 60
        known = {d.slug for d in drills}
        return DrillSummary(len(solved & known), len(set(attempts) & known), len(known - set(attempts)),
                            sum(s == "pass" for s in firsts) / len(firsts) if firsts else None,
                            {slug: attempts.get(slug, 0) for slug in sorted(known)}, round(minutes, 1))


def _naive(moment: datetime) -> str:
    """A UTC moment as SQLite stores them."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None).isoformat(" ")
