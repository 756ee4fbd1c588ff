"""The cards of the points a mock interview missed, studied at once from its report (s): each card's question,
its answer on Enter, then 1–4 rates it as in the review (prep.service.answer)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from prep.service import PrepService
from prep.tui.errors import notifies_prep_errors
from prep.tui.widgets import CardText, SteadyLayout

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


class MockStudyScreen(SteadyLayout, Screen[None]):
    BINDINGS = [
        Binding("space,enter", "reveal", "Show answer", id="study-reveal"),
        *(Binding(str(n), f"rate({n})", name, id=f"study-{name.lower()}") for n, name in RATINGS.items()),
        Binding("escape", "back", "Back to the report", id="study-back"),
    ]

    def __init__(self, service: PrepService, clock: Callable[[], datetime], card_ids: list[str]) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.card_ids = card_ids
        self.index = 0
        self.revealed = False
        self.shown_at = clock()

    def compose(self) -> ComposeResult:
        with Horizontal(classes="top-line"):
            yield Static("prep · mock interview · the points missed", id="mock-title")
            yield Static(id="mock-clock")
        with VerticalScroll(id="mock-body"):
            yield CardText(id="study-front")
            yield CardText(id="study-back")
        yield Footer()

    def on_mount(self) -> None:
        self.show_card()

    def show_card(self) -> None:
        card_id = self.card_ids[self.index]
        self.revealed = False
        self.shown_at = self.clock()
        self.query_one("#mock-clock", Static).update(f"{self.index + 1}/{len(self.card_ids)}")
        self.query_one("#study-front", CardText).show(self.service.mocks.card_front(card_id))
        self.query_one("#study-back", CardText).show("")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal":
            return not self.revealed
        if action == "rate":
            return self.revealed
        return True

    def action_reveal(self) -> None:
        self.revealed = True
        self.query_one("#study-back", CardText).show(self.service.mocks.card_back(self.card_ids[self.index]))
        self.refresh_bindings()

    @notifies_prep_errors
    def action_rate(self, rating: int) -> None:
        now = self.clock()
        took = int(max(0.0, (now - self.shown_at).total_seconds()) * 1000)
        self.service.answer(self.card_ids[self.index], rating, now, took)
        if self.index + 1 >= len(self.card_ids):
            self.notify(f"The {len(self.card_ids)} cards of the points missed are studied.")
            self.dismiss()
            return
        self.index += 1
        self.show_card()

    def action_back(self) -> None:
        self.dismiss()
