"""The Today screen: what is waiting, what is done, the streak; Enter to start the cards, d for the drills,
s for progress, o for the settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Footer, Label, Static

from prep.drills.client import GraderClient
from prep.service import PrepService, TodayView
from prep.tui.errors import notifies_prep_errors
from prep.tui.screens.review import ReviewScreen

# TodayView field → the caption under its number
STATS = {"due": "due", "new": "new", "drills": "drills", "reviewed": "reviewed today", "streak": "day streak"}


class TodayScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "start_review", "Start review", id="start-review"),
        Binding("d", "drills", "Drills", id="drills"),
        Binding("s", "stats", "Progress", id="stats"),
        Binding("o,comma", "settings", "Settings", id="settings"),
    ]

    def __init__(self, service: PrepService, clock: Callable[[], datetime], grader: GraderClient) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.grader = grader
        self.numbers = TodayView(due=0, new=0, reviewed=0, streak=0)

    def compose(self) -> ComposeResult:
        yield Static("prep · today", classes="top-line")
        with Vertical(id="today") as panel:
            panel.border_title = "Today"
            with Grid(id="stats"):
                for field, caption in STATS.items():
                    with Vertical(classes="stat"):
                        yield Digits("0", id=f"stat-{field}")
                        yield Label(caption)
            yield Static(id="today-hint")
        yield Footer()

    # Runs on the first show and whenever a review session (or the help) closes, so the numbers are fresh.
    @notifies_prep_errors
    def on_screen_resume(self) -> None:
        self.numbers = self.service.today(self.clock())
        for field in STATS:
            self.query_one(f"#stat-{field}", Digits).update(str(getattr(self.numbers, field)))
        cards, drills = self.numbers.due + self.numbers.new, self.numbers.drills
        all_done = cards + drills == 0
        if cards:
            hint = "Enter: start review"
        elif drills:
            hint = f"Cards done. {'1 drill is' if drills == 1 else f'{drills} drills are'} waiting: press d"
        else:
            hint = "All done for today. Come back tomorrow."
        if self.service.can_optimize():
            hint += "\nEnough history to fit the scheduler to you: run `prep optimize`"
        self.query_one("#today-hint", Static).update(hint)
        self.query_one("#today-hint").set_class(all_done, "all-done")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "start_review" or self.numbers.due + self.numbers.new > 0

    def action_start_review(self) -> None:
        self.app.push_screen(ReviewScreen(self.service, self.clock), self.after_review)

    @notifies_prep_errors
    def after_review(self, to_drills: bool | None) -> None:
        """The session goes on from the cards' summary to the first drill due."""
        self.app.backup_study(session_ended=True)  # type: ignore[attr-defined] # a session of a few answers is backed up
        waiting = self.service.drills.due_today(self.clock()) if to_drills else []
        if waiting:
            from prep.tui.screens.drill import DrillScreen  # see action_drills

            self.app.push_screen(DrillScreen(self.service, self.clock, self.grader, waiting[0]))

    def action_drills(self) -> None:
        # Imported on the way in: the editor and the table cost the cards' start-up ~10 ms (bench/startup.py).
        from prep.tui.screens.drills import DrillsScreen

        self.app.push_screen(DrillsScreen(self.service, self.clock, self.grader))

    def action_stats(self) -> None:
        from prep.tui.screens.stats import StatsScreen  # see action_drills

        self.app.push_screen(StatsScreen(self.service, self.clock))

    def action_settings(self) -> None:
        from prep.tui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen(self.service, self.clock))  # the numbers refresh when Today resumes
