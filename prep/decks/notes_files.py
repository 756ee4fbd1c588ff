"""Read notes files from disk into generated decks, with errors that name the file and line."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from prep.errors import PrepError

if TYPE_CHECKING:
    from prep.notes.cards import GeneratedDeck

NOTE_SUFFIXES = (".md", ".markdown")


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
        else:
            raise PrepError(f"{given}: no such file or folder; give Markdown files or folders of them.")
    if not found:
        raise PrepError(f"no Markdown notes (*.md) found in {', '.join(map(str, paths))}.")
    return found


def read_notes(path: Path, deck: str) -> NotesFile:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PrepError(f"{path}: cannot read the file ({error.strerror}).") from None
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

    return NotesFile(path.resolve(), deck, digest_of(data), generate(text))
