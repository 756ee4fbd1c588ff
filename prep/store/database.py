"""Open a collection safely, a SQLite file or a PostgreSQL database (prep.store.server), and bring its schema up to date."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DatabaseError, OperationalError

from prep.errors import NotSavedYet, PrepError
from prep.settings.files import PRIVATE, private_folder
from prep.store import lock
from prep.store.health import check_path, refuse_read_only
from prep.store.location import Database, ServerURL
from prep.store.revision import SCHEMA_REVISION, current_revision, known_revision, upgrade

BUSY_SECONDS = 10  # how long a transaction waits for another prep's to end before saying so (the busy timeout)
_TRY_EVERY = 0.002  # how often a waiting transaction tries for the lock


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: an answer shown as recorded survives a power cut, not only a crash.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
    cursor.close()


READS_ONLY = "prep_reads_only"  # the execution option of `reader`: a connection whose transactions only read


def reader(engine: Engine) -> Engine:
    """The engine for transactions that only read (the next card, today's counts): on SQLite they begin deferred, a
    snapshot of the collection that takes no lock (WAL), rather than BEGIN IMMEDIATE: a read neither waits for another
    prep's write (an import) nor holds one up. Anything that writes uses the engine itself."""
    return engine.execution_options(**{READS_ONLY: True})


def _begin_immediate(connection: Connection) -> None:
    if connection.get_execution_options().get(READS_ONLY):
        connection.connection.dbapi_connection.execute("BEGIN")  # deferred: its reads see one snapshot
        return
    # Take the write lock when a transaction starts: a deferred transaction that reads and then
    # writes can fail at once with "database is locked" when another prep wrote in between,
    # whereas BEGIN IMMEDIATE waits for the busy timeout like any other lock.
    #
    # The wait is here, trying every 2 ms, not in SQLite's busy handler: that one sleeps longer and longer between
    # tries (up to 100 ms), so another prep that commits and begins again at once (an import's batches, each a few
    # ms apart) would keep the lock from a waiting answer for seconds, however short each of its transactions.
    raw = connection.connection.dbapi_connection
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        deadline = time.monotonic() + BUSY_SECONDS
        while time.monotonic() < deadline:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error):
                    break  # said in one line below (_explain)
            time.sleep(_TRY_EVERY)
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # the lock at last, or why not, in one line (_explain)
    finally:
        raw.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")


_PROBLEMS = {
    "database or disk is full": "the disk is full: this change was not saved. Free some space and try again.",
    "disk I/O error": "the disk failed to read or write: this change was not saved. Check the disk and try again.",
    "malformed": "the database file is damaged. Restore a backup with `prep restore` (`prep backup --list` shows them).",
    "not a database": "this file is not a prep database. Pass --db with the right file, or restore a backup.",
    "database is locked": f"another program held the collection for over {BUSY_SECONDS} s; nothing was changed by this "
                          "step, try it again (an answer is kept and saved when it lets go).",
    "readonly": "the database is read-only; check its permissions.",
}
_NOT_YET = ("database or disk is full", "disk I/O error", "database is locked", "readonly")


def _explain(context: ExceptionContext) -> None:
    """SQLite errors the user can act on become one-line messages instead of tracebacks."""
    message = str(context.original_exception)
    for needle, advice in _PROBLEMS.items():
        if needle in message:
            # The collection is sound and the step was right, but the disk or another program stopped it: an answer
            # is kept and saved again later (prep.review.pending), not dropped.
            kind = NotSavedYet if needle in _NOT_YET else PrepError
            raise kind(f"{context.engine.url.database}: {advice}") from None


def create_sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    # pysqlite's own transaction handling is switched off so that BEGIN IMMEDIATE is ours to send.
    event.listen(engine, "connect", lambda connection, _record: setattr(connection, "isolation_level", None))
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _begin_immediate)
    event.listen(engine, "handle_error", _explain)
    return engine


def open_database(location: Database) -> Engine:
    """An engine on the collection, created and migrated as needed; problems become PrepError."""
    if isinstance(location, ServerURL):
        from prep.store import server

        engine = server.create_server_engine(location)
        try:
            _migrate(engine, location, server.lock_for_migration)
        except PrepError:
            engine.dispose()
            raise
        return engine
    path = location
    check_path(path)  # a folder, a device or a file where a folder should be: one clear line, not "damaged"
    try:
        private_folder(path.parent)
        if not path.exists():  # created the user's alone (SQLite gives its -wal and -shm the same bits)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE))
    except OSError as error:
        if not path.exists():
            raise PrepError(f"{path.parent}: cannot create the data folder ({error.strerror}); pass --db PATH to use another place.") from None
    engine = create_sqlite_engine(path)
    lock.follow(engine, path)  # a restore refuses while a connection of this engine is open (prep.store.lock)
    try:
        _migrate(engine, path)
    except PrepError:
        engine.dispose()
        raise
    except (DatabaseError, OperationalError) as error:
        engine.dispose()
        refuse_read_only(path)
        raise PrepError(f"{path}: cannot open the database ({error.orig}). If the file is damaged, restore a backup or pass --db NEW_PATH.") from None
    return engine


def _migrate(engine: Engine, location: Database, first: Callable[[Connection], None] | None = None) -> None:
    """Bring the schema to this prep's head, after a backup of the collection as it was."""
    current = current_revision(engine)
    if current == SCHEMA_REVISION:
        return
    if current is not None and not known_revision(current):
        raise PrepError(f"{location}: this collection was written by a newer prep (schema {current}); upgrade prep to open it.")
    if current is not None:
        from prep.store.backups import make_backup  # only when the schema is behind: not on every start

        make_backup(location, f"before-migration-{current}")
    upgrade(engine, first)




