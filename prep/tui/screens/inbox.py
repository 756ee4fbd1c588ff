"""The inbox, as Anki's Add screen: the cards the generator was not sure of, one at a time, with the note's lines beside
them. a accepts it as a card, e edits its question and answer first (ctrl+s keeps the edit as a card), s skips it for
now, x drops it for good; nothing here is scheduled until accepted (prep.store.inbox). After them, the facts the notes
state with no question found: the learner writes the question (a or e opens the editor), or skips or drops the fact."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static, TextArea

from prep.service import PrepService
from prep.tui.card_text import crumbs
from prep.tui.errors import notifies_prep_errors
from prep.tui.widgets import CardText, KeyFooter, SteadyLayout

BEFORE, AFTER = 2, 8  # the note's lines shown above and below the suggestion's own (its own comes near the top)


def note_lines(file: str, line: int) -> str:
    """The note's lines around `line`, numbered, the line itself marked; '' when the file is gone."""
    try:
        lines = Path(file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    first, last = max(1, line - BEFORE), min(len(lines), line + AFTER)
    return "\n".join(f"{'▸' if n == line else ' '}{n:>4}  {lines[n - 1]}" for n in range(first, last + 1))


class InboxScreen(SteadyLayout, Screen[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]  # the note beside the card from 90 columns, below it under that
    BINDINGS = [
        Binding("a", "accept", "Accept", tooltip="Make it a card as it is", id="inbox-accept"),
        Binding("e", "edit", "Edit", tooltip="Edit the question and answer, then ctrl+s keeps it as a card", id="inbox-edit"),
        Binding("s", "skip", "Skip", tooltip="Leave it in the inbox for later", id="inbox-skip"),
        Binding("x", "drop", "Drop", tooltip="Never offer it again", id="inbox-drop"),
        Binding("ctrl+s", "save_edit", "Keep as card", id="inbox-save"),
        Binding("escape", "back", "Back", id="inbox-back"),
    ]

    def __init__(self, service: PrepService, clock: Callable[[], datetime], deck: str | None = None) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.items = service.inbox(deck)
        self.index = 0
        self.total = len(self.items)
        self.decided = 0
        self.editing = False

    def compose(self) -> ComposeResult:
        yield Static("prep · inbox", id="inbox-title", classes="top-line")
        with Horizontal(id="inbox"):
            with VerticalScroll(id="inbox-card") as card:
                card.border_title = "Suggested card"
                yield Static(id="inbox-path")
                yield CardText(id="inbox-front")
                yield CardText(id="inbox-back")
                yield TextArea(id="inbox-edit-front", soft_wrap=True)
                yield TextArea(id="inbox-edit-back", soft_wrap=True)
            with VerticalScroll(id="inbox-note") as note:
                note.border_title = "In the notes"
                yield Static(id="inbox-lines")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show()

    @property
    def current(self):  # noqa: ANN201 - an Offered, or None when the inbox is gone through
        return self.items[self.index] if self.index < len(self.items) else None

    def show(self) -> None:
        item = self.current
        left = len(self.items) - self.index
        self.query_one("#inbox-title", Static).update(
            f"prep · inbox · {self.index + 1}/{len(self.items)}{' · to write up' if item.to_write else ''}" if item
            else "prep · inbox")
        self.query_one("#inbox-card").border_title = "To write up" if item and item.to_write else "Suggested card"
        self.set_editing(False)
        if item is None:
            self.query_one("#inbox-path", Static).update("")
            self.query_one("#inbox-front", CardText).show(
                "Nothing left to go through." if self.total else "The inbox is empty: every card of your notes is scheduled.")
            self.query_one("#inbox-back", CardText).show(f"{self.decided} decided, {left} left. Esc goes back." if self.total else "")
            self.query_one("#inbox-lines", Static).update("")
            self.refresh_bindings()
            return
        doubt = item.doubt()
        self.query_one("#inbox-path", Static).update(Text.assemble((f"{item.deck} › {crumbs(item.path, item.front)}", "dim"),
                                                                   *(("\n", (f"⚠ {doubt}", "dim italic")) if doubt else ())))
        if item.to_write:
            self.query_one("#inbox-front", CardText).show("✎ No question was found for this fact: e writes one")
        else:
            self.query_one("#inbox-front", CardText).show(item.front)
        self.query_one("#inbox-back", CardText).show(item.back)
        self.query_one("#inbox-lines", Static).update(Text.assemble((item.source, "dim"), "\n",
                                                                     note_lines(item.source_file, item.source_line)))
        self.refresh_bindings()

    def set_editing(self, editing: bool) -> None:
        self.editing = editing
        for name in ("front", "back"):
            self.query_one(f"#inbox-{name}").display = not editing
            self.query_one(f"#inbox-edit-{name}").display = editing

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_edit":
            return self.editing
        if action in ("accept", "edit", "skip", "drop"):
            return self.current is not None and not self.editing
        return True

    def next(self) -> None:
        self.index += 1
        self.show()

    def decided_on(self, message: str) -> None:
        self.decided += 1
        self.notify(message)
        self.next()

    @notifies_prep_errors
    def action_accept(self) -> None:
        if self.current.to_write:
            self.action_edit()  # there is no question to accept yet: write it
            return
        self.service.accept_suggestion(self.current.id, self.clock())
        self.decided_on("Accepted: a new card in its deck")

    def action_edit(self) -> None:
        item = self.current
        self.query_one("#inbox-edit-front", TextArea).text = item.front
        self.query_one("#inbox-edit-back", TextArea).text = item.back
        self.set_editing(True)
        self.query_one("#inbox-edit-front", TextArea).focus()
        self.refresh_bindings()

    @notifies_prep_errors
    def action_save_edit(self) -> None:
        front = self.query_one("#inbox-edit-front", TextArea).text
        back = self.query_one("#inbox-edit-back", TextArea).text
        self.service.accept_suggestion(self.current.id, self.clock(), front, back)
        self.decided_on("Accepted with your edit: a new card in its deck")

    def action_skip(self) -> None:
        self.next()

    @notifies_prep_errors
    def action_drop(self) -> None:
        self.service.drop_suggestion(self.current.id, self.clock())
        self.decided_on("Dropped: it will not be offered again")

    def action_back(self) -> None:
        if self.editing:
            self.set_editing(False)
            self.refresh_bindings()
            return
        self.dismiss(None)
