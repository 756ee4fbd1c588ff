"""`prep mock` is honest: usage errors exit 2 in one line before any screen, an unknown --topics lists the headings
there are, a mock with nothing answered is not kept (so `--last` shows the last real one), and `--last --json`
carries the report's parts. A real process on a real database file, and the service under a pilot."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from textual.pilot import Pilot

from prep.service import PrepService
from prep.store.models import Mock
from prep.tui.app import PrepApp
from prep.tui.screens.mock import MockScreen
from tests.pilot import IdleGrader, drive, notices, press
from tests.test_cli import prep


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def test_json_without_last_is_a_usage_error_not_a_mock(tmp_path: Path) -> None:
    db = tmp_path / "m.sqlite3"
    assert prep("--db", str(db), "import", "--builtin").returncode == 0
    done = prep("--db", str(db), "mock", "--json")  # no terminal: a mock started here would wait for keys
    assert done.returncode == 2 and done.stdout == ""
    assert "--last" in one_line(done.stderr)


def test_other_usage_errors_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "m.sqlite3"
    assert prep("--db", str(db), "import", "--builtin").returncode == 0
    for args in (["--minutes", "3"], ["--minutes", "500"], ["--last", "--topics", "BERT"], ["--minutes", "x"]):
        done = prep("--db", str(db), "mock", *args)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.strip() and "Traceback" not in done.stderr


def test_unknown_topics_is_one_line_naming_the_headings(tmp_path: Path) -> None:
    db = tmp_path / "m.sqlite3"
    assert prep("--db", str(db), "import", "--builtin").returncode == 0
    done = prep("--db", str(db), "mock", "--topics", "nonexistent", "BERT")
    assert done.returncode == 2
    line = one_line(done.stderr)
    assert "--topics nonexistent:" in line and "BERT:" not in line  # only the unknown one is named
    assert "headings: " in line and "Модели" in line and "Encoder" in line
    assert "import notes first" not in line


def test_a_mock_with_nothing_answered_is_not_kept(service: PrepService, now: datetime) -> None:
    service.add_builtin(now)
    real = service.mocks.start(now, 10)
    service.mocks.answer(real, 0, [0, 1, 2], 60, now + timedelta(minutes=1))
    kept = service.mocks.finish(real, now + timedelta(minutes=2))
    assert kept is not None and kept.id == real
    empty = service.mocks.start(now + timedelta(hours=1), 10)
    assert service.mocks.finish(empty, now + timedelta(hours=1, minutes=3), early=True) is None
    # an open mock replaced by a new one is dropped the same way when nothing in it was answered
    service.mocks.start(now + timedelta(hours=2), 10)
    service.mocks.start(now + timedelta(hours=3), 10)
    with service._sessions() as session:
        assert session.scalar(select(func.count()).select_from(Mock)) == 2  # the real one and the open one
    assert service.mocks.last_report().id == real
    assert [m.id for m in service.mocks.history()] == [real]


def test_leaving_with_nothing_answered_in_the_tui(service: PrepService, now: datetime) -> None:
    service.add_builtin(now)
    app = PrepApp(service, lambda: now, grader=IdleGrader(), mock=(10, []))

    async def scenario(pilot: Pilot) -> None:
        assert isinstance(app.screen, MockScreen)
        await press(pilot, "escape", "y")
        assert not isinstance(app.screen, MockScreen)
        assert any("not kept" in notice for notice in notices(app))

    drive(app, scenario, size=(100, 30))
    assert service.mocks.last_report() is None


def test_last_json_carries_the_parts(tmp_path: Path, service: PrepService, now: datetime) -> None:
    service.add_builtin(now)
    mock = service.mocks.start(now, 10)
    items = service.mocks.items(mock)
    service.mocks.answer(mock, 0, [0], 150, now + timedelta(seconds=150))  # one point, over its two minutes
    service.mocks.finish(mock, now + timedelta(minutes=3), early=True)
    done = prep("--db", str(service.database), "mock", "--last", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    questions = report["parts"]["questions"]
    assert questions["answered"] == 1 and questions["total"] == sum(i.kind == "question" for i in items)
    assert questions["seconds"] == 150 and questions["budget_s"] == 120
    assert questions["points_said"] == 1 and questions["points"] == len(items[0].points)
    assert questions["weakest"][0]["heading"] == items[0].paths[0]
    assert questions["forward"]  # its missed points' cards are due again at once
    assert len(report["missed"]) == len(items[0].points) - 1 and all(m["cards"] for m in report["missed"])
    text = prep("--db", str(service.database), "mock", "--last")
    assert text.returncode == 0 and "over budget" in text.stdout and "1/" in text.stdout


def test_a_mock_without_a_terminal_is_a_usage_error(tmp_path: Path) -> None:
    db = tmp_path / "m.sqlite3"
    assert prep("--db", str(db), "import", "--builtin").returncode == 0
    done = prep("--db", str(db), "mock", "--minutes", "10")  # stdin and stdout are pipes here
    assert done.returncode == 2 and "terminal" in one_line(done.stderr)
    assert json.loads(prep("--db", str(db), "mock", "--last", "--json").stdout) is None  # nothing was started


def test_suggestions_waiting_in_the_inbox_are_named_not_import_notes_first(tmp_path: Path) -> None:
    from tests.test_mock_questions import QA_NOTES

    db = tmp_path / "m.sqlite3"
    notes = tmp_path / "ml.md"
    notes.write_text(QA_NOTES, encoding="utf-8")
    assert prep("--db", str(db), "import", str(notes)).returncode == 0
    waiting = sum(not item["to_write"] for item in json.loads(prep("--db", str(db), "inbox", "--json").stdout))
    assert waiting  # notes that ask their own questions mostly make suggestions, scheduled once accepted
    done = prep("--db", str(db), "mock", "--minutes", "10")
    assert done.returncode == 1 and done.stdout == ""
    line = one_line(done.stderr)
    assert f"{waiting} suggestions" in line and "inbox" in line and "import notes first" not in line
    empty = prep("--db", str(tmp_path / "empty.sqlite3"), "mock", "--minutes", "10")
    assert empty.returncode == 1 and "import notes first" in one_line(empty.stderr)
