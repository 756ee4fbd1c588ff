"""A real PostgreSQL server for the tests, started from the pgserver package (no server need be installed).

Each test process starts its own in a temporary folder, migrates one template database with prep's own
migrations, and gives every test a fresh copy of it (CREATE DATABASE … TEMPLATE), so a test costs a file
copy on the server rather than a run of the migrations.
"""

from __future__ import annotations

import itertools
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from prep.store.location import ServerURL

TEMPLATE = "prep_template"
_names = itertools.count()


@dataclass
class Server:
    folder: Path
    handle: object

    @classmethod
    def start(cls, folder: Path) -> Server:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs warns that XDG_RUNTIME_DIR is unset
            import pgserver

            handle = pgserver.get_server(folder, cleanup_mode="stop")
        server = cls(folder, handle)
        server._admin(f"DROP DATABASE IF EXISTS {TEMPLATE}")
        server._admin(f"CREATE DATABASE {TEMPLATE}")
        from prep.store.database import open_database

        open_database(server.location(TEMPLATE)).dispose()  # the schema, migrated once
        return server

    def uri(self, name: str) -> str:
        return self.handle.get_uri(name)  # type: ignore[attr-defined]

    def location(self, name: str) -> ServerURL:
        return ServerURL(self.uri(name))

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.uri("postgres"), autocommit=True) as connection:
            connection.execute(statement)

    def create_database(self, template: str = TEMPLATE) -> ServerURL:
        name = f"t{os.getpid()}_{next(_names)}"
        self._admin(f"CREATE DATABASE {name} TEMPLATE {template}")
        return self.location(name)

    def empty_database(self) -> ServerURL:
        """A database with nothing in it, as `createdb` makes one (prep has not migrated it)."""
        name = f"e{os.getpid()}_{next(_names)}"
        self._admin(f"CREATE DATABASE {name}")
        return self.location(name)

    def drop_database(self, location: ServerURL) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {location.url.database} WITH (FORCE)")

    def stop(self) -> None:
        self.handle.cleanup()  # type: ignore[attr-defined]


def query(location: Path | ServerURL, sql: str) -> list[tuple]:
    """Rows read on a connection of the test's own, not prep's: what another program would see."""
    if isinstance(location, ServerURL):
        import psycopg

        with psycopg.connect(location.url.set(drivername="postgresql").render_as_string(hide_password=False)) as connection:
            return [tuple(row) for row in connection.execute(sql).fetchall()]
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(location)) as connection:
        return connection.execute(sql).fetchall()


def argument(location: Path | ServerURL) -> str:
    """The location as a child process is given it (`--db`), with the test server's own login."""
    return location.url.render_as_string(hide_password=False) if isinstance(location, ServerURL) else str(location)
