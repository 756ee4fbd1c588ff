"""Putting a backup in place of the database, also when the database is damaged or not a database at all.

The backup is checked in full first. An intact database is kept as a checked backup and overwritten
page by page in one transaction (SQLite's backup API), so other prep processes never see half of
each. A damaged one is kept aside beside it as `<db>-damaged-<time>.sqlite3` (a hard link) with its -wal and -shm
(SQLite can still open it there), and the backup, copied first under a temporary name, is renamed over it.

A server collection is snapshotted and replaced by the backup in one transaction on the server
(prep.store.copy): other machines wait for it, then see all of the backup, never part of it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from prep.errors import PrepError
from prep.settings.files import partial_name, real_target, replacing, swap_in, sync_folder
from prep.store import health, lock
from prep.store.backups import SIDE_FILES, clean_partials, copy_database, make_backup, restore_marker
from prep.store.location import Database, ServerURL


@dataclass(frozen=True)
class Replaced:
    """Where the database that a restore replaced went: a checked backup, or (damaged) moved aside."""

    kept: Path | None = None
    moved_aside: Path | None = None


def restore(database: Database, backup: Path, now: datetime | None = None) -> Replaced:
    """Put `backup` in place of the database. An intact database is kept as a backup first; a damaged one
    (or one that is not a database) is kept aside beside it, named as damaged, with its -wal and -shm.

    Safe by construction: the chosen backup is copied (and checked) before anything else happens, so the rotation
    that keeping the current database starts can never remove what is being restored; no other prep may have the
    collection open meanwhile (prep.store.lock); there is a file at the path at every moment; and a marker beside it
    says, should the restore be killed, what was being done and where the data is (`interrupted`)."""
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
    target = real_target(database)  # a symlink is followed: the file it names is replaced, the link stays
    with lock.exclusive(database):
        temporary = partial_name(target)
        try:
            try:
                copy_database(backup, temporary)  # first: from here on the backup itself is not needed
            except (OSError, sqlite3.Error) as error:
                raise PrepError(f"{backup}: could not read it to restore ({error}); choose another backup "
                                "(`prep backup --list` shows them). Nothing was changed.") from None
            chosen = health.check(temporary)  # the copy, which is what is restored
            if not chosen.ok:
                raise PrepError(f"{backup}: {chosen.problem}; choose another backup (`prep backup --list` shows them).")
            current = health.check(target)
            if current.ok and target.exists() and target.stat().st_size > 0:
                kept = make_backup(target, "before-restore", moment, protect=(backup,))
                _mark(target, backup, kept)
                try:
                    reader = sqlite3.connect(temporary)
                    writer = sqlite3.connect(target)
                    try:
                        reader.backup(writer)  # page by page inside one transaction: never half old, half new
                    finally:
                        writer.close()
                        reader.close()
                except sqlite3.Error as error:
                    raise PrepError(f"{database}: could not restore ({error}); the database is unchanged.") from None
                _unmark(target)
                return Replaced(kept=kept)
            aside = None
            if any(Path(f"{target}{suffix}").exists() for suffix in SIDE_FILES) or (target.exists() and target.stat().st_size):
                aside = _keep_aside(target, moment, backup)  # a stale -wal must never meet the restored file
            try:
                swap_in(temporary, target)  # one rename: the damaged file (kept aside) is at the path until then
            except OSError as error:
                raise PrepError(f"{database}: could not restore ({error.strerror or error}); the damaged database is "
                                f"still at its place{f' and kept as {aside}' if aside else ''}.") from None
            _unmark(target)
            return Replaced(moved_aside=aside)
        finally:
            for suffix in ("", *SIDE_FILES):
                with contextlib.suppress(OSError):  # a read-only folder, where none was made: the error said so
                    Path(f"{temporary}{suffix}").unlink(missing_ok=True)


# ---- a restore that did not end (prep.store.backups.interrupted_restore reports one) ----------------


def _mark(target: Path, backup: Path, kept: Path | None) -> None:
    """What a restore is about to do, written before the collection changes (removed when it has)."""
    entry = {"backup": str(backup.resolve()), "kept": str(kept) if kept else None, "pid": os.getpid()}
    with replacing(restore_marker(target), encoding="utf-8", private=True) as out:
        out.write(json.dumps(entry))


def _unmark(target: Path) -> None:
    restore_marker(target).unlink(missing_ok=True)
    sync_folder(target.parent)


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


def _keep_aside(database: Path, moment: datetime, backup: Path) -> Path:
    """`prep.sqlite3` → `prep-damaged-20261127-090000.sqlite3` (a second name for the same file, so the path is never
    empty), with its side files moved along, so SQLite can still open it there."""
    aside = database.with_name(f"{database.stem}-damaged-{moment:%Y%m%d-%H%M%S}{database.suffix}")
    number = 1
    while any(Path(f"{aside}{suffix}").exists() for suffix in ("", *SIDE_FILES)):  # never over an earlier one
        number += 1
        aside = database.with_name(f"{database.stem}-damaged-{moment:%Y%m%d-%H%M%S}-{number}{database.suffix}")
    _mark(database, backup, aside)
    try:
        if database.exists():
            try:
                os.link(database, aside)
            except OSError:  # a file system without hard links: a copy, synced
                shutil.copy2(database, aside)
                with open(aside, "rb") as copied:
                    os.fsync(copied.fileno())
        for suffix in SIDE_FILES:
            side = Path(f"{database}{suffix}")
            if side.exists():
                side.replace(Path(f"{aside}{suffix}"))
        sync_folder(database.parent)
    except OSError as error:
        for suffix in SIDE_FILES:
            with contextlib.suppress(OSError):
                if Path(f"{aside}{suffix}").exists():
                    Path(f"{aside}{suffix}").replace(Path(f"{database}{suffix}"))
        with contextlib.suppress(OSError):
            aside.unlink(missing_ok=True)
        _unmark(database)
        raise PrepError(f"{database}: could not keep the damaged database aside ({error.strerror}); check the folder's "
                        "permissions. Nothing was changed.") from None
    return aside
