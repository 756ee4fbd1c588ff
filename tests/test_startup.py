"""What keeps the start-up to the first card short (bench/startup.py measures it; these check the structure)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from textual.css import stylesheet
from textual.css.parse import parse
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets._footer import FooterKey

from prep.practice.drill_service import DrillService
from prep.service import PrepService
from prep.settings.config import Config
from prep.tui.app import COLLECTOR_PAUSE_S, GRADER_WARM_UP_S, PrepApp
from prep.tui.screens.review import ReviewScreen
from prep.tui.screens.today import THE_REST_AFTER_S, TodayScreen
from prep.tui.widgets import KeyFooter, StatBoard
from tests.conftest import DECK, ROOT
from tests.pilot import IdleGrader, drive, footer_composes, press

NEVER = 3600  # THE_REST_AFTER_S where a test looks at Today before it has passed, then fires the timer itself


@pytest.fixture(autouse=True)
def idle_grader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("prep.tui.app.GraderClient", IdleGrader)


@pytest.fixture
def app(service: PrepService, now: datetime) -> PrepApp:
    service.import_paths([DECK], now)
    return PrepApp(service, lambda: now)


def test_the_stylesheet_is_parsed_once_with_the_apps_theme(app: PrepApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A theme set once the app runs has Textual parse every stylesheet again (and once more after, as its
    reparse drops the parse cache): prep's theme is in place before the first parse."""
    monkeypatch.setattr(app.stylesheet, "path", tmp_path / "no-cache-yet.pickle")  # a first run: parsed (test_style_cache)
    parsed: list[object] = []

    def counting(scope: str, css: str, read_from: tuple[str, str], *args: object, **kwargs: object) -> object:
        if read_from[0].endswith("prep.tcss"):
            parsed.append(read_from)
        return parse(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(stylesheet, "parse", counting)

    async def scenario(pilot: Pilot) -> None:
        assert isinstance(app.screen, TodayScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, ReviewScreen) and app.screen.card is not None

    drive(app, scenario)
    assert app.theme == "nord" and app.current_theme.name == "nord"
    assert len(parsed) == 1, parsed


def test_today_shows_the_card_counts_at_once_and_the_rest_a_moment_later(app: PrepApp, monkeypatch: pytest.MonkeyPatch) -> None:
    assert THE_REST_AFTER_S <= 0.1  # a moment a person does not notice
    monkeypatch.setattr("prep.tui.screens.today.THE_REST_AFTER_S", NEVER)  # the test fires the timer itself

    async def scenario(pilot: Pilot) -> None:
        today = app.screen
        assert isinstance(today, TodayScreen)
        assert [today.query_one(StatBoard).value(name) for name in ("new", "drills", "reviewed", "streak")] == ["20", "-", "-", "-"]
        assert "Enter: start review" in str(today.query_one("#today-hint").render())
        await today.show_the_rest()  # the timer
        assert [today.query_one(StatBoard).value(name) for name in ("new", "drills", "reviewed", "streak")] == ["20", "2", "0", "0"]

    drive(app, scenario)


def test_enter_pressed_at_once_shows_the_first_card_before_todays_other_numbers_are_counted(
        app: PrepApp, service: PrepService, monkeypatch: pytest.MonkeyPatch) -> None:
    """The drills of the day (a catalog of files, several queries), the streak and the answers of the day wait
    for a moment on Today; a review started before skips them, and Today counts them when it is back."""
    counted: list[str] = []
    due_today = DrillService.due_today
    monkeypatch.setattr(DrillService, "due_today", lambda self, now: counted.append("drills") or due_today(self, now))
    monkeypatch.setattr("prep.tui.screens.today.THE_REST_AFTER_S", NEVER)  # the test fires the timer itself

    async def scenario(pilot: Pilot) -> None:
        today = app.screen
        await press(pilot, "enter")
        assert isinstance(app.screen, ReviewScreen) and app.screen.card is not None
        await today.show_the_rest()  # the timer, while the first card is up
        assert counted == []
        await press(pilot, "escape")
        assert app.screen is today
        assert counted == ["drills"] and today.query_one(StatBoard).value("drills") == "2"

    drive(app, scenario)


def test_the_grader_process_starts_after_the_first_card(service: PrepService, now: datetime) -> None:
    """It loads torch, a core's work for a second or more: at start-up it would slow the first card."""
    service.import_paths([DECK], now)
    grader = IdleGrader()
    app = PrepApp(service, lambda: now, grader=grader)  # type: ignore[arg-type]

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter")
        assert isinstance(app.screen, ReviewScreen) and app.screen.card is not None
        assert grader.calls == []
        await pilot.pause(GRADER_WARM_UP_S)
        assert grader.calls == ["start"]

    drive(app, scenario)


@pytest.mark.parametrize(("width", "expected"), [(60, "-narrow"), (100, "-wide")])
def test_todays_widgets_are_first_styled_with_the_width_class(app: PrepApp, monkeypatch: pytest.MonkeyPatch,
                                                               width: int, expected: str) -> None:
    """Set on the first resize (Textual's way), the class would restyle every widget of Today a second time."""
    first: list[set[str]] = []
    apply = stylesheet.Stylesheet.apply

    def spy(self: stylesheet.Stylesheet, node: object, *args: object, **kwargs: object) -> None:
        if getattr(node, "id", None) == "stats" and not first:
            first.append(set(node.screen.classes))  # type: ignore[attr-defined]
        apply(self, node, *args, **kwargs)

    monkeypatch.setattr(stylesheet.Stylesheet, "apply", spy)

    async def scenario(pilot: Pilot) -> None:
        assert expected in app.screen.classes

    drive(app, scenario, size=(width, 24))
    assert first and expected in first[0], first


def test_the_footer_is_composed_once_on_the_way_to_the_first_card(app: PrepApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's footer composes its keys again on each bindings signal; a screen coming up sends several."""
    composed = footer_composes(monkeypatch)

    async def scenario(pilot: Pilot) -> None:
        keys = [key.description for key in app.screen.query(FooterKey)]
        assert "Start review" in keys and "Browse" in keys
        await press(pilot, "enter")
        assert isinstance(app.screen, ReviewScreen) and app.screen.card is not None
        await pilot.pause()

    drive(app, scenario)
    assert composed == ["TodayScreen", "ReviewScreen"]


@pytest.fixture
def builtin_db(tmp_path: Path, now: datetime) -> Path:
    """A collection file holding the built-in deck, for a fresh `prep` process to start on."""
    db = tmp_path / "s.sqlite3"
    setup = PrepService(db, Config())
    setup.add_builtin(now)
    setup.close()
    return db


def run_fresh(code: str, tmp_path: Path, check: bool = False) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh Python process, with its own settings and data folders (no user's config file read)."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=check,
                          timeout=120, env=env)


def test_what_the_first_card_does_not_need_is_not_imported_before_it(tmp_path: Path, builtin_db: Path) -> None:
    """A fresh process, as the `prep` command starts (prep.cli: the settings, the database's check, the day's backup,
    the deck and the plan brought up to date): Today, Enter at once, the first card; then the modules loaded so far
    (the answer's ORM too: tests/test_layers.py checks the service alone)."""
    db = builtin_db
    code = f"""
import asyncio, sys
from prep import cli
from prep.tui.app import PrepApp
from prep.tui.screens.review import ReviewScreen

# What waits on purpose for the user's first moment (Today's other numbers, the ORM for the first answer, the grader)
# is kept waiting, so that a slow test machine does not see it come in before the card.
import prep.tui.screens.today
prep.tui.screens.today.THE_REST_AFTER_S = 3600
PrepApp.warm_up_service = PrepApp.warm_up_grader = lambda self: None

service, app = cli.start_tui(["--db", {str(db)!r}])
loaded = set()

async def main():
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen) and app.screen.card is not None
        loaded.update(sys.modules)

asyncio.run(main())
service.close()
print("\\n".join(sorted(loaded)))
"""
    modules = set(run_fresh(code, tmp_path, check=True).stdout.split())
    assert "prep.tui.screens.review" in modules  # the probe did reach the first card
    later = {
        "prep.drills.catalog", "prep.drills.report", "prep.drills.workspace", "prep.schedule.drill_plan",  # the drills
        "tomllib",  # the drill catalog's metadata, and a config file when there is one
        "prep.review.summary", "prep.review.actions", "prep.tui.external_editor", "prep.tui.screens.help",
        "prep.store.models", "sqlalchemy.orm", "rich.markdown", "pygments",
        "prep.practice.drill_service", "prep.schedule.plan", "prep.store.restore", "alembic",  # no drill, no interview, no restore, no migration
        "_strptime",  # the backups' names are read by hand
    }
    assert not later & modules, later & modules


def test_each_footer_key_is_styled_once(app: PrepApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's keys start compact and are then bound to the footer's setting: each change styles the key again."""
    styled: list[object] = []
    apply = stylesheet.Stylesheet.apply

    def spy(self: stylesheet.Stylesheet, node: object, *args: object, **kwargs: object) -> None:
        if isinstance(node, FooterKey):
            styled.append(node)
        apply(self, node, *args, **kwargs)

    monkeypatch.setattr(stylesheet.Stylesheet, "apply", spy)

    async def scenario(pilot: Pilot) -> None:
        keys = list(app.screen.query(FooterKey))
        assert len(keys) >= 5 and not any(key.has_class("-compact") for key in keys)
        assert all(styled.count(key) == 1 for key in keys), [styled.count(key) for key in keys]

    drive(app, scenario)


class _Collector:
    """prep.tui.app's view of `gc`, which notes each switch and when it came (the loop's clock), then makes it."""

    SWITCHES = ("disable", "enable", "freeze", "unfreeze")

    def __init__(self) -> None:
        self.switches: list[tuple[str, float]] = []

    def __getattr__(self, name: str) -> object:
        made = getattr(gc, name)
        if name not in self.SWITCHES:
            return made

        def noted() -> None:
            self.switches.append((name, time.monotonic()))
            made()

        return noted


def test_the_garbage_collector_waits_for_the_first_card_then_runs_again(app: PrepApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """What happened, not when: paused from the app's first event, on again by itself at least COLLECTOR_PAUSE_S later
    (however long a busy machine took to show the card meanwhile)."""
    collector = _Collector()
    monkeypatch.setattr("prep.tui.app.gc", collector)
    assert gc.isenabled()

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter")
        assert isinstance(app.screen, ReviewScreen) and app.screen.card is not None
        deadline = time.monotonic() + 120
        while not gc.isenabled() and time.monotonic() < deadline:
            await pilot.pause(0.05)

    drive(app, scenario)
    assert gc.isenabled()
    # What start-up made is out of the collector's sight before it runs again, and back in it once the app is gone.
    assert [name for name, _ in collector.switches] == ["disable", "freeze", "enable", "enable", "unfreeze"], collector.switches
    assert collector.switches[2][1] - collector.switches[0][1] >= COLLECTOR_PAUSE_S
    assert gc.get_freeze_count() == 0


def test_an_app_closed_at_once_leaves_the_garbage_collector_on(app: PrepApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Closed before the collector's pause is over (a pause longer than the test makes that certain), the app turns it back on."""
    monkeypatch.setattr("prep.tui.app.COLLECTOR_PAUSE_S", 3600.0)

    async def scenario(pilot: Pilot) -> None:
        assert not gc.isenabled()

    drive(app, scenario)
    assert gc.isenabled()


def test_pushing_the_review_lays_it_out_once_and_today_beneath_it_not_at_all(app: PrepApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual lays a screen out again on each Resize of the size it has (its own first layout sends one, and each
    layout of the top screen sends one to those below): prep's screens skip those (prep.tui.widgets.SteadyLayout)."""
    layouts: list[str] = []
    refresh_layout = Screen._refresh_layout

    def counting(self: Screen, size: object = None, scroll: bool = False) -> None:
        if size is not None:  # a whole layout at a size (the others lay out what changed since: kept)
            layouts.append(type(self).__name__)
        refresh_layout(self, size, scroll)

    monkeypatch.setattr(Screen, "_refresh_layout", counting)

    async def scenario(pilot: Pilot) -> None:
        layouts.clear()
        await press(pilot, "enter")
        assert isinstance(app.screen, ReviewScreen) and app.screen.card is not None
        await pilot.pause()

    drive(app, scenario, size=(100, 30))
    assert layouts.count("ReviewScreen") == 1 and "TodayScreen" not in layouts, layouts


def test_a_screen_beneath_is_laid_out_at_the_new_size_when_it_is_back_on_top(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        today = app.screen
        await press(pilot, "enter")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        assert app.screen.query_one(KeyFooter).region.width == 70
        await press(pilot, "escape")
        assert app.screen is today
        await pilot.pause()
        assert today.query_one(KeyFooter).region.width == 70
        assert today.query_one("#today").region.right <= 70
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert today.query_one(KeyFooter).region.width == 100

    drive(app, scenario, size=(100, 30))


def test_the_reviews_widgets_are_styled_once_on_the_way_to_the_first_card(app: PrepApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual styles a screen's widgets again when it comes on top, also just after they were styled as they
    mounted: prep's screens skip that first time (prep.tui.widgets.SteadyLayout)."""
    styled: list[object] = []
    apply = stylesheet.Stylesheet.apply

    def counting(self: stylesheet.Stylesheet, node: object, *args: object, **kwargs: object) -> None:
        styled.append(node)
        apply(self, node, *args, **kwargs)

    monkeypatch.setattr(stylesheet.Stylesheet, "apply", counting)

    async def scenario(pilot: Pilot) -> None:
        styled.clear()
        await press(pilot, "enter")
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.card is not None
        await pilot.pause()
        mine = [node for node in styled if node is review or getattr(node, "screen", None) is review]
        twice = {type(node).__name__ for node in mine if mine.count(node) > 1}
        assert mine and not twice, twice

    drive(app, scenario, size=(100, 30))


def test_today_is_the_bottom_screen_not_pushed_onto_an_empty_one(app: PrepApp) -> None:
    """Textual's default screen under Today would be made, styled and laid out for nothing at every start."""
    async def scenario(pilot: Pilot) -> None:
        assert [type(screen) for screen in app.screen_stack] == [TodayScreen]
        await press(pilot, "enter")
        assert [type(screen) for screen in app.screen_stack] == [TodayScreen, ReviewScreen]
        await press(pilot, "escape")
        assert [type(screen) for screen in app.screen_stack] == [TodayScreen]

    drive(app, scenario)


def test_the_collector_waits_from_the_commands_start_until_the_app_turns_it_back_on(tmp_path: Path, builtin_db: Path) -> None:
    """prep.cli pauses Python's cyclic collector before the TUI's start-up work and the app resumes it; a start that
    fails on the way resumes it too."""
    db = builtin_db
    code = f"""
import asyncio, gc, time
from prep import cli
from prep.errors import PrepError
from prep.tui.app import COLLECTOR_PAUSE_S

try:
    cli.start_tui(["--db", {str(db)!r}, "review", "--deck", "no such deck"])
except PrepError:
    assert gc.isenabled(), "a failed start left the collector paused"
service, app = cli.start_tui(["--db", {str(db)!r}])
assert not gc.isenabled()

async def main():
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(COLLECTOR_PAUSE_S)
        deadline = time.monotonic() + 120  # a busy machine may be late: what counts is that it comes back on
        while not gc.isenabled() and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert gc.isenabled()

asyncio.run(main())
service.close()
print("ok")
"""
    done = run_fresh(code, tmp_path)
    assert done.stdout.strip() == "ok", done.stderr[-2000:]
