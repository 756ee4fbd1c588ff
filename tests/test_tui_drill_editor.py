"""The drill editor as people write code in it: indent, keys while typing, panes, full screen, the list's order.

Pilots on a real SQLite file with a fixed clock; the grader is the real one where a run is graded.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from prep.drills.client import GraderClient
from prep.drills.report import Report
from prep.service import PrepService
from prep.tui.app import PrepApp
from prep.tui.code_editor import next_indent
from prep.tui.code_wrap import wrap_code_line
from prep.tui.screens.confirm import ConfirmScreen
from prep.tui.screens.drill import DrillScreen
from prep.tui.screens.drills import DrillsScreen
from prep.tui.screens.help import HelpScreen
from tests.pilot import IdleGrader, drive, press
from tests.test_tui_drills import REFERENCE, STARTER, grader  # noqa: F401 - grader: one warm grader process, a fixture


@pytest.fixture
def app(service: PrepService, now: datetime) -> PrepApp:
    return PrepApp(service, lambda: now, grader=IdleGrader())


async def open_drill(pilot: Pilot, slug: str = "softmax") -> DrillScreen:
    await press(pilot, "d")
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(slug))
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, DrillScreen)
    return pilot.app.screen


def footer_keys(app: PrepApp) -> set[str]:
    """The keys the footer shows now: shown bindings that are not switched off."""
    return {key for key, active in app.screen.active_bindings.items() if active.binding.show and active.enabled is not False
            and app.screen.check_action(active.binding.action.split("(")[0], ()) is not False
            if active.node is app.screen} | {
        key for key, active in app.screen.active_bindings.items() if active.node is app and active.binding.show
        and app.check_action(active.binding.action, ()) is not False}


# ---- indent ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "indent"), [
    ("def f(x):", "    "), ("    if x:  # a comment", "        "), ("        return x", "    "), ("    y = 1", "    "),
    ("", ""), ("    ", "    "), ("    raise ValueError(x)", ""), ("    d = {", "    "),
])
def test_next_indent(line: str, indent: str) -> None:
    assert next_indent(line) == indent


def test_enter_keeps_the_indent_and_backspace_takes_back_a_level(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_drill(pilot)
        screen.editor.load_text("")
        await press(pilot, *"def f(x):", "enter", *"if x:", "enter", *"return x", "enter", *"y = 1", "enter", "enter")
        assert screen.editor.text == "def f(x):\n    if x:\n        return x\n    y = 1\n\n    "
        await press(pilot, "backspace", *"z")
        assert screen.editor.text.endswith("\n\nz")
        await press(pilot, "tab")
        assert screen.editor.text.endswith("\n\nz   ")  # Tab indents while typing, to the next stop

    drive(app, scenario)


def test_tab_and_shift_tab_indent_and_dedent_the_selected_lines(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_drill(pilot)
        editor = screen.editor
        editor.load_text("a = 1\nif a:\n    b = 2\n\nc = 3\n")
        editor.selection = type(editor.selection)((0, 2), (2, 5))
        await press(pilot, "tab")
        assert editor.text == "    a = 1\n    if a:\n        b = 2\n\nc = 3\n"  # nothing deleted; blank lines stay blank
        assert editor.selection == type(editor.selection)((0, 6), (2, 9))  # the same text stays selected
        await press(pilot, "shift+tab", "shift+tab")
        assert editor.text == "a = 1\nif a:\nb = 2\n\nc = 3\n"  # a level at a time, never past column 0
        editor.selection = type(editor.selection)((1, 0), (3, 0))  # ends at column 0: line 3 is not in it
        await press(pilot, "tab")
        assert editor.text == "a = 1\n    if a:\n    b = 2\n\nc = 3\n"
        editor.move_cursor((2, 6))
        await press(pilot, "shift+tab")  # no selection: the cursor's line
        assert editor.text == "a = 1\n    if a:\nb = 2\n\nc = 3\n" and editor.selection.end == (2, 2)
        await press(pilot, "ctrl+z")
        assert editor.text == "a = 1\n    if a:\n    b = 2\n\nc = 3\n"  # one undo step per Tab

    drive(app, scenario)


def test_code_does_not_soft_wrap(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_drill(pilot)
        assert screen.editor.soft_wrap is False and screen.editor.language == "python"

    drive(app, scenario)


# ---- no surprise edits, keys while typing ----------------------------------------------------------

def test_escape_then_tabs_never_touch_the_code(app: PrepApp, service: PrepService) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_drill(pilot)
        await press(pilot, "escape", "tab", "tab", "tab", "shift+tab", "tab", "enter")
        assert screen.editor.text == STARTER  # Tab moves among the panes, never into the code
        assert screen.editor.has_focus  # Enter (or i) goes back to the code
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, DrillsScreen)
        assert (service.drills.workspaces / "softmax.py").read_text() == STARTER

    drive(app, scenario)


def test_the_footer_shows_what_works_while_typing(app: PrepApp, service: PrepService) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_drill(pilot)
        typing = footer_keys(app)
        assert {"ctrl+r", "ctrl+t", "ctrl+o", "f1", "escape"} <= typing
        assert {"q", "question_mark", "h", "g", "R"}.isdisjoint(typing)  # those are text here
        await press(pilot, "ctrl+t")
        assert len(service.drills.hints_shown("softmax")) == 1 and screen.editor.text == STARTER
        assert screen.editor.has_focus
        await press(pilot, "escape")
        outside = footer_keys(app)
        assert {"ctrl+r", "h", "f", "g", "R", "i", "q", "question_mark"} <= outside and "ctrl+t" not in outside

    drive(app, scenario)


def test_help_lists_every_key_typing_or_not(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        await open_drill(pilot)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        described = {row.description: row.keys for row in app.screen.rows}
        assert "The next hint (h outside the editor)" in described
        assert "Statement full screen, and back (f outside)" in described
        assert "Save and run the hidden tests" in described and "Save" in described
        await press(pilot, "escape", "escape", "question_mark")
        described = {row.description: row.keys for row in app.screen.rows}
        assert described["Scroll the pane in focus by a page"] == ["pgup", "pgdn"]
        assert "tab" in described["Next pane (never into the code: i is that)"]
        assert "Show the next hint" in described and "Give up and see the reference solution" in described

    drive(app, scenario)


# ---- the statement ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("size", "least"), [((80, 24), 80), ((100, 30), 100), ((140, 40), 70)])
def test_the_statement_is_wide_enough_to_read(app: PrepApp, size: tuple[int, int], least: int) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_drill(pilot)
        assert screen.query_one("#statement").outer_size.width >= least

    drive(app, scenario, size=size)


def test_full_screen_statement_from_the_editor_and_back(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_drill(pilot)
        statement = screen.query_one("#statement")
        await press(pilot, "ctrl+o")
        assert not screen.query_one("#coding").display and statement.has_focus
        assert statement.size.height >= 24 - 4  # all but the top line, the footer and the borders
        await press(pilot, "pagedown")
        assert statement.scroll_y > 0
        await press(pilot, "escape")
        assert screen.query_one("#coding").display and screen.editor.has_focus and screen.editor.text == STARTER
        await press(pilot, "escape", "f")
        assert screen.zoomed == "statement"
        await press(pilot, "f")
        assert not screen.zoomed and screen.query_one("#coding").display

    drive(app, scenario)


def test_examples_wrap_under_their_own_indent() -> None:
    line = "def beam_search(log_probs: np.ndarray, bos: int, eos: int, beam_size: int, max_len: int) -> list[int]"
    assert wrap_code_line(line, 44) == ["def beam_search(log_probs: np.ndarray,", "    bos: int, eos: int, beam_size: int,",
                                        "    max_len: int) -> list[int]"]
    assert wrap_code_line(">>> softmax(np.array([[1.0, 2.0, 3.0], [1000.0, 1000.0, -np.inf]]))", 44) == [
        ">>> softmax(np.array([[1.0, 2.0, 3.0],", "...     [1000.0, 1000.0, -np.inf]]))"]
    assert all(len(piece) <= 20 for piece in wrap_code_line("        x = " + "a" * 50, 20))


def test_statement_examples_keep_their_lines_at_80_columns(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_drill(pilot, "beam-search")
        await press(pilot, "ctrl+o")
        text = "\n".join(line.text for line in screen.query_one("#statement-text").render_lines(
            screen.query_one("#statement-text").region.reset_offset))
        assert "def beam_search(log_probs: np.ndarray, bos: int, eos: int," in text
        assert "    beam_size: int, max_len: int) -> list[int]" in text  # the rest under the signature, indented

    drive(app, scenario)


# ---- giving up, the reference, starting over ------------------------------------------------------------

def test_the_reference_scrolls_from_the_keyboard(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_drill(pilot, "beam-search")
        await press(pilot, "escape", "g", "y")
        reference = screen.query_one("#reference")
        assert reference.display and reference.has_focus
        await press(pilot, "pagedown", "pagedown")
        assert reference.scroll_y > 0
        await press(pilot, "f")
        assert screen.zoomed == "reference" and not screen.editor.display and reference.size.height >= 18
        await press(pilot, "escape")
        assert not screen.zoomed and reference.display and screen.editor.display
        await press(pilot, "tab")
        assert not screen.editor.has_focus

    drive(app, scenario)


def test_reset_clears_the_old_run_from_the_results(service: PrepService, now: datetime, grader: GraderClient) -> None:
    """Bug: after R, the results pane still showed the run of the code that was just thrown away."""
    app = PrepApp(service, lambda: now, grader=grader)

    async def scenario(pilot: Pilot) -> None:
        screen = await open_drill(pilot)
        await press(pilot, "ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Runtime error" in str(screen.query_one("#results-text").render())  # the starter raises
        await press(pilot, "escape", "R")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        shown = str(screen.query_one("#results-text").render())
        assert "Runtime error" not in shown and "Back to the starter" in shown

    drive(app, scenario)


def test_a_resting_drill_says_so_and_offers_no_hint(service: PrepService, now: datetime) -> None:
    service.drills.record("softmax", Report(drill="softmax", status="pass", passed=16, total=16), REFERENCE,
                          now - timedelta(hours=1))
    app = PrepApp(service, lambda: now, grader=IdleGrader())

    async def scenario(pilot: Pilot) -> None:
        screen = await open_drill(pilot)
        assert screen.round_over and "Runs until then are practice" in str(screen.query_one("#results-text").render())
        assert "ctrl+t" not in footer_keys(app)
        await press(pilot, "escape")
        assert "h" not in footer_keys(app) and "g" not in footer_keys(app)

    drive(app, scenario)


# ---- the list -----------------------------------------------------------------------------------------------

def test_todays_drills_are_marked_and_come_first_then_by_date_and_level(service: PrepService, now: datetime) -> None:
    passed = Report(drill="x", status="pass", passed=1, total=1)
    service.drills.record("bleu", passed, "a", now - timedelta(days=3))  # medium, back in a few days
    service.drills.record("layer-norm", passed, "b", now - timedelta(days=3))  # easy, the same
    service.drills.give_up("perplexity", "", now - timedelta(days=2))  # due today
    app = PrepApp(service, lambda: now, grader=IdleGrader())

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "d")
        table = app.screen.query_one(DataTable)
        order = [table.coordinate_to_cell_key((row, 0)).row_key.value for row in range(table.row_count)]
        today = service.drills.due_today(now)
        assert set(order[: len(today)]) == set(today) and "perplexity" in today
        assert all(str(table.get_row(slug)[0]) == "●" for slug in today)
        assert all(str(table.get_row(slug)[0]) == "" for slug in order[len(today):])
        rows = {row.slug: row for row in service.drills.rows(now)}
        rest = [rows[slug] for slug in order[len(today):]]
        dated = [row for row in rest if row.due]
        assert [row.due for row in dated] == sorted(row.due for row in dated)
        assert rest[: len(dated)] == dated  # the never-rated ones after every dated one
        levels = ["easy", "medium", "hard"]
        undated = [levels.index(row.difficulty) for row in rest[len(dated):]]
        assert undated == sorted(undated)

    drive(app, scenario)


# ---- snapshots -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_drill_screen_snapshot_small(app: PrepApp, snap_compare, size: tuple[int, int]) -> None:
    async def open_and_type(pilot: Pilot) -> None:
        await pilot.pause()
        screen = await open_drill(pilot)
        screen.editor.cursor_blink = False
        await press(pilot, "ctrl+home", *"# idea: shift by the max", "enter")

    assert snap_compare(app, terminal_size=size, run_before=open_and_type)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_drill_screen_full_statement_snapshot(app: PrepApp, snap_compare, size: tuple[int, int]) -> None:
    async def open_full(pilot: Pilot) -> None:
        await pilot.pause()
        screen = await open_drill(pilot, "beam-search")
        screen.editor.cursor_blink = False
        await press(pilot, "ctrl+o")

    assert snap_compare(app, terminal_size=size, run_before=open_full)
