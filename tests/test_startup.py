"""What keeps the start-up to the first card short (bench/startup.py measures it; these check the structure)."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.css import stylesheet
from textual.css.parse import parse
from textual.pilot import Pilot

from prep.service import PrepService
from prep.tui.app import PrepApp
from prep.tui.screens.review import ReviewScreen
from prep.tui.screens.today import TodayScreen
from tests.conftest import DECK
from tests.pilot import IdleGrader, drive, press


@pytest.fixture(autouse=True)
def idle_grader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("prep.tui.app.GraderClient", IdleGrader)


@pytest.fixture
def app(service: PrepService, now: datetime) -> PrepApp:
    service.import_paths([DECK], now)
    return PrepApp(service, lambda: now)


def test_the_stylesheet_is_parsed_once_with_the_apps_theme(app: PrepApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """A theme set once the app runs has Textual parse every stylesheet again (and once more after, as its
    reparse drops the parse cache): prep's theme is in place before the first parse."""
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
