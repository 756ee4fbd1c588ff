"""The review loop, keyboard-first like Anki: front, space to show the back, 1–4 to rate (space or
enter rates Good), next card. `u` takes back the latest answer, suspend or bury of this session.

On a server collection an answer the server cannot take is kept (prep.review.pending) and the screen says so; it waits
for the server before the next card, retrying every few seconds, and says when the answers are saved."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Digits, Static

from prep.errors import NotSavedYet, PrepError
from prep.review.pending import RETRY_SECONDS, Pending, PendingAnswers
from prep.service import CardView, PrepService
from prep.store.location import ServerURL
from prep.tui.card_text import answer_text, crumbs
from prep.tui.errors import notifies_prep_errors
from prep.tui.widgets import CardText, KeyFooter, SteadyLayout, TopLine

if TYPE_CHECKING:  # loaded when first used: the first card does not wait for them (bench/startup.py)
    from prep.review.actions import Change

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
RATING_COLOURS = {"Again": "$error", "Hard": "$warning", "Good": "$success", "Easy": "$accent"}
STATUS_SECONDS = 2  # for notices that are toasts: errors, and those of the summary
FRONT, BACK, DONE = "front", "back", "done"  # the card's question, its answer, the end-of-session summary


class ReviewScreen(SteadyLayout, Screen[bool]):
    """Dismissed with True when the user goes on from the summary to today's drills."""

    BINDINGS = [
        Binding("space,enter", "reveal", "Show answer", show=False, id="reveal",
                tooltip="Show the answer; space or enter again rates it Good (unless space_rates_good is off)"),
        Binding("space,enter", "good", "Good", show=False, id="space-good"),
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
    # refreshing it on every reveal and rating costs more than the rest of a card. Not repaint=True either: that
    # repaints the whole screen on every reveal and rating; watch_phase updates the few widgets that change.
    phase = reactive(FRONT, repaint=False)

    def __init__(self, service: PrepService, clock: Callable[[], datetime], deck: str | None = None) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.deck = deck  # study this deck alone; None: every deck that is studied
        self.card: CardView | None = None
        self.answered: list[CardView] = []  # this session's answers, newest last, for the summary
        # This session's answers (their rating) and set-asides (their Change), newest last: what `u` takes back.
        self.history: list[tuple[CardView, Change | Pending]] = []
        self.session_ratings = {name: 0 for name in RATINGS.values()}
        self.session_ms = 0
        self.drills_waiting = 0  # counted when the summary shows: the session goes on with them
        self.shown_at = time.monotonic()
        self.status = ""  # what the last action did, shown in the rating bar rather than a toast over it
        self.waiting = False  # the server cannot be reached: no card on screen until it answers again

    @property
    def pending(self) -> PendingAnswers:
        """Answers not saved yet (the app keeps them, and a journal, across screens)."""
        return self.app.pending  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield TopLine("prep · review" + (f" · {self.deck}" if self.deck else ""), id="progress", classes="top-line")
        with ContentSwitcher(initial="card", id="stage"):
            with VerticalScroll(id="card", can_focus=False):
                yield Static(id="crumbs", classes="crumbs", markup=False)
                yield CardText(id="front")
                back = CardText(id="back")
                back.display = False  # the front comes first (also when the phase was read before compose)
                yield back
            # The summary is mounted when the session ends (show): the first card does not wait for its widgets.
        yield Static(id="rating-bar")
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.set_interval(RETRY_SECONDS, self.retry_waiting)
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
        if self.waiting:  # no card on screen: nothing to reveal or rate until the server answers
            return None
        if action == "reveal":
            return True if self.phase == FRONT else None
        if action == "good":  # Anki's habit: space or enter on the answer is Good, unless turned off
            return self.phase == BACK and self.service.config.space_rates_good
        if action == "rate":
            return True if self.phase == BACK else None
        return True

    def watch_phase(self, old: str, phase: str) -> None:
        if DONE in (old, phase):
            self.refresh_bindings()
        if not self.query("#back"):
            return  # read before compose (the footer asks check_action when Enter arrives early); compose sets the front
        answer = self.query_one("#back", CardText)
        if phase == BACK and self.card is not None:  # the answer is drawn when it is asked for, not with each card
            answer.show(answer_text(self.card.front, self.card.back))  # a cloze: its sentence, filled
        answer.display = phase == BACK
        if phase == BACK:  # on a card taller than the screen, bring the answer into view once it is laid out
            self.call_after_refresh(answer.scroll_visible, animate=False)
        self.query_one(ContentSwitcher).current = "summary" if phase == DONE else "card"
        self.update_rating_bar()

    # ---- showing cards -------------------------------------------------------

    @notifies_prep_errors
    async def show_next(self) -> None:
        card, unreachable = None, False
        if not self.pending.waiting:  # an answer not saved yet: the next card waits for it (it may be that very card)
            try:
                card = self.service.next_card(self.clock(), self.deck)
            except NotSavedYet as error:
                self.notify(str(error), title="prep", severity="error", timeout=10)
                unreachable = True
        if unreachable or self.pending.waiting:
            self.show_waiting()
        else:
            self.waiting = False
            await self.show(card)

    def show_waiting(self) -> None:
        """The server cannot be reached (or the collection's file cannot be written: another program holds it, the
        disk is full): no card until it answers; the answers given are kept meanwhile."""
        self.waiting, self.card = True, None
        kept = len(self.pending.waiting)
        server = isinstance(self.service.database, ServerURL)
        self.query_one("#crumbs", Static).update("")
        self.query_one("#front", CardText).show(
            ("**The server cannot be reached.**\n\n" if server
             else f"**The collection cannot take answers just now.**\n\n{self.pending.problem}\n\n")
            + (f"{kept} answer{'s are' if kept != 1 else ' is'} not saved yet: kept on this machine, saved as soon as the "
               f"{'server answers' if server else 'collection can take them'} again (also after quitting: at prep's "
               "next start).\n\n" if kept else "")
            + f"prep tries again every {RETRY_SECONDS} s; the next card comes then. q quits.")
        self.query_one("#back", CardText).show("")
        panel = self.query_one("#card", VerticalScroll)
        panel.border_title, panel.border_subtitle = f"waiting for the {'server' if server else 'collection'}", ""
        self.phase = FRONT
        self.update_rating_bar()

    def retry_waiting(self) -> None:
        if self.waiting:
            self.fetch_after_outage()

    @work(thread=True, exclusive=True, group="review-retry")
    def fetch_after_outage(self) -> None:
        """Off the UI thread (a server that does not answer takes seconds to say so): save, then fetch."""
        try:
            self.pending.save()
            card = None if self.pending.waiting else self.service.next_card(self.clock(), self.deck)
        except NotSavedYet:
            return
        except PrepError as error:
            self.notify(str(error), title="prep", severity="error", timeout=10)
            return
        if not self.pending.waiting:
            self.app.call_from_thread(self.back_from_outage, card)

    async def back_from_outage(self, card: CardView | None) -> None:
        if not self.waiting:
            return
        self.waiting = False
        saved = self.pending.take_saved()  # by this screen's retry or the app's timer, whichever came first
        await self.show(card)
        again = "The server answers again" if isinstance(self.service.database, ServerURL) else "The collection takes answers again"
        self.say(f"{again}: {_saved_message(saved)}" if saved else again)

    def answers_saved(self, saved: list[Pending]) -> None:
        """The app saved waiting answers (its timer): say so, and fetch the next card if this screen waits for it."""
        if self.waiting:
            self.fetch_after_outage()
        else:
            self.say(_saved_message(self.pending.take_saved() or saved))

    async def show(self, card: CardView | None) -> None:
        self.card = card
        # The counts can follow a frame later; the next card must not wait for them.
        self.call_after_refresh(self.update_progress)
        if card is None:
            await self.count_drills_waiting()
            if not self.query("#summary"):
                summary = Vertical(Digits("0", id="session-count"), Static(id="summary-text"), id="summary")
                summary.border_title = "Session done"
                await self.query_one(ContentSwitcher).add_content(summary)
            self.show_summary()
            self.phase = DONE
            return
        self.query_one("#crumbs", Static).update(crumbs(card.path, card.front))
        self.query_one("#front", CardText).show(card.front)
        panel = self.query_one("#card", VerticalScroll)
        panel.border_title = card.deck
        panel.border_subtitle = f"{card.kind} · {card.state}" + (
            f" · brought forward by: {'; '.join(card.brought_by)}" if card.brought_by else "")
        panel.scroll_home(animate=False)
        self.phase = FRONT
        self.update_rating_bar()  # the phase may not have changed, but the intervals did
        # The card's widgets change size: the screen is laid out again in the next frame, which paints them, and
        # the counts (call_after_refresh above) wait until that frame is out. Left to the widgets' own messages,
        # the screen could find nothing to do yet when it next idles and count first, delaying the card.
        self.refresh(layout=True, repaint=False)
        self.shown_at = time.monotonic()

    # Its own handler so that a broken drill folder costs the summary its drills line, not the summary.
    @notifies_prep_errors
    def count_drills_waiting(self) -> None:
        self.drills_waiting = len(self.service.drills.due_today(self.clock()))

    @notifies_prep_errors
    def update_progress(self) -> None:
        if self.waiting:
            return
        left = self.service.remaining(self.clock(), self.deck)
        # Anki's three counts, in its colours: new, learning, review.
        self.query_one(TopLine).set_status(
            f"[$accent]{left.new}[/] new · [$error]{left.learning}[/] learn · [$success]{left.review}[/] review"
            f" · {len(self.answered)} done")

    def update_rating_bar(self) -> None:
        bar = self.query_one("#rating-bar", Static)
        shown = self.phase != DONE  # the summary says itself how to leave
        if bar.display != shown:
            bar.display = shown
        status = f"[$text-muted]{self.status} · u undo[/]   " if self.status else ""
        if self.phase == FRONT:
            markup = f"{status}[b]space[/]  Show answer"
        elif self.phase == BACK and self.card is not None:
            markup = status + "   ".join(
                f"[b]{n}[/] [{RATING_COLOURS[name]}]{name}[/] · {self.card.intervals[name]}" for n, name in RATINGS.items())
        else:
            return
        if markup != self._rating_bar:  # the same line again (each card's front): not parsed and drawn again
            self._rating_bar = markup
            bar.update(markup, layout=False)  # one line, whatever it says: no layout of the screen for it

    _rating_bar = ""  # the markup the rating bar shows

    def show_summary(self) -> None:
        from prep.review.summary import describe_interview, describe_tomorrow, summarize_day

        now = self.clock()
        day = summarize_day(self.service, now, self.deck)
        waiting = self.service.remaining(now, self.deck).cards
        session = " · ".join(f"{name} {count}" for name, count in self.session_ratings.items() if count) or "no answers"
        cards, answers = len({card.id for card in self.answered}), len(self.answered)
        lines = [
            "cards reviewed this session" if cards != 1 else "card reviewed this session",
            f"{answers} answer{'s' if answers != 1 else ''}: {session} · {_duration(self.session_ms)}",
            "",
            "Today: " + " · ".join(f"{name} {day.answers[name]}" for name in RATINGS.values()),
            f"{_duration(int(day.minutes * 60000))} studied · retention "
            + (f"{day.retention:.0%} of {day.retention_reviews} review{'s' if day.retention_reviews != 1 else ''}" if day.retention is not None else "— (no reviews yet)"),
        ]
        if waiting:
            lines.append(f"{waiting} more {'comes' if waiting == 1 else 'come'} back later today.")
        lines += ["", describe_tomorrow(day), f"Streak: {day.streak} {'day' if day.streak == 1 else 'days'}"
                  + (f" · {describe_interview(day)}" if day.days_left is not None else "")]
        if self.drills_waiting:
            drills = "1 drill is" if self.drills_waiting == 1 else f"{self.drills_waiting} drills are"
            lines += ["", f"[b]{drills} waiting: press d[/]"]
        lines += ["", "[dim]Enter/Esc: back[/]"]
        self.query_one("#session-count", Digits).update(str(cards))  # cards, as Anki's "studied N cards"; answers below
        self.query_one("#summary-text", Static).update("\n".join(lines))

    # ---- actions ---------------------------------------------------------------

    def say(self, status: str) -> None:
        """What the last action did, in the rating bar until the next one: a toast would cover the keys."""
        self.status = status
        self.update_rating_bar()

    def action_reveal(self) -> None:
        self.status = ""
        self.phase = BACK

    async def action_good(self) -> None:
        await self.action_rate(3)

    @notifies_prep_errors
    async def action_rate(self, rating: int) -> None:
        assert self.card is not None
        duration_ms = int((time.monotonic() - self.shown_at) * 1000)
        # Synchronous on purpose: the answer is committed before the next card is fetched and shown. It is kept
        # first (prep.review.pending): if the server cannot take it, it waits, with any before it, and is saved later.
        card = self.card
        entry = self.pending.answer(card.id, rating, self.clock(), duration_ms, card.answers)
        self.answered.append(card)
        self.history.append((card, entry))
        self.session_ratings[RATINGS[rating]] += 1
        self.session_ms += duration_ms
        self.status = ""
        await self.show_next()
        if entry.saved is None:
            self.notify(self.pending.problem, title="prep: the answer is not saved yet", severity="error", timeout=10)
            self.say("Answer not saved yet: kept, and saved when the collection can take it")
        elif entry.saved.also_elsewhere:
            # Applied to the card's newest state (prep.service.answer): both recalls count.
            self.say("Also answered on another machine meanwhile: both answers count, scheduled in turn")
        elif entry.saved.buried:
            self.say(siblings_message(entry.saved.buried))

    @notifies_prep_errors
    async def action_undo(self) -> None:
        # Only this session's answers and set-asides: the service would otherwise undo yesterday's last answer.
        if not self.history:
            self.notify("Nothing to undo in this session.", severity="warning", timeout=STATUS_SECONDS)
            return
        from prep.review.actions import Change

        card, done = self.history[-1]
        if isinstance(done, Change):
            self.service.cards.undo(done, self.clock())
        else:
            if not self.pending.take_back(done) and done.saved is not None:  # not saved yet: dropped from what waits
                self.service.undo(card.id, review_id=done.saved.review_id)
            self.answered.pop()
            self.session_ratings[RATINGS[done.rating]] -= 1
        self.history.pop()
        # The card is back in the state it had when it was shown, so its old view (front, intervals) is still right.
        self.waiting = False
        await self.show(card)
        self.say(done.undone_message if isinstance(done, Change) else "Answer undone")

    @notifies_prep_errors
    async def action_set_aside(self, how: str) -> None:
        """Suspend the card for good or bury it until tomorrow (this card alone, as in Anki), then move on."""
        assert self.card is not None
        change = self.service.cards.apply(how, self.card.id, self.clock())
        self.history.append((self.card, change))
        await self.show_next()
        self.say(change.message)

    async def action_edit_source(self) -> None:
        from prep.tui.external_editor import edit_in_external_editor, notes_to_edit

        assert self.card is not None
        source = Path(self.card.source_file)
        if not notes_to_edit(self.app, source):
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


def siblings_message(buried: int) -> str:
    """Why cards left the queue after an answer: Anki's sibling burying, named so it is no silent surprise."""
    cards = "1 other card" if buried == 1 else f"{buried} other cards"
    return f"{cards} of this fact wait{'s' if buried == 1 else ''} until tomorrow (siblings: bury_siblings in settings)"


def _saved_message(saved: list[Pending]) -> str:
    elsewhere = sum(1 for entry in saved if entry.saved is not None and entry.saved.also_elsewhere)
    return (f"{len(saved)} waiting answer{'s' if len(saved) != 1 else ''} saved"
            + (f" ({elsewhere} also answered on another machine)" if elsewhere else ""))


def _duration(ms: int) -> str:
    minutes = ms / 60000
    if minutes < 1:
        return "under a minute"
    return f"{minutes:.0f} min" if minutes < 90 else f"{minutes / 60:.1f} h"

