"""A mock interview (prep.mock.interview): spoken questions with a per-question timer and a checklist of the
answer's key points, coding drills under a time limit on the drill screen, a story with a STAR
checklist, then the report. p pauses, Escape leaves early (what was answered is kept)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from rich.console import Group
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from prep.drills.client import GraderClient
from prep.errors import PrepError
from prep.mock.interview import (
    DEFAULT_MINUTES,
    DRILL,
    QUESTION,
    SEP,
    STORY,
    Item,
    MockReport,
    clock_text,
    fitted_minutes,
    missed_cards,
    report_text,
)
from prep.service import PrepService
from prep.tui.errors import notifies_prep_errors
from prep.tui.screens.confirm import ConfirmScreen
from prep.tui.screens.drill import DrillScreen
from prep.tui.widgets import CardText, SteadyLayout

ASK, CHECK, CODE, REPORT = "ask", "check", "code", "report"
TOGGLE_KEYS = "1234567890"


def both_paths(paths: list[str]) -> str:
    """The headings a question is about, their shared part once: `Metrics › BLEU & ROUGE`."""
    if len(paths) < 2:
        return "".join(paths)
    first, second = (p.split(SEP) for p in paths[:2])
    shared = 0
    while shared < min(len(first), len(second)) - 1 and first[shared] == second[shared]:
        shared += 1
    return SEP.join(first) + " & " + SEP.join(second[shared:])


class MockDrillScreen(DrillScreen):
    """The drill screen with the mock's clock in its header; p (outside the editor) pauses the mock here too."""

    BINDINGS = [
        Binding("p", "pause", "Pause", tooltip="Pause the mock: the clock stops, the drill is hidden", id="mock-drill-pause"),
        Binding("p", "resume", "Resume", tooltip="Resume the mock", id="mock-drill-resume"),
    ]

    def __init__(self, service: PrepService, clock: Callable[[], datetime], grader: GraderClient, slug: str,
                 limit_s: float, elapsed: Callable[[], float], header: Callable[[], tuple[str, bool]] | None = None,
                 pause: Callable[[], Awaitable[None]] | None = None, paused: Callable[[], bool] | None = None) -> None:
        super().__init__(service, clock, grader, slug)
        self.limit_s = limit_s
        self.elapsed = elapsed
        self.header = header  # the mock's clock line and whether it is over budget (MockScreen.clock_line)
        self.pause = pause  # the mock's pause, which toggles (MockScreen.action_pause)
        self.paused = paused or (lambda: False)
        self.warned = False

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static("Paused: the clock has stopped. p resumes.", id="mock-drill-paused")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#mock-drill-paused").display = False
        self.tick()
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        left = self.limit_s - self.elapsed()
        meta = self.query_one("#drill-meta", Static)
        if self.header is not None:
            line, over = self.header()
            meta.update(f"mock · {line}")
        else:
            over = left <= 0
            meta.update(f"mock · {clock_text(left)} left" if left > 0 else "mock · time is up")
        meta.set_class(over, "-over")
        meta.set_class(self.paused(), "-paused")
        if left <= 0 and not self.warned and not self.paused():
            self.warned = True
            self.notify("Time is up: Escape moves on; unsolved, the drill counts as given up.", timeout=10)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("pause", "resume"):
            return self.pause is not None and not self.editor.has_focus and (action == "resume") == self.paused()
        if self.paused() and action not in ("back", "quit"):
            return False  # a paused drill is neither read, written nor run
        return super().check_action(action, parameters)

    async def action_pause(self) -> None:
        if self.pause is not None:
            await self.pause()
        self.query_one("#workbench").display = not self.paused()
        self.query_one("#mock-drill-paused").display = self.paused()
        if not self.paused():
            self.editor.focus()
        self.tick()
        self.refresh_bindings()

    async def action_resume(self) -> None:
        await self.action_pause()

    async def action_back(self) -> None:
        if self.paused():  # back to the mock running: its time counts again from here
            await self.action_pause()
        super().action_back()


class MockScreen(SteadyLayout, Screen[None]):
    BINDINGS = [
        Binding("enter", "next", "Next", id="mock-next"),
        Binding("enter,escape", "back", "Back", id="mock-back"),
        Binding("s", "study_missed", "Study missed", id="mock-study"),
        Binding("a", "tick_all", "All said", id="mock-all"),
        Binding("p", "pause", "Pause", id="mock-pause"),
        Binding("p", "resume", "Resume", id="mock-resume"),
        Binding("escape", "leave", "Leave", id="mock-leave"),
        *[Binding(key, f"toggle({n})", show=False) for n, key in enumerate(TOGGLE_KEYS)],
    ]

    def __init__(self, service: PrepService, clock: Callable[[], datetime], grader: GraderClient,
                 minutes: int | None = None, topics: list[str] | None = None) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.grader = grader
        self.minutes = minutes or DEFAULT_MINUTES
        self.topics = topics or []
        self.mock_id: int | None = None
        self.items: list[Item] = []
        self.index = 0
        self.phase = ASK
        self.ticked: set[int] = set()
        self.item_started = 0.0  # mock seconds (pauses left out) when the current item was shown
        self.paused = False
        self.report: MockReport | None = None
        self.report_markdown = ""  # the report as shown (Markdown)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="top-line"):
            yield Static("prep · mock interview", id="mock-title")
            yield Static(id="mock-clock")
        with VerticalScroll(id="mock-body"):
            yield Static(id="mock-crumbs", classes="crumbs", markup=False)
            yield CardText(id="mock-prompt")
            yield Static(id="mock-checklist")
        yield Static(id="mock-hint")
        yield Footer()

    @notifies_prep_errors
    def on_mount(self) -> None:
        try:
            self.mock_id = self.service.mocks.start(self.clock(), self.minutes, self.topics)
        except PrepError:
            self.dismiss()
            raise
        self.items = self.service.mocks.items(self.mock_id)
        fitted = fitted_minutes(self.items, self.minutes)
        if fitted < self.minutes:
            questions = sum(i.kind == QUESTION for i in self.items)
            self.notify(f"{questions} question{'s' if questions != 1 else ''} found for this mock: it takes {fitted} "
                        f"minutes, not {self.minutes}.", timeout=8)
            self.minutes = fitted
        self.show_item()
        self.set_interval(1, self.update_clock)

    # ---- time -----------------------------------------------------------------------------

    def elapsed(self) -> float:
        return self.service.mocks.elapsed(self.mock_id, self.clock()) if self.mock_id is not None else 0.0

    def item_seconds(self) -> float:
        return max(0.0, self.elapsed() - self.item_started)

    def clock_line(self) -> tuple[str, bool]:
        """The clock as the header shows it in every part: the item's number, its time against its budget and the
        mock's time left (frozen while paused); and whether the item or the mock is over its time."""
        elapsed = self.elapsed()
        left = self.minutes * 60 - elapsed
        item = self.items[self.index]
        used = self.seconds if self.phase == CHECK else max(0.0, elapsed - self.item_started)
        over = used > item.budget_s or left <= 0
        total = f"{clock_text(left)} left" if left > 0 else "time is up"
        pause = "⏸ paused · " if self.paused else ""
        return f"{pause}{self.index + 1}/{len(self.items)} · {clock_text(used)} / {clock_text(item.budget_s)} · {total}", over

    def update_clock(self) -> None:
        if self.mock_id is None or self.phase == REPORT or not self.items:
            return
        line, over = self.clock_line()
        clock = self.query_one("#mock-clock", Static)
        clock.update(line)
        clock.set_class(over, "-over")
        clock.set_class(self.paused, "-paused")

    # ---- showing each part ------------------------------------------------------------------

    def show_item(self) -> None:
        item = self.items[self.index]
        self.phase, self.ticked = ASK, set()
        self.item_started = self.elapsed()
        prompt = self.query_one("#mock-prompt", CardText)
        kind = {QUESTION: f"Question · {item.section}", DRILL: "Coding", STORY: "Story"}[item.kind]
        self.query_one("#mock-body").border_title = kind
        self.query_one("#mock-crumbs", Static).update(both_paths(item.paths) if item.kind == QUESTION else "")
        if item.kind == QUESTION:
            prompt.show(item.prompt)
            hint = "Answer aloud, as to an interviewer. Enter: see the key points and tick what you said."
        elif item.kind == STORY:
            prompt.show(self.service.mocks.card_front(item.ref))
            hint = "Tell it aloud: situation, task, what you did, the result in numbers, what you would change. Enter: the checklist."
        else:
            drill = self.service.drills.drill(item.ref)
            prompt.show(f"**{drill.title}** · {drill.difficulty} · {int(item.budget_s // 60)} minutes\n\n"
                        "Write it under the time limit; the hidden tests grade it. Leaving it unsolved after a run, "
                        "or past the time, counts as given up.")
            hint = "Enter: open the drill · ctrl+r runs the tests there · Escape comes back here."
        self.query_one("#mock-checklist", Static).update("")
        self.query_one("#mock-hint", Static).update(hint)
        self.update_clock()

    def show_checklist(self) -> None:
        item = self.items[self.index]
        grid = Table.grid(padding=(0, 1))  # a point that wraps hangs under its own first word, not under its key
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for n, point in enumerate(item.points):
            mark = Text.from_markup(f"{'[green]✔[/]' if n in self.ticked else '[dim]·[/]'} [b]{TOGGLE_KEYS[n] if n < 10 else ' '}[/]")
            grid.add_row(mark, Text(point))
        said = f"{len(self.ticked)}/{len(item.points)} said"
        self.query_one("#mock-checklist", Static).update(Group(Text(said, style="dim"), grid))
        self.query_one("#mock-hint", Static).update(
            f"Tick what you said: 1–{min(len(item.points), 10) % 10} toggle · a all · Enter: rate and go on"
            if len(item.points) > 1 else "1 or a: you said it · Enter: rate and go on")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle", "tick_all"):
            return self.phase == CHECK and not self.paused
        if action in ("pause", "resume"):
            return self.phase != REPORT and (action == "resume") == self.paused
        if action == "next":
            return not self.paused and self.phase != REPORT
        if action == "back":
            return self.phase == REPORT
        if action == "leave":
            return self.phase != REPORT
        if action == "study_missed":
            return self.phase == REPORT and bool(self.report and missed_cards(self.report))
        return True

    # ---- actions -----------------------------------------------------------------------------

    @notifies_prep_errors
    def action_next(self) -> None:
        item = self.items[self.index]
        if item.kind == DRILL:
            self.open_drill(item)
        elif self.phase == ASK:
            self.phase = CHECK
            self.seconds = self.item_seconds()  # the answer's time: until the key points show
            self.show_checklist()
        else:
            self.items[self.index] = self.service.mocks.answer(self.mock_id, self.index, sorted(self.ticked),
                                                               self.seconds, self.clock())
            self.advance()

    def open_drill(self, item: Item) -> None:
        self.phase = CODE
        self.drill_since = self.clock()
        started = self.elapsed()
        self.item_started = started
        screen = MockDrillScreen(self.service, self.clock, self.grader, item.ref, item.budget_s,
                                 lambda: self.elapsed() - started, self.clock_line, self.action_pause, lambda: self.paused)
        self.app.push_screen(screen, lambda _: self.after_drill(started))

    @notifies_prep_errors
    def after_drill(self, started: float) -> None:
        self.items[self.index] = self.service.mocks.drill_result(
            self.mock_id, self.index, self.drill_since, self.elapsed() - started, self.clock())
        self.advance()

    def advance(self) -> None:
        self.refresh_bindings()
        if self.index + 1 >= len(self.items) or self.elapsed() >= self.minutes * 60:
            if self.index + 1 < len(self.items):
                self.notify("Time is up: the rest waits for the next mock.")
            self.finish(early=False)
            return
        self.index += 1
        self.show_item()

    def action_toggle(self, n: int) -> None:
        if n < len(self.items[self.index].points):
            self.ticked ^= {n}
            self.show_checklist()

    def action_tick_all(self) -> None:
        self.ticked = set(range(len(self.items[self.index].points)))
        self.show_checklist()

    @notifies_prep_errors
    def action_pause(self) -> None:
        now = self.clock()
        if self.paused:
            self.service.mocks.resume(self.mock_id, now)
        else:
            self.service.mocks.pause(self.mock_id, now)
        self.paused = not self.paused
        self.query_one("#mock-body").display = not self.paused  # a paused question is not read on
        self.query_one("#mock-hint", Static).update("Paused: the clock has stopped. p resumes." if self.paused else "")
        if not self.paused:
            self.show_checklist() if self.phase == CHECK else self.show_item_hint()
        self.update_clock()
        self.refresh_bindings()

    async def action_resume(self) -> None:
        await self.action_pause()

    def show_item_hint(self) -> None:
        phase, ticked, started = self.phase, self.ticked, self.item_started
        self.show_item()
        self.phase, self.ticked, self.item_started = phase, ticked, started

    def action_back(self) -> None:
        self.dismiss()

    def action_leave(self) -> None:
        if self.phase == REPORT:
            self.dismiss()
            return
        self.app.push_screen(ConfirmScreen("Leave the mock interview?",
                                           "What you answered is kept and rated; the report shows what you reached."),
                             self.leave)

    @notifies_prep_errors
    async def leave(self, confirmed: bool | None) -> None:
        if confirmed:
            if self.paused:
                await self.action_pause()
            self.finish(early=True)

    def finish(self, early: bool) -> None:
        self.report = self.service.mocks.finish(self.mock_id, self.clock(), early=early)
        if self.report is None:
            self.notify("Nothing was answered, so this mock is not kept.")
            self.dismiss()
            return
        self.phase = REPORT
        self.query_one("#mock-body").display = True
        self.query_one("#mock-body").border_title = "Report"
        self.query_one("#mock-crumbs", Static).display = False
        self.query_one("#mock-prompt", CardText).display = False
        # Rich's Markdown, as `prep mock --last` prints it: a list item that wraps hangs under its own text.
        self.report_markdown = report_text(self.report)
        self.query_one("#mock-checklist", Static).update(Markdown(self.report_markdown))
        clock = self.query_one("#mock-clock", Static)
        clock.update(f"mock {self.report.id} · {self.report.minutes_used:g} of {self.report.minutes} min")
        clock.remove_class("-over", "-paused")
        missed = missed_cards(self.report)
        self.query_one("#mock-hint", Static).update(
            (f"s: study the {len(missed)} cards of the points missed now · " if missed else "") + "Enter or Escape: back.")
        self.refresh_bindings()

    def action_study_missed(self) -> None:
        from prep.tui.screens.mock_study import MockStudyScreen

        if self.report is not None and missed_cards(self.report):
            self.app.push_screen(MockStudyScreen(self.service, self.clock, missed_cards(self.report)))


