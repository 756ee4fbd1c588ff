"""Wrapping a code line that is wider than its pane the way a person would: at a space, with the rest indented.

Soft wrap puts the rest of a line at column 0, where it reads as a new statement; here the rest
goes under the line's own indent plus four spaces (a doctest line continues with `... `), and
breaks fall after a comma or a space where there is one.
"""

from __future__ import annotations

CONTINUATION = "    "
PROMPTS = (">>> ", "... ")


def wrap_code_line(line: str, width: int) -> list[str]:
    """`line` as lines of at most `width` characters (a word longer than the room left is cut)."""
    if width <= 0 or len(line) <= width:
        return [line]
    stripped = line.lstrip(" ")
    indent = line[: len(line) - len(stripped)]
    prompt = next((p for p in PROMPTS if stripped.startswith(p)), "")
    body_indent = len(stripped[len(prompt):]) - len(stripped[len(prompt):].lstrip(" "))
    prefix = indent + ("... " if prompt else "") + " " * body_indent + CONTINUATION
    if len(prefix) >= width // 2:  # deep indents: keep at least half the width for the code
        prefix = indent[: max(0, width // 2 - len(CONTINUATION))] + CONTINUATION
    out, rest, first = [], line, True
    while True:
        room = width if first else width - len(prefix)
        piece = rest if first else rest.lstrip(" ")
        if len(piece) <= room:
            out.append(piece if first else prefix + piece)
            return out
        cut = _break_at(piece, room)
        out.append(piece[:cut].rstrip(" ") if first else prefix + piece[:cut].rstrip(" "))
        rest, first = piece[cut:], False


def _break_at(text: str, room: int) -> int:
    """Where to cut `text` to fit `room`: after the last comma or space that leaves some code on the line."""
    for mark in (", ", " "):
        at = text.rfind(mark, 0, room)
        if at > room // 4:
            return at + len(mark) if mark == ", " else at + 1
    return room


def wrap_code(code: str, width: int) -> str:
    return "\n".join(piece for line in code.splitlines() for piece in wrap_code_line(line, width))
