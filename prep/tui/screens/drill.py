"""One drill: the statement and hints beside an editor on the workspace file, the hidden tests' verdict below it.

A run saves the editor and grades the file in the warm grader process from a worker thread,
so the screen keeps drawing, and the editor keeps taking keys, while the grader works.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static, TextArea

from prep.drills.client import GraderClient
from prep.drills.report import PASS, Report
from prep.errors import PrepError
from prep.practice.drill_service import short_date
from prep.service import PrepService
from prep.tui.code_editor import CodeEditor
from prep.tui.errors import notifies_prep_errors
from prep.tui.external_editor import edit_in_external_editor
from prep.tui.report_view import report_content
from prep.tui.screens.confirm import ConfirmScreen
from prep.tui.widgets import CardText, SteadyLayout

__all__ = ["DrillScreen", "short_date"]

# Letters are commands only outside the editor, where they are not text; the ctrl keys work while typing.
LETTER_KEYS = {"hint", "open_in_editor", "give_up", "reset", "edit", "back", "zoom", "next_pane", "previous_pane",
               "scroll_pane", "screen_help", "copy_case", "zoom_results"}
TYPING_KEYS = {"typed_hint", "typed_zoom", "typed_help"}
WAIT_FOR_RUN = {"run_tests", "open_in_editor", "give_up", "reset"}  # they change or grade the file being graded
OPEN_ROUND_ONLY = {"hint", "typed_hint", "give_up"}  # after a pass or a give-up they would count against the next round
PANES = ("statement", "reference", "results")
# The editor's own keys, for the help while typing (Textual's TextArea binds them, without ids of ours).
EDITOR_KEYS = [
    (["enter"], "New line, same indent (one more after ':')"),
    (["tab", "backspace"], "Indent / in the indent, back a level"),
    (["tab", "shift+tab"], "On a selection: indent / dedent its lines"),
    (["pgup", "pgdn"], "Page through the code"),
    (["ctrl+home", "ctrl+end"], "Start / end of the file"),
    (["home", "end"], "Start / end of the line"),
    (["ctrl+z", "ctrl+y"], "Undo / redo"),
    (["ctrl+x", "ctrl+c", "ctrl+v"], "Cut / copy / paste"),
    (["ctrl+k", "ctrl+u"], "Delete to the line's end / start"),
]  # what Tab moves between outside the editor: never into the code


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


class DrillScreen(SteadyLayout, Screen[None]):
    # Short descriptions so the footer fits 80 columns; the tooltips are the help's wording.
    # Short descriptions so the footer fits 80 columns; the tooltips are the help's wording. In the footer's order:
    # what is used most first, as a narrow screen cuts the end.
    BINDINGS = [
        Binding("ctrl+r", "run_tests", "Run", tooltip="Save and run the hidden tests", id="run-tests"),
        Binding("ctrl+s", "save", "Save", show=False, id="save"),
        # While typing: ctrl keys, as letters are text.
        Binding("ctrl+t", "typed_hint", "Hint", tooltip="The next hint (h outside the editor)", id="typed-hint"),
        Binding("ctrl+o", "typed_zoom", "Statement", tooltip="Statement full screen, and back (f outside)",
                id="typed-zoom"),
        Binding("f1", "typed_help", "Keys", tooltip="These keys (? outside the editor)", id="typed-help"),
        # Outside the editor: letters.
        Binding("i,enter", "edit", "Edit", tooltip="Back to the editor", id="edit"),
        Binding("h", "hint", "Hint", tooltip="Show the next hint", id="hint"),
        Binding("f", "zoom", "Full", tooltip="Full screen: the statement (or the reference)",
                id="zoom"),
        Binding("ctrl+o", "zoom", "Full", show=False, tooltip="Full screen: the statement (or the reference)",
                id="zoom-ctrl"),
        Binding("question_mark", "screen_help", "Keys", key_display="?", tooltip="These keys", id="screen-help"),
        Binding("g", "give_up", "Give up", tooltip="Give up and see the reference solution", id="give-up"),
        # Not in the footer (it is full at 80 columns): the results pane names both, and ? lists them.
        Binding("v", "zoom_results", "Results", show=False, tooltip="The results full screen, and back",
                id="zoom-results"),
        Binding("c", "copy_case", "Copy as code", show=False, tooltip="Copy the failing case as Python that rebuilds it",
                id="copy-case"),
        Binding("e", "open_in_editor", "$EDITOR", tooltip="Edit in $EDITOR, then run the tests", id="open-in-editor"),
        Binding("R", "reset", "Reset", tooltip="Reset the file to the starter", id="reset"),
        Binding("tab", "next_pane", "Next pane", show=False,
                tooltip="Next pane (never into the code: i is that)", id="next-pane"),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False, id="previous-pane"),
        # Priority over the panes' own PgUp/PgDn, so the help lists them; while typing they page through the code.
        Binding("pageup", "scroll_pane(-1)", "Scroll", show=False, tooltip="Scroll the pane in focus by a page",
                id="scroll-up", priority=True),
        Binding("pagedown", "scroll_pane(1)", "Scroll", show=False, tooltip="Scroll the pane in focus by a page",
                id="scroll-down", priority=True),
        # Priority, or the editor would take Escape: the first one leaves the editor (or full screen), the next the screen.
        Binding("escape", "leave_editor", "Leave editor", id="leave-editor", priority=True),
        Binding("escape", "back", "Back", id="back"),
    ]

    # Side by side from 120 columns; below that the statement sits above the code, both as wide as the screen.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    running = reactive(False, init=False, bindings=True)
    zoomed = reactive("", init=False, bindings=True)  # the id of the pane shown full screen, or ""

    def __init__(self, service: PrepService, clock: Callable[[], datetime], grader: GraderClient, slug: str) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.grader = grader
        self.drill = service.drills.drill(slug)
        self.workspace = service.drills.open(slug, clock())
        self.saved_code = self.workspace.read_text(encoding="utf-8")
        self.hints = service.drills.hints_shown(slug)
        # A pass or a give-up ends the round: until the drill is due again, runs are practice (the service decides).
        self.round_over = service.drills.resting(slug, clock())
        self.editor = CodeEditor(self.saved_code, id="editor")
        self.focus_before_zoom: Widget | None = None
        self.last_report: Report | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="top-line"):
            yield Static(f"prep · drill · {self.drill.title}", id="drill-title", markup=False)
            yield Static(f"{self.drill.difficulty} · about {self.drill.target_minutes} min", id="drill-meta")
        with Container(id="workbench"):
            with VerticalScroll(id="statement") as statement:
                statement.border_title = "Statement"
                statement.border_subtitle = "f / ctrl+o: full screen"
                yield CardText(id="statement-text")
                yield CardText(id="hints")
            with Vertical(id="coding"):
                self.editor.border_title = self.workspace.name
                yield self.editor
                # Under the user's code and as wide, to compare line by line; it shows after a give-up.
                reference = CodeEditor(read_only=True, id="reference")
                reference.border_title = "Reference solution"
                reference.display = False
                yield reference
                with VerticalScroll(id="results") as results:
                    results.border_title = "Results"
                    yield Static(self.first_words(), id="results-text")
        yield Footer(compact=True)

    def first_words(self) -> str:
        run = "ctrl+r saves your code and runs the hidden tests."
        brought = self.service.drills.brought_forward_by(self.drill.slug)  # prep.practice.links
        if brought:
            run += f"\nBrought forward by: {'; '.join(brought)}."
        row = self.service.drills.row(self.drill.slug, self.clock())
        # The workspace keeps the code of the last round, which may be a pass: solving again from memory is the point.
        if row.status == "due":
            return f"Due again: R starts over from the starter; {run}"
        if self.round_over and row.due:
            return f"Done for now: back on {short_date(row.due)}. Runs until then are practice, stored but not rated."
        return f"Not run yet: {run}"

    def on_mount(self) -> None:
        self.query_one("#statement-text", CardText).show(self.drill.statement.read_text(encoding="utf-8"))
        self.show_hints()
        self.editor.focus()
        if self.round_over and self.service.drills.row(self.drill.slug, self.clock()).status == "gave up":
            # Given up earlier: the reference stays there to study, until the drill is due again.
            self.show_reference(self.drill.reference.read_text(encoding="utf-8"), focus=False)

    def show_reference(self, reference: str, focus: bool = True) -> None:
        panel = self.query_one("#reference", CodeEditor)
        panel.load_text(reference)
        panel.display = True
        self.set_class(True, "-gave-up")
        if focus:
            panel.focus()  # arrows and PgUp/PgDn scroll it at once; f shows it full screen

    # ---- which keys work when ----------------------------------------------------

    def help_extra(self) -> list[tuple[list[str], str]]:
        """Rows the help adds to this screen's bindings: the editor's own keys, while typing."""
        return EDITOR_KEYS if self.editor.has_focus else []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """True: the key works now; None: listed but idle; False: not offered at all."""
        typing = self.editor.has_focus
        if action == "leave_editor":
            return typing or bool(self.zoomed)
        if action in LETTER_KEYS and typing:
            return False
        if action in TYPING_KEYS and not typing:
            return False
        if action in OPEN_ROUND_ONLY and self.round_over:
            return False
        if action in WAIT_FOR_RUN and self.running:
            return None
        return True

    def watch_running(self, running: bool) -> None:
        results = self.query_one("#results")
        results.loading = running
        results.border_subtitle = "running…" if running else "v: full screen"

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # the footer follows the focus: ctrl keys while typing, letters outside

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

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
        self.last_report = message.report
        self.show_results(report_content(message.report, note), ran=True)

    def on_check_broke(self, message: CheckBroke) -> None:
        self.running = False
        self.notify(message.error, title="prep", severity="error", timeout=10)

    def record(self, report: Report, code: str) -> Content | None:
        """Store the run and say what it did to the drill's schedule (the service decides: the CLI says the same)."""
        recorded = self.service.drills.record(self.drill.slug, report, code, self.clock())
        if recorded.rating is not None:
            self.round_over = True
            self.refresh_bindings()
        due = self.service.drills.row(self.drill.slug, self.clock()).due
        line = recorded.describe(report.status == PASS, due)
        if recorded.rating is not None:
            rating, _, back = line.partition(" · ")
            return Content.from_markup(f"Rated [b]{rating.removeprefix('Rated ')}[/b] · {back}")
        if recorded.rating is None and report.status != PASS and not recorded.practice and not recorded.typo:
            return None  # a failed run is stored and counts against the round, but does not reschedule it
        return Content.styled(line, "dim")

    def comes_back(self) -> str:
        due = self.service.drills.row(self.drill.slug, self.clock()).due
        return f"on {short_date(due)}" if due else "soon"

    def show_results(self, results: str | Content, ran: bool = False) -> None:
        """Show a verdict; after a run the results take the room (the editor takes it back at the next edit)."""
        self.query_one("#results-text", Static).update(results)
        self.query_one("#results", VerticalScroll).scroll_home(animate=False)
        self.set_class(ran, "-ran")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area is self.editor:
            self.set_class(False, "-ran")

    def action_copy_case(self) -> None:
        """Copy as code: Python that rebuilds the first failing case's inputs and calls the function."""
        failure = self.last_report.first_failure if self.last_report else None
        if failure is None or not failure.code:
            self.notify("No failing case to copy: run the tests first (ctrl+r).")
            return
        self.app.copy_to_clipboard(failure.code)
        self.notify(f"Copied: {failure.case}. Paste it in a Python shell next to your file.", timeout=4)

    def action_zoom_results(self) -> None:
        if self.zoomed:
            self.unzoom()
            return
        self.focus_before_zoom = self.focused
        self.zoomed = "results"
        self.query_one("#results").focus()

    # ---- hints, the external editor, giving up, starting over -------------------------

    def show_hints(self) -> None:
        total = len(self.drill.hints)
        lines = [f"**Hint {n}.** {hint}" for n, hint in enumerate(self.hints, 1)]
        if len(self.hints) < total:
            lines.append(f"*h or ctrl+t: hint {len(self.hints) + 1} of {total}. A pass after a hint is rated Hard.*")
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

    async def action_typed_hint(self) -> None:
        await self.action_hint()

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
        self.show_reference(reference)
        self.show_results(Content.from_markup(
            f"Gave up · rated [b]Again[/b] · comes back {self.comes_back()}.\n"
            "The reference is under your code (in focus: arrows, PgUp/PgDn, f for full screen); "
            "ctrl+r still runs your code, as practice."))

    def action_reset(self) -> None:
        self.app.push_screen(ConfirmScreen(
            "Replace your code with the starter?",
            f"{self.workspace.name} goes back to the starter, and what you wrote in it is lost.",
        ), self.reset)

    @notifies_prep_errors
    def reset(self, confirmed: bool | None) -> None:
        if confirmed:
            self.load_code(self.service.drills.reset(self.drill.slug).read_text(encoding="utf-8"))
            self.show_results(f"Back to the starter. {self.first_words()}")  # the old run was of code that is gone
            self.notify("Back to the starter.")

    # ---- moving around -------------------------------------------------------------------

    def action_save(self) -> None:
        if self.save():
            self.notify(f"Saved {self.workspace.name}.", timeout=2)

    def action_edit(self) -> None:
        self.zoomed = ""
        self.editor.focus()

    def action_leave_editor(self) -> None:
        if self.zoomed:
            self.unzoom()
        else:
            self.query_one("#statement").focus()

    def action_back(self) -> None:
        if self.save_changes():
            self.dismiss()

    def visible_panes(self) -> list[Widget]:
        panes = [self.query_one(f"#{name}") for name in PANES]
        return [pane for pane in panes if pane.display and (not self.zoomed or pane.id == self.zoomed)]

    def action_next_pane(self, step: int = 1) -> None:
        panes = self.visible_panes()
        if not panes:
            return
        current = self.focused if self.focused in panes else None
        index = panes.index(current) + step if current is not None else 0 if step > 0 else -1
        panes[index % len(panes)].focus()

    def action_previous_pane(self) -> None:
        self.action_next_pane(-1)

    def action_scroll_pane(self, direction: int) -> None:
        pane = self.focused if self.focused in self.visible_panes() else self.query_one("#statement")
        if isinstance(pane, TextArea):  # the reference: move its cursor a page, which scrolls it
            pane.action_cursor_page_down() if direction > 0 else pane.action_cursor_page_up()
        else:
            pane.scroll_page_down() if direction > 0 else pane.scroll_page_up()

    def action_zoom(self) -> None:
        if self.zoomed:
            self.unzoom()
            return
        reference, results = self.query_one("#reference"), self.query_one("#results")
        target = reference if reference.has_focus else results if results.has_focus else self.query_one("#statement")
        self.focus_before_zoom = self.focused
        self.zoomed = target.id or ""
        target.focus()

    def action_typed_zoom(self) -> None:
        self.action_zoom()

    def action_typed_help(self) -> None:
        self.app.action_help()

    def action_screen_help(self) -> None:
        self.app.action_help()

    def unzoom(self) -> None:
        self.zoomed = ""
        if self.focus_before_zoom is not None and self.focus_before_zoom.display:
            self.focus_before_zoom.focus()
        self.focus_before_zoom = None

    def watch_zoomed(self, zoomed: str) -> None:
        self.set_class(bool(zoomed), "-zoomed")
        gave_up = self.has_class("-gave-up")
        shown = {"statement": not zoomed or zoomed == "statement", "coding": zoomed != "statement",
                 "editor": not zoomed, "reference": gave_up and zoomed in ("", "reference"),
                 "results": zoomed in ("", "results")}
        for name, display in shown.items():
            pane = self.query_one(f"#{name}")
            pane.display = display
            pane.set_class(name == zoomed, "-zoomed")
        statement = self.query_one("#statement")
        statement.border_subtitle = "f / esc: back to the code" if zoomed else "f / ctrl+o: full screen"
        if not self.running:
            self.query_one("#results").border_subtitle = "v / esc: back" if zoomed == "results" else "v: full screen"
