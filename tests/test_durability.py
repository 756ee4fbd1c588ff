"""Nothing stored is lost: kill -9 at random moments, two processes at once, a full disk,
backups and restore, damaged files; fuzzed notes never crash the importer."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from prep.errors import PrepError
from prep.service import PrepService
from prep.settings.config import Config
from prep.store.backups import backups, daily_backup, make_backup
from prep.store.location import ServerURL
from prep.store.restore import restore
from tests.conftest import DECK, ROOT
from tests.pg import argument, query

# The kill and two-process tests ask for `database`: they run on a SQLite file and on a PostgreSQL server.
# The rest are about SQLite files (a full disk, a damaged file, file backups) and stay on SQLite.
pytestmark = pytest.mark.both_engines

SESSION = """
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from prep.settings.config import Config
from prep.service import PrepService
from prep.store.location import parse

service = PrepService(parse(sys.argv[1]), Config(schedule_suggestions=True, enable_fuzzing=False, new_per_day=1000, reviews_per_day=10000,
                                                 bury_siblings=False), tz=timezone.utc)
now = datetime(2026, 12, 1, 9, tzinfo=timezone.utc) + timedelta(days=int(sys.argv[2]))
print("ready", flush=True)
recorded = 0
while True:
    card = service.next_card(now)
    if card is None:
        now += timedelta(days=1)
        continue
    service.answer(card.id, 1 + recorded % 4, now, 1000)
    recorded += 1
    print("recorded", recorded, flush=True)  # shown as recorded: it must be on disk
    now += timedelta(seconds=30)
"""


def counts(database: Path | ServerURL) -> tuple[str, int, int]:
    check = "ok" if isinstance(database, ServerURL) else query(database, "PRAGMA integrity_check")[0][0]
    reviews = query(database, "SELECT count(*) FROM reviews")[0][0]
    counted = query(database, "SELECT coalesce(sum(reviews), 0) FROM daily_stats")[0][0]
    return check, reviews, counted


def run_session(database: Path | ServerURL, day: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", SESSION, argument(database), str(day)], stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


@pytest.fixture
def deck_db(database, now) -> Path | ServerURL:
    service = PrepService(database, Config(schedule_suggestions=True), tz=None)
    service.import_paths([DECK], now)
    service.close()
    return database


def test_kill_9_at_random_moments_loses_no_recorded_answer(deck_db: Path | ServerURL) -> None:
    rng = random.Random(7)
    before = 0
    for round_number in range(20):
        process = run_session(deck_db, round_number)
        first = process.stdout.readline()  # the session is under way (however slow the machine), then the kill lands
        time.sleep(rng.uniform(0.0, 0.5))
        process.send_signal(signal.SIGKILL)
        output, _ = process.communicate(timeout=30)
        # Only whole lines count: the kill can tear the last print, whose answer is then on disk but unannounced.
        complete = [first.strip()] + output.split("\n")[:-1]
        shown = max((int(m[1]) for line in complete if (m := re.fullmatch(r"recorded (\d+)", line))), default=0)
        check, reviews, counted = counts(deck_db)
        assert check == "ok"
        assert before + shown <= reviews <= before + shown + 1  # at most the one answer being written when killed
        assert counted == reviews  # the day counts were in the same transaction
        before = reviews
    assert before > 20  # the kills did land in the middle of real sessions: one answer at least each time


def test_two_processes_on_one_database(deck_db: Path | ServerURL, tmp_path: Path, now) -> None:
    """The TUI answering cards while `prep check` stores drill attempts in another terminal."""
    checks = """
import sys
from datetime import datetime, timezone
from pathlib import Path
from prep.drills.report import Report
from prep.service import PrepService
from prep.store.location import parse
service = PrepService(parse(sys.argv[1]))
print("ready", flush=True)
for n in range(60):
    service.drills.record("softmax", Report(drill="softmax", status="fail", passed=1, total=16), "x = %d" % n,
                          datetime(2026, 12, 1, 9, tzinfo=timezone.utc))
print("done", flush=True)
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    reviewer = run_session(deck_db, 0)
    checker = subprocess.run([sys.executable, "-c", checks, argument(deck_db)], capture_output=True, text=True, env=env, timeout=120)
    reviewer.send_signal(signal.SIGTERM)
    output, _ = reviewer.communicate(timeout=30)
    assert checker.returncode == 0 and checker.stdout.split() == ["ready", "done"], checker.stderr
    assert "locked" not in checker.stderr
    assert sum(line.startswith("recorded") for line in output.splitlines()) > 10
    assert query(deck_db, "SELECT count(*) FROM attempts") == [(60,)]
    check, reviews, counted = counts(deck_db)
    assert check == "ok" and reviews == counted


def test_a_full_disk_is_a_clear_message_and_nothing_half_written(tmp_path: Path, now) -> None:
    service = PrepService(tmp_path / "full.sqlite3", Config(schedule_suggestions=True, enable_fuzzing=False), tz=None)
    service.import_paths([DECK], now)
    card = service.next_card(now)
    pages = sqlite3.connect(service.database).execute("PRAGMA page_count").fetchone()[0]
    service._engine.dispose()
    event.listen(service._engine, "connect", lambda connection, _: connection.execute(f"PRAGMA max_page_count = {pages}"))
    with pytest.raises(PrepError, match="the disk is full: this change was not saved"):
        for _ in range(200):  # until the file has to grow
            service.answer(card.id, 3, now)
    check, reviews, counted = counts(service.database)
    assert check == "ok" and reviews == counted
    service.close()


def test_backups_before_import_daily_and_kept_to_a_number(tmp_path: Path, now) -> None:
    database = tmp_path / "b.sqlite3"
    service = PrepService(database, Config(schedule_suggestions=True), tz=None)
    service.import_paths([DECK], now)
    assert backups(database) == []  # nothing to lose before the first import
    service.import_paths([DECK], now)
    assert [p.name.split("-")[-1] for p in backups(database)] == ["import.sqlite3"]
    assert daily_backup(database, now + timedelta(days=1)) is not None
    assert daily_backup(database, now + timedelta(days=1, hours=1)) is None  # one a day
    for n in range(20):
        make_backup(database, "manual", now + timedelta(minutes=n))
    assert len(backups(database)) == 12
    service.close()


def test_restore_keeps_what_it_replaces(tmp_path: Path, now) -> None:
    database = tmp_path / "r.sqlite3"
    service = PrepService(database, Config(schedule_suggestions=True, enable_fuzzing=False), tz=None)
    service.import_paths([DECK], now)
    saved = make_backup(database, "manual", now)
    card = service.next_card(now)
    service.answer(card.id, 3, now)
    service.close()
    kept = restore(database, saved, now + timedelta(minutes=1)).kept
    assert counts(database)[1] == 0 and counts(kept)[1] == 1
    with pytest.raises(PrepError, match="this file is not a database"):
        restore(database, DECK)
    assert counts(database)[1] == 0


def test_a_damaged_database_is_reported_not_a_traceback(tmp_path: Path, now) -> None:
    database = tmp_path / "d.sqlite3"
    service = PrepService(database, Config(schedule_suggestions=True), tz=None)
    service.import_paths([DECK], now)
    service.close()
    data = bytearray(database.read_bytes())
    data[4096 * 3: 4096 * 6] = os.urandom(4096 * 3)  # wreck some pages in the middle
    database.write_bytes(bytes(data))
    result = subprocess.run([sys.executable, "-m", "prep", "--db", str(database), "export"], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"prep: error: {database}")


mutations = st.lists(st.tuples(st.sampled_from(["flip", "cut", "insert", "repeat"]), st.integers(0, 10**6),
                               st.binary(min_size=1, max_size=8)), max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations)
def test_mutated_notes_import_or_fail_with_file_and_line(tmp_path_factory, mutations: list) -> None:
    data = bytearray(DECK.read_bytes())
    for kind, position, chunk in mutations:
        at = position % max(1, len(data))
        if kind == "flip":
            data[at:at + len(chunk)] = chunk
        elif kind == "cut":
            del data[at:at + 50]
        elif kind == "insert":
            data[at:at] = chunk
        else:
            data[at:at] = data[at:at + 200]
    folder = tmp_path_factory.mktemp("fuzz")
    notes = folder / "notes.md"
    notes.write_bytes(bytes(data))
    service = PrepService(folder / "f.sqlite3", Config(schedule_suggestions=True), tz=None)
    try:
        report = service.import_paths([notes], __import__("datetime").datetime.now(__import__("datetime").timezone.utc))
        assert report.counts.added == len(service.export_cards())
    except PrepError as error:
        assert str(error).startswith(f"{notes}:") and str(error).split(":")[1].isdigit()
        assert service.export_cards() == []  # nothing was stored from the broken file
    finally:
        service.close()
