"""The database file: pragmas, migrations, and clear errors for files prep cannot use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from prep.errors import PrepError
from prep.service import PrepService
from prep.store.database import (
    SCHEMA_REVISION,
    _alembic_config,
    create_sqlite_engine,
    open_database,
)
from prep.store.models import Base


def test_schema_revision_constant_is_alembics_head() -> None:
    assert ScriptDirectory.from_config(_alembic_config()).get_current_head() == SCHEMA_REVISION


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = open_database(tmp_path / "m.sqlite3")
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_pragmas_are_set(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "p.sqlite3")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_foreign_keys_protect_reviews(tmp_path: Path) -> None:
    open_database(tmp_path / "f.sqlite3").dispose()
    engine = create_sqlite_engine(tmp_path / "f.sqlite3")
    with pytest.raises(Exception, match="FOREIGN KEY"), engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO reviews (card_id, rating, reviewed_at, day, duration_ms, state_before, state_after, snapshot) "
            "VALUES ('nope', 3, '2026-01-01', '2026-01-01', 0, 0, 1, '{}')")


def test_a_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    open_database(path).dispose()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(PrepError, match="newer prep"):
        PrepService(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(PrepError, match="junk.sqlite3: this file is not a prep database"):
        PrepService(path)
    assert path.read_text().startswith("these are my notes")


def test_an_unwritable_place_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(PrepError, match="cannot create the data folder"):
        PrepService(blocker / "sub" / "db.sqlite3")
