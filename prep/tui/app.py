"""The Textual app: it owns the service, the clock and the grader, and starts on the Today screen."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import Reactive

from prep.drills.client import GraderClient
from prep.errors import PrepError
from prep.review.pending import RETRY_SECONDS, Pending, PendingAnswers
from prep.service import PrepService
from prep.settings import paths
from prep.settings.files import PRIVATE, private_folder
from prep.store.location import ServerURL
from prep.tui.screens.today import TodayScreen
from prep.tui.style_cache import CachedStylesheet

GRADER_WARM_UP_S = 2.0  # after start, when the grader process starts loading (see on_mount)
COLLECTOR_PAUSE_S = 0.5  # after start, when Python's cyclic garbage collector runs again (see on_mount)
WATCH_S = 2.0  # how often a screen that shows the collection asks whether it changed underneath (watch_collection)


class PrepApp(App[None]):
    CSS_PATH = "prep.tcss"
    TITLE = "prep"
    # The palette's commands (themes, screenshots) are not part of a study session; every action has a key.
    ENABLE_COMMAND_PALETTE = False
    # A muted palette: hours of reading cards should not be loud. The theme's default rather than set on mount:
    # a theme set on a running app has Textual parse the whole stylesheet again, twice (bench/startup.py).
    theme: Reactive[str] = Reactive("nord")
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Keys", key_display="?", id="help"),
    ]

    def __init__(self, service: PrepService, clock: Callable[[], datetime], grader: GraderClient | None = None,
                 deck: str | None = None, mock: tuple[int, list[str]] | None = None) -> None:
        super().__init__()
        self.crashes: list[BaseException] = []  # errors nothing expected: `prep` says so in one line (crash_report)
        # Textual's stylesheet, with the parses of earlier runs (prep.tui.style_cache): saved once the first card is up.
        self.stylesheet = CachedStylesheet(paths.cache_dir() / "styles.pickle", variables=self.stylesheet._variables)
        self.mock = mock  # `prep mock`: (minutes, topics) of the mock interview to start on
        self.service = service
        self.deck = deck  # `prep review --deck NAME`: Today starts on that deck
        self.clock = clock  # aware UTC now; tests pass a fixed one
        # The grader process loads torch, which this process never does. A grader passed in belongs to the caller.
        self.grader = grader or GraderClient()
        self.owns_grader = grader is None
        self.damaged: str | None = None  # set when the database failed a check and was not restored: `prep` says so on exit
        self._backing_up = threading.Lock()
        # Answers the server could not take yet, journaled in the data folder until saved (prep.review.pending).
        self.pending = PendingAnswers.for_service(service, paths.data_dir() / "pending")

    def on_load(self) -> None:
        # The start-up builds screens, styles and statements that live as long as the app: the cyclic collector,
        # which would walk them several times on the way to the first card, waits until then (a few ms). From the
        # app's first event (the driver, the stylesheet and the screens come after it) to on_mount's timer.
        gc.disable()

    def get_default_screen(self) -> TodayScreen:
        # Today is the screen at the bottom of the stack, not one pushed onto Textual's empty default screen:
        # that one would be made, styled and laid out for nothing on the way to the first card (bench/startup.py).
        from prep.decks.chosen import remembered

        # `prep review --deck NAME`, else the deck picked last (Today falls back to all decks if it is gone or disabled).
        return TodayScreen(self.service, self.clock, self.grader, self.deck or remembered(self.service.database))

    def on_mount(self) -> None:
        self.set_timer(COLLECTOR_PAUSE_S, self.collector_on)
        if self.mock is not None:
            self.screen.action_mock(*self.mock)  # type: ignore[attr-defined]
        # Not at start-up: the grader is a process that loads torch, a core's work for a second or two, and the first
        # card would wait for it on a two-core machine. The first check comes minutes later; a quick one waits for it.
        self.set_timer(GRADER_WARM_UP_S, self.warm_up_grader)
        self.set_timer(GRADER_WARM_UP_S, self.stylesheet.save)
        self.set_interval(60, self.backup_study)  # never more than 30 minutes of study without a backup
        self.set_timer(0.5, self.warm_up_service)  # once the first card is up, while the user reads it
        self.set_interval(WATCH_S, self.watch_collection)  # nothing at start-up: the first look is WATCH_S in
        if isinstance(self.service.database, ServerURL):
            # A server collection's daily backup is a snapshot copied over the network (seconds for a large one):
            # taken while the user studies rather than before the first card. A file's is taken before start (prep.cli).
            self.set_timer(GRADER_WARM_UP_S / 2, lambda: self.backup_study(daily=True))
            self.save_pending(adopt=True)  # answers a previous prep could not save are saved first
            self.set_interval(RETRY_SECONDS, self.save_pending)
        else:  # a file keeps an answer only while another program holds it (prep.review.pending): rarely anything
            if self.pending.journal is not None and self.pending.journal.folder.is_dir():
                self.save_pending(adopt=True)
            # The review screen, waiting, tries itself (and says what it saved); the app, when another screen is up.
            self.set_interval(RETRY_SECONDS, lambda: self.pending.waiting and not getattr(self.screen, "waiting", False)
                              and self.save_pending())

    def collector_on(self) -> None:
        """The cyclic collector on again, once the first card is up. What start-up made lives as long as the app
        (modules, styles, statements, screens): it is moved out of the collector's sight first (gc.freeze), so that
        a full pass over the session's objects does not walk it again: each took some 60 ms, a stall in the middle
        of a rating now and then (bench/keypress.py)."""
        gc.freeze()
        gc.enable()

    @work(thread=True, group="pending")
    def save_pending(self, adopt: bool = False) -> None:
        """Save the answers waiting for the server, in order (off the UI thread: a server down takes seconds to say so)."""
        try:
            if adopt and self.pending.adopt():
                self.notify("Answers from the last session were not saved yet: saving them now.", title="prep", timeout=5)
            saved = self.pending.save() if self.pending.waiting else []
        except PrepError as error:
            self.notify(str(error), title="prep", severity="error", timeout=10)
            return
        if saved:
            self.call_from_thread(self.answers_saved, saved)

    def answers_saved(self, saved: list[Pending]) -> None:
        for screen in self.screen_stack:
            if hasattr(screen, "answers_saved"):
                screen.answers_saved(saved)  # the review screen says so, and fetches its next card
                return
        saved = self.pending.take_saved() or saved
        self.notify(f"{len(saved)} waiting answer{'s' if len(saved) != 1 else ''} saved"
                    f"{' to the server' if isinstance(self.service.database, ServerURL) else ''}.", title="prep")

    @work(thread=True, group="backups")
    def backup_study(self, session_ended: bool = False, daily: bool = False) -> None:
        """A backup after a session of a few answers or 30 minutes of study (prep.store.backups.study_backup),
        or the day's first (`daily`), off the UI thread; a database found damaged on the way brings up the restore screen."""
        from prep.store.backups import daily_backup, study_backup  # the first is a minute in: not at start-up
        from prep.store.health import DamagedDatabase

        if not self._backing_up.acquire(blocking=False):
            return  # one is being made
        try:
            if daily:
                daily_backup(self.service.database, self.clock())
            else:
                study_backup(self.service.database, self.clock(), session_ended=session_ended)
        except DamagedDatabase as error:
            self.call_from_thread(self.show_damage, str(error))
        except PrepError as error:
            self.notify(str(error), title="prep", severity="error", timeout=10)
        finally:
            self._backing_up.release()

    def show_damage(self, message: str) -> None:
        """Nothing more is written: the restore screen takes over until a backup is in place, else prep quits."""
        from prep.tui.screens.restore import RestoreScreen

        if isinstance(self.screen, RestoreScreen):
            return
        self.damaged = message
        problem = message.split(": ", 1)[-1].split(";", 1)[0]
        self.push_screen(RestoreScreen(self.service.database, problem, before_restore=self.service.close), self.after_restore)

    def after_restore(self, restored: object) -> None:
        if restored is None:
            self.exit()  # `prep` prints self.damaged
            return
        self.damaged = None
        while len(self.screen_stack) > 1:  # back to Today, whose numbers are read again from the restored file
            self.pop_screen()

    @work(thread=True, exclusive=True, group="watch")
    def watch_collection(self) -> None:
        """While Today, the deck picker or the browser is on top: reread it when another `prep` (an import, a deck
        disabled, `prep config set`) or another machine changed the collection or the settings (prep.review.changes).
        Off the UI thread: a server collection may take a moment to answer."""
        screen = self.screen
        if not hasattr(screen, "collection_changed"):
            return
        from prep.review.changes import file_mark

        try:
            mark = (self.service.collection_mark(), file_mark(paths.config_file()))
        except PrepError:
            return  # the server is away: the next look will tell
        last, self._mark = self._mark, mark
        if last is None or last == mark:
            return
        if last[1] != mark[1]:
            self.call_from_thread(self.settings_changed)
        self.call_from_thread(self.collection_changed, screen)

    _mark: tuple[object, object] | None = None

    def settings_changed(self) -> None:
        """The config file changed underneath (`prep config set`): its settings apply from now on."""
        from prep.settings.config import load_config

        try:
            config = load_config(paths.config_file())
        except PrepError as error:
            self.notify(str(error), title="prep: the settings file was not applied", severity="error", timeout=10)
            return
        if config != self.service.config:
            self.service.reconfigure(config)

    def collection_changed(self, screen: object) -> None:
        if screen is self.screen:  # still on top
            screen.collection_changed()  # type: ignore[attr-defined]

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
        # Each step whatever became of the others, on an app that stopped half-built too (an error on the way to its
        # first screen): the way out never raises a second error over the first.
        steps = (lambda: self.stylesheet.save(),  # the screens opened since
                 lambda: self.pending.close(),  # a journal still holding answers stays for the next start
                 lambda: self.owns_grader and self.grader.close())
        for step in steps:
            try:
                step()
            except Exception as error:  # noqa: BLE001 - kept for the crash report, not raised on the way out
                self.crashes.append(error)
        gc.enable()  # an app closed within its first moment
        gc.unfreeze()  # what start-up made can go with the app (tests run many apps in one process)

    # ---- an unexpected error ---------------------------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        # Textual stops the app on an error no handler took; its traceback, and those of what failed after it on a
        # half-built screen, go to a file (crash_report) and `prep` says in one line where, not in the terminal.
        self.crashes.append(error)
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        if not self.crashes:
            super()._print_error_renderables()  # a message given to exit(), were there one
        self._exit_renderables.clear()

    def crash_report(self) -> Path | None:
        """The tracebacks of the errors that stopped the app, in a file of the cache folder; None if none could be written."""
        import time
        import traceback

        folder = paths.cache_dir() / "crashes"
        report = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
        try:
            private_folder(folder)
            with open(report, "w", encoding="utf-8", opener=lambda name, flags: os.open(name, flags, PRIVATE)) as out:
                out.writelines("".join(traceback.format_exception(error)) + "\n" for error in self.crashes)
        except OSError:
            return None
        return report

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a widget takes text (the drill's editor, a setting's input), q and ? are text, not these keys.
        if action in ("quit", "help") and self.focused is not None:
            key, character = ("q", "q") if action == "quit" else ("question_mark", "?")
            if self.focused.check_consume_key(key, character):
                return False
        return True

    def action_help(self) -> None:
        from prep.tui.screens.help import HelpScreen  # loaded when asked for, not before the first card

        self.push_screen(HelpScreen(self.screen))
