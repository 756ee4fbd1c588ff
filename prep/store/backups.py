"""Backups of the database file, as Anki keeps them: before a migration or an import, once a day,
after a review session and every 30 minutes of study, and on request.

A backup is known good or not made: the copy (SQLite's online backup API, consistent even while
another prep writes) goes to a temporary name, passes `PRAGMA quick_check` and prep's schema check
(prep.store.health), and only then is renamed into place. A damaged database makes no backup:
DamagedDatabase is raised and the caller stops before writing anything.

Restoring one is prep.store.restore. Rotation keeps the newest backups, and whatever their number,
the newest good backup of each of the three latest days that have one, so a day of damaged or repeated
backups never pushes out the last good state. Which backups passed the check is remembered in
`checked.json` beside them; a backup not found there (made by an older prep) is checked the first
time rotation needs to know.

A collection on a PostgreSQL server is backed up the same way, as a checked SQLite snapshot made by
prep.store.copy (one REPEATABLE READ transaction on the server) into the user's own backups folder,
named after the server's database (`ServerURL.label`); restoring one copies it back in one transaction.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from prep.errors import PrepError
from prep.settings import files, paths
from prep.settings.files import sync_folder
from prep.store import health
from prep.store.health import DamagedDatabase, Health
from prep.store.location import Database, ServerURL

KEEP = 12  # the newest copies kept; older ones are deleted unless one is among the last good days'
GOOD_DAYS = 3  # the newest good backup of this many different days is always kept
DAILY = timedelta(hours=23)
PERIODIC = timedelta(minutes=30)  # while studying, never more than this since the last backup
SESSION_ANSWERS = 5  # a review session of this many answers or more is backed up when it ends
REGISTRY = "checked.json"
SIDE_FILES = ("-wal", "-shm", "-journal")  # SQLite's files beside a database, which go wherever it goes
_NOT_MADE = "no backup was made and nothing was written"
_STALE_PARTIAL = timedelta(hours=6)  # where process ids cannot be asked about, a .partial this old is stale


def backup_dir(database: Database) -> Path:
    """Beside a database file; for a server collection, in this user's data folder (the server's files are the server's)."""
    return paths.data_dir() / "backups" if isinstance(database, ServerURL) else database.parent / "backups"


def _stem(database: Database) -> str:
    return database.label if isinstance(database, ServerURL) else database.stem


def backups(database: Database) -> list[Path]:
    """Backups of this database, newest first."""
    found = _files(backup_dir(database), f"{_stem(database)}-", (".sqlite3",))
    return sorted((p for p in found if _parse(database, p) is not None), reverse=True)


def _files(folder: Path, prefix: str, endings: tuple[str, ...]) -> list[Path]:
    """The files in `folder` named `prefix`...`ending` (none when there is no such folder)."""
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError, PermissionError):  # as a glob of it finds nothing
        return []
    return [folder / name for name in names if name.startswith(prefix) and name.endswith(endings) and len(name) > len(prefix)]


def _parse(database: Database, backup: Path) -> tuple[datetime, str] | None:
    """The moment and the reason in a backup's name (`<db>-YYYYmmdd-HHMMSSffffff-<reason>.sqlite3`)."""
    if not backup.name.startswith(f"{_stem(database)}-"):
        return None
    stamp = backup.name[len(_stem(database)) + 1: -len(".sqlite3")].split("-", 2)
    if len(stamp) < 3:
        return None
    day, clock = stamp[0], stamp[1]
    if len(day) != 8 or len(clock) != 12 or not (day + clock).isdigit():
        return None
    try:  # by hand: strptime loads its locale machinery, a millisecond of every start (prep lists the backups then)
        moment = datetime(int(day[:4]), int(day[4:6]), int(day[6:]), int(clock[:2]), int(clock[2:4]), int(clock[4:6]),
                          int(clock[6:]), tzinfo=timezone.utc)
    except ValueError:
        return None
    return moment, stamp[2]


def _taken_at(database: Database, backup: Path) -> datetime:
    parsed = _parse(database, backup)
    assert parsed is not None, backup
    return parsed[0]


# ---- what passed the check -------------------------------------------------------


def _registry(database: Database) -> dict[str, str]:
    try:
        data = json.loads((backup_dir(database) / REGISTRY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # lost or unreadable: backups are checked again as needed
    return {k: v for k, v in data.items() if isinstance(k, str) and v in ("ok", "damaged")} if isinstance(data, dict) else {}


def _save_registry(database: Database, entries: dict[str, str]) -> None:
    path = backup_dir(database) / REGISTRY
    try:
        with files.replacing(path, encoding="utf-8", private=True) as out:
            out.write(json.dumps(entries, indent=0, sort_keys=True))
    except OSError:
        pass  # only a cache of check results: rotation checks again without it


def _status(database: Database, backup: Path, known: dict[str, str]) -> str:
    """"ok" or "damaged", from the registry or, for a backup it does not list, from a check now."""
    if backup.name not in known:
        known[backup.name] = "ok" if health.check(backup).ok else "damaged"
    return known[backup.name]


# ---- making one ------------------------------------------------------------------


def make_backup(database: Database, reason: str, now: datetime | None = None, *, raw: object = None,
                protect: tuple[Path, ...] = ()) -> Path | None:
    """Copy the database into the backups folder, checked; None when there is nothing to copy yet.
    `raw`: a server collection's psycopg connection whose transaction the snapshot is read in. `protect`: files the
    rotation after it must not remove (the backup a restore is about to read)."""
    if isinstance(database, Path):
        health.check_path(database)
        if not database.exists() or database.stat().st_size == 0:
            return None
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    folder = backup_dir(database)
    target = folder / f"{_stem(database)}-{moment:%Y%m%d-%H%M%S%f}-{reason}.sqlite3"
    temporary = folder / f"{target.name}.{os.getpid()}.partial"
    try:
        files.private_folder(folder)
        if isinstance(database, ServerURL):
            from prep.store.snapshot import snapshot  # late: it loads the migrations' machinery

            if snapshot(database, temporary, raw) is None:
                return None  # a database with no collection in it yet
        else:
            copy_database(database, temporary)
        files.make_private(temporary)  # the user's answers: no one else's to read, whatever the umask
        found = health.check(temporary)
        if not found.ok:
            source = health.check(database)
            if not source.ok:
                raise DamagedDatabase(health.damage_message(database, str(source.problem), _NOT_MADE))
            raise PrepError(f"{folder}: the backup copy failed its check ({found.problem}); the disk of the backups folder "
                            "may be failing. Nothing was written; check the disk and try again.")
        temporary.replace(target)
        sync_folder(folder)
    except (OSError, sqlite3.Error) as error:
        source = health.check(database)
        if not source.ok:  # the copy failed on the damage itself
            raise DamagedDatabase(health.damage_message(database, str(source.problem), _NOT_MADE)) from None
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise PrepError(f"{folder}: could not write a backup ({reason}); free some space or check permissions. "
                        "Nothing was written.") from None
    finally:
        for suffix in ("", *SIDE_FILES):
            with contextlib.suppress(OSError):  # a read-only folder, where none was made: the error said so
                Path(f"{temporary}{suffix}").unlink(missing_ok=True)
    known = _registry(database)
    known[target.name] = "ok"
    rotate(database, known, protect=protect)
    return target


def copy_database(source: Path, target: Path) -> None:
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT, files.PRIVATE))  # created private before SQLite opens it
        writer = sqlite3.connect(target)
        try:
            reader.backup(writer)  # one step: a consistent snapshot even while another prep writes
            # The copy would be in WAL mode like its source; a backup is one self-contained file instead,
            # which reading it (checks, listings) never adds -wal or -shm files to.
            writer.execute("PRAGMA journal_mode = DELETE")
        finally:
            writer.close()  # synchronous=FULL: the copy is on disk once closed
    finally:
        reader.close()


# ---- keeping them ----------------------------------------------------------------


def rotate(database: Database, known: dict[str, str] | None = None, *, protect: tuple[Path, ...] = ()) -> list[Path]:
    """Delete old backups beyond KEEP, never the newest good one of each of the GOOD_DAYS latest days, nor one in
    `protect` (a backup being restored). Returns those deleted."""
    known = _registry(database) if known is None else known
    every = backups(database)
    guarded = {os.path.realpath(p) for p in protect}
    keep = set(every[:KEEP]) | {b for b in every if os.path.realpath(b) in guarded}
    days: set[date] = set()
    for backup in every:  # newest first
        day = _taken_at(database, backup).date()
        if day not in days and _status(database, backup, known) == "ok":
            days.add(day)
            keep.add(backup)
            if len(days) == GOOD_DAYS:
                break
    removed = [backup for backup in every if backup not in keep]
    for backup in removed:
        for suffix in ("", *SIDE_FILES):  # an older prep's WAL-mode copies grow these when read
            Path(f"{backup}{suffix}").unlink(missing_ok=True)
    kept = {b.name for b in every if b in keep}
    # The folder may hold other collections' backups too (a server's sit in the user's data folder): theirs stay listed.
    _save_registry(database, {name: known[name] for name in sorted(known) if name in kept or _parse(database, Path(name)) is None})
    return removed


def daily_backup(database: Database, now: datetime | None = None) -> Path | None:
    """A backup when the newest one is a day old; cheap otherwise."""
    newest = next(iter(backups(database)), None)
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    if newest is not None and _taken_at(database, newest) > moment - DAILY:
        return None
    return make_backup(database, "daily", moment)


def _study_marks(path: Database) -> tuple[int, int]:
    """The newest answer and drill attempt ids: they only grow as the user studies."""
    if isinstance(path, ServerURL):
        return _server_marks(path)
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as connection:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        marks = tuple(connection.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0] if table in tables else 0
                      for table in ("reviews", "attempts"))
    connection.close()
    return marks  # type: ignore[return-value]


def _server_marks(location: ServerURL) -> tuple[int, int]:
    from sqlalchemy import text

    from prep.store.server import create_server_engine

    engine = create_server_engine(location)
    try:
        with engine.connect() as connection:
            return tuple(connection.scalar(text(f"SELECT coalesce(max(id), 0) FROM {table}"))  # type: ignore[return-value]
                         if connection.scalar(text(f"SELECT to_regclass('{table}')")) else 0
                         for table in ("reviews", "attempts"))
    finally:
        engine.dispose()


def answers_since_backup(database: Database) -> int:
    """Answers and drill attempts recorded since the newest backup was taken."""
    if isinstance(database, Path) and not database.is_file():
        return 0
    newest = next(iter(backups(database)), None)
    try:
        now_marks = _study_marks(database)
    except sqlite3.Error:
        return SESSION_ANSWERS  # unreadable: a backup is tried, and its check says what is wrong
    try:
        then_marks = _study_marks(newest) if newest is not None else (0, 0)
    except sqlite3.Error:
        then_marks = (0, 0)
    return sum(max(0, now - then) for now, then in zip(now_marks, then_marks))


def study_backup(database: Database, now: datetime | None = None, *, session_ended: bool = False) -> Path | None:
    """Backups while studying: at the end of a session of SESSION_ANSWERS answers or more, and whenever
    PERIODIC has passed since the newest backup and something was answered since."""
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    fresh = answers_since_backup(database)
    if session_ended and fresh >= SESSION_ANSWERS:
        return make_backup(database, "session", moment)
    newest = next(iter(backups(database)), None)
    if fresh and (newest is None or _taken_at(database, newest) <= moment - PERIODIC):
        return make_backup(database, "periodic", moment)
    return None


# ---- what is left over -----------------------------------------------------------------


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # os.kill would end it there: age alone decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def clean_partials(database: Database) -> list[Path]:
    """Remove `.partial` files that a killed backup or restore left behind (never a running one's)."""
    removed = []
    places = [(backup_dir(database), "")]
    if isinstance(database, Path):
        places.append((database.parent, f"{database.name}."))
    endings = tuple(".partial" + suffix for suffix in ("", *SIDE_FILES))
    for folder, prefix in places:
        # Names compared as strings: a glob pattern is a regular expression compiled on each start (prep runs this then).
        for partial in _files(folder, prefix, endings):
            pid = partial.name.split(".partial")[0].rsplit(".", 1)[-1]
            try:
                age = time.time() - partial.stat().st_mtime
            except OSError:
                continue
            stale = not pid.isdigit() or int(pid) == os.getpid() or not _alive(int(pid)) or age > _STALE_PARTIAL.total_seconds()
            if stale:
                partial.unlink(missing_ok=True)
                removed.append(partial)
    return removed + files.clean_noted(_alive)


# ---- listing and restoring -------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    health: Health

    @property
    def ok(self) -> bool:
        return self.health.ok


def describe(database: Database, *, full: bool = False) -> list[BackupInfo]:
    """Every backup, newest first, with its answer and card counts (for `--list` and the restore screen).

    A quick look: whether each passed its check comes from the record kept when it was made (a backup
    not recorded there is checked now); the one chosen is checked in full again before it is restored.
    `full` (`prep backup --list`): each is checked again, so one damaged since it was made is shown as damaged."""
    found = []
    known = _registry(database)
    for backup in backups(database):
        moment, reason = _parse(database, backup)  # type: ignore[misc]
        looked = health.check(backup, integrity=full or _status(database, backup, known) != "ok")
        known[backup.name] = "ok" if looked.ok else "damaged"
        found.append(BackupInfo(backup, moment, reason, looked))
    if found:
        _save_registry(database, known)
    return found


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def backup_line(info: BackupInfo) -> str:
    """`2026-11-27 09:13  daily   40 answers · 110 cards`, in local time."""
    when = info.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
    if not info.ok:
        return f"{when}  {info.reason:<22} damaged: cannot be restored"
    counts = f"{_plural(info.health.answers, 'answer')} · {_plural(info.health.cards, 'card')}"
    if info.health.attempts:
        counts += f" · {_plural(info.health.attempts, 'drill attempt')}"
    return f"{when}  {info.reason:<22} {counts}"


# ---- a restore that did not end (prep.store.restore writes the marker) --------------------------------------


def restore_marker(target: Path) -> Path:
    """Beside the collection while a restore changes it: what it restores and where the data it replaces went."""
    return target.with_name(f"{target.name}.restoring")


def interrupted_restore(database: Database) -> None:
    """A restore of this collection killed before it ended: one line saying where the data is, before any command
    could open (and so create, or write to) the collection. A restore still running elsewhere is not reported."""
    if isinstance(database, ServerURL):
        return  # a server's restore is one transaction
    marker = restore_marker(files.real_target(database))
    try:
        entry = json.loads(marker.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return
    except (OSError, ValueError):
        entry = {}
    if not isinstance(entry, dict):
        entry = {}
    pid = entry.get("pid")
    if isinstance(pid, int) and pid != os.getpid() and _alive(pid):
        return
    backup, kept = entry.get("backup"), entry.get("kept")
    where = f"the collection as it was is kept as {kept}" if kept else "the collection as it was is in the backups folder"
    again = f"`prep restore {backup}` again to finish it" if backup else "`prep backup --list`, then `prep restore` one"
    raise PrepError(f"{database}: a restore was interrupted{f' (from {backup})' if backup else ''}; {where}. Run {again} "
                    "(or `prep restore` the copy kept) before anything else; nothing was opened.")
