"""Snapshots of the daily screens at 100x30, 80x24 and 60x20: Today, Review (answer shown), Progress, the
browser, the deck picker, the settings and the help, on a few weeks of answers given through the service under
the fixed clock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from prep.service import PrepService
from prep.settings.config import Config
from prep.tui.app import PrepApp
from prep.tui.screens.today import THE_REST_AFTER_S
from tests.pilot import IdleGrader, press
from tests.test_tui_stats import leech  # noqa: F401 - the fixture: three weeks of study, one leech

SIZES = [(100, 30), (80, 24), (60, 20)]


@pytest.fixture
def config() -> Config:
    return Config(enable_fuzzing=False, bury_siblings=False, new_drills_per_day=0, schedule_suggestions=True)


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("prep.tui.app.GraderClient", IdleGrader)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def app(service: PrepService, leech: str, now: datetime) -> PrepApp:  # noqa: F811 - the fixture imported above
    return PrepApp(service, lambda: now)


async def settle(pilot: Pilot) -> None:
    await pilot.pause(THE_REST_AFTER_S)  # at start-up, Today's numbers besides the cards' come a moment later
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_today(app: PrepApp, snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_review_with_the_answer_shown(app: PrepApp, snap_compare, size: tuple[int, int]) -> None:
    async def reveal(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "enter", "space")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=reveal)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_progress(app: PrepApp, snap_compare, size: tuple[int, int]) -> None:
    async def open_it(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_it)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_browser(app: PrepApp, snap_compare, size: tuple[int, int]) -> None:
    async def browse(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "b", "down", "space")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=browse)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_session_summary(app: PrepApp, snap_compare, size: tuple[int, int]) -> None:
    async def finish(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "enter")
        while pilot.app.screen.phase != "done":
            await press(pilot, "space", "4")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=finish)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_deck_picker(app: PrepApp, snap_compare, size: tuple[int, int]) -> None:
    async def pick(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "k", "down")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=pick)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_settings(app: PrepApp, snap_compare, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    # The screen names the settings file: the same on every run, not the test's temporary folder.
    monkeypatch.setattr("prep.tui.screens.settings.paths.config_file", lambda: Path("~/.config/prep/config.toml"))

    async def open_it(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "o")
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # the snapshot, not the blink's phase when it is taken
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_it)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_review_help(app: PrepApp, snap_compare, size: tuple[int, int]) -> None:
    async def help_on_review(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "enter", "question_mark")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=help_on_review)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_browser_help(app: PrepApp, snap_compare, size: tuple[int, int]) -> None:
    async def help_on_browser(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "b", "question_mark")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=help_on_browser)
