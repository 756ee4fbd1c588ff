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

import contextlib
import os
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from prep.errors import PrepError
from prep.settings.files import make_private, real_target, sync_folder
from prep.store import health
from prep.store.backups import SIDE_FILES, clean_partials, make_backup
from prep.store.location import Database, ServerURL
from prep.store.snapshot import (
    NOTHING_WRITTEN,
    VERSION_TABLE,
    Reader,
    ServerReader,
    build_file,
    head_revision,
    metadata_tables,
    open_reader,
    prep_tables,
    revision_of,
    server_tables,
    tables_to_copy,
    upgrade_to,
)
from prep.store.sql import after_bulk_load


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


def _into_file(reader: Reader, target: Path, replace: bool, now: datetime | None,
               protect: tuple[Path, ...] = ()) -> tuple[dict[str, int], Path | None]:

    health.check_path(target)
    clean_partials(target)  # what a killed copy into it left behind
    held = _file_rows(target)
    kept = None
    if any(held.values()):
        if not replace:
            raise _refusal(target, held)
        kept = make_backup(target, "before-copy", now, protect=protect)
    target = real_target(target)  # a symlink is followed: the file it names is replaced, the link stays
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PrepError(f"{target.parent}: cannot create the folder ({error.strerror}); {NOTHING_WRITTEN}.") from None
    temporary = target.with_name(f"{target.name}.{os.getpid()}.partial")
    try:
        counts = build_file(reader, temporary, to_head=True)
        make_private(temporary)
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
        raise PrepError(f"{target}: could not write the copy ({reason}); {NOTHING_WRITTEN}.") from None
    finally:
        for suffix in ("", *SIDE_FILES):
            with contextlib.suppress(OSError):  # a read-only folder, where none was made: the error said so
                Path(f"{temporary}{suffix}").unlink(missing_ok=True)
    return counts, kept


def _refusal(target: Database, held: dict[str, int]) -> PrepError:
    return PrepError(f"{target}: already holds a collection ({held.get('cards', 0):,} cards, {held.get('reviews', 0):,} "
                     f"answers, {sum(held.values()):,} rows); prep copy writes only into an empty or new one, and "
                     f"{NOTHING_WRITTEN}. Pass --replace to replace it (a backup of it is kept first).")


# ---- into a server --------------------------------------------------------------------------


def _into_server(reader: Reader, target: ServerURL, replace: bool, now: datetime | None,
                 reason: str, protect: tuple[Path, ...] = ()) -> tuple[dict[str, int], Path | None]:
    """One transaction on the server: what was there stays until it commits, and a killed copy leaves nothing."""
    from prep.store import server

    engine = server.create_server_engine(target)
    try:
        with engine.begin() as connection:
            server.lock_for_migration(connection)  # no prep migrates this database meanwhile
            raw = connection.connection.dbapi_connection
            present = server_tables(raw)
            ours = set(prep_tables()) | {VERSION_TABLE}
            if present - ours:
                raise PrepError(f"{target}: holds tables that are not prep's ({', '.join(sorted(present - ours))}); "
                                f"{NOTHING_WRITTEN}. Copy into an empty database (createdb NAME).")
            revision = revision_of(raw, present)
            if revision is not None and revision not in health.known_revisions():
                raise PrepError(f"{target}: written by a newer prep (schema {revision}); {NOTHING_WRITTEN}. Upgrade prep.")
            mine = [t for t in prep_tables() if t in present]
            held = {t: raw.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in mine}
            kept = None
            if any(held.values()):
                if not replace:
                    raise _refusal(target, held)
                _lock_every_table(raw, mine, target)
                kept = make_backup(target, reason, now, raw=raw, protect=protect)
            if present and revision is not None and revision == reader.revision:
                if any(held.values()):
                    raw.execute(f"TRUNCATE {', '.join(mine)} RESTART IDENTITY")
            else:
                if present:  # another revision (or a half-made schema): built again from the migrations
                    raw.execute(f"DROP TABLE {', '.join(sorted(present))} CASCADE")
                upgrade_to(connection, reader.revision)
            counts = _fill_server(reader, raw)
            if reader.revision != head_revision():
                upgrade_to(connection, "head")
            after_bulk_load(connection, metadata_tables())  # id sequences past the copied ids, and the planner's statistics
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
                raise PrepError(f"{target}: other machines kept the collection busy for {LOCK_SECONDS} s; {NOTHING_WRITTEN}. "
                                "Try again when they are idle.") from None
            time.sleep(0.02)
            continue
        raw.execute("RELEASE SAVEPOINT prep_lock")
        return


def _fill_server(reader: Reader, raw: Any) -> dict[str, int]:
    """COPY each table in; as PostgreSQL advises for a bulk load, the secondary indexes and the foreign keys are
    put back (and checked) once over all the rows rather than kept up row by row. All inside the caller's transaction."""
    made = server_tables(raw)
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


def _copy_rows(reader: Reader, raw: Any, made: set[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in tables_to_copy(reader, made):
        columns = [f'"{name}"' for (name,) in raw.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s ORDER BY ordinal_position", (table,))]
        command = f'COPY "{table}" ({", ".join(columns)}) FROM STDIN'
        with raw.cursor() as cursor:
            if isinstance(reader, ServerReader):
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
    reader = open_reader(source)
    try:
        protect = (source,) if isinstance(source, Path) else ()  # its rotation never removes the file being read
        counts, kept = (_into_server(reader, target, replace, moment, reason, protect) if isinstance(target, ServerURL)
                        else _into_file(reader, target, replace, moment, protect))
    except sqlite3.Error as error:  # the source failed while it was read
        raise PrepError(f"{source}: could not read it ({error}); nothing was copied to {target}.") from None
    except Exception as error:
        if type(error).__module__.startswith("psycopg"):  # raised by the driver itself (COPY), not through SQLAlchemy
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise PrepError(f"{target}: the copy failed ({first}); {NOTHING_WRITTEN}.") from None
        raise
    finally:
        reader.close()
    return Copied(source, target, reader.revision or "", counts, time.perf_counter() - started, kept)
