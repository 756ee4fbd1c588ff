"""The progress and settings screens, driven by pilots on a real SQLite file with a few weeks of
answers given through the service under the fixed clock."""

from __future__ import annotations

import io
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from prep.drills.catalog import all_drills
from prep.progress.stats import Stats
from prep.service import PrepService
from prep.settings.config import Config
from prep.tui.app import PrepApp
from prep.tui.screens.help import HelpScreen
from prep.tui.screens.settings import SettingsScreen
from prep.tui.screens.stats import StatsScreen
from prep.tui.screens.today import TodayScreen
from tests.conftest import write
from tests.pilot import IdleGrader, drive, notices, press
from tests.test_tui import NOTES


@pytest.fixture
def config() -> Config:
    return Config(enable_fuzzing=False, bury_siblings=False, new_drills_per_day=0, schedule_suggestions=True)


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("prep.tui.app.GraderClient", IdleGrader)  # nothing here is graded
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # the settings screen writes here


@pytest.fixture
def leech(service: PrepService, tmp_path: Path, now: datetime) -> str:
    """Three weeks of study: one card forgotten 8 times every other day, the others answered in the last days."""
    start = now - timedelta(days=20)
    service.import_paths([write(tmp_path / "notes" / "ml.md", NOTES)], start)
    first, *others = [card["id"] for card in service.export_cards()]
    service.answer(first, 4, start, duration_ms=20_000)  # straight to review
    for lapse in range(8):
        moment = start + timedelta(days=2 * lapse + 1)
        service.answer(first, 1, moment, duration_ms=30_000)
        service.answer(first, 3, moment + timedelta(minutes=11), duration_ms=10_000)
    for days_ago in range(5, 0, -1):
        for card in others[:days_ago]:
            service.answer(card, 3 if days_ago % 2 else 4, now - timedelta(days=days_ago), duration_ms=15_000)
    return first


@pytest.fixture
def app(service: PrepService, leech: str, now: datetime) -> PrepApp:
    return PrepApp(service, lambda: now)


def section_text(app: PrepApp, section: str, width: int = 80) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(app.screen.query_one(f"#section-{section}", Static).content)
    return console.export_text()


async def open_stats(pilot: Pilot) -> StatsScreen:
    await press(pilot, "s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, StatsScreen)
    return pilot.app.screen


def test_stats_open_at_once_then_draw_every_section(app: PrepApp, service: PrepService, monkeypatch: pytest.MonkeyPatch) -> None:
    computing = threading.Event()
    compute = service.stats

    def slow_stats(now: datetime) -> Stats:
        computing.wait(5)
        return compute(now)

    monkeypatch.setattr(service, "stats", slow_stats)

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "s")
        page = app.screen.query_one("#stats-page")
        assert isinstance(app.screen, StatsScreen) and page.loading
        computing.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not page.loading
        activity = section_text(app, "activity")
        assert "Mon" in activity and "less" in activity and "streak 5 days" in activity
        assert "today" in section_text(app, "forecast")
        assert "7 days  young" in section_text(app, "retention")
        assert "Models" in section_text(app, "mastery") and f"solved 0/{len(all_drills())}" in section_text(app, "drills")
        assert "min in 30 days" in section_text(app, "minutes")
        assert "No interview date set" in section_text(app, "interview")
        assert not app.screen.query_one("#section-at-risk").display
        assert app.screen.has_class("-narrow")
        await press(pilot, "escape")
        assert isinstance(app.screen, TodayScreen)

    drive(app, scenario)


def test_two_columns_where_they_fit(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_stats(pilot)
        assert screen.has_class("-wide")
        left, right = screen.query_one("#stats-left").region, screen.query_one("#stats-right").region
        assert left.y == right.y and right.x >= left.right

    drive(app, scenario, size=(120, 40))


def test_s_on_a_leech_suspends_it(app: PrepApp, service: PrepService, leech: str) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_stats(pilot)
        table = screen.query_one("#leech-table", DataTable)
        assert table.row_count == 1 and table.get_row_at(0)[:2] == ["8×", ""]
        table.focus()
        await press(pilot, "s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Card suspended." in notices(app)
        assert next(c for c in service.export_cards() if c["id"] == leech)["suspended"]
        assert table.get_row_at(0)[1] == "suspended"
        await press(pilot, "s")
        assert "This card is suspended already." in notices(app)

    drive(app, scenario)


def test_the_keys_are_in_the_help(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert {"Progress", "Settings"} <= {row.description for row in app.screen.rows}
        await press(pilot, "escape")
        await open_stats(pilot)
        await press(pilot, "question_mark")
        assert {"Suspend the selected leech", "Settings", "Back to today"} <= {row.description for row in app.screen.rows}

    drive(app, scenario)


def test_an_interview_date_set_in_settings_brings_the_readiness(app: PrepApp, service: PrepService, tmp_path: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "o")
        assert isinstance(app.screen, SettingsScreen)
        await press(pilot, *"2026-11-01", "enter")  # the first field has the focus, its text selected
        assert isinstance(app.screen, SettingsScreen)
        assert "interview_date must be after today." in str(app.screen.query_one("#settings-problem", Static).content)
        await press(pilot, "ctrl+u", *"2027-01-15", "enter")
        assert isinstance(app.screen, TodayScreen) and "Settings saved." in notices(app)
        assert "interview_date = 2027-01-15" in (tmp_path / "config" / "prep" / "config.toml").read_text()
        assert str(service.config.interview_date) == "2027-01-15"
        await open_stats(pilot)
        assert "Interview in 49 days · predicted recall on the day" in section_text(app, "interview")
        assert app.screen.query_one("#section-at-risk").display
        assert "→" in section_text(app, "mastery")  # recall now → on the day

    drive(app, scenario)


def test_stats_screen_snapshot(app: PrepApp, snap_compare) -> None:
    async def open_it(pilot: Pilot) -> None:
        await pilot.pause()
        await open_stats(pilot)

    assert snap_compare(app, terminal_size=(100, 40), run_before=open_it)


def test_settings_refuse_a_bad_number_and_escape_writes_nothing(app: PrepApp, tmp_path: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "o")
        field = app.screen.query_one("#setting-desired_retention")
        field.focus()
        await press(pilot, *"0.5", "ctrl+s")
        assert field.value == "0.5" and field.has_focus
        assert str(app.screen.query_one("#settings-problem", Static).content) == "desired_retention must be a number between 0.7 and 0.99."
        await press(pilot, "escape")
        assert isinstance(app.screen, TodayScreen)
        assert not (tmp_path / "config" / "prep" / "config.toml").exists()

    drive(app, scenario)
