"""Today's numbers (prep.tui.widgets.StatBoard): Textual's big digits, six across or three by two, in one widget."""

from __future__ import annotations

from datetime import datetime

import pytest
from rich.console import Console
from rich.style import Style
from textual.pilot import Pilot
from textual.renderables.digits import Digits

from prep.service import PrepService
from prep.tui.app import PrepApp
from prep.tui.widgets import StatBoard, big_digits, column_widths
from tests.conftest import DECK
from tests.pilot import IdleGrader, drive


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("text", ["0", "20", "1234567890", "-", "12.5", "3x", "A€"])
def test_the_digits_are_textuals_own(text: str, bold: bool) -> None:
    console = Console(width=80, record=True)
    drawn = console.render_lines(Digits(text, Style(bold=bold)), pad=False)
    assert [line.rstrip() for line in ("".join(segment.text for segment in row) for row in drawn)] == \
        [row.rstrip() for row in big_digits(text, bold)]
    assert Digits.get_width(text) == len(big_digits(text)[0])


@pytest.mark.parametrize(("total", "columns"), [(74, 6), (54, 3), (10, 3), (7, 6), (0, 3)])
def test_columns_share_the_width_with_one_column_between_them(total: int, columns: int) -> None:
    widths = column_widths(total, columns, gutter=1)
    assert len(widths) == columns and sum(widths) == max(0, total - (columns - 1))
    assert max(widths) - min(widths) <= 1


def test_the_board_takes_two_rows_of_three_on_a_narrow_screen_and_one_row_when_wide(service: PrepService, now: datetime) -> None:
    service.import_paths([DECK], now)
    app = PrepApp(service, lambda: now, grader=IdleGrader())  # type: ignore[arg-type]

    def rows_of(board: StatBoard) -> list[str]:
        return [strip.text for strip in board.render_lines(board.region.reset_offset)]

    async def scenario(pilot: Pilot) -> None:
        board = app.screen.query_one(StatBoard)
        assert board.region.height == 4 and board.value("new") == "20"
        lines = rows_of(board)
        assert "new" in lines[3] and "streak" in lines[3] and big_digits("20")[0] in lines[0]
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        assert board.region.height == 8
        lines = rows_of(board)
        assert "review" in lines[3] and "drills" in lines[7] and "streak" in lines[7]
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert board.region.height == 4
        board.update("new", "7")
        await pilot.pause()
        assert big_digits("7")[1] in rows_of(board)[1] and board.value("new") == "7"

    drive(app, scenario, size=(100, 30))
