"""A list of rows with a header, a row cursor and columns cut to fit: the browser's card list.

Each row is drawn once into a line (a Strip) when it first comes into view, and kept while the rows, the width and the
look stay the same: a cursor key draws the line it leaves and the line it lands on, or, when the list scrolls, finds
every other line drawn already. Textual's DataTable measured and styled every row it was given, drew each line again
whenever the cursor moved (a line's drawing was kept under the cursor's place), and laid the table out again as rows
went in: its cursor key took most of a frame on a large collection (bench/keypress.py, browser_cursor_down).

Columns are sized once per list and per width: each its widest cell (or a fixed width), the flexible one (the
question) the rest; a cell longer than its column is cut with an ellipsis, as Anki's browser cuts it, and there is no
horizontal scrolling. When the width is too narrow for the flexible column's least width, the columns marked as the
first to go are left out, in their order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual._styles_cache import StylesCache
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip

T = TypeVar("T")

SPACINGS = (2, 1)  # blank cells between columns: two, or one when that leaves fewer columns out (one at either end)


@dataclass(frozen=True)
class Column(Generic[T]):
    """A column: its header's `label`, and its width: a number of cells, the widest of `measure` over the rows (at
    most `cap`), or, with `flex`, what the others leave (at least `least`). `drop` ranks the columns left out first
    when the list is too narrow for them all (1 the first); 0 never."""

    label: str
    width: int | None = None
    measure: Callable[[T], int] | None = None
    cap: int | None = None
    flex: bool = False
    least: int = 0
    drop: int = 0


class _LinesByContent(StylesCache):
    """Textual's styles cache for one widget, which also keeps each content line's styled drawing (its border and
    padding added) under the content line it was made from, while the widget's look is the same.

    Textual keeps a widget's styled lines under their place on screen and forgets them all when the widget is
    refreshed whole, as a list is on each scroll: every line of the list was styled again on each cursor key past
    the bottom, though the rows' own drawings were kept. The look is what else goes into a content line: the sizes,
    padding, colours, border, outline, tint and opacity; a new look forgets them.
    """

    KEPT = 512  # styled lines kept at the most (a few screens of them)
    _content_lines = (-1, -1)  # the first content line, and how many there are, for this render

    def __init__(self) -> None:
        super().__init__()
        self._styled: dict[int, tuple[Strip, Strip]] = {}  # id of a content line: (that line, its styled drawing)
        self._look: tuple[object, ...] | None = None

    def render(self, styles, size, base_background, background, render_content_line, filters, border_title,  # Textual's
               border_subtitle, content_size=None, padding=None, crop=None, opacity=1.0, **kwargs):
        look = (size, content_size, styles.padding if padding is None else padding, base_background, background,
                opacity, id(kwargs.get("ansi_theme")), kwargs.get("native_ansi"), styles.border, styles.outline,
                styles.tint, styles.text_opacity, styles.hatch if styles.has_rule("hatch") else None,
                styles.border_title_color, styles.border_subtitle_color, border_title, border_subtitle)
        if look != self._look or len(self._styled) > self.KEPT:
            self._styled.clear()
            self._look = look
        gutter = styles.gutter  # read once for every line this time
        self._content_lines = (-1, -1) if any(edge for edge, _ in styles.outline) else (
            gutter.top, min((content_size or size).height, size.height - gutter.bottom - gutter.top))
        return super().render(styles, size, base_background, background, render_content_line, filters, border_title,
                              border_subtitle, content_size=content_size, padding=padding, crop=crop, opacity=opacity,
                              **kwargs)

    def render_line(self, styles, y, size, content_size, padding, base_background, background,  # Textual's
                    render_content_line, *rest):
        top, height = self._content_lines
        content_y = y - top
        if not 0 <= content_y < height:  # a line of the border, or any line of an outlined widget
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


class _ScrollBar(ScrollBar):
    """Textual's vertical scrollbar, its lines made from its bar's segments and kept while they are the same: Textual
    drew it through Rich's console on each scroll, more than the list's own lines (bench/keypress.py), though the
    thumb of a long list moves an eighth of a line every several rows."""

    _drawn: tuple[object, list[Strip]] | None = None  # the bar's segments and filters: its lines

    def render_lines(self, crop: Region) -> list[Strip]:  # Textual's
        bar = self.render()
        if not (self.vertical and isinstance(bar, ScrollBarRender) and isinstance(bar.style, Style)):
            return super().render_lines(crop)
        width, height = self.size
        segments = tuple(type(bar).render_bar(
            size=height, virtual_size=bar.virtual_size, window_size=bar.window_size, position=bar.position,
            thickness=width, vertical=True, back_color=bar.style.bgcolor or Color.parse("#555555"),
            bar_color=bar.style.color or Color.parse("bright_magenta")).segments)
        filters, base = tuple(self.get_line_filters()), self.rich_style
        if self._drawn is None or self._drawn[0] != (segments, filters, base):
            background = self.background_colors[1]
            lines = []
            for segment in segments:
                line = Strip(Segment.apply_style([segment], base), width)  # on the widget's style, as Textual draws
                for line_filter in filters:
                    line = line.apply_filter(line_filter, background)
                lines.append(line)
            self._drawn = ((segments, filters, base), lines)
        lines = self._drawn[1][crop.y:crop.bottom]
        if crop.column_span != (0, width):
            lines = [line.crop(*crop.column_span) for line in lines]
        return lines


def layout_columns(columns: Sequence[Column], natural: Sequence[int], width: int) -> tuple[list[int], int]:
    """Each column's width of text in a list `width` cells wide (0: left out), and the blank cells between columns
    (SPACINGS: the narrower spacing when it leaves fewer columns out): the flexible column takes what the others leave,
    and the columns that `drop` are left out, in their order, while it gets less than its least width."""
    flexible = [n for n, column in enumerate(columns) if column.flex]
    least = sum(columns[n].least for n in flexible)

    def worse(widths_spacing: tuple[list[int], int]) -> tuple[int, int]:  # columns left out, then the question's lack
        widths = widths_spacing[0]
        return widths.count(0), max(0, least - sum(widths[n] for n in flexible))

    return min([(_layout(columns, natural, width, spacing), spacing) for spacing in SPACINGS], key=worse)


def _layout(columns: Sequence[Column], natural: Sequence[int], width: int, spacing: int) -> list[int]:
    widths = list(natural)
    flexible = [n for n, column in enumerate(columns) if column.flex]
    droppable = sorted((column.drop, n) for n, column in enumerate(columns) if column.drop)
    room = width - (2 - spacing)  # a blank cell at either end: each column takes its width and `spacing`

    def rest() -> int:
        return room - sum(w + spacing for n, w in enumerate(widths) if w and n not in flexible) - spacing * len(flexible)

    while flexible and droppable and rest() < sum(columns[n].least for n in flexible):
        widths[droppable.pop(0)[1]] = 0
    if flexible:
        share, extra = divmod(max(0, rest()), len(flexible))
        for place, n in enumerate(flexible):
            widths[n] = share + (place < extra)
    over = sum(w + spacing for w in widths if w) - room  # still too wide: the last columns are cut
    for n in reversed(range(len(widths))):
        if over <= 0:
            break
        if not widths[n]:
            continue
        cut = min(over, widths[n])
        widths[n] -= cut
        over -= cut + (spacing if not widths[n] else 0)
    return widths


class ListedTable(ScrollView, Generic[T], can_focus=True):
    """Rows of `items` under a header of `columns`, each row's cells made by `cells` from its item when it comes into
    view, a row cursor on one of them. `key` names an item (the cursor stays on its item when the list is shown
    again); `moved` is called as the cursor moves, before the frame that shows it: what follows the cursor (a
    preview) changes in that same frame. (No message is posted for it: a message that goes up to the screen is some
    tenths of a millisecond of every key, and would come after the frame.)"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first", "First", show=False),
        Binding("end,ctrl+end", "last", "Last", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"listed-table--header", "listed-table--cursor", "listed-table--even-row",
                                             "listed-table--odd-row"}
    DEFAULT_CSS = """
    ListedTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        &:focus {
            background-tint: $foreground 5%;
            & > .listed-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .listed-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .listed-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .listed-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .listed-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .listed-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .listed-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class HeaderSelected(Message):
        """A column's header was clicked."""

        def __init__(self, table: ListedTable, column: int, label: str) -> None:
            super().__init__()
            self.table, self.column, self.label = table, column, label

        control = property(lambda message: message.table)

    def __init__(self, columns: Sequence[Column[T]], cells: Callable[[T], Sequence[Text]], key: Callable[[T], str],
                 moved: Callable[[], None] | None = None, *, zebra_stripes: bool = True, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns: tuple[Column[T], ...] = tuple(columns)
        self._cells, self._key, self._moved = cells, key, moved
        self.zebra_stripes = zebra_stripes
        self._items: Sequence[T] = ()
        self._index: dict[str, int] = {}
        self._cursor = 0
        self._natural: list[int] = [cell_len(column.label) for column in self.columns]
        self._widths: list[int] = []  # each column's width of text at the present width (0: left out)
        self._spacing = SPACINGS[0]
        self._laid_for = -1  # the width the columns were laid out for
        self._texts: dict[int, list[Segment]] = {}  # a row's cells, cut to their columns, unstyled
        self._lines: dict[tuple[int, bool], Strip] = {}  # (row, whether the cursor is on it): its line
        self._header: Strip | None = None
        self._blank: Strip | None = None  # the line below the last row
        self._looks: dict[tuple[str | None, bool], Style] = {}  # _look's
        self._styles_cache = _LinesByContent()

    # ---- the rows and the cursor -------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._items)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def items(self) -> Sequence[T]:
        return self._items

    def key_at(self, row: int) -> str:
        return self._key(self._items[row])

    @property
    def selected_key(self) -> str | None:
        """The key of the item the cursor is on (None for no rows)."""
        return self.key_at(self._cursor) if self._items else None

    def show_items(self, items: Sequence[T], keep: str | None = None) -> None:
        """Show `items`, with the cursor on the row of key `keep` when it is among them (else on the first)."""
        if items == self._items and (keep is None or self._index.get(keep) == self._cursor):
            return  # the same rows (a word typed further that matches the same cards): nothing to draw again
        self._items = items
        self._index = {self._key(item): n for n, item in enumerate(items)}
        self._natural = [self._measure(column) for column in self.columns]
        self._forget(widths=True)
        self.virtual_size = Size(self.scrollable_content_region.width, len(items) + 1)  # the header's line, then rows
        at = self._index.get(keep, 0) if keep is not None else 0
        self._cursor = -1
        self.move_cursor(at)
        self.refresh()

    def mark_sorted(self, label: str | None, descending: bool = False) -> None:
        """An arrow beside the header of the column `label` that the rows are sorted by (None: no column's order)."""
        if (label, descending) != self._sorted:
            self._sorted = (label, descending)
            self._natural = [self._measure(column) for column in self.columns]
            self._forget(widths=True)
            self.refresh()

    _sorted: tuple[str | None, bool] = (None, False)

    def _label(self, column: Column[T]) -> str:
        label, descending = self._sorted
        return column.label + (" ↓" if descending else " ↑") if column.label == label else column.label

    def _measure(self, column: Column[T]) -> int:
        label = cell_len(self._label(column))
        if column.width is not None:
            return max(label, column.width)
        if column.measure is None or column.flex:
            return label
        widest = max(map(column.measure, self._items), default=0)
        return max(label, widest if column.cap is None else min(column.cap, widest))

    def move_cursor(self, row: int, scroll: bool = True) -> None:
        """The cursor to `row` (kept within the rows), the list scrolled to show it unless `scroll` is False."""
        row = max(0, min(row, len(self._items) - 1))
        old, self._cursor = self._cursor, row
        if scroll:
            self._show_cursor()
        if row == old or not self._items:
            return
        for line in (old, row):
            self._refresh_row(line)
        if self._moved is not None:
            self._moved()
        self.call_after_refresh(self._draw_ahead)

    def _draw_ahead(self) -> None:
        """The lines the next cursor key draws, drawn once this key's frame is painted: the row the cursor is on
        without it, and the rows on either side with it (a row's line is most of a cursor key's own work)."""
        if not self.is_attached or not self._items:
            return
        self._lay_out()
        width = self._laid_for
        for row, cursor in ((self._cursor, False), (self._cursor + 1, True), (self._cursor - 1, True)):
            if 0 <= row < len(self._items) and (row, cursor) not in self._lines:
                self._lines[row, cursor] = self._row_line(row, cursor, width)

    def _rows_in_view(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # less the header's line

    def _show_cursor(self) -> None:
        top, rows = round(self.scroll_y), self._rows_in_view()
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, force=True)
        elif self._cursor >= top + rows:
            self.scroll_to(y=self._cursor - rows + 1, animate=False, force=True)

    def _refresh_row(self, row: int) -> None:
        y = row - round(self.scroll_y) + 1
        if 1 <= y < self.scrollable_content_region.height:
            self.refresh(Region(0, y, self.scrollable_content_region.width, 1))

    def action_cursor_up(self) -> None:
        self.move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self._cursor + 1)

    def action_page_down(self) -> None:
        """A page on: the row at the bottom comes to the top, the cursor as far down as the list went."""
        rows = self._rows_in_view()
        self.scroll_to(y=round(self.scroll_y) + rows, animate=False, force=True)
        self.move_cursor(self._cursor + rows, scroll=False)
        self._show_cursor()

    def action_page_up(self) -> None:
        rows = self._rows_in_view()
        self.scroll_to(y=round(self.scroll_y) - rows, animate=False, force=True)
        self.move_cursor(self._cursor - rows, scroll=False)
        self._show_cursor()

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._items) - 1)

    def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            column = self._column_at(offset.x)
            if column is not None:
                self.post_message(self.HeaderSelected(self, column, self.columns[column].label))
        elif self._items:
            row = round(self.scroll_y) + offset.y - 1
            if row < len(self._items):
                self.move_cursor(row)
        event.stop()

    def _column_at(self, x: int) -> int | None:
        self._lay_out()
        start = 0
        for n, width in enumerate(self._widths):
            if width and start <= x < start + width + self._spacing:
                return n
            start += width + self._spacing if width else 0
        return None

    # ---- drawing ----------------------------------------------------------------------------

    def notify_style_update(self) -> None:  # Textual's: the look changed (focus, theme)
        super().notify_style_update()
        self._forget()

    def _size_updated(self, size, virtual_size, container_size, layout: bool = True) -> bool:  # Textual's
        # Textual's ScrollView takes each layout of the screen for a resize (it compares its container's size with its
        # own, less the scrollbars): the list's scrollbar, and the list, were painted again whenever anything on the
        # screen changed size, as the preview does. The same sizes again: nothing to do.
        given = (size, virtual_size, container_size, self.virtual_size)
        if given == self._last_sizes:
            return False
        self._last_sizes = given
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        width = self.scrollable_content_region.width
        if self.virtual_size.width != width:
            self.virtual_size = Size(width, len(self._items) + 1)
        if changed and self._items:
            self.call_after_refresh(self._show_cursor)  # the selected row kept in view, once the scroll has its sizes
        return changed

    _last_sizes: tuple[object, ...] | None = None

    @property
    def vertical_scrollbar(self) -> ScrollBar:  # Textual's, which makes its own ScrollBar
        if self._vertical_scrollbar is None:
            self._vertical_scrollbar = _ScrollBar(vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)
            self._vertical_scrollbar.display = False
            self.app._start_widget(self, self._vertical_scrollbar)
        return self._vertical_scrollbar

    def _forget(self, widths: bool = False) -> None:
        self._lines.clear()
        self._looks.clear()
        self._header = self._blank = None
        if widths:
            self._texts.clear()
            self._laid_for = -1

    def _lay_out(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._laid_for:
            self._laid_for = width
            self._widths, self._spacing = layout_columns(self.columns, self._natural, width)
            self._texts.clear()
            self._lines.clear()
            self._header = self._blank = None

    def render_line(self, y: int) -> Strip:  # Textual's: a line of the content, from the top of the view
        if self._top is None:  # not called by render_lines
            self._lay_out()
        width = self._laid_for
        if y == 0:
            if self._header is None:
                self._header = self._styled(self._cut([Text(self._label(column)) for column in self.columns], width),
                                            self._look("listed-table--header"), None).crop(0, width)
            return self._header
        row = (round(self.scroll_y) if self._top is None else self._top) + y - 1
        if row >= len(self._items):
            if self._blank is None:
                self._blank = Strip.blank(width, self._look(None))
            return self._blank
        cursor = row == self._cursor
        line = self._lines.get((row, cursor))
        if line is None:
            line = self._lines[row, cursor] = self._row_line(row, cursor, width)
        return line

    def _row_line(self, row: int, cursor: bool, width: int) -> Strip:
        """The row's line, in the cursor's colours or its own: its cells are cut to their columns once for both."""
        segments = self._texts.get(row)
        if segments is None:
            segments = self._texts[row] = self._cut(self._cells(self._items[row]), width)
        if self.zebra_stripes:
            style = self._look("listed-table--odd-row" if row % 2 else "listed-table--even-row")
        else:
            style = self._look(None)
        line = self._styled(segments, style, self._look("listed-table--cursor", alone=True) if cursor else None)
        return line.crop(0, width) if line.cell_length > width else line

    def _look(self, component: str | None, alone: bool = False) -> Style:
        """The list's style with a component's (or the component's `alone`), read once until the look changes."""
        look = self._looks.get((component, alone))
        if look is None:
            own = self.get_component_rich_style(component) if component else Style()
            look = self._looks[component, alone] = own if alone else self.rich_style + own
        return look

    def _cut(self, texts: Sequence[Text], width: int) -> list[Segment]:
        """The segments of `texts` in their columns (cut with an ellipsis), `width` cells in all, unstyled between."""
        console = self.app.console
        before, after = Segment(" "), Segment(" " * (self._spacing - 1))  # a column's blank cells
        segments: list[Segment] = []
        for text, cells in zip(texts, self._widths):
            if not cells:
                continue
            cut = text.copy()
            cut.truncate(cells, overflow="ellipsis", pad=True)
            segments.append(before)
            segments.extend(cut.render(console))
            if after.text:
                segments.append(after)
        used = sum(cells + self._spacing for cells in self._widths if cells)
        if used < width:
            segments.append(Segment(" " * (width - used)))
        return segments

    @staticmethod
    def _styled(segments: list[Segment], style: Style, over: Style | None) -> Strip:
        """`segments` on `style`, and `over` (the cursor's) over every cell's own style."""
        return Strip(Segment.apply_style(segments, style, over))

    def render_lines(self, crop: Region) -> list[Strip]:  # Textual's
        self._lay_out()
        top = round(self.scroll_y)
        kept = 4 * max(1, self.size.height) + 64  # lines and cells kept at the most: those near the view
        if len(self._lines) > kept or len(self._texts) > kept:
            near = range(top - self.size.height, top + 2 * self.size.height)
            self._lines = {key: line for key, line in self._lines.items() if key[0] in near}
            self._texts = {row: texts for row, texts in self._texts.items() if row in near}
        self._top = top  # the sizes and the scroll read once for all the lines drawn (render_line)
        try:
            return super().render_lines(crop)
        finally:
            self._top = None

    _top: int | None = None
