"""A whole collection copied between SQLite and PostgreSQL, in either direction, exactly: `prep copy SOURCE TARGET`.

The source is read in one snapshot (a read transaction on the file, REPEATABLE READ on a server), so another
prep answering meanwhile never leaves the copy half before, half after. The target is built at the source's
schema revision by prep's own migrations, the rows go in foreign-key order in batches, and the target is
brought to this prep's head afterwards, so an older collection (an old backup) is migrated on the way and
never touched itself. A file target is built under a temporary name and put in place at the end (renamed,
or copied page by page in one transaction over an existing file); a server target is written in one
transaction. Killed at any point, the target is as it was.

Values go through unchanged: SQLite's stored text and numbers as they are into SQLite, PostgreSQL's binary
COPY into PostgreSQL; across engines, datetimes and dates in the text form each side stores and reads,
floats by their shortest exact form (repr), booleans as 0/1. A server target's id sequences are set past
the largest id copied, so the next answer there takes a new id.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from prep.errors import PrepError
from prep.store import health
from prep.store.location import Database, ServerURL
from prep.store.sql import after_bulk_load

BATCH = 5_000  # rows per executemany / fetch: memory stays flat at a million reviews
VERSION_TABLE = "alembic_version"  # written by the migrations that build the target, not copied
_TIMESTAMP, _DATE, _BOOL = 1114, 1082, 16  # PostgreSQL type oids in a result's description
_NOTHING = "nothing was written to it"


def _metadata_tables() -> list[Any]:
    """prep's tables in foreign-key order (a table after those it refers to)."""
    from prep.store import models  # noqa: F401 - maps the ORM-only tables (mocks) onto the same metadata
    from prep.store.tables import metadata

    return list(metadata.sorted_tables)


def prep_tables() -> list[str]:
    """The names of prep's tables in foreign-key order."""
    return [table.name for table in _metadata_tables()]


def _server_tables(raw: Any) -> set[str]:
    """The tables in the server database's schema (a psycopg connection)."""
    return {n for (n,) in raw.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}


def _revision(raw: Any, tables: set[str]) -> str | None:
    """The schema revision a collection records, None when it records none (DB-API connection, either engine)."""
    if VERSION_TABLE not in tables:
        return None
    row = raw.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    return row[0] if row else None


def _order(table: str) -> str:
    from prep.store.tables import metadata

    known = metadata.tables.get(table)
    return ", ".join(f'"{c.name}"' for c in known.primary_key.columns) if known is not None else "1"


@dataclass(frozen=True)
class Copied:
    """What `prep copy` did: rows per table, in the order copied."""

    source: Database
    target: Database
    revision: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    kept: Path | None = None  # the snapshot of what --replace replaced

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def line(self) -> str:
        c = self.counts
        what = (f"{c.get('cards', 0):,} cards · {c.get('reviews', 0):,} answers · {c.get('attempts', 0):,} drill attempts"
                f" · {self.rows:,} rows in {len(c)} tables")
        return (f"copied {self.source} → {self.target}: {what} in {self.seconds:.1f} s"
                + (f"; what it held is kept as {self.kept}" if self.kept else ""))


# ---- reading one snapshot ----------------------------------------------------------------


class _Reader:
    """One consistent snapshot of a collection, read table by table in batches."""

    dialect = ""
    revision: str | None = None
    tables: set[str]

    def batches(self, table: str, columns: list[str]) -> Iterator[list[tuple]]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class _FileReader(_Reader):
    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10, isolation_level=None)
        self.connection.execute("BEGIN")  # a read transaction: every table from the same moment
        self.tables = {n for (n,) in self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        self.revision = _revision(self.connection, self.tables)

    def batches(self, table: str, columns: list[str]) -> Iterator[list[tuple]]:
        cursor = self.connection.execute(f'SELECT {", ".join(columns)} FROM "{table}" ORDER BY {_order(table)}')
        while batch := cursor.fetchmany(BATCH):
            yield batch

    def close(self) -> None:
        self.connection.close()


class _ServerReader(_Reader):
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
        self.tables = _server_tables(raw)
        self.revision = _revision(raw, self.tables)

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


def _open_reader(source: Database) -> _Reader:
    """The source's snapshot, refused in one line when there is nothing prep could copy."""
    if isinstance(source, ServerURL):
        reader: _Reader = _ServerReader(source)
    else:
        health.check_path(source)
        if not source.is_file() or source.stat().st_size == 0:
            raise PrepError(f"{source}: no collection here; nothing was copied. Check the path (`prep backup --list` "
                            "shows the backups).")
        found = health.check(source)
        if not found.ok:
            raise PrepError(f"{source}: {found.problem}; nothing was copied. Restore a backup first (`prep restore`).")
        try:
            reader = _FileReader(source)
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


def _upgrade(connection: Any, revision: str) -> None:
    """prep's migrations up to `revision`, inside the caller's transaction."""
    from alembic import command

    from prep.store.database import _alembic_config

    config = _alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _head() -> str:
    from prep.store.database import SCHEMA_REVISION

    return SCHEMA_REVISION


def _tables_to_copy(reader: _Reader, made: set[str]) -> list[str]:
    """The tables the target's migrations made, in foreign-key order; the source has the same at its revision."""
    order = prep_tables()
    missing = sorted(made - reader.tables - {VERSION_TABLE})
    if missing:
        raise PrepError(f"{_name(reader)}: tables missing at schema {reader.revision} ({', '.join(missing)}); "
                        "the collection is damaged; nothing was copied.")
    return [t for t in order if t in made] + sorted(made - set(order) - {VERSION_TABLE})


def _name(reader: _Reader) -> str:
    return str(getattr(reader, "location", None) or getattr(reader, "path", "the source"))


# ---- into a file ---------------------------------------------------------------------------


def _build_file(reader: _Reader, temporary: Path, to_head: bool) -> dict[str, int]:
    """A new SQLite file holding the snapshot, at the source's revision (then at head when `to_head`)."""
    from sqlalchemy import create_engine

    assert reader.revision is not None
    engine = create_engine(f"sqlite:///{temporary}")
    try:
        with engine.begin() as connection:
            _upgrade(connection, reader.revision)
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
        for table in _tables_to_copy(reader, made):
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
    if to_head and reader.revision != _head():
        engine = create_engine(f"sqlite:///{temporary}")
        try:
            with engine.begin() as connection:
                _upgrade(connection, "head")
        finally:
            engine.dispose()
    _fsync(temporary)
    return counts


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def snapshot(source: ServerURL, file: Path, raw: Any = None) -> dict[str, int] | None:
    """A server collection as a new SQLite file, as it is (its own schema revision): a backup. None when the
    database holds no collection yet. `raw`: read inside this psycopg connection's transaction."""
    reader = _ServerReader(source, raw)
    try:
        if reader.revision is None:
            return None
        return _build_file(reader, file, to_head=False)
    finally:
        reader.close()


def _file_rows(path: Path) -> dict[str, int]:
    """Rows in each of prep's tables of an existing file ({} for a new or empty file)."""
    if not path.exists() or path.stat().st_size == 0:
        return {}
    found = health.check(path)
    if not found.ok:
        raise PrepError(f"{path}: {found.problem}; prep copy writes only into an empty collection, and nothing was "
                        "written. Give another target, or move this file aside first.")
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10) as connection:
        tables = {n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in prep_tables() if t in tables}
    connection.close()
    return counts


def _into_file(reader: _Reader, target: Path, replace: bool, now: datetime | None) -> tuple[dict[str, int], Path | None]:
    from prep.store.backups import SIDE_FILES, clean_partials, make_backup, sync_folder

    health.check_path(target)
    clean_partials(target)  # what a killed copy into it left behind
    held = _file_rows(target)
    kept = None
    if any(held.values()):
        if not replace:
            raise _refusal(target, held)
        kept = make_backup(target, "before-copy", now)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PrepError(f"{target.parent}: cannot create the folder ({error.strerror}); {_NOTHING}.") from None
    temporary = target.with_name(f"{target.name}.{os.getpid()}.partial")
    try:
        counts = _build_file(reader, temporary, to_head=True)
        in_use = target.exists() and (target.stat().st_size > 0 or any(Path(f"{target}{s}").exists() for s in SIDE_FILES))
        if in_use:  # page by page in one transaction: a prep that has it open sees all before or all after
            source = sqlite3.connect(temporary)
            destination = sqlite3.connect(target, timeout=10)
            try:
                source.backup(destination)
            finally:
                destination.close()
                source.close()
        else:
            temporary.replace(target)
            sync_folder(target.parent)
    except (OSError, sqlite3.Error) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise PrepError(f"{target}: could not write the copy ({reason}); {_NOTHING}.") from None
    finally:
        for suffix in ("", *SIDE_FILES):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)
    return counts, kept


def _refusal(target: Database, held: dict[str, int]) -> PrepError:
    return PrepError(f"{target}: already holds a collection ({held.get('cards', 0):,} cards, {held.get('reviews', 0):,} "
                     f"answers, {sum(held.values()):,} rows); prep copy writes only into an empty or new one, and "
                     f"{_NOTHING}. Pass --replace to replace it (a backup of it is kept first).")


# ---- into a server --------------------------------------------------------------------------


def _into_server(reader: _Reader, target: ServerURL, replace: bool, now: datetime | None,
                 reason: str) -> tuple[dict[str, int], Path | None]:
    """One transaction on the server: what was there stays until it commits, and a killed copy leaves nothing."""
    from prep.store import server
    from prep.store.backups import make_backup

    engine = server.create_server_engine(target)
    try:
        with engine.begin() as connection:
            server.lock_for_migration(connection)  # no prep migrates this database meanwhile
            raw = connection.connection.dbapi_connection
            present = _server_tables(raw)
            ours = set(prep_tables()) | {VERSION_TABLE}
            if present - ours:
                raise PrepError(f"{target}: holds tables that are not prep's ({', '.join(sorted(present - ours))}); "
                                f"{_NOTHING}. Copy into an empty database (createdb NAME).")
            revision = _revision(raw, present)
            if revision is not None and revision not in health.known_revisions():
                raise PrepError(f"{target}: written by a newer prep (schema {revision}); {_NOTHING}. Upgrade prep.")
            mine = [t for t in prep_tables() if t in present]
            held = {t: raw.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in mine}
            kept = None
            if any(held.values()):
                if not replace:
                    raise _refusal(target, held)
                _lock_every_table(raw, mine, target)
                kept = make_backup(target, reason, now, raw=raw)
            if present and revision is not None and revision == reader.revision:
                if any(held.values()):
                    raw.execute(f"TRUNCATE {', '.join(mine)} RESTART IDENTITY")
            else:
                if present:  # another revision (or a half-made schema): built again from the migrations
                    raw.execute(f"DROP TABLE {', '.join(sorted(present))} CASCADE")
                _upgrade(connection, reader.revision)
            counts = _fill_server(reader, raw)
            if reader.revision != _head():
                _upgrade(connection, "head")
            after_bulk_load(connection, _metadata_tables())  # id sequences past the copied ids, and the planner's statistics
    finally:
        engine.dispose()
    return counts, kept


def _lock_every_table(raw: Any, tables: list[str], target: ServerURL) -> None:
    """Other machines wait from here to the commit (their reads too: they would see tables half replaced), and the
    snapshot of what is replaced is read under this lock. All tables or none, tried again until they are free:
    taken one by one (as TRUNCATE would), the lock deadlocks with a reader holding one table and wanting the next."""
    import psycopg

    from prep.store.server import LOCK_SECONDS

    deadline = time.monotonic() + LOCK_SECONDS
    while True:
        raw.execute("SAVEPOINT prep_lock")
        try:
            raw.execute(f"LOCK TABLE {', '.join(tables)} IN ACCESS EXCLUSIVE MODE NOWAIT")
        except psycopg.errors.LockNotAvailable:
            raw.execute("ROLLBACK TO SAVEPOINT prep_lock")  # releases whatever part of it was taken
            if time.monotonic() > deadline:
                raise PrepError(f"{target}: other machines kept the collection busy for {LOCK_SECONDS} s; {_NOTHING}. "
                                "Try again when they are idle.") from None
            time.sleep(0.02)
            continue
        raw.execute("RELEASE SAVEPOINT prep_lock")
        return


def _fill_server(reader: _Reader, raw: Any) -> dict[str, int]:
    """COPY each table in; as PostgreSQL advises for a bulk load, the secondary indexes and the foreign keys are
    put back (and checked) once over all the rows rather than kept up row by row. All inside the caller's transaction."""
    made = _server_tables(raw)
    indexes = raw.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))").fetchall()
    keys = raw.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace").fetchall()
    for table, name, _ in keys:
        raw.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        raw.execute(f'DROP INDEX "{name}"')
    raw.execute("SET LOCAL maintenance_work_mem = '256MB'")
    counts = _copy_rows(reader, raw, made)
    for _, definition in indexes:
        raw.execute(definition)
    for table, name, definition in keys:
        raw.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    return counts


def _copy_rows(reader: _Reader, raw: Any, made: set[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in _tables_to_copy(reader, made):
        columns = [f'"{name}"' for (name,) in raw.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s ORDER BY ordinal_position", (table,))]
        command = f'COPY "{table}" ({", ".join(columns)}) FROM STDIN'
        with raw.cursor() as cursor:
            if isinstance(reader, _ServerReader):
                with cursor.copy(command + " (FORMAT BINARY)") as copy:
                    for data in reader.binary(table, columns):
                        copy.write(data)
            else:
                with cursor.copy(command) as copy:  # SQLite's text and numbers, read by PostgreSQL's own parsers
                    for batch in reader.batches(table, columns):
                        for row in batch:
                            copy.write_row(row)
        counts[table] = raw.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    return counts


# ---- the command --------------------------------------------------------------------------


def same_collection(a: Database, b: Database) -> bool:
    if isinstance(a, ServerURL) or isinstance(b, ServerURL):
        return a == b
    return a.resolve() == b.resolve()


def copy_collection(source: Database, target: Database, *, replace: bool = False, now: datetime | None = None,
                    reason: str = "before-copy") -> Copied:
    """Copy every table and row of `source` into `target`, which must hold no collection (or, with `replace`,
    is kept as a backup named `reason` and replaced). The target ends at this prep's schema head."""
    if same_collection(source, target):
        raise PrepError(f"{target}: this is the source itself; give another target.")
    started = time.perf_counter()
    moment = now or datetime.now(timezone.utc)
    reader = _open_reader(source)
    try:
        counts, kept = (_into_server(reader, target, replace, moment, reason) if isinstance(target, ServerURL)
                        else _into_file(reader, target, replace, moment))
    except sqlite3.Error as error:  # the source failed while it was read
        raise PrepError(f"{source}: could not read it ({error}); nothing was copied to {target}.") from None
    except Exception as error:
        if type(error).__module__.startswith("psycopg"):  # raised by the driver itself (COPY), not through SQLAlchemy
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise PrepError(f"{target}: the copy failed ({first}); {_NOTHING}.") from None
        raise
    finally:
        reader.close()
    return Copied(source, target, reader.revision or "", counts, time.perf_counter() - started, kept)
