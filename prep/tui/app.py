"""The Textual app: it owns the service and the clock and starts on the Today screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import App
from textual.binding import Binding

from prep.service import PrepService
from prep.tui.screens.help import HelpScreen
from prep.tui.screens.today import TodayScreen


class PrepApp(App[None]):
    CSS_PATH = "prep.tcss"
    TITLE = "prep"
    # The palette's commands (themes, screenshots) are not part of a study session; every action has a key.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Keys", key_display="?", id="help"),
    ]

    def __init__(self, service: PrepService, clock: Callable[[], datetime]) -> None:
        super().__init__()
        self.service = service
        self.clock = clock  # aware UTC now; tests pass a fixed one

    def on_mount(self) -> None:
        self.theme = "nord"  # a muted palette: hours of reading cards should not be loud
        self.push_screen(TodayScreen(self.service, self.clock))

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.screen))
