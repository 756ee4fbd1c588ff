"""Small widgets shared by the screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.reactive import Reactive
from textual.widgets import Digits, Footer, Static

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
        from rich.console import Console, ConsoleOptions, RenderResult
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

    def show(self, markdown: str) -> None:
        self.source = markdown
        if is_simple(markdown):  # most cards: no Markdown parser, no pygments
            self.update(render_simple(markdown))
        else:
            self.update(markdown_renderer()(markdown, code_theme="nord", inline_code_theme="nord"))


class KeyFooter(Footer):
    """Textual's footer, composed again only when the keys it shows change, each key styled once.

    Textual's footer recomposes on every bindings signal, and a screen coming up sends two or three
    in one frame (its resume, its focus, the screen's own refresh_bindings): each mounts and styles
    every key again, a few milliseconds on the way to the first card (bench/startup.py). And each key
    starts compact and is then bound to the footer's own setting: two more stylings of every key.
    """

    _shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            compact = getattr(type(widget), "compact", None)  # the keys': bound to the footer's below
            if isinstance(compact, Reactive):
                widget.set_reactive(compact, self.compact)
            yield widget

    async def recompose(self) -> None:
        shown = self._keys_shown()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()

    def _keys_shown(self) -> tuple[object, ...]:
        return tuple((binding.key, binding.description, enabled, tooltip)
                     for _, binding, enabled, tooltip in self.screen.active_bindings.values() if binding.show)


class SteadyLayout:
    """Mixed into each of prep's screens, before Textual's Screen: no layout or styling done twice over.

    Textual lays a screen out again whenever it gets a Resize, also one of the size it was just laid out
    at: a screen's own first layout sends it one, and a screen on top sends one to each screen below it.
    And it styles every widget of a screen again when the screen comes on top, also the first time, just
    after each widget was styled as it mounted. Pushing the review over Today did both: the review laid
    out twice and styled twice, and the hidden Today laid out once more, about 7 ms on the way to the first
    card (bench/startup.py). A change since the last layout is laid out on the next refresh as ever, a
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


def set_width_class(screen: Screen) -> None:
    """Give a screen its HORIZONTAL_BREAKPOINTS class (e.g. -narrow) before its widgets are styled: Textual sets it
    on the first resize, after the widgets are mounted, and styles each one again (bench/startup.py)."""
    width = screen.app.size.width
    for breakpoint, name in sorted(screen.HORIZONTAL_BREAKPOINTS or [], reverse=True):
        if width >= breakpoint:
            screen.add_class(name, update=False)
            return


class Stat(Digits):
    """A number in Textual's big digits with its caption centred below, in one widget: Today shows six, and two
    widgets in a container each would be twelve more to mount, style, lay out and paint before the first card."""

    COMPONENT_CLASSES = {"stat--caption"}

    def __init__(self, value: str, caption: str, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(value, id=id)
        self.caption = caption

    def render(self) -> RenderResult:
        from rich.console import Group
        from rich.text import Text

        caption = Text(self.caption, style=self.get_component_rich_style("stat--caption"), justify="center", end="")
        return Group(super().render(), caption)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return super().get_content_height(container, viewport, width) + 1  # the caption's line
