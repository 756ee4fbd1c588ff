"""The results of a run as a learner reads them in the TUI: the pane takes the room after a run (v: full screen),
inputs by argument name, the known mistake named, Copy as code (c), and the reference still there after leaving a
drill given up. A real grader grades; a syntax error is its own verdict and does not count against the round."""

from __future__ import annotations

from datetime import datetime

from textual.pilot import Pilot

from prep.drills.report import FAIL, SYNTAX, Report
from prep.service import PrepService
from prep.tui.app import PrepApp
from prep.tui.screens.confirm import ConfirmScreen
from prep.tui.screens.drill import DrillScreen
from tests.pilot import drive, press
from tests.test_tui_drills import grader, open_softmax, results, run_tests  # noqa: F401 - grader: a fixture

MISTAKE = "import numpy as np\n\n\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max())\n    return e / e.sum(axis=axis, keepdims=True)\n"


def test_a_failing_run_reads_well_and_copies_as_code(service: PrepService, now: datetime, grader) -> None:  # noqa: F811
    app = PrepApp(service, lambda: now, grader=grader)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # the terminal's clipboard is not the test's to touch

    async def scenario(pilot: Pilot) -> None:
        screen = await open_softmax(pilot)
        pane = screen.query_one("#results")
        before = pane.size.height
        screen.editor.load_text(MISTAKE)
        shown = await run_tests(pilot)
        assert "✗ Wrong answer" in shown
        assert "\n  x " in shown and "\n  axis " in shown  # each input by its argument name
        assert "Known mistake:" in shown and "global max" in shown, shown  # what the mistake is, in its own words
        assert "Copy as code" in shown and "from solution import softmax" in shown or "import softmax" in shown
        assert pane.size.height > before + 3  # the results take the room after a run
        await press(pilot, "escape", "v")
        assert screen.zoomed == "results" and pane.size.height >= app.size.height - 4
        await press(pilot, "v")
        assert screen.zoomed == ""
        await press(pilot, "c")
        assert copied and "softmax(" in copied[0] and "np.array" in copied[0]
        await press(pilot, "i", *"# ")
        await pilot.pause()
        assert pane.size.height <= before + 1  # the next edit gives the editor its room back

    drive(app, scenario)


def test_the_reference_stays_viewable_after_giving_up(service: PrepService, now: datetime, grader) -> None:  # noqa: F811
    app = PrepApp(service, lambda: now, grader=grader)

    async def scenario(pilot: Pilot) -> None:
        await open_softmax(pilot)
        await press(pilot, "escape", "g")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        await press(pilot, "escape", "escape")  # leave the drill (focus on the reference, then back)
        while isinstance(app.screen, DrillScreen):
            await press(pilot, "escape")
        screen = await open_softmax(pilot)
        reference = screen.query_one("#reference")
        assert reference.display and "def softmax" in reference.text

    drive(app, scenario)


def test_a_syntax_error_is_its_own_verdict_and_does_not_count(service: PrepService, now: datetime) -> None:
    from sqlalchemy import select

    from prep.store.tables import drill_states

    def round_so_far() -> tuple:
        with service.drills._engine.connect() as connection:
            return tuple(connection.execute(select(drill_states.c.round_failures, drill_states.c.round_started_at)
                                            .where(drill_states.c.slug == "softmax")).one())

    service.drills.open("softmax", now)
    typo = Report(drill="softmax", status=FAIL, total=16, reason="SyntaxError: expected ':' (line 1)", kind=SYNTAX)
    service.drills.record("softmax", typo, "def softmax(x)\n", now)
    assert typo.verdict == "Syntax error"
    assert round_so_far()[0] == 0  # stored, but it counts no failure against the round
    wrong = Report(drill="softmax", status=FAIL, total=16, kind="wrong")
    service.drills.record("softmax", wrong, "def softmax(x):\n    return x\n", now)
    assert round_so_far()[0] == 1 and wrong.verdict == "Wrong answer"
