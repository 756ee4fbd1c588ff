"""A run that was only a syntax error is a typo, not a failed attempt: it is stored, but the drills list (TUI and
`prep drills`), the stats and the interview plan all read the drill as if it had not been run, on SQLite and on
PostgreSQL; a real grader grades the file, and `prep check` from the shell says the same."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from prep.drills.report import SYNTAX
from prep.service import PrepService
from prep.tui.app import PrepApp
from tests.conftest import write
from tests.pilot import drive, press
from tests.test_practice import WRONG, prep

pytestmark = pytest.mark.both_engines

TYPO = "import numpy as np\n\ndef softmax(x, axis=-1)\n    return x\n"  # the colon forgotten


def _where_it_stands(service: PrepService, now: datetime) -> tuple:
    """Everything a run could change that a typo must not: the list's row, today's drills, the stats, the plan."""
    row = service.drills.row("softmax", now)
    summary = service.stats(now).drills
    plan = service.drills.plan(now)
    return (row.status, row.attempts, row.due, "softmax" in service.drills.due_today(now), summary.attempted,
            summary.never_tried, summary.first_try_pass_rate, summary.attempts["softmax"], plan.days.get("softmax"))


def test_a_syntax_error_leaves_the_drill_as_it_was(service: PrepService, now: datetime, grader, tmp_path: Path) -> None:
    service.reconfigure(replace(service.config, interview_date=date(2026, 12, 20)))  # a plan that reads the drills
    drill = service.drills.drill("softmax")
    service.drills.open("softmax", now)
    before = _where_it_stands(service, now)
    assert before[:2] == ("new", 0)

    report = grader.check(drill, write(tmp_path / "typo.py", TYPO), seed=3)
    assert report.kind == SYNTAX and report.verdict == "Syntax error", report
    recorded = service.drills.record("softmax", report, TYPO, now + timedelta(minutes=1))
    assert recorded.typo and recorded.rating is None
    assert "does not count against this round" in recorded.describe(False, None)
    later = now + timedelta(minutes=2)
    assert _where_it_stands(service, later) == before  # not "failed", not started, not a failed first try
    assert service.drills.row("softmax", later).last_result == "syntax error"  # the last run is still shown as it was
    assert len(service.drills.attempts("softmax")) == 1  # and stored

    # A wrong answer is a failed attempt: the round is under way.
    wrong = grader.check(drill, write(tmp_path / "wrong.py", WRONG), seed=3)
    assert not service.drills.record("softmax", wrong, WRONG, later).typo
    row, summary = service.drills.row("softmax", later), service.stats(later).drills
    assert (row.status, row.attempts, summary.attempted, summary.first_try_pass_rate) == ("failed", 1, before[4] + 1, 0.0)


def test_the_tui_drills_list_does_not_call_a_typo_a_failure(service: PrepService, now: datetime, grader,
                                                            tmp_path: Path) -> None:
    report = grader.check(service.drills.drill("softmax"), write(tmp_path / "typo.py", TYPO), seed=3)
    service.drills.open("softmax", now)
    service.drills.record("softmax", report, TYPO, now)
    app = PrepApp(service, lambda: now)

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "d")
        cells = [str(cell) for cell in app.screen.query_one(DataTable).get_row("softmax")]
        assert cells[2:] == ["new", "easy", "—", "syntax error", "0"], cells

    drive(app, scenario)


def test_prep_check_with_a_syntax_error_from_the_shell(tmp_path: Path) -> None:
    """The shell's collection is a file here; the server's case is the test above."""
    db = tmp_path / "p.sqlite3"
    checked = prep("check", "softmax", str(write(tmp_path / "typo.py", TYPO)), db=db)
    assert checked.returncode == 1, checked.stderr
    assert "Syntax error" in checked.stdout and "does not count against this round" in checked.stdout, checked.stdout
    listed = {d["slug"]: d for d in json.loads(prep("drills", "--json", db=db).stdout)}
    assert (listed["softmax"]["status"], listed["softmax"]["attempts"], listed["softmax"]["last_result"]) == (
        "new", 0, "syntax error")
    text = prep("drills", db=db).stdout.splitlines()
    softmax = next(line.split() for line in text if line.startswith("softmax "))
    assert softmax[2] == "new" and "failed" not in softmax
