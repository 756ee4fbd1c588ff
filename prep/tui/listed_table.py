"""A DataTable for long lists: given every row at once, it puts them in the table a chunk at a time, as the cursor
or the scroll comes near the end of those already in.

Textual's DataTable measures and styles each row it is given: two thousand rows cost most of a second, on each
key typed in the browser's search line (bench/keypress.py). A screen shows a few dozen of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from textual.coordinate import Coordinate
from textual.widgets import DataTable

T = TypeVar("T")

CHUNK = 40  # rows put in at a time at the least
_NO_ROW = Coordinate(-2, -2)  # a cursor on no row at all (the header's row is -1)


class ListedTable(DataTable, Generic[T]):
    def __init__(self, cells: Callable[[T], Sequence[object]], key: Callable[[T], str],
                 moved: Callable[[], None] | None = None, **kwargs: object) -> None:
        """`moved` is called as the cursor moves, before the frame that shows it: what follows the cursor (a preview)
        changes in that frame, rather than in the next (RowHighlighted comes after the table's frame, and the next
        frame waits for Textual's frame timer: a cursor key was two frames apart, some 30 ms, bench/keypress.py)."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._cells, self._key, self._moved = cells, key, moved
        self._items: Sequence[T] = ()
        self._index: dict[str, int] = {}

    def show_items(self, items: Sequence[T], keep: str | None = None) -> None:
        """Show `items`, with the cursor on the row of key `keep` when it is among them."""
        if items == self._items and (keep is None or self._index.get(keep) == self.cursor_row):
            return  # the same rows (a word typed further that matches the same cards): nothing to put in again
        self._items = ()  # the cursor's reset by clear asks for more rows: none of the old list
        self.clear()
        self._items = items
        self._index = {self._key(item): n for n, item in enumerate(items)}
        at = self._index.get(keep) if keep is not None else None
        self.fill((at or 0) + self.chunk())
        if at is not None:
            self.move_cursor(row=at, animate=False, scroll=True)

    @property
    def listed(self) -> int:
        """How many rows are to be listed in all (those put in the table so far: row_count)."""
        return len(self._items)

    def fill(self, rows: int) -> None:
        """Put the rows in, up to the first `rows` of them."""
        if self._filling:
            return  # a row put in moves the cursor, which asks for more: those asked for first are being put in
        self._filling = True
        try:
            for item in self._items[self.row_count:min(rows, len(self._items))]:
                self.add_row(*self._cells(item), key=self._key(item))
        finally:
            self._filling = False

    _filling = False

    def chunk(self) -> int:
        """Rows put in at a time: two screens of them."""
        return max(CHUNK, 2 * self.size.height)

    def _more_near(self, row: int) -> None:
        if row + self.size.height >= self.row_count:
            self.fill(row + self.size.height + self.chunk())

    def watch_cursor_coordinate(self, old_coordinate, new_coordinate) -> None:  # DataTable's
        super().watch_cursor_coordinate(old_coordinate, new_coordinate)
        self._more_near(new_coordinate.row)
        if self._moved is not None:
            self._moved()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._more_near(int(new_value))

    def _size_updated(self, size, virtual_size, container_size, layout: bool = True) -> bool:
        # Textual's ScrollView takes each layout of the screen for a resize (it compares its container's size with its
        # own, less the scrollbars): the table's scrollbars, and so the whole table, were painted again whenever
        # anything on the screen changed size, as the preview does on each key. The same sizes again: nothing to do.
        given = (size, virtual_size, container_size, self.virtual_size)
        if given == self._last_sizes:
            return False
        self._last_sizes = given
        return super()._size_updated(size, virtual_size, container_size, layout)

    _last_sizes: tuple[object, ...] | None = None

    def _render_line_in_row(self, row_key, line_no, base_style, cursor_location, hover_location):
        # DataTable's own keeps a row's drawing under a key that holds the cursor's (and the mouse's) place: each move
        # of the cursor drew every row on screen again, and a list that scrolls with the cursor (every line new) spent
        # a third of its frame on it (bench/keypress.py, browser_cursor_down). With a row cursor a row looks the same
        # wherever the cursor is, unless the cursor is on it: the others are drawn as for a cursor on no row.
        if self.cursor_type == "row":
            row = self._row_locations.get(row_key)
            if row is None or cursor_location.row != row:
                cursor_location = _NO_ROW
            if row is None or hover_location.row != row:
                hover_location = _NO_ROW
        return super()._render_line_in_row(row_key, line_no, base_style, cursor_location, hover_location)

    def action_scroll_bottom(self) -> None:
        self.fill(len(self._items))  # the last row is the last of them all
        super().action_scroll_bottom()
