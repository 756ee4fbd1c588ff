"""One drill: the statement and hints beside an editor on the workspace file, the hidden tests' verdict below it.

A run saves the editor and grades the file in the warm grader process from a worker thread,
so the screen keeps drawing, and the editor keeps taking keys, while the grader works.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea

from prep.drills.client import GraderClient
from prep.drills.report import PASS, Report
from prep.errors import PrepError
from prep.schedule import RATING_NAMES
from prep.service import PrepService
from prep.tui.errors import notifies_prep_errors
from prep.tui.external_editor import edit_in_external_editor
from prep.tui.report_view import report_content
from prep.tui.screens.confirm import ConfirmScreen
from prep.tui.widgets import CardText

TYPED_IN_EDITOR = {"hint", "open_in_editor", "give_up", "reset", "edit", "back"}  # their keys are text while typing
WAIT_FOR_RUN = {"run_tests", "open_in_editor", "give_up", "reset"}  # they change or grade the file being graded
OPEN_ROUND_ONLY = {"hint", "give_up"}  # after a pass or a give-up they would count against the next round


def short_date(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"  # e.g. "Tue 1 Dec": the weekday is what a study plan needs


class CheckFinished(Message):
    """The grader's verdict on `code`, the editor's text when the run started."""

    def __init__(self, report: Report, code: str) -> None:
        super().__init__()
        self.report = report
        self.code = code


class CheckBroke(Message):
    """The grader itself failed, not the user's code: nothing is recorded."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class DrillScreen(Screen[None]):
    # Short descriptions so the footer fits 80 columns; the tooltips are the help's wording.
    BINDINGS = [
        Binding("ctrl+r", "run_tests", "Run", tooltip="Save and run the hidden tests", id="run-tests"),
        Binding("ctrl+s", "save", "Save", show=False, id="save"),
        Binding("h", "hint", "Hint", tooltip="Show the next hint", id="hint"),
        Binding("e", "open_in_editor", "$EDITOR", tooltip="Edit in $EDITOR, then run the tests", id="open-in-editor"),
        Binding("g", "give_up", "Give up", tooltip="Give up and see the reference solution", id="give-up"),
        Binding("R", "reset", "Reset", tooltip="Reset the file to the starter", id="reset"),
        Binding("i,enter", "edit", "Edit", tooltip="Back to the editor", id="edit"),
        # Priority, or the editor would take Escape: the first one leaves the editor, the next one the screen.
        Binding("escape", "leave_editor", "Leave editor", id="leave-editor", priority=True),
        Binding("escape", "back", "Back", id="back"),
    ]

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    running = reactive(False, init=False, bindings=True)

    def __init__(self, service: PrepService, clock: Callable[[], datetime], grader: GraderClient, slug: str) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.grader = grader
        self.drill = service.drills.drill(slug)
        self.workspace = service.drills.open(slug, clock())
        self.saved_code = self.workspace.read_text(encoding="utf-8")
        self.hints = service.drills.hints_shown(slug)
        # A pass or a give-up ends the round; further runs here are practice, as recording them would rate it again.
        self.round_over = False
        self.editor = TextArea.code_editor(self.saved_code, language="python", theme="css", id="editor")

    def compose(self) -> ComposeResult:
        with Horizontal(classes="top-line"):
            yield Static(f"prep · drill · {self.drill.title}", id="drill-title", markup=False)
            yield Static(f"{self.drill.difficulty} · about {self.drill.target_minutes} min", id="drill-meta")
        with Horizontal(id="workbench"):
            with VerticalScroll(id="statement") as statement:
                statement.border_title = "Statement"
                yield CardText(id="statement-text")
                yield CardText(id="hints")
            with Vertical(id="coding"):
                self.editor.border_title = self.workspace.name
                yield self.editor
                # Under the user's code and as wide, to compare line by line; it shows after a give-up.
                reference = TextArea.code_editor(language="python", theme="css", read_only=True, id="reference")
                reference.border_title = "Reference solution"
                reference.display = False
                yield reference
                with VerticalScroll(id="results") as results:
                    results.border_title = "Results"
                    yield Static(self.first_words(), id="results-text")
        yield Footer()

    def first_words(self) -> str:
        run = "ctrl+r saves your code and runs the hidden tests."
        brought = self.service.drills.brought_forward_by(self.drill.slug)  # prep.links
        if brought:
            run += f"\nBrought forward by: {'; '.join(brought)}."
        # The workspace keeps the code of the last round, which may be a pass: solving again from memory is the point.
        if self.service.drills.row(self.drill.slug, self.clock()).status == "due":
            return f"Due again: R starts over from the starter; {run}"
        return f"Not run yet: {run}"

    def on_mount(self) -> None:
        self.query_one("#statement-text", CardText).show(self.drill.statement.read_text(encoding="utf-8"))
        self.show_hints()
        self.editor.focus()

    # ---- which keys work when ----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """True: the key works now; None: listed but idle; False: not offered at all."""
        typing = self.editor.has_focus
        if action == "leave_editor":
            return typing
        if action in TYPED_IN_EDITOR and typing:
            return False
        if action in OPEN_ROUND_ONLY and self.round_over:
            return False
        if action in WAIT_FOR_RUN and self.running:
            return None
        return True

    def watch_running(self, running: bool) -> None:
        results = self.query_one("#results")
        results.loading = running
        results.border_subtitle = "running…" if running else ""

    # ---- the workspace file --------------------------------------------------------

    def save(self) -> bool:
        """Write the editor to the workspace file; False, with a notice, when the disk refuses."""
        code = self.editor.text
        try:
            self.workspace.write_text(code, encoding="utf-8")
        except OSError as error:
            self.notify(f"Cannot save {self.workspace}: {error.strerror}.", severity="error", timeout=10)
            return False
        self.saved_code = code
        return True

    def save_changes(self) -> bool:
        # Leaving without an edit leaves the file alone, in case the user changed it elsewhere meanwhile.
        return self.editor.text == self.saved_code or self.save()

    def load_code(self, code: str) -> None:
        self.editor.load_text(code)
        self.saved_code = code

    def on_unmount(self) -> None:  # quitting the app from this screen keeps the work too
        self.save_changes()

    # ---- running the hidden tests ----------------------------------------------------

    def action_run_tests(self) -> None:
        if self.save():
            self.running = True
            self.grade(self.saved_code)

    @work(thread=True, exclusive=True)
    def grade(self, code: str) -> None:
        try:
            report = self.grader.check(self.drill.slug, self.workspace)
        except PrepError as error:
            self.post_message(CheckBroke(str(error)))
        else:
            self.post_message(CheckFinished(report, code))

    @notifies_prep_errors
    def on_check_finished(self, message: CheckFinished) -> None:
        self.running = False
        note = self.record(message.report, message.code)
        self.show_results(report_content(message.report, note))

    def on_check_broke(self, message: CheckBroke) -> None:
        self.running = False
        self.notify(message.error, title="prep", severity="error", timeout=10)

    def record(self, report: Report, code: str) -> Content | None:
        """Store the attempt (unless the round is over) and say what it did to the drill's schedule."""
        if self.round_over:
            return Content.styled("Practice run: this round is over, so it is not recorded.", "dim")
        rating = self.service.drills.record(self.drill.slug, report, code, self.clock())
        if rating is None and report.status == PASS:
            return Content.styled("The code that passed last time: not rated again. R starts over from the starter.", "dim")
        if rating is None:
            return None  # a failed run is stored and counts against the round, but does not reschedule it
        self.round_over = True
        self.refresh_bindings()
        return Content.from_markup(f"Rated [b]{RATING_NAMES[rating]}[/b] · comes back {self.comes_back()}")

    def comes_back(self) -> str:
        due = self.service.drills.row(self.drill.slug, self.clock()).due
        return f"on {short_date(due)}" if due else "soon"

    def show_results(self, results: str | Content) -> None:
        self.query_one("#results-text", Static).update(results)
        self.query_one("#results", VerticalScroll).scroll_home(animate=False)

    # ---- hints, the external editor, giving up, starting over -------------------------

    def show_hints(self) -> None:
        total = len(self.drill.hints)
        lines = [f"**Hint {n}.** {hint}" for n, hint in enumerate(self.hints, 1)]
        if len(self.hints) < total:
            lines.append(f"*h: hint {len(self.hints) + 1} of {total}. A pass after a hint is rated Hard.*")
        widget = self.query_one("#hints", CardText)
        widget.show("\n\n".join(lines))
        widget.display = total > 0

    @notifies_prep_errors
    def action_hint(self) -> None:
        revealed = self.service.drills.reveal_hint(self.drill.slug, self.clock())
        if revealed is None:
            self.notify("No more hints; g gives up and shows the reference.")
            return
        self.hints.append(revealed[1])
        self.show_hints()
        hints = self.query_one("#hints")
        self.call_after_refresh(hints.scroll_visible, animate=False)

    def action_open_in_editor(self) -> None:
        if self.save() and edit_in_external_editor(self.app, self.workspace):
            self.load_code(self.workspace.read_text(encoding="utf-8"))
            self.action_run_tests()  # as rustlings does: saving in the editor asks for a check

    def action_give_up(self) -> None:
        self.app.push_screen(ConfirmScreen(
            f"Give up on {self.drill.title}?",
            "The reference solution shows, and the drill comes back tomorrow, rated Again.",
        ), self.give_up)

    @notifies_prep_errors
    def give_up(self, confirmed: bool | None) -> None:
        if not confirmed or not self.save():
            return
        reference = self.service.drills.give_up(self.drill.slug, self.saved_code, self.clock())
        self.round_over = True
        self.refresh_bindings()
        panel = self.query_one("#reference", TextArea)
        panel.load_text(reference)
        panel.display = True
        self.show_results(Content.from_markup(
            f"Gave up · rated [b]Again[/b] · comes back {self.comes_back()}.\n"
            "The reference solution is under your code; ctrl+r still runs your code, unrecorded."))

    def action_reset(self) -> None:
        self.app.push_screen(ConfirmScreen(
            "Replace your code with the starter?",
            f"{self.workspace.name} goes back to the starter, and what you wrote in it is lost.",
        ), self.reset)

    @notifies_prep_errors
    def reset(self, confirmed: bool | None) -> None:
        if confirmed:
            self.load_code(self.service.drills.reset(self.drill.slug).read_text(encoding="utf-8"))
            self.notify("Back to the starter.")

    # ---- moving around -------------------------------------------------------------------

    def action_save(self) -> None:
        if self.save():
            self.notify(f"Saved {self.workspace.name}.", timeout=2)

    def action_edit(self) -> None:
        self.editor.focus()

    def action_leave_editor(self) -> None:
        self.query_one("#statement").focus()

    def action_back(self) -> None:
        if self.save_changes():
            self.dismiss()
