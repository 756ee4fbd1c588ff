"""The Today screen: what is waiting (new, learning, review, as Anki counts them), what is done, the
streak; Enter to start the cards, k to pick a deck, b to browse the cards, d for the drills, m for a mock
interview, i for the inbox of suggested cards, s for progress, o for the settings. With no cards yet it says how to add some and offers the built-in deck."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from prep.drills.client import GraderClient
from prep.service import PrepService, TodayView
from prep.tui.errors import notifies_prep_errors
from prep.tui.screens.review import ReviewScreen
from prep.tui.widgets import KeyFooter, StatBoard, SteadyLayout, set_width_class

# TodayView field → the caption under its number
STATS = {"new": "new", "learning": "learning", "review": "review", "drills": "drills", "reviewed": "done", "streak": "streak"}
CARD_STATS = ("new", "learning", "review")  # shown at once at start-up; the others a moment later (TodayScreen.refresh_numbers)
START_HINT = "Enter: start review"
THE_REST_AFTER_S = 0.1  # at start-up, the numbers besides the cards' (see TodayScreen.refresh_numbers)
WELCOME = ("No cards yet. Add your own notes from the shell:\n"
           "  prep import ~/notes     (Markdown files or folders)\n"
           "or press a to add the built-in deck: NLP/LLM interview notes, in Russian.")


class TodayScreen(SteadyLayout, Screen[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    BINDINGS = [
        Binding("enter", "start_review", "Start review", id="start-review"),
        Binding("a", "add_builtin", "Add built-in deck", id="add-builtin"),
        Binding("k", "pick_deck", "Deck", tooltip="Pick the deck to study", id="pick-deck"),
        Binding("b", "browse", "Browse", tooltip="Browse, search and manage the cards", id="browse"),
        Binding("d", "drills", "Drills", id="drills"),
        Binding("m", "mock", "Mock", tooltip="A timed mock interview: questions, a drill, a story", id="mock"),
        Binding("i", "inbox", "Inbox", tooltip="Go through the suggested cards: accept, edit, skip or drop", id="inbox"),
        Binding("s", "stats", "Progress", id="stats"),
        Binding("o,comma", "settings", "Settings", id="settings"),
    ]

    def __init__(self, service: PrepService, clock: Callable[[], datetime], grader: GraderClient, deck: str | None = None) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.grader = grader
        self.deck = deck  # the deck picked to study; None: all that are studied
        self.numbers = TodayView(new=0, learning=0, review=0, reviewed=0, streak=0)
        self.has_cards = True
        self.started = False  # shown once: from then on, every number at once (see refresh_numbers)
        self.counted = False  # every number shown
        self.suggested = 0  # suggestions in the inbox, counted with the numbers after the first moment
        self.note = ""  # what the last action here did, at the top of the hint until the numbers change (not a toast over them)

    def compose(self) -> ComposeResult:
        set_width_class(self)
        yield Static(self.title_text(), id="today-title", classes="top-line")
        with Vertical(id="today") as panel:
            panel.border_title = "Today"
            # "-": not counted yet (the card counts come at once, the rest a moment later: refresh_numbers)
            yield StatBoard({field: ("0" if field in CARD_STATS else "-", caption) for field, caption in STATS.items()},
                            id="stats")
            yield Static(id="today-hint")
        yield KeyFooter()

    def title_text(self) -> str:
        return "prep · today" + (f" · {self.deck}" if self.deck else "")

    # Runs on the first show and whenever a review session (or the help) closes, so the numbers are fresh.
    @notifies_prep_errors
    async def on_screen_resume(self) -> None:
        self.refresh_numbers()

    def refresh_numbers(self) -> None:
        now = self.clock()
        self.has_cards = self.service.decks.has_cards()
        if self.deck is not None and self.deck not in self.service.decks.enabled_names():
            self.deck = None  # disabled or gone since it was picked
        self.query_one("#today-title", Static).update(self.title_text())
        self.query_one("#today", Vertical).border_title = f"Today · {self.deck}" if self.deck else "Today"
        if self.started:
            self.show_numbers(now)
            return
        self.started = True
        # The first time, at start-up: the card counts at once, since Enter needs them; the rest (answers today,
        # the streak, the drills, the hints) once the user has had a moment, so Enter pressed at once goes first.
        left = self.service.remaining(now, self.deck)
        if not left.cards:
            self.show_numbers(now)
            return
        self.numbers = self.numbers._replace(new=left.new, learning=left.learning, review=left.review)
        board = self.query_one(StatBoard)
        for field in CARD_STATS:
            board.update(field, str(getattr(self.numbers, field)))
        self.show_hint(START_HINT, all_done=False)
        self.set_timer(THE_REST_AFTER_S, self.show_the_rest)

    @notifies_prep_errors
    def show_the_rest(self) -> None:
        if self.is_active and not self.counted:  # else a review began: Today counts everything when it is back
            self.show_numbers(self.clock())

    def show_numbers(self, now: datetime) -> None:
        self.numbers = self.service.today(now, self.deck)
        self.counted = True
        board = self.query_one(StatBoard)
        for field in STATS:
            board.update(field, str(getattr(self.numbers, field)))
        cards, drills = self.numbers.new + self.numbers.due, self.numbers.drills
        all_done = self.has_cards and cards + drills == 0
        waiting = f"{'1 drill is' if drills == 1 else f'{drills} drills are'} waiting: press d"
        if not self.has_cards:  # what a newcomer needs first, then the drills
            hint = f"{WELCOME}\n{waiting}." if drills else WELCOME
        elif cards:
            hint = START_HINT
        elif drills:
            hint = f"Cards done. {waiting}"
        else:
            from prep.review.summary import describe_tomorrow, summarize_day

            hint = "All done for today. " + describe_tomorrow(summarize_day(self.service, now, self.deck)) + "."
        days_left = self.service.interview_days_left(now)
        if self.has_cards and days_left is not None:  # every day, not only once all is done
            hint += "\nInterview tomorrow." if days_left == 1 else f"\nInterview in {days_left} days."
        suggested, writes = self.service.inbox_counts(self.deck)
        self.suggested = suggested + writes  # as many as the inbox opened from here shows
        if suggested or writes:
            waiting = [f"{suggested} suggested card{'s' * (suggested != 1)}"] * bool(suggested) + \
                [f"{writes} fact{'s' * (writes != 1)} to write a question for"] * bool(writes)
            hint += f"\n{' and '.join(waiting)} wait in the inbox: press i"
        if self.has_cards and self.service.can_optimize():
            hint += "\nEnough history to fit the scheduler to you: run `prep optimize`"
        if self.note:
            hint, self.note = f"{self.note}\n{hint}", ""
        self.show_hint(hint, all_done)

    def show_hint(self, hint: str, all_done: bool) -> None:
        self.query_one("#today-hint", Static).update(hint)
        self.query_one("#today-hint").set_class(all_done, "all-done")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start_review":
            return self.numbers.new + self.numbers.due > 0
        if action == "add_builtin":
            return not self.has_cards
        if action in ("pick_deck", "browse", "mock"):
            return self.has_cards
        if action == "inbox":
            return self.suggested > 0
        return True

    def action_start_review(self) -> None:
        self.app.push_screen(ReviewScreen(self.service, self.clock, self.deck), self.after_review)

    @notifies_prep_errors
    async def action_add_builtin(self) -> None:
        report = self.service.add_builtin(self.clock())
        names = ", ".join(sorted(self.service.decks.builtin_names()))
        self.note = f"Built-in deck {names} added: {report.counts.added} cards. k picks or disables decks."
        self.refresh_numbers()

    def action_pick_deck(self) -> None:
        from prep.tui.screens.decks import DeckPicker

        self.app.push_screen(DeckPicker(self.service, self.clock, self.deck), self.after_pick)

    def after_pick(self, picked: str | None) -> None:
        if picked is not None:  # escape: the same deck (its settings may have changed in the picker)
            from prep.decks.chosen import remember

            self.deck = picked or None  # "": all decks
            remember(self.service.database, self.deck)  # the next start opens on it, as Anki keeps its current deck
        self.refresh_numbers()

    def collection_changed(self) -> None:
        """Another prep (an import, a deck disabled, a setting set) or machine changed the collection: read it again
        (prep.tui.app.watch_collection)."""
        if self.started:
            self.refresh_numbers()

    def action_browse(self) -> None:
        from prep.tui.screens.browser import BrowserScreen

        self.app.push_screen(BrowserScreen(self.service, self.clock, self.deck))

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

    def action_mock(self, minutes: int | None = None, topics: list[str] | None = None) -> None:
        from prep.tui.screens.mock import MockScreen  # see action_drills

        self.app.push_screen(MockScreen(self.service, self.clock, self.grader, minutes, topics))

    def action_inbox(self) -> None:
        from prep.tui.screens.inbox import InboxScreen  # see action_drills

        self.app.push_screen(InboxScreen(self.service, self.clock, self.deck))  # the numbers refresh when Today resumes

    def action_stats(self) -> None:
        from prep.tui.screens.stats import StatsScreen  # see action_drills

        self.app.push_screen(StatsScreen(self.service, self.clock))

    def action_settings(self) -> None:
        from prep.tui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen(self.service, self.clock))  # the numbers refresh when Today resumes
