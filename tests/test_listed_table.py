"""The browser's list widget (prep.tui.listed_table): its cursor keys, pages, first and last rows, mouse clicks, columns
cut to fit with an ellipsis (no horizontal scrolling), the selected row kept in view when the terminal changes size,
and a click on a header that sorts the browser by that column."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from prep.service import PrepService
from prep.tui.app import PrepApp
from prep.tui.listed_table import Column, ListedTable, layout_columns
from prep.tui.screens.browser import BrowserScreen
from tests.conftest import write
from tests.pilot import drive, press
from tests.test_tui import config, idle_grader  # noqa: F401 - fixtures: cards alone, no grader process

ROWS = [(f"r{n}", f"question number {n} " + "and a long tail of words " * (n % 3) * 2, f"deck{n % 4}") for n in range(100)]
COLUMNS = (Column("Id", measure=lambda row: len(row[0])), Column("Question", flex=True, least=12),
           Column("Deck", measure=lambda row: len(row[2]), drop=1))


class ListApp(App[None]):
    CSS = "ListedTable { height: 1fr; border: round white; }"

    def __init__(self) -> None:
        super().__init__()
        self.moves: list[int] = []  # the cursor's row each time `moved` was called
        self.headers: list[str] = []  # the labels HeaderSelected named

    def compose(self) -> ComposeResult:
        yield ListedTable(COLUMNS, lambda row: [Text(cell) for cell in row], key=lambda row: row[0],
                          moved=lambda: self.moves.append(self.table.cursor_row))

    @property
    def table(self) -> ListedTable:
        return self.query_one(ListedTable)

    def on_mount(self) -> None:
        self.table.show_items(ROWS)
        self.table.focus()

    def on_listed_table_header_selected(self, message: ListedTable.HeaderSelected) -> None:
        self.headers.append(message.label)


def screen_lines(table: ListedTable) -> list[str]:
    """The list as drawn, inside its border."""
    return [strip.text[1:-1] for strip in table.render_lines(table.region.reset_offset)[1:-1]]


def in_view(table: ListedTable) -> range:
    return range(int(table.scroll_y), int(table.scroll_y) + table.scrollable_content_region.height - 1)


def run(scenario, size: tuple[int, int] = (60, 20)) -> ListApp:
    app = ListApp()
    drive(app, scenario, size=size)
    return app


def test_cursor_keys_pages_first_and_last_move_the_cursor_and_keep_it_in_view() -> None:
    async def scenario(pilot: Pilot) -> None:
        app: ListApp = pilot.app
        table = app.table
        rows = table.scrollable_content_region.height - 1  # under the header
        assert table.cursor_row == 0 and app.moves == [0]  # on the first row as the list is shown
        await press(pilot, "up")  # already on the first row: it stays
        assert table.cursor_row == 0 and app.moves == [0]
        await press(pilot, "down", "down", "up")
        assert table.cursor_row == 1 and app.moves == [0, 1, 2, 1] and table.selected_key == "r1"
        for _ in range(rows + 3):  # past the bottom: the list scrolls with the cursor
            await press(pilot, "down")
        assert table.cursor_row == rows + 4 and table.cursor_row in in_view(table) and table.scroll_y == 5
        await press(pilot, "pagedown")
        assert table.cursor_row == 2 * rows + 4 and table.cursor_row in in_view(table)
        await press(pilot, "pageup", "pageup")
        assert table.cursor_row == 4 and table.cursor_row in in_view(table) and table.scroll_y == 0
        await press(pilot, "end")
        assert table.cursor_row == len(ROWS) - 1 and table.selected_key == "r99" and table.cursor_row in in_view(table)
        assert screen_lines(table)[-1].startswith(" r99 ")  # the last row at the bottom of the list
        await press(pilot, "down", "pagedown")  # nothing below the last row
        assert table.cursor_row == len(ROWS) - 1
        await press(pilot, "home")
        assert table.cursor_row == 0 and table.scroll_y == 0
        await press(pilot, "ctrl+end", "ctrl+home")
        assert table.cursor_row == 0 and app.moves[-2:] == [99, 0]

    run(scenario)


def test_a_click_selects_its_row_and_a_click_on_a_header_names_its_column() -> None:
    async def scenario(pilot: Pilot) -> None:
        app: ListApp = pilot.app
        table = app.table
        await pilot.click(ListedTable, offset=(5, 4))  # the border, the header, then the rows: the third row
        await pilot.pause()
        assert table.cursor_row == 2 and app.moves == [0, 2]
        header = screen_lines(table)[0]
        await pilot.click(ListedTable, offset=(1 + header.index("Deck") + 1, 1))
        await pilot.click(ListedTable, offset=(1 + header.index("Question"), 1))
        await pilot.pause()
        assert app.headers == ["Deck", "Question"] and table.cursor_row == 2  # a header click moves no cursor

    run(scenario)


def test_long_cells_are_cut_with_an_ellipsis_and_nothing_scrolls_sideways() -> None:
    async def scenario(pilot: Pilot) -> None:
        table = pilot.app.table
        for width in (100, 60, 40, 24):
            await pilot.resize_terminal(width, 20)
            await pilot.pause()
            lines = screen_lines(table)
            assert len({len(line) for line in lines}) == 1 and width - 2 - 2 < len(lines[0]) <= width - 2  # the border's
            assert table.max_scroll_x == 0 and not table.show_horizontal_scrollbar
            long = lines[3]  # r2: a question with a tail longer than any of these widths
            assert long.startswith(" r2   question num") and long.rstrip().endswith(("…", "deck2"))  # cut, not wrapped
            assert "…" in long and (" deck2" in long) == (width >= 40)  # the deck is left out when the question would be too narrow

    run(scenario)


def test_the_selected_row_stays_in_view_when_the_terminal_shrinks_and_grows() -> None:
    async def scenario(pilot: Pilot) -> None:
        table = pilot.app.table
        await press(pilot, *["down"] * 30)
        for size in ((60, 12), (40, 8), (60, 30), (80, 10)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert table.cursor_row == 30 and table.cursor_row in in_view(table), size
            assert any(line.startswith(" r30 ") for line in screen_lines(table))

    run(scenario, size=(60, 40))


def test_columns_are_laid_out_to_the_width_the_question_taking_the_rest() -> None:
    columns = (Column("State"), Column("Due"), Column("Question", flex=True, least=20), Column("Deck", drop=1))
    widths, spacing = layout_columns(columns, [8, 10, 8, 6], 80)
    assert spacing == 2 and widths == [8, 10, 80 - 4 * 2 - 8 - 10 - 6, 6]
    # Too narrow for two blank cells between columns and a question of 20: one blank cell keeps the deck.
    widths, spacing = layout_columns(columns, [8, 10, 8, 6], 50)
    assert spacing == 1 and widths == [8, 10, 50 - 1 - 4 - 8 - 10 - 6, 6] and widths[2] >= 20
    # Narrower still: the deck goes, and the question takes what is left.
    assert layout_columns(columns, [8, 10, 8, 6], 40) == ([8, 10, 40 - 1 - 9 - 11 - 1, 0], 1)
    # Too narrow for anything to go: the last columns are cut to fit.
    widths, spacing = layout_columns(columns, [8, 10, 8, 6], 16)
    assert sum(w + spacing for w in widths if w) + 2 - spacing <= 16


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    facts = "\n".join(f"What is fact {n}? :: answer {n}" for n in range(6))
    return write(tmp_path / "notes" / "six.md", f"# Facts\n\n{facts}\n")


def test_a_click_on_a_header_sorts_the_browser_by_it_and_again_reverses(service: PrepService, notes: Path,
                                                                        now: datetime) -> None:
    from datetime import timedelta

    service.import_paths([notes], now)
    ids = [card["id"] for card in service.export_cards()]
    for n, card in enumerate(ids[:4]):  # four answered cards, two of them forgotten since
        service.answer(card, 4, now - timedelta(days=30))
        if n % 2:
            service.answer(card, 1, now - timedelta(days=5))
    app = PrepApp(service, lambda: now)

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "b")
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        table = screen.query_one(ListedTable)
        header = screen_lines(table)[0]
        await pilot.click(ListedTable, offset=(1 + header.index("Lapses") + 1, 1))
        await pilot.pause()
        lapses = [row.lapses for row in table.items]
        assert screen.order == "lapses" and not screen.descending and lapses == sorted(lapses) and lapses[-1] > 0
        await pilot.click(ListedTable, offset=(1 + header.index("Lapses") + 1, 1))
        await pilot.pause()
        assert screen.descending and [row.lapses for row in table.items] == sorted(lapses, reverse=True)
        assert "Lapses ↓" in screen_lines(table)[0]  # the column sorted by is marked, as in Anki
        await press(pilot, "o")  # the next order, date added: no column of its own, no mark
        assert screen.order == "added" and "↑" not in screen_lines(table)[0] and "↓" not in screen_lines(table)[0]
        await press(pilot, "o", "o")  # the notes' order again, then by due
        assert screen.order == "due" and "Due ↑" in screen_lines(table)[0]
        assert screen_lines(table)[1].split()[-1] == "six"  # the deck column, beside the question

    drive(app, scenario, size=(120, 30))  # wide enough for the lapses column
