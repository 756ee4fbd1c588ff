"""Cards out of prep and back in: JSON, CSV, Anki packages, and full backups.

`export` and `restore` are what the command line calls; each format lives in its own module here.
"""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from prep.errors import PrepError
from prep.interop.backup import write_backup
from prep.interop.csv_export import write_csv
from prep.settings.files import replace_with, replacing

if TYPE_CHECKING:
    from prep.interop.anki import AnkiExport
    from prep.interop.backup import Restored


class Service(Protocol):
    """What exports and restores go through (prep.service.PrepService), passed in."""

    def export_apkg(self, path: Path, now: datetime) -> AnkiExport: ...
    def export_cards(self) -> list[dict[str, object]]: ...
    def backup(self, now: datetime) -> dict[str, object]: ...
    def restore_backup(self, path: Path, now: datetime, *, replace: bool = False) -> Restored: ...


def export(service: Service, export_format: str, output: Path | None, now: datetime) -> str | None:
    """Write the export to `output`, or stdout when None; returns a line to show when it went to a file."""
    try:
        if export_format == "apkg":
            if output is None:
                raise PrepError("an Anki package is not text: give the file to write with -o FILE.")
            made: list[AnkiExport] = []
            replace_with(output, lambda temporary: made.append(service.export_apkg(temporary, now)))
            done = made[0]
            return f"wrote {output}: notes {done.notes} · decks {done.decks} · reviews {done.reviews}"
        # A file is written beside itself and swapped in whole (prep.settings.files): a failed or killed export
        # leaves the earlier file as it was, never empty.
        # A full backup holds every answer: a new one is the user's alone, as the collection is.
        private = export_format == "backup"
        with replacing(output, encoding="utf-8", newline="", private=private) if output else nullcontext(sys.stdout) as out:
            if export_format == "csv":
                write_csv(service.export_cards(), out)
            elif export_format == "backup":
                write_backup(service.backup(now), out)
            else:
                out.write(json.dumps(service.export_cards(), ensure_ascii=False, indent=2) + "\n")
    except OSError as error:
        if output is None:
            raise  # stdout: a closed pipe is the command line's to handle
        raise PrepError(f"{output}: cannot write the export ({error.strerror or error}).") from None
    return f"wrote {output}" if output else None


def restore(service: Service, path: Path, replace: bool, now: datetime) -> str:
    done = service.restore_backup(path, now, replace=replace)
    counts = " · ".join(f"{name.replace('_', ' ')} {count}" for name, count in done.rows.items())
    saved = f"\nthe database as it was is kept in {done.saved}" if done.saved else ""
    return f"restored {path}: {counts}{saved}"
