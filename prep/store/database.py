"""Open a SQLite database safely and bring its schema up to date."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DatabaseError, OperationalError

from prep.errors import PrepError
from prep.store.backups import make_backup
from prep.store.health import check_path

# The newest migration; a test keeps it equal to Alembic's head. Checking it with one
# query spares every start-up the cost of importing Alembic.
SCHEMA_REVISION = "0005_mocks"
_MIGRATIONS = Path(__file__).with_name("migrations")


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: an answer shown as recorded survives a power cut, not only a crash.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.close()


def _begin_immediate(connection: Connection) -> None:
    # Take the write lock when a transaction starts: a deferred transaction that reads and then
    # writes can fail at once with "database is locked" when another prep wrote in between,
    # whereas BEGIN IMMEDIATE waits for the busy timeout like any other lock.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


_PROBLEMS = {
    "database or disk is full": "the disk is full: this change was not saved. Free some space and try again.",
    "disk I/O error": "the disk failed to read or write: this change was not saved. Check the disk and try again.",
    "malformed": "the database file is damaged. Restore a backup with `prep restore` (`prep backup --list` shows them).",
    "not a database": "this file is not a prep database. Pass --db with the right file, or restore a backup.",
    "database is locked": "another program held the database for too long; close it and try again.",
    "readonly": "the database is read-only; check its permissions.",
}


def _explain(context: ExceptionContext) -> None:
    """SQLite errors the user can act on become one-line messages instead of tracebacks."""
    message = str(context.original_exception)
    for needle, advice in _PROBLEMS.items():
        if needle in message:
            raise PrepError(f"{context.engine.url.database}: {advice}") from None


def create_sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    # pysqlite's own transaction handling is switched off so that BEGIN IMMEDIATE is ours to send.
    event.listen(engine, "connect", lambda connection, _record: setattr(connection, "isolation_level", None))
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _begin_immediate)
    event.listen(engine, "handle_error", _explain)
    return engine


def open_database(path: Path) -> Engine:
    """An engine on `path`, created and migrated as needed; problems become PrepError."""
    check_path(path)  # a folder, a device or a file where a folder should be: one clear line, not "damaged"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PrepError(f"{path.parent}: cannot create the data folder ({error.strerror}); pass --db PATH to use another place.") from None
    engine = create_sqlite_engine(path)
    try:
        current = current_revision(engine)
        if current != SCHEMA_REVISION:
            if current is not None and not _known_revision(current):
                raise PrepError(f"{path}: this database was written by a newer prep (schema {current}); upgrade prep to open it.")
            if current is not None:
                make_backup(path, f"before-migration-{current}")
            upgrade(engine)
    except PrepError:
        engine.dispose()
        raise
    except (DatabaseError, OperationalError) as error:
        engine.dispose()
        raise PrepError(f"{path}: cannot open the database ({error.orig}). If the file is damaged, restore a backup or pass --db NEW_PATH.") from None
    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        has_table = connection.execute(text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")).first()
        if not has_table:
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config():  # noqa: ANN202 - alembic is imported only when a migration is due
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(_alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic raises several types for an unknown revision
        return False


def upgrade(engine: Engine) -> None:
    from alembic import command

    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
