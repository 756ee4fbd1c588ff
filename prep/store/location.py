"""Where a collection lives: a SQLite file (the default) or a PostgreSQL database named by a URL.

`--db` and `PREP_DB` take either. A URL's password is never shown: `str()` hides it, and it may as well
come from `PGPASSWORD` or `~/.pgpass`, which libpq reads itself.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from prep.errors import PrepError
from prep.settings.paths import data_dir

if TYPE_CHECKING:  # SQLAlchemy loads when a URL is parsed: `prep` reads its command line before importing it (prep.cli)
    from sqlalchemy.engine import URL

_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


class ServerURL:
    """A PostgreSQL database holding one collection, reached through psycopg 3."""

    def __init__(self, raw: str) -> None:
        from sqlalchemy.engine import URL, make_url
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(raw.replace("postgres://", "postgresql://", 1) if raw.startswith("postgres://") else raw)
        except (ArgumentError, ValueError):  # ValueError: a port that is not a number
            raise PrepError(f"{_hidden(raw)}: not a database URL; write it as postgresql://USER@HOST[:PORT]/DBNAME.") from None
        if url.drivername not in _SCHEMES:
            raise PrepError(f"{url.render_as_string(hide_password=True)}: prep speaks to PostgreSQL only "
                            "(postgresql://USER@HOST/DBNAME) or to a SQLite file path.")
        if not url.database:
            raise PrepError(f"{url.render_as_string(hide_password=True)}: name the database, as in postgresql://USER@HOST/DBNAME.")
        # An empty password ("user:@host") is no password: libpq then asks PGPASSWORD and ~/.pgpass.
        self.url: URL = URL.create("postgresql+psycopg", username=url.username, password=url.password or None,
                                   host=url.host, port=url.port, database=url.database, query=url.query)

    def __str__(self) -> str:
        return unquote(self.url.set(drivername="postgresql").render_as_string(hide_password=True))  # ?host=/run/… as typed

    def __repr__(self) -> str:
        return f"ServerURL({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServerURL) and other.url == self.url

    def __hash__(self) -> int:
        return hash(str(self.url))

    @property
    def label(self) -> str:
        """A file-name-safe name for this collection (its backups are named after it)."""
        host = self.url.host or self.url.query.get("host") or "local"
        if isinstance(host, tuple):
            host = host[0]
        safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in f"{self.url.database}@{Path(str(host)).name or host}")
        return safe.strip("-") or "server"


Database = Path | ServerURL


def is_server(raw: str) -> bool:
    return raw.split(":", 1)[0] in _SCHEMES and "://" in raw


def parse(raw: str) -> Database:
    """A `--db` or `PREP_DB` value: a PostgreSQL URL, else a file path."""
    return ServerURL(raw) if is_server(raw) else Path(raw).expanduser()


def _hidden(raw: str) -> str:
    """The URL with any password replaced, for messages made before it could be parsed."""
    head, at, tail = raw.rpartition("@")
    if not at or "://" not in head:
        return raw
    scheme, _, credentials = head.partition("://")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}{':***' if ':' in credentials else ''}@{tail}"


def database_path(explicit: str | os.PathLike[str] | None = None) -> Database:
    """The collection: `--db`, else `$PREP_DB`, else prep.sqlite3 in the user data dir. A postgresql:// URL
    names a database on a server (prep.store.location); anything else is a SQLite file."""
    chosen = explicit or os.environ.get("PREP_DB")
    return parse(os.fspath(chosen)) if chosen else data_dir() / "prep.sqlite3"
