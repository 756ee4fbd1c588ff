"""Daily use in the TUI: decks, the browser, undo of suspend and bury, Anki's counts and keys,
the end of the session and of the day; driven by pilots on a real SQLite file with a fixed clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from prep.service import PrepService
from prep.settings.config import Config
from prep.tui.app import PrepApp
from prep.tui.listed_table import ListedTable
from prep.tui.screens.browser import BrowserScreen
from prep.tui.screens.decks import DeckPicker
from prep.tui.screens.review import ReviewScreen
from prep.tui.screens.today import TodayScreen
from prep.tui.widgets import CardText, StatBoard, TopLine
from tests.conftest import write
from tests.pilot import IdleGrader, drive, notices, press, searched
from tests.test_tui import NOTES

OTHER = """\
# Optimisers

What does Adam keep per parameter? :: running means of the gradient and of its square
What does weight decay shrink? :: the weights, towards zero
"""


@pytest.fixture
def config() -> Config:
    return Config(enable_fuzzing=False, bury_siblings=True, new_drills_per_day=0, schedule_suggestions=True)


@pytest.fixture(autouse=True)
def idle_grader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("prep.tui.app.GraderClient", IdleGrader)


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    return write(tmp_path / "notes" / "ml.md", NOTES)


@pytest.fixture
def app(service: PrepService, notes: Path, tmp_path: Path, now: datetime) -> PrepApp:
    service.import_paths([notes, write(tmp_path / "notes" / "optim.md", OTHER)], now)
    return PrepApp(service, lambda: now)


def front(app: PrepApp) -> str:
    return app.screen.query_one("#front", CardText).source


def bar(app: PrepApp) -> str:
    return str(app.screen.query_one("#rating-bar").render())


def counts(app: PrepApp) -> str:
    return app.screen.query_one(TopLine).status.plain


def test_suspend_then_undo_takes_back_the_suspend_not_the_answer(app: PrepApp, service: PrepService, now: datetime) -> None:
    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter", "space", "3")  # an answer first
        assert service.today(now).reviewed == 1
        suspended_front = front(app)
        suspended = app.screen.card
        buried_before = {row.id for row in service.browser.search("is:buried", now).rows}  # the answered card's reverse
        await press(pilot, "s")
        assert service.browser.row(suspended.id, now).suspended
        # As in Anki, a suspend touches the card alone: nothing more is buried.
        assert {row.id for row in service.browser.search("is:buried", now).rows} == buried_before
        assert app.screen.card is None or app.screen.card.id != suspended.id
        await press(pilot, "u")
        assert not service.browser.row(suspended.id, now).suspended
        assert service.today(now).reviewed == 1  # the answer stands
        assert front(app) == suspended_front and "Undone: card suspended" in bar(app)
        assert {row.id for row in service.browser.search("is:buried", now).rows} == buried_before  # its siblings are back
        await press(pilot, "b")
        assert {row.id for row in service.browser.search("is:buried", now).rows} == buried_before | {suspended.id}
        await press(pilot, "u")
        assert {row.id for row in service.browser.search("is:buried", now).rows} == buried_before
        assert front(app) == suspended_front
        await press(pilot, "u")  # now the answer
        assert service.today(now).reviewed == 0

    drive(app, scenario)


def test_space_or_enter_on_the_answer_rates_good_unless_turned_off(app: PrepApp, service: PrepService, now: datetime) -> None:
    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter", "space")
        assert app.screen.phase == "back"
        await press(pilot, "space")
        assert service.ratings_today(now)["Good"] == 1 and app.screen.phase == "front"
        await press(pilot, "enter", "enter")
        assert service.ratings_today(now)["Good"] == 2
        service.reconfigure(replace(service.config, space_rates_good=False))
        await press(pilot, "space", "space", "enter")
        assert service.ratings_today(now)["Good"] == 2 and app.screen.phase == "back"

    drive(app, scenario)


def test_counts_are_new_learning_review_and_move_through_the_learning_steps(app: PrepApp, service: PrepService,
                                                                             now: datetime) -> None:
    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter")
        before = service.remaining(now)
        assert (before.learning, before.review) == (0, 0) and "new" in counts(app) and "learn" in counts(app)
        await press(pilot, "space", "1")  # Again: the new card goes into learning
        after = service.remaining(now)
        assert after.learning == 1 and after.new == before.new - 1  # the first fact has one card: nothing else is buried
        await pilot.pause()
        assert f"{after.new} new · 1 learn · 0 review" in counts(app)

    drive(app, scenario)


def test_the_header_keeps_apart_at_narrow_widths(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter")
        await pilot.pause()
        line = app.screen.query_one(TopLine)
        drawn = line.render_lines(line.region.reset_offset)
        assert len(drawn) == 1
        text = drawn[0].text.strip()  # within the line's padding
        assert text.startswith("prep · review  "), text  # the title, then a gap of two before the counts
        assert "…" in text and len(text) <= line.region.width, text  # cut short, not wrapped

    drive(app, scenario, size=(40, 20))


def test_the_session_summary_says_time_retention_tomorrow_streak_and_interview(app: PrepApp, service: PrepService,
                                                                                now: datetime) -> None:
    service.reconfigure(replace(service.config, interview_date=(now + timedelta(days=30)).date()))

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter")
        while app.screen.phase != "done":
            await press(pilot, "space", "4")
        summary = str(app.screen.query_one("#summary-text").render())
        assert "Easy" in summary and "under a minute" in summary and "retention" in summary
        assert "Tomorrow:" in summary and "Streak: 1 day" in summary and "Interview in 30 days" in summary
        await press(pilot, "escape")
        hint = str(app.screen.query_one("#today-hint").render())
        assert "All done for today. Tomorrow:" in hint and "Interview in 30 days" in hint

    drive(app, scenario)


def test_the_deck_picker_studies_one_deck(app: PrepApp, service: PrepService, now: datetime) -> None:
    async def scenario(pilot: Pilot) -> None:
        assert app.screen.query_one(StatBoard).value("new") == "8"
        await press(pilot, "k")
        assert isinstance(app.screen, DeckPicker)
        await press(pilot, "down", "down", "enter")  # All decks, ml, optim
        assert isinstance(app.screen, TodayScreen) and app.screen.deck == "optim"
        assert app.screen.query_one(StatBoard).value("new") == "2"
        await press(pilot, "enter")
        assert isinstance(app.screen, ReviewScreen) and app.screen.card.deck == "optim"
        await press(pilot, "space", "4", "space", "4")
        assert app.screen.phase == "done"  # only that deck's cards
        await press(pilot, "escape")
        assert app.screen.query_one(StatBoard).value("new") == "0"

    drive(app, scenario)


def test_per_deck_limits_and_a_disabled_deck(service: PrepService, notes: Path, tmp_path: Path, now: datetime) -> None:
    service.import_paths([notes, write(tmp_path / "notes" / "optim.md", OTHER)], now)
    assert service.remaining(now).new == 8  # each deck has its own limit (the default 20), not a shared one
    service.decks.set_limit("ml", 1)
    assert service.remaining(now).new == 3 and service.remaining(now, "ml").new == 1
    card = service.next_card(now, "ml")
    service.answer(card.id, 3, now)
    assert service.remaining(now, "ml").new == 0 and service.remaining(now, "optim").new == 2
    service.decks.set_enabled("optim", False)
    assert service.remaining(now).new == 0 and service.next_card(now) is None or service.next_card(now).deck == "ml"
    rows = {row.name: row for row in service.decks.rows(now)}
    assert rows["ml"].new_per_day == 1 and rows["ml"].own_limit and not rows["optim"].enabled


def test_the_browser_searches_filters_previews_and_undoes(app: PrepApp, service: PrepService, now: datetime) -> None:
    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "b")
        assert isinstance(app.screen, BrowserScreen)
        table = app.screen.query_one(ListedTable)
        assert table.row_count == 8
        await press(pilot, "slash")
        search = app.screen.query_one(Input)
        search.value = "adam"
        await searched(pilot)
        assert table.row_count == 1 and "Adam" in app.screen.selected().question
        assert "Adam" in app.screen.query_one("#preview-front", CardText).source
        assert not app.screen.query_one("#preview-answer").display
        await press(pilot, "enter", "space")  # to the list; show the answer in the preview
        assert app.screen.query_one("#preview-answer").display
        assert "running means" in app.screen.query_one("#preview-back", CardText).source
        adam = app.screen.selected().id
        await press(pilot, "s")
        assert service.browser.row(adam, now).suspended and "suspended" in str(app.screen.query_one("#browse-status").render()).lower()
        search.value = "is:suspended"
        await searched(pilot)
        assert [row.id for row in app.screen.found.rows] == [adam]
        await press(pilot, "u")
        assert not service.browser.row(adam, now).suspended and table.row_count == 0
        search.value = "deck:ml is:new -is:buried"
        await searched(pilot)
        assert table.row_count == 6
        search.value = "is:nonsense"
        await searched(pilot)
        assert "is:nonsense: no such filter" in str(app.screen.query_one("#browse-status").render())
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, TodayScreen)
        assert not notices(app)

    drive(app, scenario)


def test_forget_resets_a_card_and_undo_puts_its_schedule_back(app: PrepApp, service: PrepService, now: datetime) -> None:
    card = service.next_card(now)
    service.answer(card.id, 4, now)
    due = service.browser.row(card.id, now).due

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "b")
        app.screen.query_one(Input).value = "is:review"
        await searched(pilot)
        await press(pilot, "f")
        assert service.browser.row(card.id, now).state == "new"
        await press(pilot, "u")
        row = service.browser.row(card.id, now)
        assert (row.state, row.due) == ("review", due)

    drive(app, scenario)


def test_the_browser_opens_the_note_at_the_cards_line(app: PrepApp, notes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import contextlib

    calls: list[list[str]] = []
    monkeypatch.setenv("EDITOR", "vi")
    monkeypatch.setattr("prep.tui.external_editor.subprocess.run", lambda args, check: calls.append(args))
    monkeypatch.setattr(PrepApp, "suspend", lambda self: contextlib.nullcontext())

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "b", "e")
        assert calls == [["vi", "+4", str(notes.resolve())]]

    drive(app, scenario)
