"""Read notes files from disk into generated decks, with errors that name the file and line."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from prep.errors import PrepError

if TYPE_CHECKING:
    from prep.notes.cards import GeneratedDeck

NOTE_SUFFIXES = (".md", ".markdown")
# Bounds that refuse a file before it is parsed, in time and memory proportional to the bound, not to the file.
FILE_LIMIT = 16 << 20  # bytes: the longest notes seen are under 1 MB
LINE_LIMIT = 100_000  # bytes in one line: a long paragraph is a few thousand


@dataclass
class NotesFile:
    path: Path
    deck: str
    digest: str
    generated: GeneratedDeck


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_notes(paths: list[Path]) -> list[tuple[Path, str]]:
    """Each Markdown file under `paths` with its deck name (its path below the folder given, no suffix)."""
    found: list[tuple[Path, str]] = []
    for given in paths:
        if given.is_dir():
            for file in sorted(p for p in given.rglob("*") if p.suffix.lower() in NOTE_SUFFIXES and p.is_file()):
                found.append((file, file.relative_to(given).with_suffix("").as_posix()))
        elif given.is_file():
            found.append((given, given.stem))
        elif given.exists():
            raise PrepError(f"{given}: not a regular file (a pipe or a device); give Markdown files or folders of them.")
        else:
            raise PrepError(f"{given}: no such file or folder; give Markdown files or folders of them.")
    if not found:
        raise PrepError(f"no Markdown notes (*.md) found in {', '.join(map(str, paths))}.")
    return found


def read_notes(path: Path, deck: str) -> NotesFile:
    try:
        size = path.stat().st_size
        if size > FILE_LIMIT:
            raise PrepError(f"{path}: {size / 2**20:.0f} MB is too big for a notes file (at most {FILE_LIMIT >> 20} MB); "
                            "split it into several files.")
        data = path.read_bytes()
    except OSError as error:
        raise PrepError(f"{path}: cannot read the file ({error.strerror}).") from None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its byte-order mark, as some editors save
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise PrepError(f"{path}:1: marked as UTF-16 but not valid UTF-16; save the file as UTF-8 and import again.") from None
    _check_lines(path, data)
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise PrepError(f"{path}:{line}: this is a binary file, not Markdown text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PrepError(f"{path}:{line}: not UTF-8 text (byte {data[error.start]:#04x}); save the file as UTF-8 and import again.") from None
    # Imported here: start-up only parses notes when a deck changed, and the parser's regexes cost time.
    from prep.notes.cards import generate

    return NotesFile(path.resolve(), deck, digest_of(data), generate(text, title=note_title(path)))


def note_title(path: Path) -> str:
    """A note's own name, as Obsidian shows it: the file's name without `.md` (and a language tag: `bert.ru.md`)."""
    return re.sub(r"\.[a-z]{2}$", "", path.stem)


def _check_lines(path: Path, data: bytes) -> None:
    """A line longer than LINE_LIMIT is refused before parsing (the parser's cost grows faster than its length)."""
    start, number = 0, 1
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > LINE_LIMIT:
            raise PrepError(f"{path}:{number}: a line of {end - start:,} bytes, more than {LINE_LIMIT:,}; break it into "
                            "shorter lines or paragraphs.")
        start, number = end + 1, number + 1
