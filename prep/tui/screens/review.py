"""The review loop, keyboard-first like Anki: front, space to show the back, 1–4 to rate, next card."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Digits, Footer, Rule, Static

from prep.service import CardView, PrepService
from prep.tui.errors import notifies_prep_errors
from prep.tui.external_editor import edit_in_external_editor
from prep.tui.widgets import CardText

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
RATING_COLOURS = {"Again": "$error", "Hard": "$warning", "Good": "$success", "Easy": "$accent"}
STATUS_SECONDS = 2  # short-lived, so notices do not pile up over the rating bar during a quick session
FRONT, BACK, DONE = "front", "back", "done"  # the card's question, its answer, the end-of-session summary


class ReviewScreen(Screen[bool]):
    """Dismissed with True when the user goes on from the summary to today's drills."""

    BINDINGS = [
        Binding("space,enter", "reveal", "Show answer", show=False, id="reveal"),
        *(Binding(str(n), f"rate({n})", name, show=False, id=f"rate-{name.lower()}") for n, name in RATINGS.items()),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("s", "set_aside('suspend')", "Suspend", id="suspend"),
        Binding("b", "set_aside('bury')", "Bury", id="bury"),
        Binding("e", "edit_source", "Edit notes", id="edit-source"),
        Binding("pageup", "scroll_card(-1)", "Scroll the card", show=False, id="scroll-card-up"),
        Binding("pagedown", "scroll_card(1)", "Scroll the card", show=False, id="scroll-card-down"),
        Binding("escape", "back", "Back to today", id="back"),
        Binding("enter", "close_summary", "Back to today", show=False, id="close-summary"),
        Binding("d", "go_to_drills", "Today's drills", id="go-to-drills"),
    ]

    # Not bindings=True: the footer's keys only change when the session ends, and
    # refreshing it on every reveal and rating costs more than the rest of a card.
    phase = reactive(FRONT)

    def __init__(self, service: PrepService, clock: Callable[[], datetime]) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.card: CardView | None = None
        self.answered: list[CardView] = []  # this session's answers, newest last, for undo and the summary
        self.drills_waiting = 0  # counted when the summary shows: the session goes on with them
        self.shown_at = time.monotonic()

    def compose(self) -> ComposeResult:
        with Horizontal(id="progress", classes="top-line"):
            yield Static("prep · review", id="progress-title")
            yield Static(id="progress-counts")
        with ContentSwitcher(initial="card", id="stage"):
            with VerticalScroll(id="card", can_focus=False):
                yield CardText(id="front")
                with Vertical(id="answer"):
                    yield Rule()
                    yield CardText(id="back")
            with Vertical(id="summary") as summary:
                summary.border_title = "Session done"
                yield Digits("0", id="session-count")
                yield Static(id="summary-text")
        yield Static(id="rating-bar")
        yield Footer()

    async def on_mount(self) -> None:
        await self.show_next()

    # ---- which keys work when ------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """True: the key works now; None: listed but idle in this phase; False: not offered at all."""
        # Enter reveals a card or closes the summary; the phase picks which binding runs.
        if action == "close_summary":
            return self.phase == DONE
        if action == "go_to_drills":
            return self.phase == DONE and self.drills_waiting > 0
        if action in ("undo", "back"):
            return True
        if self.phase == DONE:
            return False
        if action == "reveal":
            return True if self.phase == FRONT else None
        if action == "rate":
            return True if self.phase == BACK else None
        return True

    def watch_phase(self, old: str, phase: str) -> None:
        if DONE in (old, phase):
            self.refresh_bindings()
        answer = self.query_one("#answer")
        answer.display = phase == BACK
        if phase == BACK:  # on a card taller than the screen, bring the answer into view once it is laid out
            self.call_after_refresh(answer.scroll_visible, animate=False)
        self.query_one(ContentSwitcher).current = "summary" if phase == DONE else "card"
        self.update_rating_bar()

    # ---- showing cards -------------------------------------------------------

    @notifies_prep_errors
    async def show_next(self) -> None:
        await self.show(self.service.next_card(self.clock()))

    async def show(self, card: CardView | None) -> None:
        self.card = card
        # The counts can follow a frame later; the next card must not wait for them.
        self.call_after_refresh(self.update_progress)
        if card is None:
            await self.count_drills_waiting()
            self.show_summary()
            self.phase = DONE
            return
        self.query_one("#front", CardText).show(card.front)
        self.query_one("#back", CardText).show(card.back)
        panel = self.query_one("#card", VerticalScroll)
        panel.border_title = card.deck
        panel.border_subtitle = f"{card.kind} · {card.state}"
        panel.scroll_home(animate=False)
        self.phase = FRONT
        self.update_rating_bar()  # the phase may not have changed, but the intervals did
        self.shown_at = time.monotonic()

    # Its own handler so that a broken drill folder costs the summary its drills line, not the summary.
    @notifies_prep_errors
    def count_drills_waiting(self) -> None:
        self.drills_waiting = len(self.service.drills.due_today(self.clock()))

    @notifies_prep_errors
    def update_progress(self) -> None:
        due, new = self.service.remaining(self.clock())
        self.query_one("#progress-counts", Static).update(f"{due} due · {new} new · {len(self.answered)} done this session")

    def update_rating_bar(self) -> None:
        bar = self.query_one("#rating-bar", Static)
        bar.display = self.phase != DONE  # the summary says itself how to leave
        if self.phase == FRONT:
            bar.update("[b]space[/]  Show answer")
        elif self.phase == BACK and self.card is not None:
            bar.update("   ".join(
                f"[b]{n}[/] [{RATING_COLOURS[name]}]{name}[/] · {self.card.intervals[name]}" for n, name in RATINGS.items()))

    def show_summary(self) -> None:
        now = self.clock()
        counts = self.service.ratings_today(now)
        waiting = self.service.remaining(now)[0]
        lines = [
            "cards reviewed this session" if len(self.answered) != 1 else "card reviewed this session",
            "",
            "Today: " + " · ".join(f"{name} {counts[name]}" for name in RATINGS.values()),
        ]
        if waiting:
            lines.append(f"{waiting} more {'comes' if waiting == 1 else 'come'} back later today.")
        if self.drills_waiting:
            drills = "1 drill is" if self.drills_waiting == 1 else f"{self.drills_waiting} drills are"
            lines += ["", f"[b]{drills} waiting: press d[/]"]
        lines += ["", "[dim]Enter/Esc: back[/]"]
        self.query_one("#session-count", Digits).update(str(len(self.answered)))
        self.query_one("#summary-text", Static).update("\n".join(lines))

    # ---- actions ---------------------------------------------------------------

    def action_reveal(self) -> None:
        self.phase = BACK

    @notifies_prep_errors
    async def action_rate(self, rating: int) -> None:
        assert self.card is not None
        duration_ms = int((time.monotonic() - self.shown_at) * 1000)
        # Synchronous on purpose: the answer is committed before the next card is fetched and shown.
        self.service.answer(self.card.id, rating, self.clock(), duration_ms)
        self.answered.append(self.card)
        await self.show_next()

    @notifies_prep_errors
    async def action_undo(self) -> None:
        # Only this session's answers: the service would otherwise undo yesterday's last answer.
        if not self.answered:
            self.notify("Nothing to undo in this session.", severity="warning")
            return
        self.service.undo(self.answered[-1].id)
        # The card is back in the state it had when it was shown, so its old view (front, intervals) is still right.
        await self.show(self.answered.pop())
        self.notify("Answer undone.", timeout=STATUS_SECONDS)

    @notifies_prep_errors
    async def action_set_aside(self, how: str) -> None:
        """Suspend the card for good or bury it until tomorrow, then move on."""
        assert self.card is not None
        set_aside, notice = {
            "suspend": (self.service.suspend, "Card suspended."),
            "bury": (self.service.bury, "Card buried until tomorrow."),
        }[how]
        set_aside(self.card.id, self.clock())
        self.notify(notice, timeout=STATUS_SECONDS)
        await self.show_next()

    async def action_edit_source(self) -> None:
        assert self.card is not None
        source = Path(self.card.source_file)
        if not source.is_file():
            self.notify(f"{source} no longer exists.", severity="error")
            return
        if edit_in_external_editor(self.app, source, self.card.source_line):
            await self.reload_after_edit(str(source))

    @notifies_prep_errors
    async def reload_after_edit(self, source: str) -> None:
        """Re-import the edited notes, like Anki's editor: the card on screen shows the new wording."""
        report = self.service.reimport_source(source, self.clock())
        self.notify(f"Notes saved · {report.counts.updated} updated · {report.counts.added} added")
        await self.show_next()

    def action_scroll_card(self, direction: int) -> None:
        panel = self.query_one("#card", VerticalScroll)
        panel.scroll_page_down() if direction > 0 else panel.scroll_page_up()

    def action_back(self) -> None:
        self.dismiss()

    def action_close_summary(self) -> None:  # the same as back, but its own action so only the summary offers it on enter
        self.dismiss()

    def action_go_to_drills(self) -> None:
        self.dismiss(True)
