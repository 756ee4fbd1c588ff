"""The drills catalog as a table: where each drill stands, and Enter to work on one.

Today's drills come first, marked; then the rest by the day they come back, then by level, as a study plan reads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from prep.drills.catalog import DIFFICULTIES
from prep.drills.client import GraderClient
from prep.practice.drill_service import DrillRow
from prep.service import PrepService
from prep.tui.errors import notifies_prep_errors
from prep.tui.screens.drill import DrillScreen, short_date
from prep.tui.widgets import SteadyLayout

# The name first, whole, as LeetCode lists problems: a narrow screen scrolls to the numbers rather than cutting it.
COLUMNS = ("", "Drill", "Status", "Level", "Back on", "Last run", "Runs")
STATUS_STYLES = {"new": "dim", "due": "bold $warning", "passed": "$success", "failed": "$error", "gave up": "$error"}
TODAY_MARK = "●"


def cells(row: DrillRow) -> tuple[str | Content, ...]:
    back_on = "today" if row.today or row.status == "due" else short_date(row.due) if row.due else "—"
    return (Content.styled(TODAY_MARK, "bold $accent") if row.today else "", row.title,
            Content.styled(row.status, STATUS_STYLES[row.status]), row.difficulty, back_on, row.last_result or "—",
            str(row.attempts))


def study_order(row: DrillRow) -> tuple[bool, date, int, str]:
    """Today's drills first, then by the day each comes back (never rated: last), then easiest first."""
    return not row.today, row.due or date.max, DIFFICULTIES.index(row.difficulty), row.title.lower()


class DrillsScreen(SteadyLayout, Screen[None]):
    BINDINGS = [
        # Priority: the table would otherwise take Enter for its own (unlabelled) select.
        Binding("enter", "open_drill", "Open drill", id="open-drill", priority=True),
        Binding("escape", "back", "Back to today", id="back"),
    ]

    def __init__(self, service: PrepService, clock: Callable[[], datetime], grader: GraderClient) -> None:
        super().__init__()
        self.service = service
        self.clock = clock
        self.grader = grader

    def compose(self) -> ComposeResult:
        yield Static("prep · drills", classes="top-line")
        table: DataTable[str | Content] = DataTable(id="drills-table", cursor_type="row", zebra_stripes=True)
        table.border_title = "Coding drills"
        table.border_subtitle = f"{TODAY_MARK} today · graded by hidden tests"
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)

    # Runs on the first show and whenever a drill closes, so its new status shows; the cursor stays on it.
    @notifies_prep_errors
    def on_screen_resume(self) -> None:
        table = self.query_one(DataTable)
        selected = self.selected_slug()
        table.clear()
        for row in sorted(self.service.drills.rows(self.clock()), key=study_order):
            table.add_row(*cells(row), key=row.slug)
        if selected is not None:
            table.move_cursor(row=table.get_row_index(selected))

    def selected_slug(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:  # a click on the selected row
        await self.open_drill(event.row_key.value)

    async def action_open_drill(self) -> None:
        slug = self.selected_slug()
        if slug is not None:
            await self.open_drill(slug)

    @notifies_prep_errors
    def open_drill(self, slug: str) -> None:
        self.app.push_screen(DrillScreen(self.service, self.clock, self.grader, slug))

    def action_back(self) -> None:
        self.dismiss()
