"""A yes/no question in a modal, answered with y or n, for steps that cannot be taken back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from prep.tui.widgets import SteadyLayout


class ConfirmScreen(SteadyLayout, ModalScreen[bool]):
    """Dismissed with True only on y: Escape or n keep things as they are."""

    BINDINGS = [
        Binding("y", "dismiss(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "dismiss(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str, consequence: str) -> None:
        super().__init__()
        self.question = question
        self.consequence = consequence

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-panel") as panel:
            panel.border_title = "Sure?"
            panel.border_subtitle = "y yes · n or esc no"
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(self.consequence, id="confirm-consequence", markup=False)
