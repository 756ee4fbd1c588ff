"""Where a collection lives: a SQLite file (the default) or a PostgreSQL database named by a URL.

`--db` and `PREP_DB` take either. A URL's password is never shown: `str()` hides it, and it may as well
come from `PGPASSWORD` or `~/.pgpass`, which libpq reads itself.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from prep.errors import UsageError
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
            url = make_url(_quoted_userinfo(raw.replace("postgres://", "postgresql://", 1) if raw.startswith("postgres://") else raw))
        except (ArgumentError, ValueError):  # ValueError: a port that is not a number
            raise UsageError(f"{hidden(raw)}: not a database URL; write it as postgresql://USER@HOST[:PORT]/DBNAME.") from None
        if url.drivername not in _SCHEMES:
            raise UsageError(f"{hidden(raw)}: prep speaks to PostgreSQL only (postgresql://USER@HOST/DBNAME) or to a "
                             "SQLite file path.")
        if not url.database:
            raise UsageError(f"{hidden(raw)}: name the database, as in postgresql://USER@HOST/DBNAME.")
        # An empty password ("user:@host") is no password: libpq then asks PGPASSWORD and ~/.pgpass.
        self.url: URL = URL.create("postgresql+psycopg", username=url.username, password=url.password or None,
                                   host=url.host, port=url.port, database=url.database, query=url.query)

    def __str__(self) -> str:
        shown = self.url.set(drivername="postgresql", query={k: ("***" if k.lower() in _SECRET_PARAMETERS else v)
                                                            for k, v in self.url.query.items()})
        return unquote(shown.render_as_string(hide_password=True))  # ?host=/run/… as typed; no password in any part

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


_SECRET_PARAMETERS = ("password", "passfile", "sslpassword")
_SECRET_QUERY = re.compile(r"(?i)([?&](?:" + "|".join(_SECRET_PARAMETERS) + r")=)[^&#]*")


def is_server(raw: str) -> bool:
    return raw.split(":", 1)[0] in _SCHEMES and "://" in raw


def parse(raw: str) -> Database:
    """A `--db` or `PREP_DB` value: a PostgreSQL URL, else a file path. Anything else written as a URL (a mistyped
    scheme, another database's) is refused, never taken as a file path with the password in its folders' names."""
    if is_server(raw):
        return ServerURL(raw)
    if "://" in raw:
        scheme = raw.split("://", 1)[0]
        raise UsageError(f"{hidden(raw)}: `{scheme}://` is not a database prep speaks to; write a PostgreSQL URL "
                         "(postgresql://USER@HOST/DBNAME) or the path of a SQLite file.")
    return Path(raw).expanduser()


def _split_userinfo(raw: str) -> tuple[str, str, str, str] | None:
    """(scheme, user info, the rest up to the query, the query with its `?`): the user info ends at the last `@`
    before the query, so a password holding `@`, `/` or `:` stays whole."""
    if "://" not in raw:
        return None
    scheme, rest = raw.split("://", 1)
    head, mark, query = rest.partition("?")
    if "@" not in head:
        return None
    userinfo, after = head.rsplit("@", 1)
    return scheme, userinfo, after, mark + query


def _quoted_userinfo(raw: str) -> str:
    parts = _split_userinfo(raw)
    if parts is None:
        return raw
    scheme, userinfo, after, query = parts
    user, colon, password = userinfo.partition(":")
    credentials = quote(unquote(user), safe="") + (colon + quote(unquote(password), safe="") if colon else "")
    return f"{scheme}://{credentials}@{after}{query}"


def hidden(raw: str) -> str:
    """A URL as typed with any password replaced (in its user info and its query), for every message."""
    parts = _split_userinfo(raw)
    if parts is not None:
        scheme, userinfo, after, query = parts
        user, colon, _ = userinfo.partition(":")
        raw = f"{scheme}://{user}{':***' if colon else ''}@{after}{query}"
    return _SECRET_QUERY.sub(r"\1***", raw)


def secrets(*raws: str | None) -> list[str]:
    """The passwords these command-line values and the environment hold, to be kept out of anything printed."""
    found = [os.environ.get("PGPASSWORD") or ""]
    for raw in raws:
        if not raw or "://" not in raw:
            continue
        parts = _split_userinfo(raw)
        if parts is not None and ":" in parts[1]:
            password = parts[1].partition(":")[2]
            found += [password, unquote(password)]
        for match in _SECRET_QUERY.finditer(raw):
            value = raw[match.end(1):match.end()]
            found += [value, unquote(value)]
    return sorted({s for s in found if len(s) >= 2}, key=len, reverse=True)  # a single character would hide every word


def scrub(text: str, hidden_secrets: list[str]) -> str:
    for secret in hidden_secrets:
        text = text.replace(secret, "***")
    return text


def database_path(explicit: str | os.PathLike[str] | None = None) -> Database:
    """The collection: `--db`, else `$PREP_DB`, else prep.sqlite3 in the user data dir. A postgresql:// URL
    names a database on a server (prep.store.location); anything else is a SQLite file."""
    chosen = explicit or os.environ.get("PREP_DB")
    return parse(os.fspath(chosen)) if chosen else data_dir() / "prep.sqlite3"
