"""Stats on real SQLite and PostgreSQL with a fixed clock, against hand-worked numbers and fsrs itself;
the interview plan on a simulated month of reviews."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import fsrs
import pytest

from prep.drills.catalog import all_drills
from prep.schedule.memory import streaks
from prep.service import PrepService
from prep.settings.config import Config
from prep.store.models import Card
from tests.conftest import write

pytestmark = pytest.mark.both_engines  # every test here runs on SQLite and on PostgreSQL

# Two cards per topic, written as cards: what the model is known for, and the year it came out.
TRICKS = ["masking", "pruning", "routing", "caching", "pooling", "sharding"]
NOTES = "# Models\n" + "".join(f"## Model {c}\n\nWhat is Model {c} known for? :: its {t} trick\nWhen was Model {c} released? :: in {2000 + i}\n\n"
                              for i, (c, t) in enumerate(zip("ABCDEF", TRICKS))) + \
        "# Metrics\n" + "".join(f"## Metric {c}\n\nWhat is Metric {c} known for? :: its {t} trick\nWhen was Metric {c} proposed? :: in {2010 + i}\n\n"
                                for i, (c, t) in enumerate(zip("ABCD", TRICKS)))


@pytest.fixture
def service(database, tmp_path: Path, now: datetime):
    svc = PrepService(database, Config(schedule_suggestions=True, enable_fuzzing=False, bury_siblings=False, new_per_day=100), tz=timezone.utc)
    svc.import_paths([write(tmp_path / "n.md", NOTES)], now - timedelta(days=30))
    yield svc
    svc.close()


def fsrs_recall(service: PrepService, ids: list[str], moment: datetime) -> list[float]:
    """fsrs's own retrievability of each card at `moment`, from the state prep stored."""
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    with service._sessions() as session:
        cards = [session.get(Card, card_id) for card_id in ids]
        return [scheduler.get_card_retrievability(fsrs.Card(card_id=1, state=fsrs.State(c.state), stability=c.stability,
                                                            difficulty=c.difficulty, due=c.due, last_review=c.last_review), moment)
                for c in cards]


def card_ids(service: PrepService, topic: str, asks: str = "known for") -> list[str]:
    return [c["id"] for c in service.export_cards() if c["path"].startswith(topic) and asks in c["front"]]


def test_streaks() -> None:
    today = date(2026, 11, 27)
    days = [today - timedelta(days=n) for n in (0, 1, 2, 5, 6, 7, 8, 20)]
    assert streaks(days, today) == (3, 4)
    assert streaks(days[1:], today) == (2, 4)  # today not studied yet: yesterday's run still counts
    assert streaks([], today) == (0, 0)


def test_activity_retention_and_time_by_hand(service: PrepService, now: datetime) -> None:
    models = card_ids(service, "Models")
    start = now - timedelta(days=10)
    for card in models[:4]:
        service.answer(card, 4, start, 30_000)  # Easy: straight to review, due in 8 days (fsrs, no fuzz)
    later = start + timedelta(days=8)
    service.answer(models[0], 1, later, 60_000)  # a young review forgotten
    service.answer(models[1], 3, later, 60_000)
    service.answer(models[2], 3, later, 60_000)
    stats = service.stats(now)
    by_day = {a.day: a for a in stats.activity}
    assert (by_day[start.date()].reviews, by_day[start.date()].minutes) == (4, 2.0)
    assert (by_day[later.date()].reviews, by_day[later.date()].minutes) == (3, 3.0)
    assert len(stats.activity) == 365 and stats.activity[-1].day == now.date()
    assert (stats.current_streak, stats.longest_streak) == (0, 1)
    week = next(r for r in stats.retention if r.days == 7)
    assert (week.young_reviews, week.young, week.mature_reviews, week.mature) == (3, pytest.approx(2 / 3), 0, None)
    assert stats.desired_retention == 0.9


def test_undo_takes_the_answer_out_of_the_stats(service: PrepService, now: datetime) -> None:
    card = card_ids(service, "Models")[0]
    service.answer(card, 3, now, 5_000)
    service.undo(card)
    day = next(a for a in service.stats(now).activity if a.day == now.date())
    assert (day.reviews, day.minutes) == (0, 0.0)


def test_forecast_counts_due_cards_and_drills(service: PrepService, now: datetime) -> None:
    for card in card_ids(service, "Metrics"):
        service.answer(card, 4, now, 1_000)  # each due in 8 days
    forecast = service.stats(now).forecast
    assert len(forecast) == 30 and forecast[0].day == now.date()
    assert {f.day: f.cards for f in forecast if f.cards} == {now.date() + timedelta(days=8): 4}


def test_mastery_is_fsrs_retrievability(service: PrepService, now: datetime) -> None:
    models = card_ids(service, "Models")
    for days_ago, card in zip((20, 12, 5), models):
        service.answer(card, 3, now - timedelta(days=days_ago, minutes=20))
        service.answer(card, 3, now - timedelta(days=days_ago))  # Good twice: a review card
    expected = fsrs_recall(service, models[:3], now)
    topic = next(t for t in service.stats(now).mastery if t.topic == "Models")
    assert topic.learned == 3 and topic.total > 3
    # a share of every card of the topic, those never seen at zero: three learned do not make the topic known
    assert topic.recall_now == pytest.approx(sum(expected) / topic.total, rel=1e-9)


def test_recall_counts_whole_days_as_fsrs_does(service: PrepService, now: datetime) -> None:
    """Part days do not count: 3 days 23 hours is 3 days, for the SQL of either engine as for fsrs."""
    card = card_ids(service, "Metrics")[0]
    last = now - timedelta(days=3, hours=23, minutes=59, seconds=59)
    service.answer(card, 4, last)  # Easy: a review card, last reviewed just short of 4 days ago
    [expected] = fsrs_recall(service, [card], now)
    [at_three_days] = fsrs_recall(service, [card], last + timedelta(days=3))
    assert expected == at_three_days  # fsrs itself counts whole days
    [weakest] = service.stats(now).weakest
    topic = next(t for t in service.stats(now).mastery if t.topic == "Metrics")
    assert weakest.recall == pytest.approx(expected, rel=1e-12)
    assert topic.recall_now == pytest.approx(expected / topic.total, rel=1e-12)  # the topic's other cards at zero


def test_readiness_is_fsrs_retrievability_on_the_day(database, tmp_path: Path, now: datetime) -> None:
    interview = (now + timedelta(days=20)).date()
    service = PrepService(database, Config(schedule_suggestions=True, enable_fuzzing=False, bury_siblings=False, interview_date=interview),
                          tz=timezone.utc)
    service.import_paths([write(tmp_path / "n.md", NOTES)], now)
    cards = card_ids(service, "Metrics")
    service.answer(cards[0], 4, now)
    readiness = service.stats(now).readiness
    assert readiness is not None and readiness.days_left == 20 and readiness.target == 0.95
    on_the_day = datetime.combine(interview, datetime.min.time(), timezone.utc) + timedelta(hours=4)
    [expected] = fsrs_recall(service, cards[:1], on_the_day)
    metrics = next(t for t in readiness.topics if t.topic == "Metrics")
    assert metrics.learned == 1 and metrics.recall_on_date == pytest.approx(expected / metrics.total, rel=1e-9)
    # every card the plan covers and every drill count, never studied at zero: one card learned is no readiness
    assert readiness.learned == 1 and readiness.total == len(service.export_cards())
    assert readiness.cards == pytest.approx(expected / readiness.total, rel=1e-9)
    assert readiness.overall == pytest.approx(expected / (readiness.total + len(all_drills())), rel=1e-9)
    assert [c.id for c in readiness.cards_at_risk] == [cards[0]] and readiness.cards_at_risk[0].recall == pytest.approx(expected)
    assert len(readiness.drills_at_risk) == len(all_drills())  # no drill studied yet
    assert json.loads(json.dumps(service.stats(now).as_dict()))["readiness"]["date"] == interview.isoformat()
    service.close()


def test_leeches_are_listed_after_eight_lapses(service: PrepService, now: datetime) -> None:
    card = card_ids(service, "Models")[0]
    moment = now - timedelta(days=20)
    service.answer(card, 4, moment)  # into review
    for _ in range(8):
        moment += timedelta(days=2)
        service.answer(card, 1, moment)  # a lapse
        service.answer(card, 3, moment + timedelta(minutes=11))  # back into review
    [leech] = service.stats(now).leeches
    assert (leech.id, leech.lapses, leech.suspended) == (card, 8, False)
    service.suspend(card, now)
    assert service.stats(now).leeches[0].suspended


def simulate_month(location, tmp_path: Path, now: datetime, interview: date | None) -> tuple[list[int], list[float], PrepService]:
    """300 cards learned over the last two months, then a month of daily sessions answering Good."""
    notes = "# Deck\n" + "".join(f"## Topic {i}\n\nWhen was Topic {i} released? :: in {1700 + i}\n\n" for i in range(300))
    config = Config(schedule_suggestions=True, enable_fuzzing=False, bury_siblings=False, new_per_day=0, reviews_per_day=60, interview_date=interview)
    service = PrepService(location, config, tz=timezone.utc)
    service.import_paths([write(tmp_path / "deck.md", notes)], now - timedelta(days=60))
    topics = [c["id"] for c in service.export_cards() if "released" in c["front"]]
    for i, card in enumerate(topics):
        learned = now - timedelta(days=60 - (i % 55))
        service.answer(card, 3, learned - timedelta(minutes=20))
        service.answer(card, 3 if i % 3 else 4, learned)
    for card in {c["id"] for c in service.export_cards()} - set(topics):
        service.suspend(card, now)  # only the 300 year cards take part
    loads = []
    for day in range(30):
        moment = now + timedelta(days=day)
        service.replan(moment)  # as each day's start does (prep.cli)
        answered = 0
        while (card := service.next_card(moment)) is not None:
            service.answer(card.id, 3, moment)
            answered += 1
        loads.append(answered)
    on_the_day = datetime.combine(now.date() + timedelta(days=30), datetime.min.time(), timezone.utc) + timedelta(hours=4)
    recall = fsrs_recall(service, topics, on_the_day)
    return loads, recall, service


def test_interview_plan_over_a_simulated_month(databases, tmp_path: Path, now: datetime) -> None:
    interview = now.date() + timedelta(days=30)
    loads, recall, service = simulate_month(databases(), tmp_path, now, interview)
    assert max(loads) <= 60, loads  # the daily review limit holds every day
    assert min(recall) >= 0.95, sorted(recall)[:5]  # every card meets the interview target on the day
    plain_loads, plain_recall, plain = simulate_month(databases(), tmp_path, now, None)
    assert min(plain_recall) < 0.95  # FSRS alone keeps only the everyday 0.9
    added = sum(loads) - sum(plain_loads)
    assert added > 0
    service.reconfigure(replace(service.config, interview_date=interview))
    after = service.plan(datetime.combine(interview + timedelta(days=1), datetime.min.time(), timezone.utc) + timedelta(hours=9))
    assert after.extra_per_day == {} and service.stats(now + timedelta(days=31)).readiness is None  # normal scheduling resumes
    service.close()
    plain.close()


def test_every_learned_card_is_planned_into_the_final_week(database, tmp_path: Path, now: datetime) -> None:
    """Cards due soon (well before a far interview) were left out of the plan: readiness said `No extra
    reviews planned` right above cards below the target, and the final week held nothing."""
    interview = (now + timedelta(days=49)).date()
    config = Config(schedule_suggestions=True, enable_fuzzing=False, bury_siblings=False, interview_date=interview)
    service = PrepService(database, config, tz=timezone.utc)
    service.import_paths([write(tmp_path / "n.md", NOTES)], now)
    learned = card_ids(service, "Metrics")
    for card in learned:
        service.answer(card, 3, now)  # into learning: due in minutes, long before the interview
        service.answer(card, 3, now + timedelta(minutes=11))
    plan = service.plan(now + timedelta(minutes=12))
    final_week = {interview - timedelta(days=i) for i in range(1, config.final_review_days + 1)}
    assert plan.extra_per_day and set(plan.extra_per_day) <= final_week
    assert sum(plan.extra_per_day.values()) == len(learned) and plan.unplaced == 0
    readiness = service.stats(now + timedelta(minutes=12)).readiness
    assert readiness is not None and sum(readiness.extra_per_day.values()) == len(learned)
    service.close()
