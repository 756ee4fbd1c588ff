"""Small widgets shared by the screens."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import CodeBlock
from rich.markdown import Markdown as RichMarkdown
from rich.syntax import Syntax
from textual.widgets import Static

from prep.tui.code_wrap import wrap_code


class WrappedCodeBlock(CodeBlock):
    """A code block whose long lines wrap under their own indent, not at column 0 (see prep.tui.code_wrap)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        code = wrap_code(str(self.text).rstrip(), options.max_width - 2)  # the block's padding: one column a side
        yield Syntax(code, self.lexer_name, theme=self.theme, word_wrap=True, padding=1)


class Markdown(RichMarkdown):
    elements = {**RichMarkdown.elements, "fence": WrappedCodeBlock, "code_block": WrappedCodeBlock}


class CardText(Static):
    """A card side rendered as Markdown in one widget.

    Textual's Markdown widget mounts a widget per block, which costs tens of
    milliseconds per card; Rich renders a card's few lines in one pass.
    """

    source = ""

    def show(self, markdown: str) -> None:
        self.source = markdown
        self.update(Markdown(markdown, code_theme="nord", inline_code_theme="nord"))
