"""A modal listing the keys of the screen beneath it, read from its live bindings so it never goes stale."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from prep.tui.widgets import SteadyLayout


@dataclass
class KeyRow:
    keys: list[str]
    description: str
    enabled: bool  # False: the key exists here but does nothing yet, e.g. rating before the answer shows


def key_rows(screen: Screen) -> list[KeyRow]:
    """The screen's active bindings, with keys that do the same thing on one row."""
    rows: dict[str, KeyRow] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        # prep gives every binding of its own an id; the rest are Textual's focus and copy keys, noise here.
        if binding.id is None or not binding.description:
            continue
        key = screen.app.get_key_display(binding)
        # A footer's word may be terse to fit 80 columns; its tooltip, when there is one, says it in full.
        description = binding.tooltip or binding.description
        row = rows.setdefault(description, KeyRow([], description, active.enabled))
        if key not in row.keys:
            row.keys.append(key)
        row.enabled = row.enabled or active.enabled
    # A screen may add keys its widgets handle themselves (a code editor's), as (keys, description) pairs.
    extra = getattr(screen, "help_extra", None)
    return list(rows.values()) + [KeyRow(keys, description, True) for keys, description in (extra() if extra else [])]


class HelpScreen(SteadyLayout, ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark", "dismiss", "Close", id="close-help")]

    def __init__(self, beneath: Screen) -> None:
        super().__init__()
        self.rows = key_rows(beneath)

    def compose(self) -> ComposeResult:
        # A table whose descriptions wrap to the panel's width: at 60 columns a long one takes two lines, never cut.
        lines = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
        lines.add_column(style="bold", no_wrap=True)
        lines.add_column(overflow="fold")
        for row in self.rows:
            lines.add_row(" / ".join(row.keys), row.description, style="" if row.enabled else "dim")
        with VerticalScroll(id="help-panel") as panel:
            panel.border_title = "Keys"
            panel.border_subtitle = "esc or ? to close"
            yield Static(lines, id="help-keys")
