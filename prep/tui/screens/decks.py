"""The deck picker on Today, Anki's deck list: every deck with what it has today (new, learning, review), its
new cards a day, and whether it is studied. Enter studies the highlighted one ("All decks" goes back to all of
them), x enables or disables it, l sets its new cards a day (a whole number, or `default` for the setting) with
the same checks as `prep decks limit`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from prep.decks.studied import DeckRow, parse_limit
from prep.errors import PrepError
from prep.service import PrepService, QueueCounts
from prep.tui.errors import notifies_prep_errors
from prep.tui.widgets import SteadyLayout

ALL = ""  # the option id of "All decks"
NAME_WIDTH = 24  # longer names are cut with an ellipsis: the counts stay in view at 60 columns
HINT = "enter study · x enable/disable · l new a day · esc back"


def counts_text(counts: QueueCounts) -> Text:
    """Plain text, so the highlighted row's colours apply to it as to the name (readable on every row)."""
    return Text(f"{counts.new:>4} new {counts.learning:>4} learn {counts.review:>4} review")


def deck_line(name: str, width: int, counts: QueueCounts | None, row: DeckRow | None) -> Text:
    shown = name if len(name) <= NAME_WIDTH else name[:NAME_WIDTH - 1] + "…"
    line = Text(shown.ljust(width), style="bold" if row is None else "")
    if row is not None and not row.enabled:
        line.append("  disabled".ljust(len(counts_text(QueueCounts(0, 0, 0)))), style="italic")
    else:
        line.append_text(counts_text(counts or QueueCounts(0, 0, 0)))
    if row is not None:
        line.append(f"  {row.new_per_day:>4}/day" + ("" if row.own_limit else "*"))
    return line


class DeckPicker(SteadyLayout, ModalScreen[str | None]):
    """Dismissed with the deck picked ("" for all decks), or None on escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Back", id="cancel-deck"),
        Binding("x", "toggle_deck", "Enable/disable", tooltip="Enable or disable the highlighted deck", id="toggle-deck"),
        Binding("l", "limit_deck", "New a day", tooltip="Set the highlighted deck's new cards a day (a number, or default)",
                id="limit-deck"),
    ]

    def __init__(self, service: PrepService, clock: Callable[[], datetime], current: str | None) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.current = current
        self.decks: dict[str, DeckRow] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="deck-panel") as panel:
            panel.border_title = "Study which deck?"
            yield OptionList(*self.options(), id="deck-picker")
            limit = Input(placeholder="new cards a day: a whole number, or default", id="deck-limit", compact=True)
            limit.display = False
            yield limit
            yield Static(id="deck-problem")
            yield Static(HINT + " · *: the setting's", id="deck-hint")

    def options(self) -> list[Option]:
        now = self.clock()
        self.decks = {row.name: row for row in self.service.decks.rows(now) if row.cards}
        width = min(NAME_WIDTH, max([len("All decks"), *map(len, self.decks)])) + 2
        options = [Option(deck_line("All decks", width, self.service.remaining(now), None), id=ALL)]
        options += [Option(deck_line(name, width, self.service.remaining(now, name) if row.enabled else None, row), id=name)
                    for name, row in self.decks.items()]
        return options

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        picker.highlighted = picker.get_option_index(self.current if self.current in self.decks else ALL)

    def reload(self) -> None:
        """Read the decks again, the highlight kept on the same deck."""
        picker = self.query_one(OptionList)
        keep = self.highlighted() or ALL
        picker.clear_options()
        picker.add_options(self.options())
        picker.highlighted = picker.get_option_index(keep if keep in self.decks else ALL)

    def on_screen_resume(self) -> None:
        self.app.watch_collection()  # type: ignore[attr-defined] # back on top: read again if the collection changed

    def collection_changed(self) -> None:  # prep.tui.app.watch_collection: another prep changed the collection
        self.reload()

    def highlighted(self) -> str | None:
        picker = self.query_one(OptionList)
        return None if picker.highlighted is None else picker.get_option_at_index(picker.highlighted).id

    def say(self, problem: str) -> None:
        self.query_one("#deck-problem", Static).update(Text(problem, style="bold"))

    def on_option_list_option_highlighted(self) -> None:
        self.say("")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        name = event.option.id or ALL
        if name != ALL and not self.decks[name].enabled:
            self.say(f"{name} is disabled: x enables it")
            return
        self.dismiss(name)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_deck", "limit_deck"):
            return True if self.highlighted() else None  # not on "All decks"
        return True

    @notifies_prep_errors
    def action_toggle_deck(self) -> None:
        name = self.highlighted()
        if not name:
            return
        enabled = not self.decks[name].enabled
        self.service.decks.set_enabled(name, enabled)
        self.reload()
        self.say(f"{name}: {'enabled' if enabled else 'disabled, its cards kept'}")

    def action_limit_deck(self) -> None:
        name = self.highlighted()
        if not name:
            return
        field = self.query_one("#deck-limit", Input)
        row = self.decks[name]
        field.value = str(row.new_per_day) if row.own_limit else "default"
        field.display = True
        field.focus()
        self.say(f"{name}: new cards a day, then enter")

    @notifies_prep_errors
    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = self.highlighted()
        if not name:
            return
        try:
            limit = parse_limit(event.value)
            self.service.decks.set_limit(name, limit)
        except PrepError as error:
            self.say(str(error))  # the input stays for another try
            return
        self.close_limit()
        self.reload()
        self.say(f"{name}: " + ("the new_per_day setting" if limit is None else f"{limit} new cards a day"))

    def close_limit(self) -> None:
        self.query_one("#deck-limit", Input).display = False
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        if self.query_one("#deck-limit", Input).display:
            self.close_limit()
            self.say("")
            return
        self.dismiss(None)
