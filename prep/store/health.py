"""Is a database file intact? SQLite's `PRAGMA quick_check` plus prep's own schema check.

Used on the live database before anything writes to it (the TUI's start, write commands),
on every backup copy before it takes a place in the rotation, and on a backup before it is
restored. Opening is read-only: checking never changes the file.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from pathlib import Path
from typing import NamedTuple

from prep.errors import PrepError
from prep.store.location import ServerURL

# Tables every prep schema has had since its first revision; the head revision must have all of its own.
_CORE_TABLES = {"alembic_version", "cards", "reviews", "sources"}
_MIGRATIONS = Path(__file__).with_name("migrations") / "versions"
_DAMAGED_ADVICE = "restore a backup with `prep restore FILE` (`prep backup --list` shows them) or start `prep` to pick one."


class DamagedDatabase(PrepError):
    """The database failed its check: nothing may be written to it or copied from it as a backup."""


class Health(NamedTuple):
    """What a check found: `problem` is None for an intact prep database (or no database yet). A NamedTuple, as
    prep.service.CardView: it is defined on every start."""

    problem: str | None = None
    revision: str | None = None
    cards: int = 0
    answers: int = 0  # reviews; drill attempts are counted apart
    attempts: int = 0
    complete: bool = True  # False when the time budget ran out before quick_check finished

    @property
    def ok(self) -> bool:
        return self.problem is None


def known_revisions() -> set[str]:
    """The schema revisions this prep can open, read from the migration files (Alembic stays unimported)."""
    found = set()
    for script in _MIGRATIONS.glob("*.py"):
        match = re.search(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", script.read_text(encoding="utf-8"), re.MULTILINE)
        if match:
            found.add(match[1])
    return found


def check_path(path: Path | ServerURL) -> None:
    """A database path must name a regular file, or nothing yet: one clear line otherwise (never "damaged")."""
    if isinstance(path, ServerURL):
        return  # a server's files are the server's
    if path.is_dir():
        raise PrepError(f"{path}: this is a folder, not a database file; pass --db (or PREP_DB) a file such as "
                        f"{path / 'prep.sqlite3'}.")
    if path.exists() and not path.is_file():
        raise PrepError(f"{path}: not a regular file (a device or a pipe); pass --db (or PREP_DB) the path of a database "
                        "file.")
    blocker = next((parent for parent in path.parents if parent.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise PrepError(f"{blocker}: cannot create the data folder (this is a file, not a folder); pass --db PATH to use "
                        "another place.")


def check(path: Path | ServerURL, budget: float | None = None, *, integrity: bool = True) -> Health:
    """Check `path` (read-only). `budget` (seconds) bounds quick_check; past it the check is incomplete, not failed.
    Without `integrity`, only the schema and the counts are read: a quick look for listings."""
    if isinstance(path, ServerURL):
        return Health()  # PostgreSQL checks its own pages; a server that is down is reported when prep connects
    if not path.exists() or path.stat().st_size == 0:
        return Health()  # a new database: nothing to damage
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error as error:
        raise PrepError(f"{path}: cannot open the database to check it ({error}); check its permissions.") from None
    try:
        return _check(connection, budget, integrity)
    except sqlite3.OperationalError as error:
        refuse_read_only(path)
        if "locked" in str(error) or "unable to open" in str(error):  # not damage: say what it is
            raise PrepError(f"{path}: cannot read the database to check it ({error}); close other programs using it "
                            "and check its permissions.") from None
        return Health(problem=_explain(str(error)))
    except sqlite3.DatabaseError as error:
        return Health(problem=_explain(str(error)))
    finally:
        connection.close()


def refuse_read_only(path: Path) -> None:
    """A collection in a folder prep may not write to: one line saying so, never "damaged" (SQLite needs to write the
    -shm file beside a WAL database even to read it)."""
    if path.parent.exists() and not os.access(path.parent, os.W_OK):
        raise PrepError(f"{path}: the folder {path.parent} is read-only, and SQLite needs to write beside the "
                        "collection even to read it; make the folder writable (the collection is not damaged).") from None


def _check(connection: sqlite3.Connection, budget: float | None, integrity: bool = True) -> Health:
    complete = integrity
    if integrity:
        problem, complete = _quick_check(connection, budget)
        if problem:
            return Health(problem=problem)
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return Health(complete=complete)  # an empty SQLite file: prep creates its schema there
    if "alembic_version" not in tables:
        return Health(problem="this file is not a prep database (it has no schema revision)")
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = revision[0] if revision else None
    if not revision:
        return Health(problem="the database is damaged (its schema revision is empty)")
    if revision != _head() and revision not in known_revisions():  # the files are read only for an older schema
        return Health(revision=revision, complete=complete)  # a newer prep's: opening it says to upgrade
    missing = _CORE_TABLES - tables
    if revision == _head():
        missing |= _model_tables() - tables
    if missing:
        return Health(problem=f"the database is damaged (tables missing: {', '.join(sorted(missing))})", revision=revision)
    cards = connection.execute("SELECT count(*) FROM cards").fetchone()[0]
    answers = connection.execute("SELECT count(*) FROM reviews").fetchone()[0]
    attempts = connection.execute("SELECT count(*) FROM attempts").fetchone()[0] if "attempts" in tables else 0
    return Health(revision=revision, cards=cards, answers=answers, attempts=attempts, complete=complete)


def _quick_check(connection: sqlite3.Connection, budget: float | None) -> tuple[str | None, bool]:
    """(the problem found or None, whether the check ran to its end within `budget`)."""
    if budget is not None:
        deadline = time.monotonic() + budget
        connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
    try:
        rows = connection.execute("PRAGMA quick_check(5)").fetchall()
    except sqlite3.OperationalError as error:
        if "interrupted" not in str(error):
            raise
        return None, False
    finally:
        connection.set_progress_handler(None, 0)
    if rows != [("ok",)]:
        first = " ".join(str(rows[0][0]).replace("*** in database main ***", "").split())
        return f"the database is damaged (quick_check: {first[:160]})", True
    return None, True


def _head() -> str:
    from prep.store.revision import SCHEMA_REVISION  # late: it loads SQLAlchemy, which a file's check does not need

    return SCHEMA_REVISION


def _model_tables() -> set[str]:
    """prep's tables, from the Core schema (the ORM maps its classes onto these same tables: loading it to name them
    cost every `prep` start 60 ms)."""
    from prep.store.tables import metadata

    return set(metadata.tables)


def _explain(message: str) -> str:
    if "not a database" in message:
        return "this file is not a database (it holds something else, or its first page is damaged)"
    if "malformed" in message:
        return "the database is damaged (the database disk image is malformed)"
    return f"the database is damaged ({message})"


def damage_message(path: Path, problem: str, done: str = "nothing was written to it") -> str:
    """One line: the file, what is wrong, that nothing was done to it, and the way out."""
    return f"{path}: {problem}; {done}. To go on, {_DAMAGED_ADVICE}"


def ensure_intact(path: Path | ServerURL, budget: float | None = None) -> Health:
    """The fast check before a write: raise DamagedDatabase on damage, return what was found otherwise."""
    check_path(path)
    health = check(path, budget)
    if not health.ok:
        raise DamagedDatabase(damage_message(path, health.problem or "the database is damaged"))
    return health
