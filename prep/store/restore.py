"""Putting a backup in place of the database, also when the database is damaged or not a database at all.

The backup is checked in full first. An intact database is kept as a checked backup and overwritten
page by page in one transaction (SQLite's backup API), so other prep processes never see half of
each. A damaged one is moved aside beside it as `<db>-damaged-<time>.sqlite3` with its -wal and -shm
(SQLite can still open it there), and the backup is copied in under a temporary name and renamed.

A server collection is snapshotted and replaced by the backup in one transaction on the server
(prep.store.copy): other machines wait for it, then see all of the backup, never part of it.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from prep.errors import PrepError
from prep.store import health
from prep.store.backups import SIDE_FILES, clean_partials, copy_database, make_backup, sync_folder
from prep.store.location import Database, ServerURL


@dataclass(frozen=True)
class Replaced:
    """Where the database that a restore replaced went: a checked backup, or (damaged) moved aside."""

    kept: Path | None = None
    moved_aside: Path | None = None


def restore(database: Database, backup: Path, now: datetime | None = None) -> Replaced:
    """Put `backup` in place of the database. An intact database is kept as a backup first; a damaged one
    (or one that is not a database) is moved aside beside it, named as damaged, with its -wal and -shm."""
    if isinstance(database, ServerURL):
        return _restore_server(database, backup, now)
    health.check_path(database)
    clean_partials(database)
    if not backup.is_file():
        raise PrepError(f"{backup}: no such file; `prep backup --list` shows the backups.")
    if database.exists() and backup.resolve() == database.resolve():
        raise PrepError(f"{backup}: this is the database itself; choose a backup from `prep backup --list`.")
    chosen = health.check(backup)
    if not chosen.ok:
        raise PrepError(f"{backup}: {chosen.problem}; choose another backup (`prep backup --list` shows them).")
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    current = health.check(database)
    if current.ok and database.exists() and database.stat().st_size > 0:
        kept = make_backup(database, "before-restore", moment)
        try:
            reader = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
            writer = sqlite3.connect(database)
            try:
                reader.backup(writer)  # page by page inside one transaction: the live file is never half old, half new
            finally:
                writer.close()
                reader.close()
        except sqlite3.Error as error:
            raise PrepError(f"{database}: could not restore ({error}); the database is unchanged.") from None
        return Replaced(kept=kept)
    aside = None
    if any(Path(f"{database}{suffix}").exists() for suffix in SIDE_FILES) or (database.exists() and database.stat().st_size):
        aside = _move_aside(database, moment)  # a stale -wal must never meet the restored file
    else:
        database.unlink(missing_ok=True)  # an empty file: nothing to keep
    temporary = database.with_name(f"{database.name}.{os.getpid()}.partial")
    try:
        copy_database(backup, temporary)
        temporary.replace(database)
        sync_folder(database.parent)
    except (OSError, sqlite3.Error) as error:
        if aside is not None and not database.exists():
            _put_back(aside, database)
        raise PrepError(f"{database}: could not restore ({error}); nothing else was changed.") from None
    finally:
        temporary.unlink(missing_ok=True)
    return Replaced(moved_aside=aside)


def _restore_server(database: ServerURL, backup: Path, now: datetime | None) -> Replaced:
    """The backup copied into the server collection in one transaction, after a snapshot of what it held."""
    from prep.store.copy import copy_collection

    if not backup.is_file():
        raise PrepError(f"{backup}: no such file; `prep backup --list` shows the backups.")
    chosen = health.check(backup)
    if not chosen.ok:
        raise PrepError(f"{backup}: {chosen.problem}; choose another backup (`prep backup --list` shows them).")
    copied = copy_collection(backup, database, replace=True, now=now, reason="before-restore")
    return Replaced(kept=copied.kept)


def _move_aside(database: Path, moment: datetime) -> Path:
    """`prep.sqlite3` → `prep-damaged-20261127-090000.sqlite3`, with its side files, so SQLite can still open it."""
    aside = database.with_name(f"{database.stem}-damaged-{moment:%Y%m%d-%H%M%S}{database.suffix}")
    number = 1
    while any(Path(f"{aside}{suffix}").exists() for suffix in ("", *SIDE_FILES)):  # never over an earlier one
        number += 1
        aside = database.with_name(f"{database.stem}-damaged-{moment:%Y%m%d-%H%M%S}-{number}{database.suffix}")
    try:
        database.replace(aside)
    except OSError as error:
        raise PrepError(f"{database}: could not move the damaged database aside ({error.strerror}); check the folder's "
                        "permissions. Nothing was changed.") from None
    try:
        for suffix in SIDE_FILES:
            side = Path(f"{database}{suffix}")
            if side.exists():
                side.replace(Path(f"{aside}{suffix}"))
    except OSError as error:
        _put_back(aside, database)
        raise PrepError(f"{database}: could not move the damaged database aside ({error.strerror}); check the folder's "
                        "permissions. Nothing was changed.") from None
    return aside


def _put_back(aside: Path, database: Path) -> None:
    aside.replace(database)
    for suffix in SIDE_FILES:
        side = Path(f"{aside}{suffix}")
        if side.exists():
            side.replace(Path(f"{database}{suffix}"))
