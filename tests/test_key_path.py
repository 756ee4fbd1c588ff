"""The way from a rating key to the next card (bench/keypress.py times it; these check what it does).

What only reads (the next card, the counts, a preview) begins a deferred transaction on SQLite, so it neither waits
for another prep's write nor holds one up; an answer still takes the writer's lock and is committed before the next
card is read, with everything the answer wrote before (the card's schedule, its review row, the day's counts).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from prep.errors import NotSavedYet
from prep.service import PrepService
from prep.store.tables import cards, daily_stats, reviews
from tests.conftest import DECK


def test_reads_take_no_writers_lock_and_an_answer_still_waits_for_it(service: PrepService, database: Path, now: datetime,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    service.import_paths([DECK], now)
    monkeypatch.setattr("prep.store.database.BUSY_SECONDS", 0.2)
    other = sqlite3.connect(database, isolation_level=None)  # another program writing: it holds the writer's lock
    other.execute("BEGIN IMMEDIATE")
    try:
        card = service.next_card(now)
        assert card is not None
        assert service.remaining(now).cards > 0 and service.card(card.id, now).front == card.front
        service.collection_mark()
        with pytest.raises(NotSavedYet):  # an answer waits for the lock, then says the collection cannot take it yet
            service.answer(card.id, 3, now)
    finally:
        other.rollback()
        other.close()
    answered = service.answer(card.id, 3, now)
    assert service.next_card(now).id != card.id and answered.card_id == card.id


def test_an_answer_writes_the_schedule_the_review_and_the_days_count_and_undo_takes_them_back(
        service: PrepService, database: Path, now: datetime) -> None:
    service.import_paths([DECK], now)
    card = service.next_card(now)
    assert card is not None
    engine = service._engine
    with engine.connect() as connection:
        before = connection.execute(select(cards).where(cards.c.id == card.id)).one()
    first = service.answer(card.id, 3, now, duration_ms=4000)
    later = now + timedelta(days=3)
    second = service.answer(card.id, 1, later, duration_ms=-5)  # a clock that went back gives no negative time
    with engine.connect() as connection:
        after = connection.execute(select(cards).where(cards.c.id == card.id)).one()
        rows = connection.execute(select(reviews).where(reviews.c.card_id == card.id).order_by(reviews.c.id)).all()
        day = connection.execute(select(daily_stats.c.reviews, daily_stats.c.review_ms)
                                 .where(daily_stats.c.day == now.date())).one()
    assert [row.id for row in rows] == [first.review_id, second.review_id] and [row.rating for row in rows] == [3, 1]
    assert (rows[0].duration_ms, rows[1].duration_ms, rows[0].state_before) == (4000, 0, before.state)
    assert json.loads(rows[0].snapshot)["reps"] == before.reps and rows[1].state_before == rows[0].state_after
    assert (after.reps, after.last_review, after.updated_at, after.planned_due) == (before.reps + 2, later, later, None)
    assert tuple(day) == (1, 4000)
    assert service.undo(card.id, review_id=second.review_id) == card.id
    assert service.undo(card.id, review_id=first.review_id) == card.id
    with engine.connect() as connection:
        restored = connection.execute(select(cards).where(cards.c.id == card.id)).one()
        left = connection.execute(select(reviews.c.id).where(reviews.c.card_id == card.id)).all()
    assert left == [] and (restored.state, restored.due, restored.reps, restored.stability) == (
        before.state, before.due, before.reps, before.stability)
