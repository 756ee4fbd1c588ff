"""Backups of the database file, as Anki keeps them: before a migration or an import,
once a day, and on request; the newest ones are kept.

Each copy is made with SQLite's online backup API (consistent even while another
prep process writes) into a temporary name, then renamed: never a half-written file.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from prep.errors import PrepError

KEEP = 12  # the newest copies kept; older ones are deleted
DAILY = timedelta(hours=23)


def backup_dir(database: Path) -> Path:
    return database.parent / "backups"


def backups(database: Path) -> list[Path]:
    """Backups of this database, newest first."""
    return sorted(backup_dir(database).glob(f"{database.stem}-*.sqlite3"), reverse=True)


def _copy(source: Path, target: Path) -> None:
    temporary = target.with_name(target.name + ".partial")
    with sqlite3.connect(source) as reader, sqlite3.connect(temporary) as writer:
        reader.backup(writer)
    writer.close()
    reader.close()
    temporary.replace(target)


def make_backup(database: Path, reason: str, now: datetime | None = None) -> Path | None:
    """Copy the database into the backups folder (nothing to copy for a new, empty file)."""
    if not database.exists() or database.stat().st_size == 0:
        return None
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    folder = backup_dir(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{database.stem}-{moment:%Y%m%d-%H%M%S%f}-{reason}.sqlite3"
        _copy(database, target)
    except (OSError, sqlite3.Error) as error:
        raise PrepError(f"{folder}: could not write a backup ({error}); free some space or check permissions.") from None
    for old in backups(database)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def daily_backup(database: Path, now: datetime | None = None) -> Path | None:
    """A backup when the newest one is a day old; cheap otherwise."""
    newest = next(iter(backups(database)), None)
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    if newest is not None and _taken_at(database, newest) > moment - DAILY:
        return None
    return make_backup(database, "daily", moment)


def _taken_at(database: Path, backup: Path) -> datetime:
    """The moment in a backup's name (`<db>-YYYYmmdd-HHMMSSffffff-<reason>.sqlite3`)."""
    stamp = backup.name[len(database.stem) + 1:].split("-")
    return datetime.strptime(f"{stamp[0]}{stamp[1]}", "%Y%m%d%H%M%S%f").replace(tzinfo=timezone.utc)


def check_database_file(path: Path) -> None:
    """Refuse anything that is not an intact prep database."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            if connection.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise PrepError(f"{path}: this database is damaged; choose another backup.")
            if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'").fetchone():
                raise PrepError(f"{path}: not a prep database.")
        connection.close()
    except sqlite3.DatabaseError as error:
        raise PrepError(f"{path}: not a readable SQLite database ({error}).") from None


def restore(database: Path, backup: Path, now: datetime | None = None) -> Path | None:
    """Put `backup` in place of the database, keeping a copy of what it replaces. Returns that copy."""
    if not backup.is_file():
        raise PrepError(f"{backup}: no such file; `prep backup --list` shows the backups.")
    check_database_file(backup)
    kept = make_backup(database, "before-restore", now)
    try:
        with sqlite3.connect(backup) as reader, sqlite3.connect(database) as writer:
            reader.backup(writer)  # page by page inside one transaction: the live file is never half old, half new
        writer.close()
        reader.close()
    except sqlite3.Error as error:
        raise PrepError(f"{database}: could not restore ({error}); the database is unchanged.") from None
    return kept
