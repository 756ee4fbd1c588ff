"""Small widgets shared by the screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import Reactive
from textual.renderables.digits import DIGITS, DIGITS3X3, DIGITS3X3_BOLD
from textual.renderables.digits import Digits as DigitsRenderable
from textual.widget import Widget
from textual.widgets import Footer, Static

from prep.tui.card_text import is_simple, render_simple

if TYPE_CHECKING:
    from rich.markdown import Markdown
    from textual.app import ComposeResult, RenderResult
    from textual.events import ScreenResume
    from textual.geometry import Size
    from textual.screen import Screen


def markdown_renderer() -> type[Markdown]:
    """Rich's Markdown with code blocks that wrap under their own indent (prep.tui.code_wrap); loaded on first use,
    since it brings pygments along."""
    global _MARKDOWN  # noqa: PLW0603 - built once
    if _MARKDOWN is None:
        from rich.console import Console, ConsoleOptions
        from rich.markdown import CodeBlock
        from rich.markdown import Markdown as RichMarkdown
        from rich.syntax import Syntax

        from prep.tui.code_wrap import wrap_code

        class WrappedCodeBlock(CodeBlock):
            def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
                code = wrap_code(str(self.text).rstrip(), options.max_width - 2)  # the block's padding: a column a side
                yield Syntax(code, self.lexer_name, theme=self.theme, word_wrap=True, padding=1)

        class WrappedMarkdown(RichMarkdown):
            elements = {**RichMarkdown.elements, "fence": WrappedCodeBlock, "code_block": WrappedCodeBlock}

        _MARKDOWN = WrappedMarkdown
    return _MARKDOWN


_MARKDOWN: type[Markdown] | None = None


class CardText(Static):
    """A card side rendered as Markdown in one widget.

    Textual's Markdown widget mounts a widget per block, which costs tens of
    milliseconds per card; Rich renders a card's few lines in one pass.
    """

    source = ""

    def show(self, markdown: str, layout: bool = True) -> None:
        """`layout` False when the caller lays the screen out only if the height changed (prep.tui.screens.browser)."""
        self.source = markdown
        if is_simple(markdown):  # most cards: no Markdown parser, no pygments
            self.update(render_simple(markdown), layout=layout)
        else:
            self.update(markdown_renderer()(markdown, code_theme="nord", inline_code_theme="nord"), layout=layout)


class KeyFooter(Footer):
    """Textual's footer, composed again only when the keys it shows change, each key styled once.

    Textual's footer recomposes on every bindings signal, and a screen coming up sends two or three
    in one frame (its resume, its focus, the screen's own refresh_bindings): each mounts and styles
    every key again, a few milliseconds on the way to the first card (bench/startup.py). And each key
    starts compact and is then bound to the footer's own setting: two more stylings of every key.
    """

    _shown: tuple[object, ...] | None = None
    # The app's own keys (quit, the help): kept whatever the width, so every other key is one `?` away.
    KEPT = frozenset({"quit", "help"})

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        for widget in widgets:
            compact = getattr(type(widget), "compact", None)  # the keys': bound to the footer's below
            if isinstance(compact, Reactive):
                widget.set_reactive(compact, self.compact)
        yield from self._fitting(widgets)

    def _fitting(self, widgets: list[Widget]) -> list[Widget]:
        """The keys that fit the width in full, in the screen's order; those past it wait in the help (`?`) rather
        than being cut mid-word ("space Ans"). Quit and the help always stay."""
        width = self.app.size.width
        room = width - sum(self._width(w) for w in widgets if getattr(w, "action", None) in self.KEPT)
        shown = []
        for widget in widgets:
            if getattr(widget, "action", None) in self.KEPT:
                shown.append(widget)
                continue
            room -= self._width(widget)
            if room >= 0:
                shown.append(widget)
        return shown

    @staticmethod
    def _width(widget: Widget) -> int:
        """A key's cells as Textual's footer draws it: ' key ' then 'description '."""
        key, description = getattr(widget, "key_display", ""), getattr(widget, "description", "")
        return len(key) + 2 + (len(description) + 1 if description else 0)

    def on_resize(self) -> None:
        # The keys that fit the new width, once the screen has been painted: its first resize comes with its first
        # layout, and the keys then came before what the screen is for (Today's mounted them while Enter waited,
        # the review's before the first card, bench/startup.py). A screen covered meanwhile skips them (recompose).
        self.call_after_refresh(self.recompose)

    async def recompose(self) -> None:
        if not self.is_attached:
            return  # a recompose asked for by a resize, run after the footer's screen was closed
        if not self._on_view():
            # A screen hidden under another (not one showing under a dialog): its keys as they would read with the
            # other's widget focused (a search line takes q and ?) are of no use, and it composed them again on the
            # way back: three times on each return to Today from the browser. It catches up when it is back on top
            # (SteadyLayout._on_screen_resume).
            return
        shown = self._keys_shown()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()

    def _on_view(self) -> bool:
        """Whether the footer's screen can be seen: on top, or under a dialog (a screen whose background lets it
        through). Textual counts the screen just under the top as seen whatever the top's background."""
        top = self.app.screen
        return self.screen is top or (self.screen in self.app._background_screens and top.styles.background.a < 1)

    def _keys_shown(self) -> tuple[object, ...]:
        return (self.app.size.width, *((binding.key, binding.description, enabled, tooltip)
                                       for _, binding, enabled, tooltip in self.screen.active_bindings.values()
                                       if binding.show))


class SteadyLayout:
    """Mixed into each of prep's screens, before Textual's Screen: no layout or styling done twice over.

    Textual lays a screen out again whenever it gets a Resize, also one of the size it was just laid out
    at: a screen's own first layout sends it one, and a screen on top sends one to each screen below it.
    And it styles every widget of a screen again when the screen comes on top, also the first time, just
    after each widget was styled as it mounted. Pushing the review over Today did both: the review laid
    out twice and styled twice, and the hidden Today laid out once more, on the way to the first card
    (bench/startup.py). A change since the last layout is laid out on the next refresh as ever, a
    screen below is laid out when it is back on top, and a screen coming back is styled again.
    """

    _resumed = False

    def _screen_resized(self, size: Size) -> None:
        if size == self._compositor.size:  # type: ignore[attr-defined]
            return
        super()._screen_resized(size)  # type: ignore[misc]

    def _on_screen_resume(self, event: ScreenResume) -> None:
        # Textual styles every widget of a screen again each time it comes on top. The first time, the screen
        # was just composed and each widget was styled as it mounted: styling them all again is the same work twice.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
        super()._on_screen_resume(event)  # type: ignore[misc]
        self.refresh_bindings()  # type: ignore[attr-defined] # the footer, which waited while the screen was under another


class TopLine(Widget):
    """A screen's top line: its title at the left and a status at the right, never against the title (a gap of
    two) and cut short with an ellipsis rather than wrapped. One widget rather than a row of two in a container:
    three widgets fewer to compose, style and lay out before the first card (bench/startup.py)."""

    GAP = 2

    def __init__(self, title: str, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self.title = title
        self.status: Content = Content()

    def set_status(self, markup: str) -> None:
        """The status, in Textual markup."""
        self.status = Content.from_markup(markup)
        self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1

    def render(self) -> RenderResult:
        width = self.size.width
        title = Content(self.title).truncate(width, ellipsis=True)
        room = width - title.cell_length - self.GAP
        if room <= 0 or not self.status:
            return title
        status = self.status.truncate(room, ellipsis=True)
        return Content.assemble(title, " " * (width - title.cell_length - status.cell_length), status)


def set_width_class(screen: Screen) -> None:
    """Give a screen its HORIZONTAL_BREAKPOINTS class (e.g. -narrow) before its widgets are styled: Textual sets it
    on the first resize, after the widgets are mounted, and styles each one again (bench/startup.py)."""
    width = screen.app.size.width
    for breakpoint, name in sorted(screen.HORIZONTAL_BREAKPOINTS or [], reverse=True):
        if width >= breakpoint:
            screen.add_class(name, update=False)
            return


class StatBoard(Widget):
    """Today's numbers in Textual's big digits, each with its caption centred below: six across, or two rows of
    three when the screen is narrow (its -narrow class), one column of gutter between them.

    One widget drawing its lines: six Digits widgets in a Grid were seven widgets to mount, style and lay out
    and twenty-four lines to paint, 40% of the Python work of Today's first frame (bench/startup.py).
    """

    COMPONENT_CLASSES = {"stat-board--caption"}
    HEIGHT = 4  # three rows of digits and the caption

    def __init__(self, stats: dict[str, tuple[str, str]], *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        """`stats`: each number's name → (its value, its caption), in the order shown."""
        super().__init__(id=id)
        self._stats = {name: list(shown) for name, shown in stats.items()}

    def value(self, name: str) -> str:
        return self._stats[name][0]

    def update(self, name: str, value: str) -> None:
        if self._stats[name][0] != value:
            self._stats[name][0] = value
            self.refresh()

    def columns(self) -> int:
        return 3 if self.screen.has_class("-narrow") else len(self._stats)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return -(-len(self._stats) // self.columns()) * self.HEIGHT

    def render(self) -> RenderResult:
        columns = self.columns()
        widths = column_widths(self.size.width, columns, gutter=1)
        caption_style = self.get_visual_style("stat-board--caption")
        bold = bool(self.styles.text_style.bold)
        stats = list(self._stats.values())
        lines: list[Content] = []
        for first in range(0, len(stats), columns):
            row = stats[first:first + columns]
            digits = [big_digits(value, bold) for value, _ in row]
            for line in range(3):
                lines.append(Content(" ".join(_centred(cell[line], width) for cell, width in zip(digits, widths))))
            captions = [(_centred(caption, width), caption_style) for (_, caption), width in zip(row, widths)]
            lines.append(Content.assemble(*_between(captions, " ")))
        return Content("\n").join(lines)


def column_widths(total: int, columns: int, gutter: int) -> list[int]:
    """Equal columns across `total` cells with `gutter` between them, the remainder spread as a Grid of 1fr does."""
    room = max(0, total - gutter * (columns - 1))
    edges = [room * n // columns for n in range(columns + 1)]
    return [right - left for left, right in zip(edges, edges[1:])]


def _centred(text: str, width: int) -> str:
    left = max(0, width - len(text)) // 2
    return (" " * left + text).ljust(width)[:width]


def _between(items: list, separator: object) -> list:
    joined: list = []
    for item in items:
        if joined:
            joined.append(separator)
        joined.append(item)
    return joined


def big_digits(text: str, bold: bool = False) -> tuple[str, str, str]:
    """The three rows of Textual's big digits for `text`, as its Digits widget draws them."""
    glyphs = DIGITS3X3_BOLD if bold else DIGITS3X3
    rows: tuple[list[str], list[str], list[str]] = ([], [], [])
    for character in text.translate(DigitsRenderable.REPLACEMENTS):
        position = DIGITS.find(character) * 3
        if position < 0:
            pieces = (" ", " ", character)
        else:
            pieces = (glyphs[position].ljust(3), glyphs[position + 1].ljust(3), glyphs[position + 2].ljust(3))
        for row, piece in zip(rows, pieces):
            row.append(piece)
    return "".join(rows[0]), "".join(rows[1]), "".join(rows[2])
