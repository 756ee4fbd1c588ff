"""The schema's revisions: this prep's newest, the one a collection records, and Alembic's migrations to bring one up to date.

Alembic itself loads only when a migration is due or asked about; reading a collection's revision is one query.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, text

# The newest migration; a test keeps it equal to Alembic's head. Checking it with one
# query spares every start-up the cost of importing Alembic.
SCHEMA_REVISION = "0006_inbox"
MIGRATIONS = Path(__file__).with_name("migrations")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return current_revision_on(connection)


def current_revision_on(connection: Connection) -> str | None:
    if connection.dialect.name == "sqlite":
        found = connection.execute(text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")).first()
    else:
        found = connection.scalar(text("SELECT to_regclass('alembic_version')"))
    return connection.scalar(text("SELECT version_num FROM alembic_version")) if found else None


def alembic_config():  # noqa: ANN202 - alembic is imported only when a migration is due
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic raises several types for an unknown revision
        return False


def upgrade(engine: Engine, first: Callable[[Connection], None] | None = None) -> None:
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        if first is not None:
            first(connection)  # e.g. the server's migration lock, held to the end of this transaction
            if current_revision_on(connection) == SCHEMA_REVISION:
                return  # another machine migrated while this one waited
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
