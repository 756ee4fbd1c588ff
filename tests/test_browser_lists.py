"""The browser keeps up with typing on a large collection: words typed are matched against the cards the last
search read (no read of the collection per key), any change to the cards is read again, and a long list makes the
cells of its rows as they come into view, every card still reachable."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from rich.text import Text
from sqlalchemy import event
from textual.pilot import Pilot

from prep.service import PrepService
from prep.tui.app import PrepApp
from prep.tui.listed_table import ListedTable
from prep.tui.screens.browser import BrowserScreen
from tests.conftest import write
from tests.pilot import drive, footer_composes, press, searched
from tests.test_tui import config, idle_grader  # noqa: F401 - fixtures: cards alone, no grader process

CARDS = 150  # more than the table is given at once


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    facts = "\n".join(f"Which layer reads the [CLS] vector in model {n}? :: the classifier head number {n}"
                      for n in range(CARDS))
    return write(tmp_path / "notes" / "many.md", f"# Heads\n\n{facts}\n")


async def browse(pilot: Pilot, *keys: str) -> BrowserScreen:
    """The browser opened from Today (then `keys` pressed): its screen."""
    await press(pilot, "b", *keys)
    screen = pilot.app.screen
    assert isinstance(screen, BrowserScreen)
    return screen


def statements(service: PrepService) -> list[str]:
    """The SQL statements the service runs from now on (a list that grows)."""
    seen: list[str] = []
    event.listen(service._engine, "before_cursor_execute",  # the engine is what is watched
                 lambda _conn, _cursor, statement, *_: seen.append(statement))
    return seen


def test_typed_words_search_the_cards_read_last_and_a_change_is_read_again(service: PrepService, notes: Path,
                                                                           now: datetime) -> None:
    service.import_paths([notes], now)
    browser = service.browser
    assert browser.search("", now).matched == CARDS
    ran = statements(service)
    typed = "model 12"
    for end in range(1, len(typed) + 1):  # as the browser searches while the words are typed: nothing is read
        found = browser.search(typed[:end], now, reread=False)
        assert found == browser.search(typed[:end], now)  # the same as a search that reads the cards again
        ran.clear()
        browser.search(typed[:end], now, reread=False)
        assert ran == []
    assert {row.question for row in found.rows} == {f"Which layer reads the [CLS] vector in model {n}?"
                                                    for n in range(CARDS) if "12" in str(n)}
    # A filter is SQL: another filter reads the cards again, and a change made meanwhile shows.
    card = found.rows[0]
    service.cards.apply("suspend", card.id, now)
    assert [row.id for row in browser.search("is:suspended", now, reread=False).rows] == [card.id]
    assert browser.search(typed, now).rows[0].suspended  # a search that reads again (after a change) sees it


def test_a_long_list_makes_its_rows_as_they_come_into_view_and_every_card_is_reachable(
        service: PrepService, notes: Path, now: datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    service.import_paths([notes], now)
    app = PrepApp(service, lambda: now)
    made: list[str] = []
    cells = BrowserScreen.cells

    def counted(screen: BrowserScreen, row: object) -> tuple[object, ...]:
        made.append(row.id)
        return cells(screen, row)

    monkeypatch.setattr(BrowserScreen, "cells", counted)

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "b")
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        table = screen.query_one(ListedTable)
        in_view = table.scrollable_content_region.height - 1  # rows under the header
        assert table.row_count == CARDS and 0 < len(made) <= in_view + 1  # on screen (and the next), not all
        for _ in range(in_view + 5):  # down, past the rows on screen: the list scrolls
            await pilot.press("down")
        await pilot.pause()
        assert table.cursor_row == in_view + 5 and screen.selected().id == screen.found.rows[in_view + 5].id
        assert in_view + 6 <= len(set(made)) <= in_view + 7 and table.scroll_y == 6
        await press(pilot, "ctrl+end")  # the last card of them all
        assert screen.selected().id == screen.found.rows[-1].id and len(set(made)) < CARDS
        # Cells are text as written: "[CLS]" is not taken for markup.
        question = screen.cells(table.items[0])[4]
        assert isinstance(question, Text) and "[CLS]" in question.plain
        assert "[CLS]" in "".join(strip.text for strip in table.render_lines(table.region.reset_offset))
        # The card picked at the end stays picked when the list is read again (after a change).
        await press(pilot, "s")
        assert table.cursor_row == CARDS - 1 and screen.selected().suspended

    drive(app, scenario, size=(160, 30))  # wide enough for the question's "[CLS]"


def test_a_screen_under_the_browser_does_not_compose_its_keys_again(service: PrepService, notes: Path, now: datetime,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Today's footer, hidden under the browser, took each focus change there for its own (a search line takes q
    and ?) and composed its keys again, then again on the way back."""
    from textual.widgets._footer import FooterKey

    service.import_paths([notes], now)
    app = PrepApp(service, lambda: now)
    composed = footer_composes(monkeypatch)

    async def scenario(pilot: Pilot) -> None:
        today = app.screen
        before = [key.action for key in today.query(FooterKey)]
        await press(pilot, "b", "slash", "m", "o", "escape", "down")  # the search line focused, then the list
        assert isinstance(app.screen, BrowserScreen)
        composed.clear()
        await press(pilot, "escape")
        assert app.screen is today and "TodayScreen" not in composed
        assert [key.action for key in today.query(FooterKey)] == before and {"quit", "help"} <= set(before)

    drive(app, scenario, size=(100, 30))


def test_a_key_typed_in_the_search_only_echoes_and_the_list_follows_when_typing_pauses(
        service: PrepService, notes: Path, now: datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    """As in Anki the search runs when asked for: here when typing pauses, or at once on Enter or Esc. A key typed
    is only echoed into the line, however many cards there are."""
    from textual.widgets import Input

    service.import_paths([notes], now)
    app = PrepApp(service, lambda: now)
    searches: list[str] = []
    search = service.browser.search

    def counting(text: str, *args: object, **kwargs: object) -> object:
        searches.append(text)
        return search(text, *args, **kwargs)

    monkeypatch.setattr(service.browser, "search", counting)

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "b")
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        table, line = screen.query_one(ListedTable), screen.query_one(Input)
        monkeypatch.setattr("prep.tui.screens.browser.SEARCH_PAUSE_S", 3600)  # typing that never pauses
        searches.clear()
        await press(pilot, "slash", *"model 12")
        assert line.value == "model 12" and searches == [] and table.row_count == CARDS and screen.search_pending
        await press(pilot, "enter")  # searched at once, the list focused
        assert searches == ["model 12"] and not screen.search_pending and table.has_focus
        assert screen.found == search("model 12", now) and 0 < screen.found.matched < CARDS
        assert table.row_count == screen.found.matched
        await press(pilot, "slash", "end", "backspace", "escape")  # Esc: the list follows before a key acts on its cards
        assert searches[-1] == "model 1" and table.has_focus and table.row_count == screen.found.matched > 11
        monkeypatch.setattr("prep.tui.screens.browser.SEARCH_PAUSE_S", 0.01)  # typing that pauses
        await press(pilot, "slash", "end", "4", "9")
        await searched(pilot)
        assert searches[-1] == "model 149" and [row.question for row in screen.found.rows] == [
            "Which layer reads the [CLS] vector in model 149?"] and line.has_focus
        assert table.row_count == 1

    drive(app, scenario, size=(100, 30))


def test_the_list_is_drawn_as_afresh_after_the_cursor_moved_and_scrolled(service: PrepService, notes: Path,
                                                                          now: datetime) -> None:
    """Rows keep their drawing while the cursor moves (prep.tui.listed_table): what is on screen after moves down past
    the bottom and back up, and after a change of focus, is what the list draws from nothing, the cursor's row alone
    lit."""
    service.import_paths([notes], now)
    app = PrepApp(service, lambda: now)

    def drawn(table: ListedTable) -> list[list[tuple[str, object]]]:
        return [[(segment.text, segment.style) for segment in strip] for strip in table.render_lines(table.region.reset_offset)]

    def as_drawn_afresh(table: ListedTable) -> list[list[tuple[str, object]]]:
        """The list drawn again with every drawing it kept forgotten."""
        table._forget(widths=True)
        table._styles_cache = type(table._styles_cache)()
        return drawn(table)

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "b")
        table = app.screen.query_one(ListedTable)
        for key in ["down"] * 30 + ["up"] * 4 + ["down"]:  # the list scrolls: every line on screen is another row
            await pilot.press(key)
        await pilot.pause()
        assert table.cursor_row == 27 and table.scroll_y > 0
        ours = drawn(table)
        assert ours == as_drawn_afresh(table)
        backgrounds = [{style.bgcolor for _, style in line[1:-1] if style is not None} for line in ours[2:-1]]
        lit = [n for n, colours in enumerate(backgrounds) if sum(colours == other for other in backgrounds) == 1]
        assert lit == [table.cursor_row - int(table.scroll_y)]  # one row lit, the cursor's (under the border, header)
        # The search line focused: the list's border and cursor in their unfocused colours; then back and on down.
        await press(pilot, "slash")
        assert not table.has_focus and drawn(table) != ours and drawn(table) == as_drawn_afresh(table)
        await press(pilot, "escape", "down", "down", "up")
        assert table.has_focus and drawn(table) == as_drawn_afresh(table)

    drive(app, scenario, size=(100, 30))


def test_the_preview_edge_names_the_card_under_the_cursor_after_each_move(service: PrepService, notes: Path,
                                                                         now: datetime) -> None:
    """The preview's bottom edge (kind · file:line) is drawn again alone on each move (prep.tui.screens.browser
    edge_label), and always names the card the cursor is on, also after the answer is shown and hidden."""
    service.import_paths([notes], now)
    app = PrepApp(service, lambda: now)

    def edge(screen: BrowserScreen) -> str:
        preview = screen.query_one("#browse-preview")
        return preview.render_lines(preview.outer_size.region)[-1].text

    async def scenario(pilot: Pilot) -> None:
        screen = await browse(pilot)
        for key in ["down"] * 3 + ["space"] + ["down"] * 30 + ["space", "up"]:
            await press(pilot, key)
            at = screen.query_one(ListedTable).cursor_row
            # The cards on either side were read once the frame was painted: the next key's preview is in memory.
            assert {row.id for row in screen.found.rows[max(0, at - 1):at + 2]} <= set(screen.previews)
            row = screen.selected()
            assert f"many.md:{row.source_line}" in edge(screen), (key, edge(screen))
            assert edge(screen).count("many.md") == 1

    drive(app, scenario, size=(100, 30))


def test_the_preview_is_laid_out_again_when_a_card_is_taller_or_shorter(service: PrepService, tmp_path: Path,
                                                                         now: datetime) -> None:
    """The preview's texts are updated without a layout of the screen when their height stays (prep.tui.screens.browser
    in_place); a taller or shorter question moves the answer below it, never under it."""
    facts = [f"What is head {n}? :: head {n}" if n % 2 else
             f"Which part of a transformer block reads the vector of the first token and turns it into class scores in "
             f"model {n}? :: the classifier head {n}" for n in range(6)]
    notes = write(tmp_path / "notes" / "heights.md", "# Heads\n\n" + "\n".join(facts) + "\n")
    service.import_paths([notes], now)
    app = PrepApp(service, lambda: now)

    async def scenario(pilot: Pilot) -> None:
        screen = await browse(pilot, "space")
        front, answer = screen.query_one("#preview-front"), screen.query_one("#preview-answer")
        heights = set()
        for key in ["down"] * 5 + ["up"] * 2:
            await press(pilot, key)
            heights.add(front.region.height)
            assert front.region.height == front.get_content_height(front.size, front.size, front.size.width)
            assert answer.region.y >= front.region.bottom  # the answer below the question, whatever its height
            shown = " ".join("".join(strip.text for strip in front.render_lines(front.size.region)).split())
            assert shown == " ".join(screen.selected().question.split())  # the question of the card under the cursor
        assert len(heights) == 2

    drive(app, scenario, size=(100, 30))


def test_closing_the_browser_on_the_key_after_a_move_is_quiet(service: PrepService, notes: Path, now: datetime) -> None:
    """The read-ahead waits for the frame; the browser closed in between (a move, then Esc at once) leaves it nothing
    to read and no error."""
    service.import_paths([notes], now)
    app = PrepApp(service, lambda: now)

    async def scenario(pilot: Pilot) -> None:
        browser = await browse(pilot)
        await pilot.press("down", "escape")
        await pilot.pause()
        assert app.screen is not browser and app.is_running
        browser.read_ahead()  # as the callback would, once the screen is gone

    drive(app, scenario, size=(100, 30))


def test_keys_typed_at_once_after_the_search_key_go_into_the_search(service: PrepService, notes: Path,
                                                                    now: datetime) -> None:
    """'/' then a word typed fast (or pasted) reaches the terminal in one burst: the word is the search's, not keys of
    the list (s suspended the card, o sorted, f forgot); Esc then a key in one burst acts on the list again."""
    from textual import events
    from textual.widgets import Input

    service.import_paths([notes], now)
    app = PrepApp(service, lambda: now)

    def burst(*keys: tuple[str, str | None]) -> None:
        for name, character in keys:
            app.post_message(events.Key(name, character))  # queued together, as a terminal's burst is read

    async def scenario(pilot: Pilot) -> None:
        screen = await browse(pilot)
        burst(("slash", "/"), ("s", "s"), ("o", "o"), ("f", "f"), ("t", "t"))
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one(Input).value == "soft" and screen.order is None and screen.history == []
        burst(("slash", "/"), ("x", "x"))  # within the search line, '/' is typed like any other character
        await pilot.pause()
        assert screen.query_one(Input).value == "soft/x"
        burst(*[("backspace", None)] * 2)
        burst(("escape", None), ("down", None))
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one(ListedTable).has_focus and screen.query_one(Input).value == "soft"

    drive(app, scenario, size=(100, 30))


def test_the_preview_names_the_headings_of_each_card_across_topics(service: PrepService, tmp_path: Path,
                                                                  now: datetime) -> None:
    """The headings above the preview are drawn again only when they change (the cards of one topic follow each
    other), and always name the card under the cursor: across topics, and after a search that matched nothing."""
    notes = write(tmp_path / "notes" / "two.md", "# Heads\n\nWhat is head 1? :: one\n\nWhat is head 2? :: two\n\n"
                                                 "# Tails\n\nWhat is tail 1? :: one\n")
    service.import_paths([notes], now)
    app = PrepApp(service, lambda: now)

    def trail(screen: BrowserScreen) -> str:
        crumbs = screen.query_one("#preview-crumbs")
        return "".join(strip.text for strip in crumbs.render_lines(crumbs.size.region)).strip()

    async def scenario(pilot: Pilot) -> None:
        screen = await browse(pilot)
        seen = []
        for key in ["down", "down", "up", "up"]:
            seen.append((screen.selected().topic, trail(screen)))
            await press(pilot, key)
        assert [shown for _, shown in seen] == ["Heads", "Heads", "Tails", "Heads"]
        await press(pilot, "slash", *"zzz", "enter")
        await searched(pilot)
        assert screen.selected() is None and trail(screen) == ""
        await press(pilot, "slash", "backspace", "enter")
        await searched(pilot)
        assert trail(screen) == "Heads"

    drive(app, scenario, size=(100, 30))
