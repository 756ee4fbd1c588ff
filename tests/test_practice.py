"""Drill workspaces, attempts and their FSRS schedule, on a real SQLite file; `prep check` from the shell."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from prep.drills.report import FAIL, PASS, Report
from tests.conftest import ROOT

RIGHT = (ROOT / "exercises" / "softmax" / "reference.py").read_text()
WRONG = "import numpy as np\n\ndef softmax(x, axis=-1):\n    return np.exp(x) / np.exp(x).sum(axis=axis, keepdims=True)\n"


def report(status: str) -> Report:
    return Report(drill="softmax", status=status, passed=16 if status == PASS else 11, total=16, duration_s=0.02)


def test_workspace_starts_from_the_starter_and_is_never_overwritten(service, now) -> None:
    path = service.drills.open("softmax", now)
    assert path.read_text() == (ROOT / "exercises" / "softmax" / "starter.py").read_text()
    path.write_text("# my work\n")
    assert service.drills.open("softmax", now + timedelta(days=1)) == path
    assert path.read_text() == "# my work\n"
    assert path.parent == service.database.parent / "workspaces"


def test_pass_at_first_attempt_without_hints_is_good_or_easy(service, now) -> None:
    service.drills.open("softmax", now)
    assert service.drills.record("softmax", report(PASS), RIGHT, now + timedelta(minutes=3)).rating == 4  # Easy: 3 of 10 minutes
    service.drills.open("softmax", now + timedelta(days=30))
    solved_again = RIGHT + "# solved again from the starter\n"
    assert service.drills.record("softmax", report(PASS), solved_again, now + timedelta(days=30, minutes=9)).rating == 3  # Good


def test_pass_after_a_failure_or_a_hint_is_hard(service, now) -> None:
    service.drills.open("softmax", now)
    assert service.drills.record("softmax", report(FAIL), WRONG, now).rating is None
    assert service.drills.record("softmax", report(PASS), RIGHT, now + timedelta(minutes=1)).rating == 2
    later = now + timedelta(days=40)
    service.drills.open("softmax", later)
    number, hint = service.drills.reveal_hint("softmax", later)
    assert number == 1 and "np.exp(1000)" in hint
    assert service.drills.record("softmax", report(PASS), RIGHT + "# again\n", later + timedelta(minutes=1)).rating == 2


def test_passing_again_with_the_same_code_is_not_rated(service, now) -> None:
    service.drills.open("softmax", now)
    assert service.drills.record("softmax", report(PASS), RIGHT, now + timedelta(minutes=8)).rating == 3
    due = service.drills.row("softmax", now).due
    assert service.drills.record("softmax", report(PASS), RIGHT, now + timedelta(days=30)).rating is None
    assert service.drills.row("softmax", now).due == due and service.drills.row("softmax", now).attempts == 2


def test_drills_come_back_in_days_not_minutes(service, now) -> None:
    service.drills.open("softmax", now)
    service.drills.record("softmax", report(PASS), RIGHT, now + timedelta(minutes=8))  # Good
    assert service.drills.row("softmax", now).due >= (now + timedelta(days=1)).date()
    assert "softmax" not in service.drills.due_today(now + timedelta(hours=2))
    service.drills.give_up("bleu", "", now)  # Again
    gave_up = service.drills.row("bleu", now)
    assert gave_up.due == (now + timedelta(days=1)).date() and gave_up.last_result == "gave up"


def test_new_drills_are_offered_easiest_first(service, now) -> None:
    offered = service.drills.due_today(now)
    assert all(service.drills.drill(slug).difficulty == "easy" for slug in offered)


def test_hints_come_one_at_a_time_then_run_out(service, now) -> None:
    hints = [service.drills.reveal_hint("softmax", now) for _ in range(4)]
    assert [h[0] for h in hints[:3]] == [1, 2, 3] and hints[3] is None
    assert len(service.drills.hints_shown("softmax")) == 3


def test_giving_up_is_again_and_shows_the_reference(service, now) -> None:
    service.drills.open("softmax", now)
    assert service.drills.give_up("softmax", "# stuck\n", now) == RIGHT
    row = next(r for r in service.drills.rows(now) if r.slug == "softmax")
    assert row.status == "gave up" and row.last_result == "gave up" and row.attempts == 1
    assert "softmax" not in service.drills.due_today(now + timedelta(hours=1))
    assert "softmax" in service.drills.due_today(now + timedelta(days=1))


def test_attempts_store_code_results_and_hints(service, now) -> None:
    service.drills.open("softmax", now)
    service.drills.reveal_hint("softmax", now)
    service.drills.record("softmax", report(FAIL), WRONG, now)
    with sqlite3.connect(service.database) as db:
        code, results, hints, status = db.execute("SELECT code, report, hints_used, status FROM attempts").fetchone()
    assert code == WRONG and json.loads(results)["passed"] == 11 and hints == 1 and status == FAIL


def test_list_statuses_and_today(service, now) -> None:
    rows = {r.slug: r for r in service.drills.rows(now)}
    assert rows["softmax"].status == "new" and rows["softmax"].due is None
    assert len(service.drills.due_today(now)) == service.config.new_drills_per_day
    service.drills.record("softmax", report(PASS), RIGHT, now)
    passed = next(r for r in service.drills.rows(now) if r.slug == "softmax")
    assert passed.status == "passed" and passed.due > now.date() and passed.last_result == "16/16"
    assert next(r for r in service.drills.rows(now + timedelta(days=60)) if r.slug == "softmax").status == "due"
    assert service.today(now).drills == len(service.drills.due_today(now))


def test_a_run_on_a_resting_drill_is_practice_from_anywhere(service, now) -> None:
    """Bug: the TUI called a run after a pass practice, but `prep check` recorded it as a failure of a new round,
    flipping the list to failed 0/16 and adding the drill to today. The service decides now, for both."""
    service.drills.open("softmax", now)
    assert service.drills.record("softmax", report(PASS), RIGHT, now + timedelta(minutes=8)).rating == 3
    assert service.drills.resting("softmax", now + timedelta(hours=1))
    practice = service.drills.record("softmax", report(FAIL), WRONG, now + timedelta(hours=1))
    assert practice.rating is None and practice.practice
    row = service.drills.row("softmax", now + timedelta(hours=1))
    assert row.status == "passed" and row.last_result == "11/16" and not row.today  # "Last run" is the last run
    assert "softmax" not in service.drills.due_today(now + timedelta(hours=1))
    assert service.drills.attempts("softmax")[-1].rating is None
    # The next round starts when the drill is due, and counts again.
    due = service.drills.row("softmax", now).due
    back = now + timedelta(days=(due - now.date()).days, hours=1)
    assert not service.drills.resting("softmax", back)
    assert not service.drills.record("softmax", report(FAIL), WRONG, back).practice
    assert service.drills.row("softmax", back).status == "due"


def test_a_drill_given_up_is_not_known(service, now) -> None:
    """Bug: a drill given up on showed as known on the progress screen (`beam search ████ 100% 1/2`)."""
    service.drills.open("beam-search", now)
    service.drills.give_up("beam-search", "# stuck\n", now)

    def beam_search_known() -> tuple[int, float | None, int]:
        stats = service.stats(now + timedelta(minutes=10))
        beam = next(t for t in stats.drill_mastery if t.topic == "beam search")
        return beam.learned, beam.recall_now, stats.drills.solved

    assert beam_search_known() == (0, 0.0, 0)  # not known: nothing learned, none solved, recall counted as zero
    # Practising with the reference afterwards passes, but proves nothing: still given up, still not known.
    assert service.drills.record("beam-search", report(PASS), RIGHT, now + timedelta(minutes=5)).practice
    assert service.drills.row("beam-search", now).status == "gave up"
    assert "beam-search" not in service.drills.due_today(now + timedelta(hours=1))
    assert beam_search_known() == (0, 0.0, 0)


def prep(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREP_DB": str(db)}
    return subprocess.run([sys.executable, "-m", "prep", *args], capture_output=True, text=True, env=env, timeout=120)


def test_prep_check_exit_codes_and_json(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    passing = prep("check", "softmax", str(ROOT / "exercises" / "softmax" / "reference.py"), "--json", db=db)
    assert passing.returncode == 0, passing.stderr
    data = json.loads(passing.stdout)
    assert {"drill", "status", "passed", "total", "cases", "duration_s"} <= set(data)
    assert data["status"] == "pass" and data["passed"] == data["total"] and {"name", "status", "message"} <= set(data["cases"][0])
    failing = prep("check", "softmax", db=db)  # the workspace: the starter as shipped
    assert failing.returncode == 1 and "NotImplementedError" in failing.stdout
    # It says which file it graded, and that the drill, passed above, is resting: a practice run, not rated.
    workspace = db.parent / "workspaces" / "softmax.py"
    assert failing.stdout.splitlines()[0] == f"Graded {workspace}"
    assert "Practice run: this round is over, so it is stored but not rated" in failing.stdout
    assert prep("check", "no-such-drill", db=db).returncode == 2
    assert prep("check", "softmax", str(tmp_path / "missing.py"), db=db).returncode == 2
    listed = json.loads(prep("drills", "--json", db=db).stdout)
    softmax = next(d for d in listed if d["slug"] == "softmax")
    assert softmax["attempts"] == 2 and softmax["status"] == "passed" and softmax["last_result"] == "0/16"
    assert softmax["today"] is False  # a practice run does not put a resting drill back on today's list


def test_migration_from_the_first_schema_keeps_the_cards(tmp_path: Path, now) -> None:
    from alembic import command

    from prep.store.database import create_sqlite_engine, open_database
    from prep.store.revision import SCHEMA_REVISION, alembic_config

    path = tmp_path / "old.sqlite3"
    engine = create_sqlite_engine(path)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.exec_driver_sql(
            "INSERT INTO cards (id, deck, kind, path, slot, front, back, source_file, source_line, position, tags, state, "
            "due, reps, lapses, suspended, created_at, updated_at) VALUES ('c1', 'd', 'qa', 'p', 1, 'Q', 'A', 'f.md', 1, 1, '', "
            "2, '2026-11-27 09:00:00', 3, 0, 0, '2026-11-01 09:00:00', '2026-11-01 09:00:00')")
    engine.dispose()
    open_database(path).dispose()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_REVISION,)
        assert db.execute("SELECT front, reps FROM cards").fetchall() == [("Q", 3)]
        assert db.execute("SELECT count(*) FROM attempts").fetchone() == (0,)
