"""The daily queue and answers, against the real fsrs scheduler with a fixed clock and no fuzz."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import fsrs
import pytest

from prep.errors import PrepError
from prep.schedule.memory import format_interval
from prep.service import PrepService
from prep.settings.config import Config
from tests.conftest import write
from tests.pg import query

pytestmark = pytest.mark.both_engines  # every test here runs on SQLite and on PostgreSQL

NOTES = "# Deck\n" + "".join(f"- [v] Topic {i}\n  What is topic {i} about? :: fact number {i} about topic {i}\n" for i in range(1, 31))


@pytest.fixture
def loaded(service, tmp_path: Path, now):
    service.import_paths([write(tmp_path / "deck.md", NOTES)], now)
    return service


def review_rows(service) -> list[tuple]:
    return query(service.database, "SELECT card_id, rating, reviewed_at, day, duration_ms, state_before, state_after FROM reviews ORDER BY id")


def test_answer_matches_fsrs_and_is_committed_before_the_next_card(loaded, now) -> None:
    card = loaded.next_card(now)
    assert card.state == "new" and card.intervals == {"Again": "1m", "Hard": "6m", "Good": "10m", "Easy": "8d"}
    loaded.answer(card.id, 4, now, duration_ms=2500)
    # another connection sees the row at once: it is on disk, not pending in a session
    rows = review_rows(loaded)
    assert [(r[0], r[1], r[4], r[5], r[6]) for r in rows] == [(card.id, 4, 2500, 0, 2)]
    expected, _ = fsrs.Scheduler(enable_fuzzing=False).review_card(fsrs.Card(card_id=1, due=now), fsrs.Rating.Easy, now)
    stored = next(c for c in loaded.export_cards() if c["id"] == card.id)
    assert stored["due"] == expected.due.isoformat() and stored["state"] == "review" and stored["reviews"] == 1
    assert loaded.next_card(now).id != card.id


def test_learning_steps_bring_a_card_back_the_same_day(loaded, now) -> None:
    card = loaded.next_card(now)
    loaded.answer(card.id, 1, now)  # Again → back in 1 minute
    assert loaded.next_card(now).id != card.id  # other new cards first while it waits
    assert loaded.next_card(now + timedelta(minutes=2)).id == card.id  # due learning cards come first


def test_undo_restores_the_card_and_removes_the_review(loaded, now) -> None:
    first = loaded.next_card(now)
    before = next(c for c in loaded.export_cards() if c["id"] == first.id)
    loaded.answer(first.id, 3, now)
    assert loaded.today(now).reviewed == 1
    assert loaded.undo() == first.id
    assert review_rows(loaded) == []
    assert next(c for c in loaded.export_cards() if c["id"] == first.id) == before
    assert loaded.next_card(now).id == first.id
    assert loaded.undo() is None


def test_daily_new_limit_and_summary(database, tmp_path: Path, now) -> None:
    service = PrepService(database, Config(schedule_suggestions=True, enable_fuzzing=False, new_per_day=3), tz=None)
    service.import_paths([write(tmp_path / "deck.md", NOTES)], now)
    assert service.today(now).new == 3
    for rating in (4, 4, 4):
        service.answer(service.next_card(now).id, rating, now)
    assert service.next_card(now) is None
    today = service.today(now)
    assert (today.due, today.new, today.reviewed, today.streak) == (0, 0, 3, 1)
    assert service.ratings_today(now) == {"Again": 0, "Hard": 0, "Good": 0, "Easy": 3}
    tomorrow = now + timedelta(days=1)
    assert service.today(tomorrow).new == 3
    service.close()


def test_reviews_come_back_when_due_and_respect_the_review_limit(database, tmp_path: Path, now) -> None:
    service = PrepService(database, Config(schedule_suggestions=True, enable_fuzzing=False, new_per_day=5, reviews_per_day=2), tz=None)
    service.import_paths([write(tmp_path / "deck.md", NOTES)], now)
    for _ in range(5):
        service.answer(service.next_card(now).id, 4, now)  # Easy: 8 days
    later = now + timedelta(days=9)
    assert service.today(later).due == 2
    shown = [service.next_card(later)]
    service.answer(shown[0].id, 3, later)
    shown.append(service.next_card(later))
    assert shown[1].state == "review"
    service.answer(shown[1].id, 3, later)
    assert service.next_card(later).state == "new"  # review limit reached, new cards still come
    service.close()


def test_bury_hides_until_tomorrow_and_suspend_for_good(loaded, now) -> None:
    buried = loaded.next_card(now)
    loaded.bury(buried.id, now)
    suspended = loaded.next_card(now)
    loaded.suspend(suspended.id, now)
    seen = set()
    while (card := loaded.next_card(now)) is not None:
        seen.add(card.id)
        loaded.answer(card.id, 4, now)
    assert buried.id not in seen and suspended.id not in seen
    assert loaded.next_card(now + timedelta(days=1)).id == buried.id
    assert suspended.id not in {c["id"] for c in loaded.export_cards() if not c["suspended"]}


def test_answering_leaves_the_topics_other_facts_in_todays_queue(database, tmp_path: Path, now) -> None:
    """Sibling burying hides the other cards of one fact (tests/test_siblings.py), never the rest of its heading."""
    service = PrepService(database, Config(schedule_suggestions=True, enable_fuzzing=False), tz=__import__("datetime").timezone.utc)
    notes = "# Models\n## Encoder\n- [v] BERT\n  What does BERT stand for? :: Bidirectional Encoder Representations from Transformers\n" \
            "  Which half of the transformer is BERT? :: the encoder\n- [v] RoBERTa\n  How does RoBERTa mask? :: dynamically\n" \
            "  What data did RoBERTa add? :: ten times more\n## Decoder\n- [v] GPT-2\n  Which half is GPT-2? :: the decoder\n" \
            "  What was GPT-2 trained on? :: WebText\n- [v] XLNet\n  What does XLNet permute? :: the factorisation order\n" \
            "  Does XLNet use [MASK]? :: no\n"
    service.import_paths([write(tmp_path / "m.md", notes)], now)
    first = service.next_card(now)
    by_id = {c["id"]: c for c in service.export_cards()}
    topic = by_id[first.id]["path"]
    others = {i for i, c in by_id.items() if c["path"] == topic and c["source"] != by_id[first.id]["source"]}
    assert others  # the heading has facts besides the one shown
    service.answer(first.id, 3, now)
    shown = set()
    while (card := service.next_card(now)) is not None and card.id not in shown:
        shown.add(card.id)
        service.answer(card.id, 4, now)
    assert shown & others
    service.close()


def test_undo_unburies_the_siblings(database, tmp_path: Path, now) -> None:
    service = PrepService(database, Config(schedule_suggestions=True, enable_fuzzing=False), tz=__import__("datetime").timezone.utc)
    service.import_paths([write(tmp_path / "m.md", "# T\n- BERT ::: an encoder-only model\n")], now)
    first = service.next_card(now)
    service.answer(first.id, 3, now)
    second = service.next_card(now)
    assert second is None or second.id == first.id  # its reverse card waits until tomorrow
    service.undo(first.id)
    assert service.remaining(now).new == 2  # the sibling is back in today's queue
    service.close()


def test_streak_counts_consecutive_study_days(loaded, now) -> None:
    for day in (0, 1, 2, 4, 5):
        moment = now + timedelta(days=day)
        loaded.answer(loaded.next_card(moment).id, 3, moment)
    assert loaded.today(now + timedelta(days=5)).streak == 2
    assert loaded.today(now + timedelta(days=6)).streak == 2  # today not yet studied: the run is still alive
    assert loaded.today(now + timedelta(days=7)).streak == 0


def test_study_day_starts_at_4am(database, tmp_path: Path, now) -> None:
    service = PrepService(database, Config(schedule_suggestions=True, enable_fuzzing=False), tz=__import__("datetime").timezone.utc)
    service.import_paths([write(tmp_path / "deck.md", NOTES)], now)
    late = now.replace(hour=2) + timedelta(days=1)  # 2 am next calendar day, still today's study day
    service.answer(service.next_card(late).id, 3, late)
    assert service.today(now.replace(hour=23)).reviewed == 1
    service.close()


def test_bad_rating_and_unknown_card_are_refused(loaded, now) -> None:
    with pytest.raises(PrepError, match="rating must be"):
        loaded.answer(loaded.next_card(now).id, 5, now)
    with pytest.raises(PrepError, match="no card"):
        loaded.answer("missing", 3, now)
    assert review_rows(loaded) == []


@pytest.mark.parametrize(("interval", "label"), [
    (timedelta(seconds=20), "1m"), (timedelta(minutes=10), "10m"), (timedelta(hours=5), "5h"),
    (timedelta(days=3), "3d"), (timedelta(days=45), "1.5mo"), (timedelta(days=60), "2mo"), (timedelta(days=800), "2.2y"),
])
def test_interval_labels(interval: timedelta, label: str) -> None:
    assert format_interval(interval) == label
