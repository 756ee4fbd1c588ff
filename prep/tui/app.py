"""The Textual app: it owns the service, the clock and the grader, and starts on the Today screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import work
from textual.app import App
from textual.binding import Binding

from prep.drills.client import GraderClient
from prep.errors import PrepError
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

    def __init__(self, service: PrepService, clock: Callable[[], datetime], grader: GraderClient | None = None) -> None:
        super().__init__()
        self.service = service
        self.clock = clock  # aware UTC now; tests pass a fixed one
        # The grader process loads torch, which this process never does. A grader passed in belongs to the caller.
        self.grader = grader or GraderClient()
        self.owns_grader = grader is None

    def on_mount(self) -> None:
        self.theme = "nord"  # a muted palette: hours of reading cards should not be loud
        self.push_screen(TodayScreen(self.service, self.clock, self.grader))
        self.call_after_refresh(self.warm_up_grader)  # not before the first frame: it is one more process to start
        self.set_timer(0.5, self.warm_up_service)  # once the first card is up, while the user reads it

    @work(thread=True)
    def warm_up_service(self) -> None:
        """Load what the first answer needs (the ORM), which start-up skips to show the first card sooner."""
        self.service.warm_up()

    @work(thread=True)
    def warm_up_grader(self) -> None:
        """Start the grader while the user reads, so the first check answers at once."""
        try:
            self.grader.start()
        except PrepError as error:
            self.notify(str(error), title="prep", severity="error", timeout=10)  # notify is thread-safe

    def on_unmount(self) -> None:
        if self.owns_grader:
            self.grader.close()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a widget takes text (the drill's editor, a setting's input), q and ? are text, not these keys.
        if action in ("quit", "help") and self.focused is not None:
            key, character = ("q", "q") if action == "quit" else ("question_mark", "?")
            if self.focused.check_consume_key(key, character):
                return False
        return True

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.screen))
