"""A full backup as one JSON file, and restoring it: every column of every row, so a restore is exact.

Datetimes are ISO strings in UTC and keys are sorted, so two backups of the same data are the same
bytes. The drill workspaces (files beside the database) are not included; each attempt keeps its code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from prep import __version__
from prep.errors import PrepError
from prep.interop.checks import check_size, checked_rows
from prep.store.backups import make_backup
from prep.store.models import Base
from prep.store.revision import SCHEMA_REVISION
from prep.store.sql import after_bulk_load

FORMAT = "prep-backup"
TABLES = Base.metadata.sorted_tables  # parents first: cards are in before their reviews
# Older schemas a backup may still be restored from: the tables they did not have yet start empty.
OLDER = {"0003": {"decks", "mocks", "links", "suggestions"}, "0004_decks": {"mocks", "links", "suggestions"},
         "0005_mocks": {"suggestions"}}


@dataclass(frozen=True)
class Restored:
    rows: dict[str, int]  # table name → rows restored
    saved: Path | None  # the copy of the database as it was, when it was replaced


def dump(session: Session, now: datetime) -> dict[str, object]:
    tables = {table.name: [{name: _to_json(value) for name, value in row.items()}
                           for row in session.execute(select(table).order_by(*table.primary_key)).mappings()]
              for table in TABLES}
    return {"format": FORMAT, "prep_version": __version__, "schema_revision": SCHEMA_REVISION,
            "created_at": now.isoformat(), "tables": tables}


def write_backup(backup: dict[str, object], out: TextIO) -> None:
    json.dump(backup, out, ensure_ascii=False, sort_keys=True, indent=1)
    out.write("\n")


def read_backup(path: Path) -> dict[Table, list[dict[str, object]]]:
    """The rows to restore, checked whole before anything is written (prep.interop.checks); any problem is one
    PrepError naming the file, and for a value its table, row and field."""
    check_size(path)
    try:
        backup = json.loads(path.read_bytes())
    except OSError as error:
        raise PrepError(f"{path}: cannot read the backup ({error.strerror}).") from None
    except (ValueError, RecursionError):  # also bytes that are not UTF-8, and nesting deeper than any backup's
        backup = None
    if not isinstance(backup, dict) or backup.get("format") != FORMAT or not isinstance(backup.get("schema_revision"), str):
        raise PrepError(f"{path}: not a prep backup; make one with `prep export --format backup -o FILE`.")
    revision = backup["schema_revision"]
    if revision != SCHEMA_REVISION and revision not in OLDER:
        # Revisions are zero-padded numbers, so the text compares as they do.
        advice = "upgrade prep to restore it" if revision > SCHEMA_REVISION else "this prep cannot restore it"
        raise PrepError(f"{path}: this backup has schema {revision[:40]} and this prep schema {SCHEMA_REVISION}; {advice}.")
    given = backup.get("tables")
    if not isinstance(given, dict):
        raise PrepError(f"{path}: a damaged prep backup: it has no tables; nothing was written.")
    # A column added since the backup's schema is nullable (cards.origin): such a backup has none to give.
    return checked_rows(path, TABLES, given, OLDER.get(revision, set()), revision != SCHEMA_REVISION)


def restore(session: Session, database: Path, rows: dict[Table, list[dict[str, object]]], replace: bool,
            now: datetime) -> Restored:
    """Put the rows in place of everything in the database, within the caller's transaction."""
    held = {table.name: count for table in TABLES if (count := session.scalar(select(func.count()).select_from(table)))}
    if held and not replace:
        cards = f"{held['cards']} cards" if "cards" in held else ", ".join(f"{n} {name}" for name, n in held.items())
        raise PrepError(f"{database}: already holds {cards}; pass --replace to replace everything in it with the backup "
                        "(a copy of the database is kept first).")
    saved = make_backup(database, "before-restore", now) if replace else None  # beside the others `prep backup --list` shows
    for table in reversed(TABLES):
        session.execute(delete(table))
    for table in TABLES:
        if rows[table]:
            session.execute(insert(table), rows[table])
    after_bulk_load(session, TABLES)  # on a server: ids go on past the restored ones, and the planner knows the rows
    return Restored({table.name: len(rows[table]) for table in TABLES}, saved)


def _to_json(value: object) -> object:
    return value.isoformat() if isinstance(value, (date, datetime)) else value
