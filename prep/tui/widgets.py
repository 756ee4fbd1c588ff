"""Small widgets shared by the screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from prep.tui.card_text import is_simple, render_simple

if TYPE_CHECKING:
    from rich.markdown import Markdown


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
