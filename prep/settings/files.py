"""Files prep replaces are written next to their target, synced, then renamed over it; its files are its user's alone.

`replacing(path)` gives a file object on a temporary name in the target's own folder (a symlink's target: the link
is followed, never replaced). Only when the writing ends without error is the temporary synced and renamed over
the target, and the folder synced: the target is never emptied or removed before its replacement is whole. A run
killed on the way leaves the old file and a `<name>.<pid>.partial`, which the next start removes
(prep.store.backups.clean_partials: it knows these names).

Everything prep creates that holds the user's answers (the collection, backups, server snapshots, the offline
journal) is created readable by its owner only (PRIVATE), its folders too (PRIVATE_DIR), whatever the umask.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

PRIVATE = 0o600
PRIVATE_DIR = 0o700
PARTIAL = ".partial"


def real_target(path: Path) -> Path:
    """Where writing to `path` lands: a symlink (or a chain of them) is followed, even to a file not there yet."""
    return Path(os.path.realpath(path))


def partial_name(target: Path) -> Path:
    """The temporary beside `target` that a write in this process fills (the name clean_partials knows)."""
    return target.with_name(f"{target.name}.{os.getpid()}{PARTIAL}")


def private_folder(folder: Path) -> None:
    """Create `folder` (and its parents) readable by its owner only; an existing folder is left as the user made it."""
    if folder.is_dir():
        return
    folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(folder, PRIVATE_DIR)  # mkdir's mode passes through the umask


def make_private(path: Path) -> None:
    """A file prep made: its owner's alone (a no-op where the platform has no such bits)."""
    if sys.platform != "win32":
        with contextlib.suppress(OSError):
            os.chmod(path, PRIVATE)


def sync_folder(folder: Path) -> None:
    """A rename in `folder` survives a power cut (POSIX; a no-op elsewhere)."""
    if sys.platform == "win32":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _notes_dir() -> Path:
    from prep.settings import paths

    return paths.data_dir() / "writing"


def _note(temporary: Path) -> Path | None:
    """Where this process is writing, remembered outside the target's folder: a killed export to any folder is
    still found and removed by the next start (clean_noted)."""
    note = _notes_dir() / f"{os.getpid()}-{abs(hash(str(temporary)))}"
    try:
        private_folder(note.parent)
        note.write_text(str(temporary), encoding="utf-8")
    except OSError:
        return None  # only housekeeping: the write itself goes on
    return note


def clean_noted(alive: object) -> list[Path]:
    """Remove the temporaries that killed processes left (their notes name them); `alive(pid)` asks about a process."""
    removed = []
    try:
        notes = list(_notes_dir().iterdir())
    except OSError:
        return removed
    for note in notes:
        pid = note.name.split("-", 1)[0]
        if pid.isdigit() and (int(pid) == os.getpid() or alive(int(pid))):  # type: ignore[operator]
            continue
        with contextlib.suppress(OSError, UnicodeDecodeError):
            temporary = Path(note.read_text(encoding="utf-8"))
            if temporary.name.endswith(PARTIAL):  # and what its writer kept beside it (an apkg's work folder)
                import shutil  # only after a killed export: not on every start
                for left in [p for p in temporary.parent.iterdir() if p.name.startswith(temporary.name)]:
                    shutil.rmtree(left) if left.is_dir() and not left.is_symlink() else left.unlink()
                    removed.append(left)
        with contextlib.suppress(OSError):
            note.unlink()
    return removed


def swap_in(temporary: Path, target: Path) -> None:
    """`temporary`, complete and synced, takes `target`'s place in one rename."""
    with open(temporary, "rb") as done:
        os.fsync(done.fileno())
    os.replace(temporary, target)
    sync_folder(target.parent)


@contextlib.contextmanager
def replacing(path: Path, mode: str = "w", *, private: bool = False, keep_mode: bool = True,
              **open_args: object) -> Iterator[IO]:  # type: ignore[type-arg]
    """Write the new content of `path`; it takes the place of the old only when the block ends without error.
    `private`: a new file is created 0600. `keep_mode`: a replaced file keeps its permission bits."""
    target = real_target(path)
    temporary = partial_name(target)
    note = _note(temporary)
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        descriptor = os.open(temporary, flags, PRIVATE if private else 0o666)
        with os.fdopen(descriptor, mode, **open_args) as out:  # type: ignore[call-overload]
            yield out
            out.flush()
            os.fsync(out.fileno())
        if keep_mode:
            with contextlib.suppress(OSError):
                os.chmod(temporary, target.stat().st_mode & 0o7777)
        os.replace(temporary, target)
        sync_folder(target.parent)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        if note is not None:
            note.unlink(missing_ok=True)


def replace_with(path: Path, write: object, *, private: bool = False) -> Path:
    """For writers that want a path, not a file object (sqlite3, zipfile): `write(temporary)` fills the temporary,
    which then takes the place of `path` (its real target). Returns the path written."""
    target = real_target(path)
    temporary = partial_name(target)
    note = _note(temporary)
    try:
        temporary.unlink(missing_ok=True)
        write(temporary)  # type: ignore[operator]
        if private:
            make_private(temporary)
        else:
            with contextlib.suppress(OSError):
                os.chmod(temporary, target.stat().st_mode & 0o7777)
        swap_in(temporary, target)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        if note is not None:
            note.unlink(missing_ok=True)
    return target
