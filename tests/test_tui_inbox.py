"""The inbox screen (Anki's Add screen for suggested cards) and the heading path above a card, driven by pilots."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from prep.service import PrepService
from prep.settings.config import Config
from prep.tui.app import PrepApp
from prep.tui.screens.inbox import InboxScreen
from prep.tui.screens.review import ReviewScreen
from prep.tui.screens.today import TodayScreen
from prep.tui.widgets import CardText
from tests.conftest import write
from tests.pilot import IdleGrader, drive, press
from tests.test_inbox import NOTES


@pytest.fixture
def config() -> Config:
    return Config(enable_fuzzing=False, bury_siblings=False)  # the default: what prep is not sure of waits in the inbox


@pytest.fixture(autouse=True)
def idle_grader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("prep.tui.app.GraderClient", IdleGrader)


@pytest.fixture
def app(service: PrepService, tmp_path: Path, now: datetime) -> PrepApp:
    service.import_paths([write(tmp_path / "notes" / "ml.md", NOTES)], now)
    return PrepApp(service, lambda: now)


def _text(app: PrepApp, selector: str) -> str:
    widget = app.screen.query_one(selector)
    return str(widget.source if isinstance(widget, CardText) else widget.render())


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (100, 30)])
def test_the_inbox_accepts_edits_skips_and_drops_one_key_each(app: PrepApp, service: PrepService, now: datetime,
                                                            size: tuple[int, int]) -> None:
    offered = service.inbox()
    assert len(offered) >= 4

    async def scenario(pilot: Pilot) -> None:
        await pilot.pause(0.3)  # Today counts the inbox with its other numbers, a moment after the cards
        assert "wait in the inbox" in _text(app, "#today-hint")
        await press(pilot, "i")
        assert isinstance(app.screen, InboxScreen)
        assert f"1/{len(offered)}" in _text(app, "#inbox-title")
        assert _text(app, "#inbox-front") == offered[0].front and offered[0].path in _text(app, "#inbox-path")
        assert f"{offered[0].source_line}" in _text(app, "#inbox-lines")  # the note's lines beside it
        await press(pilot, "a")  # accept
        await press(pilot, "s")  # skip
        await press(pilot, "x")  # drop
        await press(pilot, "e")  # edit, then keep the edit as a card
        front = app.screen.query_one("#inbox-edit-front", TextArea)
        front.text = "What trains GPT-2?"
        await press(pilot, "ctrl+s")
        assert f"5/{len(offered)}" in _text(app, "#inbox-title") or len(offered) == 4
        await press(pilot, "escape")
        assert isinstance(app.screen, TodayScreen)

    drive(app, scenario, size=size)
    left = {o.id for o in service.inbox()}
    assert offered[1].id in left  # skipped: still offered
    assert not {offered[0].id, offered[2].id, offered[3].id} & left  # accepted, dropped, accepted with an edit
    shown = []
    while (card := service.next_card(now)) is not None:
        shown.append(card.front)
        service.answer(card.id, 4, now, 1000)
    assert offered[0].front in shown and "What trains GPT-2?" in shown


def test_the_review_shows_the_cards_heading_path_above_the_question(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter")
        assert isinstance(app.screen, ReviewScreen)
        assert _text(app, "#crumbs") == app.screen.card.path == "Models"

    drive(app, scenario)


def test_a_fact_to_write_up_opens_the_editor_and_becomes_the_learners_card(service: PrepService, tmp_path: Path,
                                                                          now: datetime) -> None:
    from tests.test_inbox import PROSE_FACT

    service.import_paths([write(tmp_path / "notes" / "knn.md", f"# Neighbours\n\n{PROSE_FACT}\n")], now)
    (item,) = service.inbox()
    app = PrepApp(service, lambda: now)

    async def scenario(pilot: Pilot) -> None:
        await pilot.pause(0.3)
        assert "1 fact to write a question for wait in the inbox" in _text(app, "#today-hint")
        await press(pilot, "i")
        assert "to write up" in _text(app, "#inbox-title") and "e writes one" in _text(app, "#inbox-front")
        assert _text(app, "#inbox-back") == PROSE_FACT and str(item.source_line) in _text(app, "#inbox-lines")
        await press(pilot, "a")  # nothing to accept as it is: the editor opens, the fact as the answer
        front = app.screen.query_one("#inbox-edit-front", TextArea)
        assert front.has_focus and front.text == ""
        assert app.screen.query_one("#inbox-edit-back", TextArea).text == PROSE_FACT
        front.text = "What happens to nearest neighbours in high dimensions?"
        await press(pilot, "ctrl+s")
        assert "Nothing left" in _text(app, "#inbox-front")

    drive(app, scenario, size=(80, 24))
    assert service.inbox() == []
    card = service.next_card(now)
    assert card.front == "What happens to nearest neighbours in high dimensions?" and card.back == PROSE_FACT
