"""A DataTable for long lists: given every row at once, it puts them in the table a chunk at a time, as the cursor
or the scroll comes near the end of those already in.

Textual's DataTable measures and styles each row it is given: two thousand rows cost most of a second, on each
key typed in the browser's search line (bench/keypress.py). A screen shows a few dozen of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from textual._styles_cache import StylesCache
from textual.coordinate import Coordinate
from textual.strip import Strip
from textual.widgets import DataTable

T = TypeVar("T")

CHUNK = 40  # rows put in at a time at the least
_NO_ROW = Coordinate(-2, -2)  # a cursor on no row at all (the header's row is -1)
_LAID_OUT = object()  # marks a cell's layout before its colours in DataTable's cell cache
_BY_ROW = object()  # marks the lines kept under their row in DataTable's line cache (its own keys start with y)


def _row_of(table: DataTable, row_key: object) -> int:
    """The row a key is at; -1 for the header's."""
    row = table._row_locations.get(row_key)
    return -1 if row is None else row


class _LinesByContent(StylesCache):
    """Textual's styles cache for one widget, which also keeps each content line's styled drawing (its border and
    padding added) under the content line it was made from, while the widget's look is the same.

    Textual keeps a widget's styled lines under their place on screen and forgets them all when the widget is
    refreshed whole, as a list is on each scroll: every line of the list was styled again on each cursor key past
    the bottom, though the rows' own drawings were kept (ListedTable._render_line). The look is what else goes into
    a content line: the sizes, padding, colours, border, outline, tint and opacity; a new look forgets them.
    """

    KEPT = 512  # styled lines kept at the most (a few screens of them)

    def __init__(self) -> None:
        super().__init__()
        self._styled: dict[int, tuple[Strip, Strip]] = {}  # id of a content line: (that line, its styled drawing)
        self._look: tuple[object, ...] | None = None

    def render(self, styles, size, base_background, background, render_content_line, filters, border_title,  # Textual's
               border_subtitle, content_size=None, padding=None, crop=None, opacity=1.0, **kwargs):
        look = (size, content_size, styles.padding if padding is None else padding, base_background, background,
                opacity, id(kwargs.get("ansi_theme")), kwargs.get("native_ansi"), styles.border, styles.outline,
                styles.tint, styles.text_opacity, styles.hatch if styles.has_rule("hatch") else None)
        if look != self._look or len(self._styled) > self.KEPT:
            self._styled.clear()
            self._look = look
        return super().render(styles, size, base_background, background, render_content_line, filters, border_title,
                              border_subtitle, content_size=content_size, padding=padding, crop=crop, opacity=opacity,
                              **kwargs)

    def render_line(self, styles, y, size, content_size, padding, base_background, background,  # Textual's
                    render_content_line, *rest):
        gutter = styles.gutter
        content_y = y - gutter.top
        outlined = any(edge for edge, _ in styles.outline)
        if outlined or not (0 <= content_y < content_size.height and y < size.height - gutter.bottom):
            return super().render_line(styles, y, size, content_size, padding, base_background, background,
                                       render_content_line, *rest)
        content = render_content_line(content_y)
        kept = self._styled.get(id(content))
        if kept is not None and kept[0] is content:
            return kept[1]
        strip = super().render_line(styles, y, size, content_size, padding, base_background, background,
                                    lambda _y: content, *rest)
        self._styled[id(content)] = (content, strip)
        return strip


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
        self._styles_cache = _LinesByContent()

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

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        # DataTable keeps a line's drawing under its place on screen and the cursor's place: every line was drawn again
        # on each cursor move, a new strip per line (bench/keypress.py, browser_cursor_down). With a row cursor a line
        # is the same whatever the cursor does elsewhere: kept under its row, and whether the cursor or mouse is on it.
        if self.cursor_type != "row":
            return super()._render_line(y, x1, x2, base_style)
        try:
            row_key, line_no = self._get_offsets(y)
        except LookupError:
            return super()._render_line(y, x1, x2, base_style)
        row = _row_of(self, row_key)  # the header's row is -1
        key = (_BY_ROW, row_key, line_no, row, x1, x2, self.size.width, base_style, self.cursor_coordinate.row == row,
               self.hover_coordinate.row == row, self.show_cursor, self._show_hover_cursor, self._update_count,
               self._pseudo_class_state, self.fixed_columns)
        strip = self._line_cache.get(key)  # DataTable's own cache: cleared as DataTable clears it (styles, sizes)
        if strip is None:
            strip = self._line_cache[key] = super()._render_line(y, x1, x2, base_style)
        return strip

    def render_lines(self, crop):  # DataTable's
        self._line_style = self.rich_style  # read once a frame: DataTable's render_line read it for every line
        try:
            return super().render_lines(crop)
        finally:
            self._line_style = None

    _line_style: Style | None = None

    def render_line(self, y: int) -> Strip:
        if self.fixed_rows or self._line_style is None:
            return super().render_line(y)
        scroll_x, scroll_y = self.scroll_offset
        if y >= (self.header_height if self.show_header else 0):
            y += scroll_y
        return self._render_line(y, scroll_x, scroll_x + self.size.width, self._line_style)

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int, cursor: bool = False,
                     hover: bool = False) -> list[list[Segment]]:
        # A cell lit by the cursor (or the mouse) is the same cell in other colours: Rich lays out each cell once, and
        # each look of it is that layout restyled, as DataTable's own styling (a Styled renderable) does. DataTable laid
        # it out again for each look: the cells of the two rows the cursor leaves and lands on, on every key.
        if row_index < self.fixed_rows or column_index < self.fixed_columns or row_index < 0 or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        key = (row_key, column_key, base_style, cursor, hover, self._show_hover_cursor, self._update_count,
               self._pseudo_class_state)
        lines = self._cell_render_cache.get(key)
        if lines is not None:
            return lines
        if self.rows[row_key].height != 1:  # a row of its own height: DataTable measures it
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        laid_key = (_LAID_OUT, row_key, column_key, width, self.cell_padding, self._update_count)
        laid = self._cell_render_cache.get(laid_key)
        if laid is None:
            cell = self._get_row_renderables(row_index).cells[column_index]
            options = self.app.console_options.update_dimensions(width, 1).update(no_wrap=True)
            laid = self._cell_render_cache[laid_key] = self.app.console.render_lines(
                Padding(cell, (0, self.cell_padding)), options)
        component_style, post_style = self._get_styles_to_render_cell(
            False, False, False, hover, cursor, self.show_cursor, self._show_hover_cursor,
            self.cursor_foreground_priority == "css", self.cursor_background_priority == "css")
        style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        lines = self._cell_render_cache[key] = [list(Segment.apply_style(line, style, post_style)) for line in laid]
        return lines

    def _render_line_in_row(self, row_key, line_no, base_style, cursor_location, hover_location):
        # DataTable's own keeps a row's drawing under a key that holds the cursor's (and the mouse's) place: each move
        # of the cursor drew every row on screen again, and a list that scrolls with the cursor (every line new) spent
        # a third of its frame on it (bench/keypress.py, browser_cursor_down). With a row cursor a row looks the same
        # wherever the cursor is, unless the cursor is on it: the others are drawn as for a cursor on no row.
        if self.cursor_type == "row":
            row = _row_of(self, row_key)  # the header's row is -1 (lit when the mouse is over it)
            if cursor_location.row != row:
                cursor_location = _NO_ROW
            if hover_location.row != row:
                hover_location = _NO_ROW
        return super()._render_line_in_row(row_key, line_no, base_style, cursor_location, hover_location)

    def action_scroll_bottom(self) -> None:
        self.fill(len(self._items))  # the last row is the last of them all
        super().action_scroll_bottom()
