"""The restore screen: shown instead of Today when the database failed its check, so nothing is written
to a damaged file. It lists the backups with their dates and answer counts; Enter puts the chosen one in
place (the damaged file is moved aside, named as damaged), Escape leaves without touching anything."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from prep.errors import PrepError
from prep.store.backups import backup_dir, backup_line, describe
from prep.store.restore import restore
from prep.tui.widgets import SteadyLayout


class RestoreScreen(SteadyLayout, Screen[Path | None]):
    """Dismissed with the backup put in place, or None when the user leaves without restoring."""

    BINDINGS = [
        Binding("escape,q", "leave", "Quit without restoring", id="leave-restore"),
    ]

    def __init__(self, database: Path, problem: str, before_restore: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.database = database
        self.problem = problem
        self.before_restore = before_restore  # e.g. closing the service's connections to the damaged file
        self.found = describe(database)

    def compose(self) -> ComposeResult:
        with Vertical(id="restore-panel") as panel:
            panel.border_title = "The database needs a backup"
            panel.border_subtitle = "enter restore · esc quit"
            yield Static(f"{self.database}: {self.problem}.", id="restore-problem", markup=False)
            if self.found:
                yield Static("Nothing has been written to it. Pick a backup to put in its place; the damaged file is kept "
                             f"beside it as {self.database.stem}-damaged-….sqlite3.", id="restore-hint", markup=False)
                yield OptionList(*(Option(backup_line(info), id=str(number), disabled=not info.ok)
                                   for number, info in enumerate(self.found)), id="restore-list")
            else:
                yield Static(f"Nothing has been written to it, and there is no backup in {backup_dir(self.database)}. "
                             "Press Esc to quit; `prep --db NEW_PATH` starts afresh elsewhere.", id="restore-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if self.found:
            choices = self.query_one(OptionList)
            choices.highlighted = next((n for n, info in enumerate(self.found) if info.ok), None)
            choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = self.found[int(event.option.id or 0)]
        if self.before_restore is not None:
            self.before_restore()
        try:
            replaced = restore(self.database, chosen.path)
        except PrepError as error:
            self.notify(str(error), title="prep", severity="error", timeout=10)
            return
        where = replaced.moved_aside or replaced.kept
        self.app.notify(f"Restored the backup of {backup_line(chosen).split('  ')[0]}"
                        + (f"; the replaced file is {where.name}" if where else "."), title="prep", timeout=10)
        self.dismiss(chosen.path)

    def action_leave(self) -> None:
        self.dismiss(None)


class RecoveryApp(App[Path | None]):
    """The TUI when the database fails its check at start: only the restore screen, then `prep` goes on."""

    CSS_PATH = "../prep.tcss"
    TITLE = "prep"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, database: Path, problem: str) -> None:
        super().__init__()
        self.database = database
        self.problem = problem

    def on_mount(self) -> None:
        self.theme = "nord"
        self.push_screen(RestoreScreen(self.database, self.problem), self.exit)
