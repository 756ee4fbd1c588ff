"""Small widgets shared by the screens."""

from __future__ import annotations

from rich.markdown import Markdown as RichMarkdown
from textual.widgets import Static


class CardText(Static):
    """A card side rendered as Markdown in one widget.

    Textual's Markdown widget mounts a widget per block, which costs tens of
    milliseconds per card; Rich renders a card's few lines in one pass.
    """

    source = ""

    def show(self, markdown: str) -> None:
        self.source = markdown
        self.update(RichMarkdown(markdown, code_theme="nord", inline_code_theme="nord"))
