"""The deck picker on Today: every deck studied with what it has today (new, learning, review);
Enter studies the highlighted one, "All decks" goes back to all of them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from prep.service import PrepService, QueueCounts
from prep.tui.widgets import SteadyLayout

ALL = ""  # the option id of "All decks"


def counts_text(counts: QueueCounts) -> Text:
    return Text.assemble((f"{counts.new:>4}", "#88c0d0"), " new ", (f"{counts.learning:>4}", "#bf616a"), " learn ",
                         (f"{counts.review:>4}", "#a3be8c"), " review")


class DeckPicker(SteadyLayout, ModalScreen[str | None]):
    """Dismissed with the deck picked ("" for all decks), or None on escape."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="cancel-deck")]

    def __init__(self, service: PrepService, clock: Callable[[], datetime], current: str | None) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.current = current

    def compose(self) -> ComposeResult:
        now = self.clock()
        names = self.service.decks.enabled_names()
        width = max([len("All decks"), *map(len, names)]) + 2
        options = [Option(Text.assemble(("All decks".ljust(width), "bold"), counts_text(self.service.remaining(now))), id=ALL)]
        options += [Option(Text.assemble(name.ljust(width), counts_text(self.service.remaining(now, name))), id=name)
                    for name in names]
        picker = OptionList(*options, id="deck-picker")
        picker.border_title = "Study which deck?"
        picker.border_subtitle = "enter pick · esc cancel · prep decks disable NAME hides one"
        yield picker

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        picker.highlighted = picker.get_option_index(self.current or ALL)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id or ALL)
