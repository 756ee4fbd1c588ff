"""The database, a file or a server's: pragmas, migrations, and clear errors for places prep cannot use.

Tests that ask for `empty_database` run on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from prep.errors import PrepError
from prep.service import PrepService
from prep.store.database import create_sqlite_engine, open_database
from prep.store.models import Base
from prep.store.revision import SCHEMA_REVISION, alembic_config

pytestmark = pytest.mark.both_engines


def test_schema_revision_constant_is_alembics_head() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_REVISION


@pytest.fixture
def empty_database(engine: str, tmp_path: Path, request: pytest.FixtureRequest):
    """A collection with no schema yet: a new file, or an empty database on the suite's server."""
    if engine == "sqlite":
        yield tmp_path / "empty.sqlite3"
        return
    server = request.getfixturevalue("pg_server")
    location = server.create_database(template="template0")
    yield location
    server.drop_database(location)


def raw_engine(location):  # noqa: ANN001, ANN201 - an engine that runs no migration
    if isinstance(location, Path):
        return create_sqlite_engine(location)
    from prep.store.server import create_server_engine

    return create_server_engine(location)


def test_migrations_build_exactly_the_models(empty_database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = open_database(empty_database)
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


def test_foreign_keys_protect_reviews(empty_database) -> None:
    open_database(empty_database).dispose()
    engine = raw_engine(empty_database)
    with pytest.raises(Exception, match="(?i)FOREIGN KEY"), engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO reviews (card_id, rating, reviewed_at, day, duration_ms, state_before, state_after, snapshot) "
            "VALUES ('nope', 3, '2026-01-01', '2026-01-01', 0, 0, 1, '{}')")


def test_a_newer_database_is_refused_untouched(empty_database) -> None:
    open_database(empty_database).dispose()
    with raw_engine(empty_database).begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    before = _contents(empty_database)
    with pytest.raises(PrepError, match="newer prep"):
        PrepService(empty_database)
    assert _contents(empty_database) == before


def _contents(location) -> object:  # noqa: ANN001
    """The file's bytes, or (on a server) every table's rows and the list of tables."""
    if isinstance(location, Path):
        return location.read_bytes()
    from prep.store.tables import metadata
    from tests.pg import query

    tables = query(location, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    return tables, [query(location, f"SELECT * FROM {table.name} ORDER BY 1") for table in metadata.sorted_tables]


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


def test_migration_to_decks_keeps_every_deck_studied_and_marks_the_shipped_one(empty_database) -> None:
    from alembic import command

    from tests.pg import query

    path = empty_database
    engine = raw_engine(path)
    config = alembic_config()
    card = ("INSERT INTO cards (id, deck, kind, path, slot, front, back, source_file, source_line, position, tags, state, "
            "due, reps, lapses, suspended, created_at, updated_at) VALUES ('{id}', '{deck}', 'qa', 'p', 1, 'Q', 'A', 'f.md', 1, 1, "
            "'', 0, '2026-11-27 09:00:00', 0, 0, FALSE, '2026-11-01 09:00:00', '2026-11-01 09:00:00')")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        connection.exec_driver_sql(card.format(id="c1", deck="nlp-interview-notes.ru"))
        connection.exec_driver_sql(card.format(id="c2", deck="mine"))
        connection.exec_driver_sql("INSERT INTO sources VALUES ('/opt/prep/decks/nlp-interview-notes.ru.md', "
                                   "'nlp-interview-notes.ru', 'x', '2026-11-01 09:00:00')")
        connection.exec_driver_sql("INSERT INTO sources VALUES ('/home/me/notes/mine.md', 'mine', 'y', '2026-11-01 09:00:00')")
    engine.dispose()
    open_database(path).dispose()
    assert query(path, "SELECT name, enabled, new_per_day, builtin FROM decks ORDER BY name") == [
        ("mine", True, None, False), ("nlp-interview-notes.ru", True, None, True)]
