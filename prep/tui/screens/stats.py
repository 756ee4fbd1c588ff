"""Progress: the charts of prep.progress.charts in titled sections, and the leeches to suspend.

The numbers are computed in a thread, so the screen opens at once with a loading state;
two columns from 116 columns on, one below.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from prep.errors import PrepError
from prep.progress.charts import sections
from prep.progress.stats import Leech, Stats
from prep.service import PrepService
from prep.tui.errors import notifies_prep_errors
from prep.tui.widgets import SteadyLayout

# Section ids of prep.progress.charts.sections, by column; in one column the left one comes first.
LEFT = ("interview", "activity", "forecast", "minutes", "at-risk")
RIGHT = ("retention", "mastery", "drill-mastery", "drills", "mocks")
NO_INTERVIEW = "No interview date set. Press o to set one: the charts then show recall on the day."


class StatsScreen(SteadyLayout, Screen[None]):
    BINDINGS = [
        Binding("s", "suspend_leech", "Suspend leech", tooltip="Suspend the selected leech", id="suspend-leech"),
        Binding("o,comma", "settings", "Settings", id="settings"),
        Binding("escape", "back", "Back to today", id="back"),
    ]

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (116, "-wide")]

    class Loaded(Message):
        """The numbers, from the worker thread; None when they could not be read (the error was shown)."""

        def __init__(self, stats: Stats | None) -> None:
            super().__init__()
            self.stats = stats

    def __init__(self, service: PrepService, clock: Callable[[], datetime]) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.leeches: dict[str, Leech] = {}

    def compose(self) -> ComposeResult:
        yield Static("prep · progress", classes="top-line")
        with VerticalScroll(id="stats-page"), Horizontal(id="stats-columns"):
            with Vertical(id="stats-left"):
                yield from self.placeholders(LEFT)
            with Vertical(id="stats-right"):
                yield from self.placeholders(RIGHT)
                with Vertical(id="leeches", classes="stats-section") as leeches:
                    leeches.border_title = "Leeches"
                    yield Static(id="leeches-hint")
                    yield DataTable(id="leech-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def placeholders(self, sections: tuple[str, ...]) -> ComposeResult:
        for section in sections:
            yield Static(id=f"section-{section}", classes="stats-section")

    def on_mount(self) -> None:
        self.query_one("#leech-table", DataTable).add_columns("Lapses", "Status", "Card")
        self.query_one("#stats-page").loading = True
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        try:
            stats = self.service.stats(self.clock())
        except PrepError as error:
            self.notify(str(error), title="prep", severity="error", timeout=10)  # notify is thread-safe
            stats = None
        self.post_message(self.Loaded(stats))

    def on_stats_screen_loaded(self, message: Loaded) -> None:
        self.query_one("#stats-page").loading = False
        if message.stats is None:
            return
        shown = {section.id: section for section in sections(message.stats)}
        for section in LEFT + RIGHT:
            widget = self.query_one(f"#section-{section}", Static)
            if section in shown:
                widget.border_title = shown[section].title
                widget.update(shown[section].body)
            elif section == "interview":
                widget.border_title = "Interview"
                widget.update(NO_INTERVIEW)
            widget.display = section in shown or section == "interview"
        self.show_leeches(message.stats.leeches)

    def show_leeches(self, leeches: list[Leech]) -> None:
        table = self.query_one("#leech-table", DataTable)
        selected = self.selected_leech()
        self.leeches = {leech.id: leech for leech in leeches}
        table.clear()
        for leech in leeches:
            table.add_row(f"{leech.lapses}×", "suspended" if leech.suspended else "", leech.front, key=leech.id)
        if selected in self.leeches:
            table.move_cursor(row=table.get_row_index(selected))
        table.display = bool(leeches)
        lapses = self.service.config.leech_lapses
        self.query_one("#leeches-hint", Static).update(
            f"Cards forgotten {lapses} times or more: rewrite the note, or select one and press s to suspend it."
            if leeches else f"None: no card forgotten {lapses} times.")
        self.refresh_bindings()

    def selected_leech(self) -> str | None:
        table = self.query_one("#leech-table", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "suspend_leech":  # offered with leeches listed; it works on the focused table's row
            return (True if self.query_one("#leech-table").has_focus else None) if self.leeches else False
        return True

    @notifies_prep_errors
    def action_suspend_leech(self) -> None:
        leech = self.leeches.get(self.selected_leech() or "")
        if leech is None:
            return
        if leech.suspended:
            self.notify("This card is suspended already.", severity="warning")
            return
        self.service.suspend(leech.id, self.clock())
        self.notify("Card suspended.", timeout=2)
        self.load()  # mastery and the forecast leave it out now

    def action_settings(self) -> None:
        from prep.tui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen(self.service, self.clock), self.after_settings)

    def after_settings(self, saved: bool | None) -> None:
        if saved:
            self.load()

    def action_back(self) -> None:
        self.dismiss()
