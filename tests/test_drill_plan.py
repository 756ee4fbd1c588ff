"""Drills planned for the interview date like cards (prep.schedule.drill_plan): a simulated month on a real
SQLite file with fixed clocks, readiness and the forecast counting the drills."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from prep.drills.report import PASS, Report
from prep.service import PrepService
from prep.settings.config import Config
from tests.conftest import write

DRILLS = 8  # rated before the month begins; the rest of the catalog stays new
REVIEWS_PER_DAY, DRILLS_PER_DAY = 15, 3


def passed(slug: str) -> Report:
    return Report(drill=slug, status=PASS, passed=4, total=4, duration_s=0.01)


def solve(service: PrepService, slug: str, moment: datetime) -> int | None:
    """A pass with code not seen before (the same code passing again is not rated)."""
    return service.drills.record(slug, passed(slug), f"# {slug} solved at {moment.isoformat()}\n", moment).rating


def simulate(tmp_path: Path, now: datetime, interview: date | None,
             ) -> tuple[PrepService, list[str], list[tuple[int, int]], dict[str, list[date]]]:
    """60 cards and 8 drills learned over the last two months, then a month of daily sessions."""
    notes = "# Deck\n" + "".join(f"- [v] Topic {i}\n  released in {1700 + i}\n" for i in range(60))
    config = Config(schedule_suggestions=True, enable_fuzzing=False, bury_siblings=False, new_per_day=0, reviews_per_day=REVIEWS_PER_DAY,
                    new_drills_per_day=0, drills_per_day=DRILLS_PER_DAY, interview_date=interview)
    service = PrepService(tmp_path / f"drills-{interview}.sqlite3", config, tz=timezone.utc)
    service.import_paths([write(tmp_path / "deck.md", notes)], now - timedelta(days=60))
    topics = [c["id"] for c in service.export_cards() if c["kind"] == "number"]
    for i, card in enumerate(topics):
        learned = now - timedelta(days=60 - (i % 55))
        service.answer(card, 3, learned - timedelta(minutes=20))
        service.answer(card, 3, learned)
    for card in {c["id"] for c in service.export_cards()} - set(topics):
        service.suspend(card, now)
    slugs = [drill.slug for drill in service.drills.catalog()][:DRILLS]
    for i, slug in enumerate(slugs):  # solved twice, weeks ago, a few days apart
        first = now - timedelta(days=50 - 3 * i)
        solve(service, slug, first)
        solve(service, slug, first + timedelta(days=6))
    loads: list[tuple[int, int]] = []
    solved: dict[str, list[date]] = {slug: [] for slug in slugs}
    for day in range(30):
        moment = now + timedelta(days=day)
        service.plan(moment)
        reviews = 0
        while (card := service.next_card(moment)) is not None:
            service.answer(card.id, 3, moment)
            reviews += 1
        drills = 0
        while today := service.drills.due_today(moment + timedelta(minutes=drills)):  # the plan follows each solve
            assert solve(service, today[0], moment + timedelta(minutes=drills)) is not None, today  # rated, not practice
            solved[today[0]].append(moment.date())
            drills += 1
            assert drills <= 10 * DRILLS_PER_DAY, today
        loads.append((reviews, drills))
    return service, slugs, loads, solved


def test_drills_are_planned_for_the_interview_over_a_simulated_month(tmp_path: Path, now: datetime) -> None:
    interview = now.date() + timedelta(days=30)
    service, slugs, loads, solved = simulate(tmp_path, now, interview)
    assert max(r for r, _ in loads) <= REVIEWS_PER_DAY, loads
    assert max(d for _, d in loads) <= DRILLS_PER_DAY, loads  # both daily limits hold every day
    final_week = {interview - timedelta(days=i) for i in range(1, service.config.final_review_days + 1)}
    assert all(set(days) & final_week for days in solved.values()), solved  # every drill solved in the final week
    eve = datetime.combine(interview - timedelta(days=1), datetime.min.time(), timezone.utc) + timedelta(hours=12)
    readiness = service.stats(eve).readiness
    assert readiness is not None and readiness.drills_known == DRILLS and readiness.drills_total == len(service.drills.catalog())
    # every drill of the month meets the target; the rest of the catalog, never studied, counts at zero
    assert readiness.drills * readiness.drills_total >= service.config.interview_retention * DRILLS, readiness.drills
    weights = readiness.total + readiness.drills_total
    assert abs(readiness.overall - (readiness.cards * readiness.total + readiness.drills * readiness.drills_total) / weights) < 1e-9
    plain, _slugs, plain_loads, plain_solved = simulate(tmp_path, now, None)
    assert sum(d for _, d in loads) > sum(d for _, d in plain_loads)  # the plan added rounds FSRS alone would not
    assert not all(set(days) & final_week for days in plain_solved.values())  # FSRS alone leaves some out of the final week
    service.close()
    plain.close()


def test_the_plan_summary_forecast_and_json_count_drills(tmp_path: Path, now: datetime) -> None:
    interview = now.date() + timedelta(days=20)
    config = Config(schedule_suggestions=True, enable_fuzzing=False, bury_siblings=False, new_drills_per_day=0, drills_per_day=1,
                    final_review_days=2, interview_date=interview)
    service = PrepService(tmp_path / "p.sqlite3", config, tz=timezone.utc)
    slugs = [drill.slug for drill in service.drills.catalog()][:5]
    for slug in slugs:
        solve(service, slug, now - timedelta(days=1))  # due in days, long before the final days
    plan = service.plan(now)
    # Five drills want a place in the final two days; one a day fits there, the rest take earlier days.
    assert sum(plan.drills_per_day.values()) + plan.drills_unplaced == 5 and max(plan.drills_per_day.values()) == 1
    assert interview - timedelta(days=1) in plan.drills_per_day
    stats = service.stats(now)
    assert sum(day.extra_drills for day in stats.forecast) == sum(plan.drills_per_day.values())
    data = json.loads(json.dumps(stats.as_dict()))
    ready = data["readiness"]
    assert ready["drills_known"] == 5 and ready["drills_total"] == len(service.drills.catalog())
    assert 0 < ready["drills"] <= 1 and 0 < ready["cards"] + ready["drills"] and "overall" in ready
    assert ready["drills_per_day"] == {d.isoformat(): n for d, n in plan.drills_per_day.items()}
    assert ready["drills_unplaced"] == plan.drills_unplaced
    assert "extra_drills" in data["forecast"][0]
    service.close()


def test_a_drill_planned_for_today_is_rated_not_practice(tmp_path: Path, now: datetime) -> None:
    """A drill pulled forward is due today: solving it rates it, though FSRS would have it rest."""
    interview = now.date() + timedelta(days=3)
    config = Config(schedule_suggestions=True, enable_fuzzing=False, new_drills_per_day=0, drills_per_day=2, interview_date=interview)
    service = PrepService(tmp_path / "t.sqlite3", config, tz=timezone.utc)
    slug = service.drills.catalog()[0].slug
    solve(service, slug, now - timedelta(days=20))
    solve(service, slug, now - timedelta(days=10))  # resting well past the interview, last solved before the final days
    assert service.drills.plan(now).days == {slug: now.date() + timedelta(days=2)}  # the latest day with room
    assert service.drills.due_today(now) == []
    on_the_day = now + timedelta(days=2)
    assert service.drills.due_today(on_the_day) == [slug] and not service.drills.resting(slug, on_the_day)
    assert service.drills.row(slug, on_the_day).status == "due"
    assert solve(service, slug, on_the_day) is not None
    assert service.drills.plan(on_the_day).days == {} and service.drills.due_today(on_the_day) == []
    service.close()
