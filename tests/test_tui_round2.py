"""Daily use, second round, in the TUI: the status line after sibling burying, screens that keep up with the
collection, decks, settings, the browser, help; pilots on a real SQLite file with a fixed clock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from prep.service import PrepService
from prep.settings import paths
from prep.settings.config import SETTINGS, Config, load_config, set_value
from prep.tui.app import PrepApp
from prep.tui.listed_table import ListedTable
from prep.tui.screens.browser import BrowserScreen
from prep.tui.screens.decks import DeckPicker
from prep.tui.screens.help import HelpScreen
from prep.tui.screens.settings import SettingsScreen
from prep.tui.screens.today import TodayScreen
from prep.tui.widgets import StatBoard
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


ML = """\
# Models

What does BERT read? :: the whole sentence, both ways
What does GPT-2 read? :: the words before, left to right
What does BLEU measure? :: n-gram precision against references
"""
OPTIM = """\
# Optimisers

What does Adam keep per parameter? :: running means of the gradient and of its square
What does weight decay shrink? :: the weights, towards zero
"""
MORE = """\
# Tokenizers

What does BPE merge? :: the most frequent pair of symbols
What does a tokenizer's vocabulary hold? :: its subword units
"""


@pytest.fixture
def two_decks(service: PrepService, tmp_path: Path, now: datetime) -> PrepApp:
    service.import_paths([write(tmp_path / "notes" / "ml.md", ML), write(tmp_path / "notes" / "optim.md", OPTIM)], now)
    return PrepApp(service, lambda: now)


def number(app: PrepApp, field: str) -> str:
    return app.screen.query_one(StatBoard).value(field)


async def look(app: PrepApp, pilot: Pilot) -> None:
    """What the app's timer does every few seconds: ask whether the collection changed, and reread if so."""
    app.watch_collection()
    await app.workers.wait_for_complete()
    await pilot.pause()


def test_today_keeps_up_with_another_prep(two_decks: PrepApp, database, tmp_path: Path, now: datetime) -> None:
    app = two_decks

    async def scenario(pilot: Pilot) -> None:
        await pilot.pause(0.2)  # the numbers after the first moment
        assert number(app, "new") == "5"
        await look(app, pilot)  # the first look only takes the collection's mark
        other = PrepService(database, Config(enable_fuzzing=False, schedule_suggestions=True), tz=app.service.tz)
        try:
            other.import_paths([write(tmp_path / "notes" / "tok.md", MORE)], now)  # `prep import` from a second shell
            await look(app, pilot)
            assert number(app, "new") == "7"
            other.decks.set_enabled("optim", False)  # `prep decks disable optim`
            await look(app, pilot)
            assert number(app, "new") == "5"
        finally:
            other.close()
        set_value(paths.config_file(), "new_per_day", "1")  # `prep config set new_per_day 1`
        try:
            await look(app, pilot)
            assert app.service.config.new_per_day == 1 and number(app, "new") == "2"  # one per studied deck
        finally:
            paths.config_file().unlink()
        await look(app, pilot)  # the file gone: the defaults again
        assert number(app, "new") == "5"

    drive(app, scenario)


def test_the_deck_picker_enables_limits_and_is_remembered(two_decks: PrepApp, service: PrepService, now: datetime) -> None:
    app = two_decks

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "k")
        assert isinstance(app.screen, DeckPicker)
        text = str(app.screen.query_one(OptionList).get_option_at_index(1).prompt)
        assert "ml" in text and "3 new" in text and "20/day*" in text
        await press(pilot, "down", "x")  # ml disabled
        assert not {r.name: r for r in service.decks.rows(now)}["ml"].enabled
        assert "disabled" in str(app.screen.query_one(OptionList).get_option_at_index(1).prompt)
        await press(pilot, "enter")  # a disabled deck cannot be studied: it says how to enable it
        assert isinstance(app.screen, DeckPicker) and "x enables it" in str(app.screen.query_one("#deck-problem").render())
        await press(pilot, "x", "down", "l")  # ml enabled again; optim's limit
        field = app.screen.query_one("#deck-limit", Input)
        assert field.has_focus
        field.value = "2o0"
        await press(pilot, "enter")  # refused, as `prep decks limit optim 2o0` is: one line, nothing stored
        assert "'2o0' is not a number of new cards a day" in str(app.screen.query_one("#deck-problem").render())
        assert not {r.name: r for r in service.decks.rows(now)}["optim"].own_limit
        field.value = "1"
        await press(pilot, "enter")
        assert {r.name: r for r in service.decks.rows(now)}["optim"].new_per_day == 1
        await press(pilot, "enter")  # optim studied
        assert isinstance(app.screen, TodayScreen) and app.screen.deck == "optim" and number(app, "new") == "1"

    drive(app, scenario)
    again = PrepApp(service, lambda: now)  # the next start opens on the deck picked last

    async def reopened(pilot: Pilot) -> None:
        assert again.screen.deck == "optim" and number(again, "new") == "1"

    drive(again, reopened)


def test_a_filtered_today_counts_that_decks_cards_alone(two_decks: PrepApp, service: PrepService, now: datetime) -> None:
    for _ in range(3):  # three answers in ml
        card = service.next_card(now, "ml")
        service.answer(card.id, 4, now)
    app = two_decks
    app.deck = "optim"

    async def scenario(pilot: Pilot) -> None:
        await pilot.pause(0.2)
        assert number(app, "reviewed") == "0" and number(app, "new") == "2"
        await press(pilot, "enter", "space", "4", "space", "4")
        await press(pilot, "escape")
        assert number(app, "reviewed") == "2"
        hint = str(app.screen.query_one("#today-hint").render())
        assert "All done for today. Tomorrow: nothing due" in hint  # not ml's reviews or new cards

    drive(app, scenario)


def test_settings_offer_every_setting_and_refuse_what_is_not_a_number(two_decks: PrepApp, now: datetime) -> None:
    app = two_decks

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "o")
        assert isinstance(app.screen, SettingsScreen)
        assert {field.id.removeprefix("setting-") for field in app.screen.query(Input)} == set(SETTINGS)
        ranges = [str(hint.render()) for hint in app.screen.query(".setting-range")]
        assert "0–9999" in ranges and "0–23" in ranges and "0.7 to 0.99" in ranges
        field = app.screen.query_one("#setting-new_per_day", Input)
        for typo in ("1e3", "2o0", "lots"):  # Textual's number field read 1e3 as 13 and 2o0 as 20
            field.value = typo
            field.focus()
            await press(pilot, "ctrl+s")
            problem = str(app.screen.query_one("#settings-problem").render())
            assert problem == "new_per_day must be a whole number from 0 to 9999." and field.value == typo
            assert isinstance(app.screen, SettingsScreen) and not paths.config_file().exists()
        field.value = "7"
        app.screen.query_one("#setting-learning_steps", Input).value = "2m 15m"
        app.screen.query_one("#setting-bury_siblings", Input).value = "false"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        config = app.service.config
        assert config.new_per_day == 7 and not config.bury_siblings and [s.seconds for s in config.learning_steps] == [120, 900]
        assert load_config(paths.config_file()) == config

    try:
        drive(app, scenario)
    finally:
        paths.config_file().unlink(missing_ok=True)


LONG = """\
# Formulas

- $$softmax(x)_i = exp(x_i) / sum_j exp(x_j)$$
- Problem 1: the gradient vanishes in deep nets :: residual connections

What is the `snake_case` name of BERT's loss? :: masked_lm_loss
"""


def test_the_browser_lists_first_lines_sorts_and_keeps_the_selection_in_view(service: PrepService, tmp_path: Path,
                                                                              now: datetime) -> None:
    from datetime import timedelta

    service.import_paths([write(tmp_path / "notes" / "ml.md", ML), write(tmp_path / "notes" / "f.md", LONG)], now)
    ids = [card["id"] for card in service.export_cards()]
    service.answer(ids[0], 4, now - timedelta(days=3))  # Easy: a review card, a long interval
    service.answer(ids[1], 3, now - timedelta(hours=1))  # Good: learning, minutes
    service.answer(ids[2], 1, now - timedelta(hours=2))  # Again twice
    app = PrepApp(service, lambda: now)

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "b")
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        questions = [row.question for row in screen.found.rows]
        assert any("softmax(x)_i" in q for q in questions)  # the underscore kept
        assert any(q.startswith("What is the snake_case name") for q in questions)  # its first line, marks dropped
        table = screen.query_one(ListedTable)
        assert [column.label for column in table.columns] == ["State", "Due", "Ivl", "Lapses", "Question", "Deck"]
        await press(pilot, "o")  # by due: answered cards first, new ones last in their notes' order
        assert screen.order == "due" and all(row.due is not None for row in screen.found.rows[:3])
        assert all(row.due is None for row in screen.found.rows[3:]) and "by due" in str(screen.query_one("#browse-status").render())
        await press(pilot, "o")  # by interval
        intervals = [row.interval for row in screen.found.rows if row.interval is not None]
        assert screen.order == "interval" and intervals == sorted(intervals) and len(intervals) == 3
        await press(pilot, "O")  # reversed: the longest first
        assert screen.found.rows[0].id == ids[0]
        await press(pilot, "o", "o", "o")  # lapses, date added, then the notes' order again
        assert screen.order is None
        await press(pilot, "end")
        last = screen.selected_id()
        await pilot.resize_terminal(60, 14)
        await pilot.pause(0.1)
        await pilot.pause()
        assert screen.selected_id() == last and table.cursor_row in range(
            int(table.scroll_y), int(table.scroll_y) + table.scrollable_content_region.height)  # still in view

    drive(app, scenario, size=(100, 30))


@pytest.mark.parametrize("width", [60, 80, 100])
def test_footers_fit_and_the_help_lists_every_key(two_decks: PrepApp, width: int) -> None:
    from textual.widgets._footer import FooterKey

    app = two_decks

    async def scenario(pilot: Pilot) -> None:
        for keys in ([], ["enter"], ["escape", "b"]):
            await press(pilot, *keys)
            shown = list(app.screen.query(FooterKey))
            used = sum(len(key.key_display) + 2 + len(key.description) + 1 for key in shown)
            assert used <= width and {"quit", "help"} <= {key.action for key in shown}  # whole words, ? always there
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = {row.description for row in app.screen.rows}
        assert {"Sort by due, interval, lapses, date added, then the notes' order again", "Reverse the order of the list"} <= listed
        assert any("deck:NAME" in row.keys for row in app.screen.rows)  # the search syntax

    drive(app, scenario, size=(width, 24))


def test_review_help_says_a_second_space_rates_good(two_decks: PrepApp) -> None:
    app = two_decks

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter", "question_mark")
        assert any("again rates it Good" in row.description for row in app.screen.rows)

    drive(app, scenario, size=(60, 20))


def test_the_browser_rereads_when_it_comes_back_on_top(two_decks: PrepApp, database, tmp_path: Path,
                                                       now: datetime) -> None:
    app = two_decks

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "b")
        await app.workers.wait_for_complete()
        assert app.screen.query_one(ListedTable).row_count == 5
        await press(pilot, "question_mark")  # the help over it while another prep imports
        other = PrepService(database, Config(enable_fuzzing=False, schedule_suggestions=True), tz=app.service.tz)
        try:
            other.import_paths([write(tmp_path / "notes" / "tok.md", MORE)], now)
        finally:
            other.close()
        await press(pilot, "escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen) and app.screen.query_one(ListedTable).row_count == 7

    drive(app, scenario)
