"""The drills in the TUI, driven by pilots on a real SQLite file with a fixed clock and the real grader
process, on the shipped softmax drill."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, TextArea

from prep.drills.client import GraderClient
from prep.drills.report import Report
from prep.practice.drill_service import DrillRow
from prep.service import PrepService
from prep.tui.app import PrepApp
from prep.tui.screens.confirm import ConfirmScreen
from prep.tui.screens.drill import DrillScreen, short_date
from prep.tui.screens.drills import DrillsScreen
from prep.tui.screens.help import HelpScreen
from prep.tui.screens.today import TodayScreen
from prep.tui.widgets import StatBoard
from tests.conftest import ROOT, write
from tests.pilot import IdleGrader, drive, notices, press

SOFTMAX = ROOT / "exercises" / "softmax"
STARTER = (SOFTMAX / "starter.py").read_text()
SEED_VARIABLE = "PREP_DRILL_SEED"
REFERENCE = (SOFTMAX / "reference.py").read_text()


@pytest.fixture(scope="module")
def grader() -> Iterator[GraderClient]:
    """One warm grader process for the module, as the app keeps one; it takes a second to start."""
    pinned = os.environ.get(SEED_VARIABLE)
    os.environ[SEED_VARIABLE] = "20261127"  # the same random cases every run: snapshots show the seed and case names
    client = GraderClient()
    client.start()
    yield client
    client.close()
    if pinned is None:
        os.environ.pop(SEED_VARIABLE, None)
    else:
        os.environ[SEED_VARIABLE] = pinned


@pytest.fixture
def app(service: PrepService, now: datetime, grader: GraderClient) -> PrepApp:
    return PrepApp(service, lambda: now, grader=grader)


async def open_softmax(pilot: Pilot) -> DrillScreen:
    """From Today, through the drills list, as a person would."""
    await press(pilot, "d")
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index("softmax"))
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, DrillScreen)
    return pilot.app.screen


async def run_tests(pilot: Pilot) -> str:
    """ctrl+r, then the results panel's text once the grader has answered."""
    await press(pilot, "ctrl+r")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return results(pilot.app)


def results(app: PrepApp) -> str:
    return str(app.screen.query_one("#results-text").render())


def softmax_row(service: PrepService, now: datetime) -> DrillRow:
    return next(row for row in service.drills.rows(now) if row.slug == "softmax")


def test_today_counts_the_drills_and_d_lists_them(app: PrepApp, service: PrepService, now: datetime) -> None:
    async def scenario(pilot: Pilot) -> None:
        waiting = len(service.drills.due_today(now))
        assert waiting == 2  # no cards, and the first two new drills of the day
        assert app.screen.query_one(StatBoard).value("drills") == "2"
        assert "2 drills are waiting: press d" in str(app.screen.query_one("#today-hint").render())  # and no cards yet
        await press(pilot, "question_mark")
        assert "Drills" in {row.description for row in app.screen.rows}
        await press(pilot, "escape", "d")
        assert isinstance(app.screen, DrillsScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(service.drills.catalog())
        assert [str(cell) for cell in table.get_row("softmax")] == ["", "Softmax", "new", "easy", "—", "—", "0"]
        await press(pilot, "escape")
        assert isinstance(app.screen, TodayScreen)

    drive(app, scenario)


def test_from_the_failing_starter_to_a_pass(app: PrepApp, service: PrepService, now: datetime) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_softmax(pilot)
        assert screen.editor.text == STARTER and screen.editor.has_focus
        assert "numerically stable" in screen.query_one("#statement-text").source

        shown = await run_tests(pilot)
        assert "✗ Runtime error · 0/16 cases passed" in shown  # the starter raises NotImplementedError
        assert "First failing case: a small vector" in shown and "NotImplementedError (line 6)" in shown
        assert "✗ logits of +10000 (overflow without the max shift)" in shown
        [failed] = service.drills.attempts("softmax")
        assert failed.status == "fail" and failed.code == STARTER
        assert softmax_row(service, now).due is None  # a failure does not reschedule

        app.screen.editor.text = REFERENCE
        shown = await run_tests(pilot)
        assert "✓ Accepted · 16/16 cases passed" in shown
        # A pass after a failed run is Hard; drills skip learning steps, so it comes back in days.
        row = softmax_row(service, now)
        assert row.due > now.date() and row.last_result == "16/16" and row.attempts == 2
        assert f"Rated Hard · comes back on {short_date(row.due)}" in shown
        assert [a.status for a in service.drills.attempts("softmax")] == ["fail", "pass"]
        assert (service.drills.workspaces / "softmax.py").read_text() == REFERENCE

        await press(pilot, "escape", "escape")  # out of the editor, then back to the list, fresh
        assert isinstance(app.screen, DrillsScreen)
        table = app.screen.query_one(DataTable)
        row = [str(cell) for cell in table.get_row("softmax")]
        assert row[:4] == ["", "Softmax", "passed", "easy"] and row[5] == "16/16"
        assert table.cursor_row == table.get_row_index("softmax")

    drive(app, scenario, size=(120, 35))


def test_after_a_pass_runs_are_practice(app: PrepApp, service: PrepService) -> None:
    async def scenario(pilot: Pilot) -> None:
        await open_softmax(pilot)
        app.screen.editor.text = REFERENCE
        assert "Rated Easy" in await run_tests(pilot)  # first run, no hint, well inside the 10 minutes
        # Again straight away would rate it Easy once more: the round ended with the pass.
        assert "Practice run: this round is over" in await run_tests(pilot)
        # Stored, so the list's "Last run" is the truth, but not rated: the drill keeps its date.
        assert [a.rating for a in service.drills.attempts("softmax")] == [4, None]
        await press(pilot, "escape")
        assert {"h", "g"}.isdisjoint(app.screen.active_bindings)  # no hint or give-up for a round that is over

    drive(app, scenario)


def test_the_screen_answers_while_the_grader_works(service: PrepService, now: datetime, grader: GraderClient) -> None:
    gate = threading.Event()

    class HeldGrader(IdleGrader):
        def check(self, slug: str, source: Path) -> Report:
            gate.wait(10)
            return grader.check(slug, source)

    app = PrepApp(service, lambda: now, grader=HeldGrader())

    async def scenario(pilot: Pilot) -> None:
        screen = await open_softmax(pilot)
        await press(pilot, "ctrl+r")
        assert screen.running and screen.query_one("#results").loading
        assert screen.query_one("#results").border_subtitle == "running…"
        assert not screen.active_bindings["ctrl+r"].enabled
        await press(pilot, "x")  # the editor still takes keys
        assert screen.editor.text == "x" + STARTER
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.running and "Runtime error" in results(app)  # the starter raises NotImplementedError
        assert service.drills.attempts("softmax")[0].code == STARTER  # what was run, not what was typed since

    drive(app, scenario)


def test_hints_come_one_at_a_time_outside_the_editor(app: PrepApp, service: PrepService) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_softmax(pilot)
        hints = screen.query_one("#hints")
        assert "h or ctrl+t: hint 1 of 3" in hints.source
        await press(pilot, "h")  # in the editor a letter is text
        assert screen.editor.text.startswith("h") and service.drills.hints_shown("softmax") == []
        screen.editor.text = STARTER
        await press(pilot, "escape", "h")
        assert not screen.editor.has_focus
        assert "**Hint 1.** exp(x) / sum(exp(x))" in hints.source and "hint 2 of 3" in hints.source
        await press(pilot, "h", "h", "h")
        assert len(service.drills.hints_shown("softmax")) == 3 and "hint 4" not in hints.source
        assert "No more hints; g gives up and shows the reference." in notices(app)
        await press(pilot, "i")
        assert screen.editor.has_focus

    drive(app, scenario)


def test_giving_up_asks_first_then_shows_the_reference(app: PrepApp, service: PrepService, now: datetime) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_softmax(pilot)
        await press(pilot, "escape", "g")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert app.screen is screen and service.drills.attempts("softmax") == []

        await press(pilot, "g", "y")
        reference = screen.query_one("#reference", TextArea)
        assert reference.display and reference.text == REFERENCE and reference.read_only
        assert f"Gave up · rated Again · comes back on {short_date(now.date() + timedelta(days=1))}." in results(app)
        [gave_up] = service.drills.attempts("softmax")
        assert gave_up.status == "gave-up" and gave_up.code == STARTER
        assert (softmax_row(service, now).last_result, softmax_row(service, now + timedelta(days=1)).status) == ("gave up", "due")
        assert "g" not in screen.active_bindings

    drive(app, scenario, size=(120, 35))


def test_a_due_drill_says_to_start_over_and_the_old_pass_is_not_rated_again(service: PrepService, now: datetime,
                                                                             grader: GraderClient) -> None:
    month_ago = now - timedelta(days=60)
    service.drills.open("softmax", month_ago).write_text(REFERENCE)
    service.drills.record("softmax", Report(drill="softmax", status="pass", passed=16, total=16), REFERENCE, month_ago)
    app = PrepApp(service, lambda: now, grader=grader)

    async def scenario(pilot: Pilot) -> None:
        await open_softmax(pilot)
        assert "Due again: R starts over from the starter" in results(app)
        shown = await run_tests(pilot)
        assert "✓ Accepted" in shown and "The code that passed last time: not rated again" in shown
        assert softmax_row(service, now).status == "due"

    drive(app, scenario, size=(120, 35))


def test_reset_asks_first_and_keeps_the_file_when_cancelled(app: PrepApp, service: PrepService) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_softmax(pilot)
        workspace = service.drills.workspaces / "softmax.py"
        screen.editor.text = "# my own attempt\n"
        await press(pilot, "ctrl+s")
        assert workspace.read_text() == "# my own attempt\n" and "Saved softmax.py." in notices(app)

        await press(pilot, "escape", "R")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "escape")  # Escape means no
        assert workspace.read_text() == screen.editor.text == "# my own attempt\n"

        await press(pilot, "R", "y")
        assert workspace.read_text() == screen.editor.text == STARTER

    drive(app, scenario)


def test_leaving_or_quitting_keeps_what_was_typed(app: PrepApp, service: PrepService) -> None:
    workspace = service.drills.workspaces / "softmax.py"

    async def scenario(pilot: Pilot) -> None:
        await open_softmax(pilot)
        await press(pilot, "#", " ", "w", "i", "p", "escape", "escape")
        assert isinstance(app.screen, DrillsScreen)
        assert workspace.read_text() == "# wip" + STARTER
        await press(pilot, "enter", "x", "ctrl+q")

    drive(app, scenario)
    assert workspace.read_text() == "x# wip" + STARTER


def test_e_edits_in_the_external_editor_then_checks(app: PrepApp, service: PrepService,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def editor(args: list[str], check: bool) -> None:  # the user writes the solution and saves
        calls.append(args)
        Path(args[-1]).write_text(REFERENCE)

    monkeypatch.setenv("EDITOR", "nvim")
    monkeypatch.setattr("prep.tui.external_editor.subprocess.run", editor)
    # The headless test driver cannot hand the terminal over; the real one can.
    monkeypatch.setattr(PrepApp, "suspend", lambda self: contextlib.nullcontext())

    async def scenario(pilot: Pilot) -> None:
        screen = await open_softmax(pilot)
        await press(pilot, "escape", "e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls == [["nvim", str(service.drills.workspaces / "softmax.py")]]
        assert screen.editor.text == REFERENCE
        assert "✓ Accepted" in results(app) and "Rated Easy" in results(app)

    drive(app, scenario)


def test_the_review_summary_goes_on_to_the_due_drills(app: PrepApp, service: PrepService, tmp_path: Path,
                                                       now: datetime) -> None:
    service.import_paths([write(tmp_path / "notes" / "ml.md", "# Metrics\n\nWhat does BLEU measure? :: n-gram precision\n")], now)

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter")
        assert "d" not in app.screen.active_bindings  # only the summary offers the drills
        while app.screen.phase != "done":
            await press(pilot, "space", "4")
        assert "2 drills are waiting: press d" in str(app.screen.query_one("#summary-text").render())
        await press(pilot, "d")
        assert isinstance(app.screen, DrillScreen) and app.screen.drill.slug == service.drills.due_today(now)[0]
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, TodayScreen)

    drive(app, scenario)


def test_the_help_lists_the_drill_keys_in_full(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        await open_softmax(pilot)
        await press(pilot, "escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert {"Save and run the hidden tests", "Show the next hint", "Edit in $EDITOR, then run the tests",
                "Give up and see the reference solution", "Reset the file to the starter", "Save", "Back"} <= {
            row.description for row in app.screen.rows}

    drive(app, scenario)


def test_the_app_closes_only_a_grader_of_its_own(service: PrepService, now: datetime,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("prep.tui.app.GRADER_WARM_UP_S", 0.01)  # warmed up at once (tests/test_startup.py: not so soon)

    async def warmed_up(pilot: Pilot) -> None:
        await pilot.pause(0.05)
        await pilot.app.workers.wait_for_complete()

    lent = IdleGrader()
    drive(PrepApp(service, lambda: now, grader=lent), warmed_up)
    assert lent.calls == ["start"]  # warmed up, and left open for its owner

    monkeypatch.setattr("prep.tui.app.GraderClient", IdleGrader)
    app = PrepApp(service, lambda: now)
    drive(app, warmed_up)
    assert app.grader.calls == ["start", "close"]


def test_drill_screen_snapshot(app: PrepApp, snap_compare) -> None:
    async def fail_once(pilot: Pilot) -> None:
        await pilot.pause()
        screen = await open_softmax(pilot)
        screen.editor.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        await run_tests(pilot)
        await pilot.wait_for_scheduled_animations()  # the results' loading indicator fades out
        await pilot.pause()

    assert snap_compare(app, terminal_size=(110, 32), run_before=fail_once)


def test_the_grader_runs_below_the_tui_in_priority(grader: GraderClient) -> None:
    """Its warm-up loads torch in two processes, both cores of a small machine, while the user answers cards:
    below the TUI in priority it cannot delay a keypress (seen as a run of 25–35 ms answers in bench/keypress.py)."""
    from prep.drills.server import NICENESS

    assert grader._process is not None
    assert os.getpriority(os.PRIO_PROCESS, grader._process.pid) >= os.getpriority(os.PRIO_PROCESS, 0) + NICENESS
