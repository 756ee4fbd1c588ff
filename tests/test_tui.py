"""The TUI driven by Textual pilots, on a real SQLite file with a fixed clock and no fuzzing."""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from prep.errors import PrepError
from prep.service import PrepService
from prep.settings.config import Config
from prep.tui.app import PrepApp
from prep.tui.screens.help import HelpScreen
from prep.tui.screens.review import ReviewScreen
from prep.tui.screens.today import THE_REST_AFTER_S, TodayScreen
from prep.tui.widgets import CardText, StatBoard
from tests.conftest import ROOT, write
from tests.pilot import IdleGrader, drive, notices, press

NOTES = """\
# Models

- [v] BERT
  architecture: encoder-only, google 2018
  objective: masked language modelling
  tokenizer: WordPiece, 30k tokens
- [v] GPT-2
  architecture: decoder only, trained on WebText
  attention: left to right only

# Metrics

What does BLEU measure? :: n-gram precision against reference translations
"""


@pytest.fixture
def config() -> Config:
    # These tests are about cards: with no drill due, "all done" is about the cards alone.
    return Config(enable_fuzzing=False, bury_siblings=False, new_drills_per_day=0, schedule_suggestions=True)


@pytest.fixture(autouse=True)
def idle_grader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("prep.tui.app.GraderClient", IdleGrader)  # nothing here is graded


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    return write(tmp_path / "notes" / "ml.md", NOTES)


@pytest.fixture
def app(service: PrepService, notes: Path, now: datetime) -> PrepApp:
    service.import_paths([notes], now)
    return PrepApp(service, lambda: now)


def front(app: PrepApp) -> str:
    return app.screen.query_one("#front", CardText).source


def rating_bar(app: PrepApp) -> str:
    return str(app.screen.query_one("#rating-bar").render())


def answer_shown(app: PrepApp) -> bool:
    return app.screen.query_one("#back").display


def test_today_screen_shows_the_numbers(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        assert isinstance(app.screen, TodayScreen)
        await pilot.pause(THE_REST_AFTER_S)  # at start-up, the numbers besides the cards' come a moment later
        digits = {name: app.screen.query_one(StatBoard).value(name) for name in ("new", "learning", "review", "reviewed", "streak")}
        assert digits == {"new": "6", "learning": "0", "review": "0", "reviewed": "0", "streak": "0"}
        assert "Enter: start review" in str(app.screen.query_one("#today-hint").render())

    drive(app, scenario)


def test_a_whole_session(app: PrepApp, service: PrepService, now: datetime) -> None:
    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter")
        assert isinstance(app.screen, ReviewScreen)
        first = front(app)
        assert "BERT" in first and not answer_shown(app)

        await press(pilot, "3")  # rating before the answer shows does nothing
        assert service.today(now).reviewed == 0 and front(app) == first

        await press(pilot, "space")
        assert answer_shown(app)
        assert "2018" in app.screen.query_one("#back", CardText).source  # "BERT · architecture?" → "encoder-only, google 2018"
        bar = str(app.screen.query_one("#rating-bar").render())
        assert "1 Again · 1m" in bar and "3 Good · 10m" in bar and "4 Easy · 8d" in bar

        await press(pilot, "3")
        assert service.today(now).reviewed == 1  # committed before the next card is on screen
        assert front(app) != first and not answer_shown(app)

        await press(pilot, "u")
        assert service.today(now).reviewed == 0
        assert front(app) == first and not answer_shown(app)

        await press(pilot, "enter", "3")
        assert service.today(now).reviewed == 1
        second = front(app)

        await press(pilot, "s")
        assert front(app) != second
        third = front(app)
        # What happened is said beside the keys, not in a toast over them.
        assert "Card suspended" in rating_bar(app) and "Show answer" in rating_bar(app)
        await press(pilot, "b")
        assert front(app) != third
        assert "Card buried until tomorrow" in rating_bar(app) and "Show answer" in rating_bar(app)
        assert not notices(app)

        # Easy graduates a card; Again keeps it in learning, so it comes back within the learn-ahead window.
        await press(pilot, "space", "4", "space", "1")
        assert service.today(now).reviewed == 3
        while app.screen.phase != "done":
            await press(pilot, "space", "4")
        assert service.ratings_today(now) == {"Again": 1, "Hard": 0, "Good": 1, "Easy": 4}
        # the big number counts cards, as Anki's "studied N cards"; the answers (a card again after Again) below it
        cards = len({card.id for card in app.screen.answered})
        assert cards < 6 and app.screen.query_one("#session-count").value == str(cards)
        summary = str(app.screen.query_one("#summary-text").render())
        assert "6 answers: Again 1 · Good 1 · Easy 4" in summary and "Today: Again 1 · Hard 0 · Good 1 · Easy 4" in summary
        assert "Enter/Esc: back" in summary

        await press(pilot, "u")  # the last answer can still be taken back from the summary
        assert service.today(now).reviewed == 5 and app.screen.phase == "front"
        await press(pilot, "space", "4")
        assert app.screen.phase == "done"

        await press(pilot, "enter")
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one(StatBoard).value("reviewed") == "6"
        assert app.screen.query_one(StatBoard).value("streak") == "1"
        assert "All done for today" in str(app.screen.query_one("#today-hint").render())

    drive(app, scenario)


def test_undo_only_takes_back_this_sessions_answers(app: PrepApp, service: PrepService, now: datetime) -> None:
    card = service.next_card(now)
    service.answer(card.id, 3, now)

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter", "u")
        assert service.today(now).reviewed == 1
        assert "Nothing to undo in this session." in notices(app)

    drive(app, scenario)


def test_escape_goes_back_to_today_with_fresh_numbers(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter", "space", "4", "escape")
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one(StatBoard).value("reviewed") == "1"
        assert app.screen.query_one(StatBoard).value("new") == "5"

    drive(app, scenario)


def test_help_lists_the_screens_keys_and_closes(app: PrepApp) -> None:
    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {row.description: row for row in app.screen.rows}
        assert {"Again", "Hard", "Good", "Easy", "Undo", "Suspend", "Bury", "Edit notes", "Back to today", "Quit",
                "Keys"} <= set(rows)
        assert any(d.startswith("Show the answer; space or enter again rates it Good") for d in rows)
        assert not rows["Good"].enabled  # listed, but idle until the answer shows
        await press(pilot, "escape")
        assert isinstance(app.screen, ReviewScreen)
        await press(pilot, "space", "question_mark")
        assert {row.description: row for row in app.screen.rows}["Good"].enabled
        await press(pilot, "question_mark")
        assert isinstance(app.screen, ReviewScreen)

    drive(app, scenario)


def test_a_service_error_is_a_notification_not_a_crash(app: PrepApp, service: PrepService,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise PrepError("the database is read-only; check its permissions.")

    monkeypatch.setattr(service, "answer", fail)

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter", "space", "3")
        assert isinstance(app.screen, ReviewScreen) and answer_shown(app)
        [notice] = app._notifications
        assert notice.severity == "error" and notice.message == "the database is read-only; check its permissions."

    drive(app, scenario)


def test_e_opens_the_editor_at_the_cards_line_and_reimports(app: PrepApp, notes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def editor(args: list[str], check: bool) -> None:  # the user rewords a fact and saves
        calls.append(args)
        notes.write_text(notes.read_text().replace("encoder-only, google 2018", "encoder-only; Google, 2018"))

    monkeypatch.setenv("EDITOR", "nvim -u NONE")
    monkeypatch.setattr("prep.tui.external_editor.subprocess.run", editor)
    # The headless test driver cannot hand the terminal over; the real one can.
    monkeypatch.setattr(PrepApp, "suspend", lambda self: contextlib.nullcontext())

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter")
        card_id = app.screen.card.id
        await press(pilot, "e")
        assert calls == [["nvim", "-u", "NONE", "+4", str(notes.resolve())]]  # the fact's own line
        assert app.screen.card.id == card_id and app.screen.card.back == "encoder-only; Google, 2018"
        assert "Notes saved · 1 updated · 0 added" in notices(app)  # only the card of the fact that changed

    drive(app, scenario)


def test_a_first_launch_says_how_to_import_and_offers_the_builtin_deck(service: PrepService, now: datetime) -> None:
    app = PrepApp(service, lambda: now)

    async def scenario(pilot: Pilot) -> None:
        hint = str(app.screen.query_one("#today-hint").render())
        assert "prep import" in hint and "press a to add the built-in deck" in hint
        assert "All done" not in hint
        await press(pilot, "enter")
        assert isinstance(app.screen, TodayScreen)  # nothing to start
        await press(pilot, "a")
        assert service.decks.builtin_names() and service.today(now).new == service.config.new_per_day
        assert app.screen.query_one(StatBoard).value("new") == str(service.config.new_per_day)
        assert "Enter: start review" in str(app.screen.query_one("#today-hint").render())
        await press(pilot, "a")  # offered once: with cards the key is gone
        assert service.today(now).new == service.config.new_per_day

    drive(app, scenario)


def test_importing_ones_own_notes_does_not_bring_the_builtin_deck(service: PrepService, notes: Path, now: datetime) -> None:
    service.import_paths([notes], now)
    service.sync_builtin(now)  # what every start of the TUI does
    assert {row.name for row in service.decks.rows(now)} == {"ml"}
    app = PrepApp(service, lambda: now)

    async def scenario(pilot: Pilot) -> None:
        assert "press a" not in str(app.screen.query_one("#today-hint").render())
        await press(pilot, "a")
        assert {row.name for row in service.decks.rows(now)} == {"ml"}

    drive(app, scenario)


def test_a_review_of_the_builtin_deck(service: PrepService, tmp_path: Path, now: datetime) -> None:
    service.add_builtin(now, ROOT / "decks")
    app = PrepApp(service, lambda: now)

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter")
        card = service.next_card(now)
        assert front(app) == card.front
        await press(pilot, "space", "3")
        assert service.today(now).reviewed == 1
        assert front(app) == service.next_card(now).front

    drive(app, scenario, size=(100, 30))


def test_review_screen_snapshot(app: PrepApp, snap_compare) -> None:
    async def reveal(pilot: Pilot) -> None:
        await pilot.pause()
        await press(pilot, "enter", "space")

    assert snap_compare(app, terminal_size=(100, 30), run_before=reveal)


def test_the_review_screen_survives_its_phase_being_read_before_it_is_composed(app: PrepApp) -> None:
    """Enter pressed the moment Today is painted: the footer can ask the new screen's check_action (which reads
    `phase`) before the screen has composed. That crashed with NoMatches('#answer'); the front must show."""

    async def scenario(pilot: Pilot) -> None:
        screen = ReviewScreen(app.service, app.clock)
        assert screen.check_action("copy_text", ()) is True  # reads `phase` before compose
        await app.push_screen(screen)
        await pilot.pause()
        assert screen.card is not None and front(app) == screen.card.front and not answer_shown(app)
        await press(pilot, "space")
        assert answer_shown(app)

    drive(app, scenario)
