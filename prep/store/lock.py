"""Who has a collection file open: every prep that opens one holds a shared lock on `<name>.lock` beside it; a
restore takes it exclusively, and so refuses while another prep (a TUI, an import) has the collection open.

A separate file, not the database: closing any descriptor of a SQLite file drops the POSIX locks SQLite holds on it
in that process. The lock is flock(2), released by the system when a process ends, however it ends (kill -9
included): a killed prep never blocks a restore. Where there is no flock (Windows) or the folder is read-only
(nothing can be restored there either), no lock is taken.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from prep.errors import PrepError
from prep.settings.files import PRIVATE, real_target

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

# This process's descriptor on each lock file, and how many of its SQLite connections to that collection are open.
_held: dict[str, list[int]] = {}


def lock_path(database: Path) -> Path:
    target = real_target(database)
    return target.with_name(f"{target.name}.lock")


def _open(database: Path) -> int | None:
    try:
        return os.open(lock_path(database), os.O_RDWR | os.O_CREAT, PRIVATE)
    except OSError:
        return None


def share(database: Path) -> None:
    """Hold the shared lock (one more SQLite connection of this process is open); a restore elsewhere then refuses."""
    if fcntl is None:
        return
    key = str(lock_path(database))
    entry = _held.get(key)
    if entry is None:
        descriptor = _open(database)
        if descriptor is None:
            return
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH)  # waits only while a restore swaps the file in
        except OSError:
            os.close(descriptor)
            return
        entry = _held[key] = [descriptor, 0]
    entry[1] += 1


def release(database: Path) -> None:
    """One connection fewer; with the last, the lock goes."""
    key = str(lock_path(database))
    entry = _held.get(key)
    if entry is None:
        return
    entry[1] -= 1
    if entry[1] <= 0:
        del _held[key]
        with contextlib.suppress(OSError):
            os.close(entry[0])  # the lock goes with it


def follow(engine: object, database: Path) -> None:
    """The lock held while any of the engine's SQLite connections is open (SQLAlchemy's pool events)."""
    from sqlalchemy import event

    event.listen(engine, "connect", lambda _connection, _record: share(database))
    event.listen(engine, "close", lambda _connection, _record: release(database))
    event.listen(engine, "close_detached", lambda _connection: release(database))


@contextlib.contextmanager
def exclusive(database: Path) -> Iterator[None]:
    """No other prep has the collection open while the block runs; PrepError at once if one has."""
    if fcntl is None:
        yield
        return
    key = str(lock_path(database))
    own = _held.get(key)
    descriptor = own[0] if own else _open(database)
    if descriptor is None:
        yield
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PrepError(f"{database}: another prep has this collection open (the TUI, an import); close it and "
                            "run the restore again. Nothing was changed.") from None
        yield
    finally:
        if own:
            fcntl.flock(descriptor, fcntl.LOCK_SH)  # this process's engines go on sharing it
        else:
            os.close(descriptor)


@contextlib.contextmanager
def turn(database: Path, name: str) -> Iterator[None]:
    """One process at a time runs `name` (an import) on this collection, the next waits: flock(2) on
    `<name of the collection>.<name>.lock` beside it, released however the process ends."""
    if fcntl is None:
        yield
        return
    target = real_target(database)
    try:
        descriptor = os.open(target.with_name(f"{target.name}.{name}.lock"), os.O_RDWR | os.O_CREAT, PRIVATE)
    except OSError:  # a read-only folder: nothing is written there either, and the import says so
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)
