"""Write transactions that stay right when two machines write one collection at once.

On SQLite every write transaction begins IMMEDIATE, so writers take turns and nothing here costs anything.
On PostgreSQL (READ COMMITTED) two transactions may read the same row and both write it: the later write
would silently replace the earlier one. So a transaction that reads rows to compute what it writes locks them
first (`SELECT … FOR UPDATE`, in id order so two writers meet in the same order and do not deadlock), which
makes the second writer wait and then read the first one's result. When two transactions still meet in a
deadlock or a serialization failure, `write` runs the whole transaction again (prep.store.server.retrying).
"""

from __future__ import annotations

import contextlib
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select, text

from prep.store.server import retrying
from prep.store.sql import dialect_name

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")
M = TypeVar("M")


def write(sessions: sessionmaker[Session], work: Callable[[Session], T]) -> T:
    """Run `work` in one committed ORM transaction, again from the start if the server chose it to lose a conflict.
    `work` must make all its changes inside the session (it may run more than once)."""

    def once() -> T:
        with sessions.begin() as session:
            return work(session)

    return retrying(once)


def write_core(engine: Engine, work: Callable[[Connection], T]) -> T:
    """The same for a Core connection."""

    def once() -> T:
        with engine.begin() as connection:
            return work(connection)

    return retrying(once)


def takes_row_locks(session: Session | Connection) -> bool:
    """Whether row locks mean anything here: on SQLite a write transaction holds the whole database already, so
    locking rows only to order two writers (and so avoid a deadlock) is work for nothing."""
    return dialect_name(session) != "sqlite"


def locked(session: Session, model: type[M], key: object) -> M | None:
    """The row, read afresh and locked until the transaction ends (FOR UPDATE; SQLite's writer lock already covers it)."""
    return session.get(model, key, with_for_update=True, populate_existing=True)


def locked_all(session: Session, model: Any, ids: Iterable[object]) -> list[Any]:
    """Several rows of `model` by primary key, locked in key order (so two writers cannot lock them crosswise)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    key = model.__table__.primary_key.columns.values()[0]
    return locked_where(session, model, key.in_(wanted))


def locked_where(session: Session, model: Any, condition: Any) -> list[Any]:
    """The rows of `model` that meet `condition`, read afresh and locked in key order."""
    key = model.__table__.primary_key.columns.values()[0]
    query = select(model).where(condition).order_by(key).with_for_update()
    return list(session.scalars(query.execution_options(populate_existing=True)))


@contextlib.contextmanager
def one_at_a_time(engine: Engine, name: str) -> Iterator[None]:
    """Work of the same `name` (an import) in one prep at a time on this collection, across all the transactions it
    takes: the next waits for it. A PostgreSQL session advisory lock, or flock(2) beside a collection file; either
    goes with the process however it ends (kill -9 included). For work that inserts rows another prep would insert
    too (the same new cards of a deck)."""
    if dialect_name(engine) != "postgresql":
        from prep.store.lock import turn

        with turn(Path(str(engine.url.database)), name):
            yield
        return
    key = {"key": zlib.crc32(f"prep:{name}".encode())}
    with engine.connect() as connection:
        while not connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), key):
            connection.commit()
            time.sleep(0.2)
        connection.commit()  # held by the session, not a transaction left open for the whole import
        try:
            yield
        finally:
            try:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), key)
                connection.commit()
            except Exception:  # noqa: BLE001 - the server went away: the lock went with the session
                connection.invalidate()  # never back to the pool holding it
