"""A Python editor as people expect one: Enter keeps the indent (one level more after a `:`, one less after
`return`, `pass`, `raise`, `break`, `continue`), Backspace in the indent goes back a whole level, Tab and
Shift+Tab indent and dedent the selected lines, no soft wrap."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import TextArea

INDENT = "    "
BLOCK_ENDERS = ("return", "pass", "raise", "break", "continue")


def next_indent(line_before_cursor: str) -> str:
    """The indent of the line that Enter opens after `line_before_cursor`."""
    code = line_before_cursor.rstrip()
    indent = line_before_cursor[: len(line_before_cursor) - len(line_before_cursor.lstrip())]
    if not code.strip():
        return indent  # an empty or blank line keeps the indent it had
    words = code.split("#", 1)[0].rstrip()  # a comment after the colon does not hide it
    if words.endswith(":"):
        return indent + INDENT
    first = words.split(None, 1)[0] if words.strip() else ""
    if first in BLOCK_ENDERS:
        return indent[: max(0, len(indent) - len(INDENT))]
    return indent


class CodeEditor(TextArea):
    BINDINGS = [
        Binding("ctrl+home", "document_edge(False)", "Start of the file", show=False),
        Binding("ctrl+end", "document_edge(True)", "End of the file", show=False),
    ]

    def __init__(self, text: str = "", *, read_only: bool = False, id: str | None = None) -> None:  # noqa: A002
        super().__init__(text, language="python", theme="css", soft_wrap=False, tab_behavior="indent",
                         show_line_numbers=True, read_only=read_only, id=id)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and not self.read_only:
            event.stop()
            event.prevent_default()
            start, end = self.selection
            row, column = min(start, end)
            before = self.document[row][:column]
            indent = next_indent(before)
            # Spaces left at the end of the line (an indent typed, then Enter) go, as in any code editor.
            trailing = len(before) - len(before.rstrip(" ")) if before.strip() else len(before)
            self._replace_via_keyboard("\n" + indent, (row, column - trailing), max(start, end))
            return
        if event.key in ("tab", "shift+tab") and not self.read_only:
            start, end = self.selection
            if event.key == "shift+tab" or start[0] != end[0]:  # Tab on one line without a selection types an indent
                event.stop()
                event.prevent_default()
                self.shift_lines(-1 if event.key == "shift+tab" else 1)
                return
        await super()._on_key(event)

    def shift_lines(self, direction: int) -> None:
        """Indent (1) or dedent (-1) every line the selection touches by one level, keeping them selected, as every
        code editor does with Tab and Shift+Tab (a selection ending at column 0 leaves that line alone)."""
        start, end = self.selection
        first, last = sorted((start, end))
        top, bottom = first[0], last[0]
        if bottom > top and last[1] == 0:
            bottom -= 1
        lines = [self.document[row] for row in range(top, bottom + 1)]
        if direction > 0:
            changed = [INDENT + line if line.strip() else line for line in lines]
        else:
            changed = [line[min(len(INDENT), len(line) - len(line.lstrip(" "))):] for line in lines]
        if changed == lines:
            return
        self._replace_via_keyboard("\n".join(changed), (top, 0), (bottom, len(lines[-1])))

        def moved(location: tuple[int, int]) -> tuple[int, int]:
            row, column = location
            if not top <= row <= bottom:
                return location
            shift = len(changed[row - top]) - len(lines[row - top])
            return row, max(0, column + shift) if column else 0

        if start == end:
            self.move_cursor(moved(start))
        else:
            self.selection = type(self.selection)(moved(start), moved(end))

    def action_document_edge(self, end: bool) -> None:
        self.move_cursor(self.document.end if end else (0, 0))

    def action_delete_left(self) -> None:
        """In the indent, Backspace takes back a whole level (what Tab put there), not one space."""
        start, end = self.selection
        row, column = end
        before = self.document[row][:column]
        if start == end and column and not before.strip(" ") and not self.read_only:
            width = (column - 1) % len(INDENT) + 1
            self._delete_via_keyboard((row, column - width), end)
            return
        super().action_delete_left()
