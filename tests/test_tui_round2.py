"""Daily use, second round, in the TUI: the status line after sibling burying, screens that keep up with the
collection, decks, settings, the browser, help; pilots on a real SQLite file with a fixed clock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.pilot import Pilot

from prep.service import PrepService
from prep.tui.app import PrepApp
from tests.conftest import write
from tests.pilot import drive, press
from tests.test_tui_daily import config, idle_grader  # noqa: F401 - the fixtures: sibling burying on, no grader

PAIRS = """\
# Attention

- Softmax ::: turns scores into weights
- What scales the scores? :: the root of the key size
"""


def bar(app: PrepApp) -> str:
    return str(app.screen.query_one("#rating-bar").render())


def test_an_answer_that_buries_says_how_many_wait_and_why(service: PrepService, tmp_path: Path, now: datetime) -> None:
    service.import_paths([write(tmp_path / "a.md", PAIRS)], now)
    app = PrepApp(service, lambda: now)

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter")
        first = app.screen.card
        assert first is not None and "Softmax" in first.front + first.back  # new cards come in reading order
        await press(pilot, "space", "3")
        assert "1 other card of this fact waits until tomorrow" in bar(app) and "bury_siblings" in bar(app)
        assert "Softmax" not in app.screen.card.front + app.screen.card.back  # the other direction is not next
        await press(pilot, "space", "3")  # the lone card: nothing buried, nothing said
        assert "of this fact" not in bar(app)

    drive(app, scenario)
