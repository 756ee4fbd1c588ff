"""A collection read in one snapshot and written as a SQLite file: what a copy (prep.store.copy) and a server's
backup (prep.store.backups) both read with.

The source is read in one snapshot (a read transaction on the file, REPEATABLE READ on a server), so another
prep answering meanwhile never leaves the copy half before, half after. A file is built at the source's schema
revision by prep's own migrations (brought to this prep's head when asked), the rows going in foreign-key order
in batches. Values go through unchanged: see prep.store.copy.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from prep.errors import PrepError
from prep.store import health
from prep.store.location import Database, ServerURL

BATCH = 5_000  # rows per executemany / fetch: memory stays flat at a million reviews
VERSION_TABLE = "alembic_version"  # written by the migrations that build the target, not copied
_TIMESTAMP, _DATE, _BOOL = 1114, 1082, 16  # PostgreSQL type oids in a result's description
NOTHING_WRITTEN = "nothing was written to it"


def metadata_tables() -> list[Any]:
    """prep's tables in foreign-key order (a table after those it refers to)."""
    from prep.store import models  # noqa: F401 - maps the ORM-only tables (mocks) onto the same metadata
    from prep.store.tables import metadata

    return list(metadata.sorted_tables)


def prep_tables() -> list[str]:
    """The names of prep's tables in foreign-key order."""
    return [table.name for table in metadata_tables()]


def server_tables(raw: Any) -> set[str]:
    """The tables in the server database's schema (a psycopg connection)."""
    return {n for (n,) in raw.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}


def revision_of(raw: Any, tables: set[str]) -> str | None:
    """The schema revision a collection records, None when it records none (DB-API connection, either engine)."""
    if VERSION_TABLE not in tables:
        return None
    row = raw.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    return row[0] if row else None


def _order(table: str) -> str:
    from prep.store.tables import metadata

    known = metadata.tables.get(table)
    return ", ".join(f'"{c.name}"' for c in known.primary_key.columns) if known is not None else "1"


# ---- reading one snapshot ----------------------------------------------------------------


class Reader:
    """One consistent snapshot of a collection, read table by table in batches."""

    dialect = ""
    revision: str | None = None
    tables: set[str]

    def batches(self, table: str, columns: list[str]) -> Iterator[list[tuple]]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class FileReader(Reader):
    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10, isolation_level=None)
        self.connection.execute("BEGIN")  # a read transaction: every table from the same moment
        self.tables = {n for (n,) in self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        self.revision = revision_of(self.connection, self.tables)

    def batches(self, table: str, columns: list[str]) -> Iterator[list[tuple]]:
        cursor = self.connection.execute(f'SELECT {", ".join(columns)} FROM "{table}" ORDER BY {_order(table)}')
        while batch := cursor.fetchmany(BATCH):
            yield batch

    def close(self) -> None:
        self.connection.close()


class ServerReader(Reader):
    """A snapshot on a server: REPEATABLE READ READ ONLY on a connection of its own, or reads inside a
    transaction the caller holds (a restore snapshots what it replaces under its own locks)."""

    dialect = "postgresql"

    def __init__(self, location: ServerURL, raw: Any = None) -> None:
        self.location = location
        self.engine = self.connection = None
        if raw is None:
            from prep.store.server import create_server_engine

            self.engine = create_server_engine(location)
            try:
                self.connection = self.engine.connect().execution_options(isolation_level="REPEATABLE READ",
                                                                          postgresql_readonly=True)
                self.connection.exec_driver_sql("SELECT 1")  # the snapshot starts here
            except BaseException:
                self.engine.dispose()
                raise
            raw = self.connection.connection.dbapi_connection
        self.raw = raw
        self.tables = server_tables(raw)
        self.revision = revision_of(raw, self.tables)

    def batches(self, table: str, columns: list[str]) -> Iterator[list[tuple]]:
        with self.raw.cursor(name=f"prep_copy_{table}", binary=True) as cursor:  # server-side: memory stays flat
            cursor.itersize = BATCH
            cursor.execute(f'SELECT {", ".join(columns)} FROM "{table}" ORDER BY {_order(table)}')
            convert = _to_sqlite([column.type_code for column in cursor.description or ()])
            while batch := cursor.fetchmany(BATCH):
                yield convert(batch)

    def binary(self, table: str, columns: list[str]) -> Iterator[bytes]:
        """The table as PostgreSQL's binary COPY: for a server target, values pass through untouched."""
        with self.raw.cursor().copy(f'COPY (SELECT {", ".join(columns)} FROM "{table}" ORDER BY {_order(table)}) '
                                    "TO STDOUT (FORMAT BINARY)") as copy:
            yield from copy

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
        if self.engine is not None:
            self.engine.dispose()


def _to_sqlite(oids: list[int]) -> Callable[[list[tuple]], list[tuple]]:
    """Rows as SQLite stores them for prep: datetimes as SQLAlchemy's text, dates in ISO, booleans 0/1."""
    steps: list[Callable[[Any], Any] | None] = []
    for oid in oids:
        if oid == _TIMESTAMP:
            steps.append(lambda v: v.isoformat(" ", "microseconds"))
        elif oid == _DATE:
            steps.append(lambda v: v.isoformat())
        elif oid == _BOOL:
            steps.append(int)
        else:
            steps.append(None)
    if not any(steps):
        return lambda batch: batch
    return lambda batch: [tuple(v if step is None or v is None else step(v) for step, v in zip(steps, row))
                          for row in batch]


def open_reader(source: Database) -> Reader:
    """The source's snapshot, refused in one line when there is nothing prep could copy."""
    if isinstance(source, ServerURL):
        reader: Reader = ServerReader(source)
    else:
        health.check_path(source)
        if not source.is_file() or source.stat().st_size == 0:
            raise PrepError(f"{source}: no collection here; nothing was copied. Check the path (`prep backup --list` "
                            "shows the backups).")
        found = health.check(source)
        if not found.ok:
            raise PrepError(f"{source}: {found.problem}; nothing was copied. Restore a backup first (`prep restore`).")
        try:
            reader = FileReader(source)
        except sqlite3.Error as error:
            raise PrepError(f"{source}: cannot read it ({error}); nothing was copied.") from None
    if reader.revision is None:
        reader.close()
        raise PrepError(f"{source}: no prep collection here (no schema revision); nothing was copied.")
    if reader.revision not in health.known_revisions():
        reader.close()
        raise PrepError(f"{source}: written by a newer prep (schema {reader.revision}); upgrade prep to copy it.")
    return reader


# ---- the migrations that build a target -------------------------------------------------


def upgrade_to(connection: Any, revision: str) -> None:
    """prep's migrations up to `revision`, inside the caller's transaction."""
    from alembic import command

    from prep.store.revision import alembic_config

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def head_revision() -> str:
    from prep.store.revision import SCHEMA_REVISION

    return SCHEMA_REVISION


def tables_to_copy(reader: Reader, made: set[str]) -> list[str]:
    """The tables the target's migrations made, in foreign-key order; the source has the same at its revision."""
    order = prep_tables()
    missing = sorted(made - reader.tables - {VERSION_TABLE})
    if missing:
        raise PrepError(f"{reader_name(reader)}: tables missing at schema {reader.revision} ({', '.join(missing)}); "
                        "the collection is damaged; nothing was copied.")
    return [t for t in order if t in made] + sorted(made - set(order) - {VERSION_TABLE})


def reader_name(reader: Reader) -> str:
    return str(getattr(reader, "location", None) or getattr(reader, "path", "the source"))


# ---- into a file ---------------------------------------------------------------------------


def build_file(reader: Reader, temporary: Path, to_head: bool) -> dict[str, int]:
    """A new SQLite file holding the snapshot, at the source's revision (then at head when `to_head`)."""
    from sqlalchemy import create_engine

    assert reader.revision is not None
    from prep.settings.files import PRIVATE

    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT, PRIVATE))  # the user's answers: created theirs alone
    engine = create_engine(f"sqlite:///{temporary}")
    try:
        with engine.begin() as connection:
            upgrade_to(connection, reader.revision)
    finally:
        engine.dispose()
    counts: dict[str, int] = {}
    writer = sqlite3.connect(temporary, isolation_level=None)
    try:
        writer.execute("PRAGMA journal_mode = OFF")  # a temporary file: a failure throws it away whole
        writer.execute("PRAGMA synchronous = OFF")  # synced once at the end
        writer.execute("PRAGMA cache_size = -262144")  # 256 MB: the indexes grow in memory, not by rereading pages
        made = {n for (n,) in writer.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        writer.execute("BEGIN")
        # Indexes built once over the rows, not grown row by row (SQLite's own advice for a bulk load).
        indexes = writer.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()
        for name, _ in indexes:
            writer.execute(f'DROP INDEX "{name}"')
        for table in tables_to_copy(reader, made):
            columns = [f'"{row[1]}"' for row in writer.execute(f'PRAGMA table_info("{table}")')]
            insert = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'
            counts[table] = 0
            for batch in reader.batches(table, columns):
                writer.executemany(insert, batch)
                counts[table] += len(batch)
        for _, sql in indexes:
            writer.execute(sql)
        writer.execute("COMMIT")
        writer.execute("PRAGMA journal_mode = DELETE")
    finally:
        writer.close()
    if to_head and reader.revision != head_revision():
        engine = create_engine(f"sqlite:///{temporary}")
        try:
            with engine.begin() as connection:
                upgrade_to(connection, "head")
        finally:
            engine.dispose()
    fsync_file(temporary)
    return counts


def fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def snapshot(source: ServerURL, file: Path, raw: Any = None) -> dict[str, int] | None:
    """A server collection as a new SQLite file, as it is (its own schema revision): a backup. None when the
    database holds no collection yet. `raw`: read inside this psycopg connection's transaction."""
    reader = ServerReader(source, raw)
    try:
        if reader.revision is None:
            return None
        return build_file(reader, file, to_head=False)
    finally:
        reader.close()
