"""Two processes answering one collection at once, as two machines would: nothing lost, nothing overwritten.

Each worker is a real process with its own PrepService, answering whatever `next_card` gives it as fast as it can,
both on the same small deck so they keep reaching for the same card. Afterwards, from the database alone:
every acknowledged answer is there, each card's state is what replaying its answers in order through fsrs gives,
the daily counts equal a recount, and a card was answered twice from one state only when both workers held it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fsrs
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prep.errors import PrepError
from prep.schedule.memory import NEW, REVIEW, SchedulingState, make_scheduler, review
from prep.service import PrepService
from prep.settings.config import Config
from prep.store.daily import rebuild
from prep.store.location import ServerURL
from prep.store.tables import cards, daily_stats, reviews
from tests.conftest import ROOT, write
from tests.pg import argument

pytestmark = pytest.mark.both_engines

SECONDS = 4.0
CONFIG = dict(schedule_suggestions=True, enable_fuzzing=False, new_per_day=1000, reviews_per_day=100000, bury_siblings=False)
NOTES = "# Deck\n" + "".join(f"## Topic {i}\n\nWhat is Term {i}? :: fact number {i}\n\n" for i in range(1, 11))

WORKER = """
import json, random, sys, time
from datetime import datetime, timedelta, timezone
from prep.settings.config import Config
from prep.errors import PrepError
from prep.service import PrepService
from prep.store import location, server

where, start, seconds, offset = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
BASE = datetime(2026, 12, 1, 9, tzinfo=timezone.utc)
SPEED = 86400  # a second of the run is a day of study: answered cards come due again within the run

def clock():
    return BASE + timedelta(seconds=(time.time() - start) * SPEED)

service = PrepService(location.parse(where), Config(**json.loads(sys.argv[5])), tz=timezone.utc)
service.warm_up()
print(json.dumps({"ready": True}), flush=True)
while time.time() < start:
    time.sleep(0.001)
ratings, n = (3, 1, 3, 4, 2, 3, 3), offset
while time.time() < start + seconds:
    fetched = time.time()
    card = service.next_card(clock())
    if card is None:
        continue
    time.sleep(random.uniform(0, 0.01))  # the card on screen a moment, as a person reads it: the other may answer it
    done = service.answer(card.id, ratings[n % len(ratings)], clock(), 100, seen_answers=card.answers)
    n += 1
    print(json.dumps({"card": card.id, "review": done.review_id, "shown": card.answers, "elsewhere": done.also_elsewhere,
                      "fetched": fetched, "acked": time.time()}), flush=True)
print(json.dumps({"retried": server.conflicts_retried}), flush=True)
"""


def run_workers(database: Path | ServerURL, count: int = 2, config: dict | None = None) -> list[list[dict]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = []
    start = time.time() + 5  # both start answering at this moment, after their imports
    for offset in range(count):
        workers.append(subprocess.Popen(
            [sys.executable, "-c", WORKER, argument(database), str(start), str(SECONDS), str(offset * 3),
             json.dumps(config or CONFIG)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env))
    logs = []
    for worker in workers:
        out, err = worker.communicate(timeout=60)
        assert worker.returncode == 0, err
        logs.append([json.loads(line) for line in out.splitlines()])
    for log in logs:
        assert log[0] == {"ready": True}
    return [log[1:] for log in logs]


def replayed(scheduler: fsrs.Scheduler, answers: list) -> tuple[SchedulingState, int, int]:
    """A new card's state after `answers` (rating, reviewed_at), applied in order through fsrs; with reps and lapses."""
    state, lapses = None, 0
    for rating, at in answers:
        current = state or SchedulingState(NEW, 0, None, None, at, None)
        lapses += int(rating == 1 and current.state == REVIEW)
        state = review(scheduler, current, fsrs.Rating(rating), at)
    return state, len(answers), lapses


def test_two_processes_answering_one_deck_lose_nothing(database, tmp_path: Path) -> None:
    config = Config(**CONFIG)
    service = PrepService(database, config, tz=timezone.utc)
    service.import_paths([write(tmp_path / "deck.md", NOTES)], datetime(2026, 12, 1, 8, tzinfo=timezone.utc))
    logs = run_workers(database)
    answers = [[entry for entry in log if "review" in entry] for log in logs]
    retried = sum(log[-1]["retried"] for log in logs)

    with Session(service._engine) as session:  # noqa: SLF001 - the test reads the tables themselves
        rows = session.execute(select(reviews.c.id, reviews.c.card_id, reviews.c.rating, reviews.c.reviewed_at)
                               .order_by(reviews.c.id)).all()
        stored = {row.id: row for row in rows}
        # No answer lost: every acknowledged answer is there, and nothing unacknowledged.
        acked = [entry["review"] for log in answers for entry in log]
        assert len(acked) == len(set(acked)) and set(acked) == set(stored)

        # No update lost: each card is what its answers, replayed in order, make of a new card.
        history = defaultdict(list)
        for row in rows:
            history[row.card_id].append(row)
        scheduler = make_scheduler(config)
        for card in session.execute(select(cards)).all():
            if card.id not in history:
                assert card.state == NEW and card.reps == 0
                continue
            state, reps, lapses = replayed(scheduler, [(r.rating, r.reviewed_at) for r in history[card.id]])
            assert (card.state, card.step, card.due, card.last_review, card.reps, card.lapses) == (
                state.state, state.step, state.due, state.last_review, reps, lapses), card.id
            assert card.stability == pytest.approx(state.stability) and card.difficulty == pytest.approx(state.difficulty)

        # The daily counts equal a recount from the reviews table.
        counted = sorted(session.execute(select(daily_stats)).all())
        rebuild(session)
        assert counted == sorted(session.execute(select(daily_stats)).all())
        session.rollback()

    # A card answered twice from one state only when both workers held it on screen at once: the later answer's
    # card was fetched before the earlier answer was acknowledged, and the service said so (also_elsewhere).
    position = {row.id: n for reviews_of in history.values() for n, row in enumerate(reviews_of)}
    acked_at = {entry["review"]: entry["acked"] for log in answers for entry in log}
    overlaps = 0
    for log in answers:
        for entry in log:
            before = position[entry["review"]]  # answers the card had when this one was saved
            assert entry["elsewhere"] == (entry["shown"] < before), entry
            if entry["shown"] < before:
                overlaps += 1
                taken_by = history[entry["card"]][entry["shown"]].id  # the answer that got there first
                assert entry["fetched"] < acked_at[taken_by], f"{entry['card']} was shown after another worker answered it"
    # Not vacuous: both workers answered a lot, at the same time, and often reached for the same card.
    assert all(len(log) >= 10 for log in answers)
    assert max(log[0]["fetched"] for log in answers) < min(log[-1]["acked"] for log in answers)
    assert overlaps >= 1
    service.close()
    print(f"\n{service._engine.dialect.name}: {len(acked) / SECONDS:.0f} answers/s from two processes, "  # noqa: SLF001
          f"{overlaps} answered on both, {retried} conflicts retried")


# ---- two services on one collection, step by step --------------------------------------------------

@pytest.fixture
def two(database, tmp_path: Path):
    config = Config(**CONFIG)
    first = PrepService(database, config, tz=timezone.utc)
    first.import_paths([write(tmp_path / "deck.md", NOTES)], datetime(2026, 12, 1, 8, tzinfo=timezone.utc))
    second = PrepService(database, config, tz=timezone.utc)
    yield first, second
    first.close()
    second.close()


def test_an_answer_to_a_card_answered_elsewhere_counts_and_is_scheduled_from_the_newest_state(two) -> None:
    a, b = two
    now = datetime(2026, 12, 1, 9, tzinfo=timezone.utc)
    on_a, on_b = a.next_card(now), b.next_card(now)
    assert on_a.id == on_b.id  # both machines show the same card
    first = a.answer(on_a.id, 4, now, 1000, seen_answers=on_a.answers)  # Easy: a review card, due in days
    assert not first.also_elsewhere
    assert b.next_card(now).id != on_a.id  # a fresh query: B's next card is another one
    late = b.answer(on_b.id, 1, now + timedelta(seconds=5), 2000, seen_answers=on_b.answers)  # B still had it on screen
    assert late.also_elsewhere
    scheduler = make_scheduler(Config(**CONFIG))
    expected, reps, lapses = replayed(scheduler, [(4, now), (1, now + timedelta(seconds=5))])
    card = a.card(on_a.id, now)
    assert card.answers == 2 and card.state == "relearning" and (expected.state, reps, lapses) == (3, 2, 1)

    # Undo takes back this machine's own answer only while it is the card's latest.
    with pytest.raises(PrepError, match="answered again on another machine"):
        a.undo(on_a.id, review_id=first.review_id)
    assert b.undo(on_b.id, review_id=late.review_id) == on_b.id
    assert a.card(on_a.id, now).state == "review"  # A's answer stands
    with pytest.raises(PrepError, match="no longer in the collection"):
        b.undo(on_b.id, review_id=late.review_id)


def test_undoing_a_card_action_keeps_what_another_machine_did_since(two) -> None:
    a, b = two
    now = datetime(2026, 12, 1, 9, tzinfo=timezone.utc)
    card = a.next_card(now)
    forgot = a.cards.apply("forget", card.id, now)
    suspended = a.cards.apply("suspend", card.id, now)
    b.answer(card.id, 4, now + timedelta(minutes=1))  # another machine answers it meanwhile
    a.cards.undo(suspended, now + timedelta(minutes=2))
    a.cards.undo(forgot, now + timedelta(minutes=2))
    after = a.card(card.id, now)
    assert after.state == "review" and after.answers == 1  # the answer is not rolled back by either undo
    assert not a.export_cards()[[c["id"] for c in a.export_cards()].index(card.id)]["suspended"]


def test_an_answer_locks_its_topic_only_where_row_locks_mean_something(database, tmp_path: Path) -> None:
    """PostgreSQL: the card and its topic's cards are locked in id order before the siblings are buried (two machines
    answering one topic wait for each other instead of deadlocking). SQLite: the write transaction holds the file
    already, so those reads would only slow every keypress."""
    from sqlalchemy import event

    service = PrepService(database, Config(**{**CONFIG, "bury_siblings": True}), tz=timezone.utc)
    service.import_paths([write(tmp_path / "deck.md", "# D\n## T\n\n- [v] BERT\n  architecture: an encoder-only model\n  objective: masked LM\n")],
                         datetime(2026, 12, 1, 8, tzinfo=timezone.utc))
    statements: list[str] = []
    event.listen(service._engine, "before_cursor_execute", lambda _c, _cur, sql, *_rest: statements.append(sql))
    try:
        card = service.next_card(datetime(2026, 12, 1, 9, tzinfo=timezone.utc))
        statements.clear()
        service.answer(card.id, 3, datetime(2026, 12, 1, 9, tzinfo=timezone.utc))
        locking = [s for s in statements if "FOR UPDATE" in s]
        if isinstance(database, ServerURL):  # one round trip: the topic's cards, this one among them, in id order
            assert len(locking) == 1 and "cards.deck, cards.path" in locking[0] and "ORDER BY cards.id" in locking[0]
        else:
            assert locking == [] and not [s for s in statements if "cards.deck, cards.path" in s]
    finally:
        service.close()


def test_a_deadlock_is_retried_inside_a_write_and_one_line_outside(pg_server) -> None:
    """Two transactions that lock two rows crosswise: the server kills one (40P01). Inside `retrying` that one runs
    again and succeeds; outside (a plain read or a restore meeting a reader) it is one line, never a traceback."""
    import threading

    from sqlalchemy import text

    from prep.store import server as server_module
    from prep.store.server import create_server_engine, retrying

    location = pg_server.create_database()
    engine = create_server_engine(location)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE pair (id int PRIMARY KEY, n int)"))
            connection.execute(text("INSERT INTO pair VALUES (1, 0), (2, 0)"))
        barrier = threading.Barrier(2)
        outcomes: dict[str, object] = {}

        def crosswise(name: str, first: int, second: int, retried: bool) -> None:
            def once() -> None:
                with engine.begin() as connection:
                    connection.execute(text("UPDATE pair SET n = n + 1 WHERE id = :i"), {"i": first})
                    if not outcomes.get(f"{name}-met"):
                        outcomes[f"{name}-met"] = True
                        barrier.wait(timeout=10)  # both hold their first row: each now waits for the other's
                    connection.execute(text("UPDATE pair SET n = n + 1 WHERE id = :i"), {"i": second})
            try:
                retrying(once) if retried else once()
                outcomes[name] = "done"
            except PrepError as error:
                outcomes[name] = str(error)

        before = server_module.conflicts_retried
        threads = [threading.Thread(target=crosswise, args=("a", 1, 2, True)),
                   threading.Thread(target=crosswise, args=("b", 2, 1, False))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert outcomes["a"] == "done"  # retried: it always goes through
        if outcomes["b"] == "done":  # the server chose the retried transaction, which ran again
            assert server_module.conflicts_retried == before + 1
        else:  # it chose the plain one: one line
            assert "another machine changed the collection at the same moment" in str(outcomes["b"])
            assert server_module.conflicts_retried == before
    finally:
        engine.dispose()
        pg_server.drop_database(location)
