"""A collection on a PostgreSQL server, through psycopg 3: the engine, its errors in one line, and retries.

Two machines may answer at once. Each write transaction locks the rows it changes (`SELECT … FOR UPDATE`
in prep.service), so an answer is always applied to the card's newest state; when two transactions still
meet in a deadlock or a serialization failure, `retrying` runs the whole transaction again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DBAPIError

from prep.errors import NotSavedYet, PrepError
from prep.store.location import ServerURL

T = TypeVar("T")

CONNECT_SECONDS = 5  # a server that does not answer in this long is reported as down
LOCK_SECONDS = 10  # no statement waits longer than this for another machine's lock
RETRIES = 5
# Set while `retrying` runs a transaction: a conflict inside it is retried; outside (a read, say) it is one line.
_inside_retry: ContextVar[bool] = ContextVar("prep_inside_retry", default=False)
_RETRY_STATES = {"40001", "40P01"}  # serialization failure, deadlock detected
_MIGRATION_LOCK = 0x70726570  # "prep": one machine migrates at a time


class ServerUnavailable(NotSavedYet):
    """The server could not be reached or dropped the connection: what was being written is not saved yet."""


def create_server_engine(location: ServerURL) -> Engine:
    engine = create_engine(
        location.url,
        pool_pre_ping=True,  # a connection the server closed (restart, failover) is replaced, not reported
        pool_size=2,
        connect_args={"connect_timeout": CONNECT_SECONDS, "application_name": "prep",
                      "options": f"-c lock_timeout={LOCK_SECONDS * 1000} -c idle_in_transaction_session_timeout=60000"},
    )
    event.listen(engine, "handle_error", lambda context: _explain(location, context))
    return engine


def _explain(location: ServerURL, context: ExceptionContext) -> None:
    """Errors the user can act on become one line naming the server; retryable conflicts pass through."""
    error = context.original_exception
    state = getattr(error, "sqlstate", None)
    if state in _RETRY_STATES:
        if _inside_retry.get():
            return  # `retrying` runs the transaction again
        raise PrepError(f"{location}: another machine changed the collection at the same moment; nothing was changed "
                        "by this step, try it again.") from None
    message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if state == "3D000" or "does not exist" in message and "database" in message:
        raise PrepError(f"{location}: no such database on the server; create it (createdb -h HOST -U USER NAME) "
                        "and run prep again.") from None
    if state in ("28P01", "28000") or "password authentication failed" in message or "no password supplied" in message:
        raise PrepError(f"{location}: the server refused the login; set PGPASSWORD or add the password to ~/.pgpass "
                        "(never put it in a command line others can see).") from None
    if state == "55P03":  # not saved yet, like an unreachable server: the TUI keeps the answer and tries again
        raise ServerUnavailable(f"{location}: another machine held a card for over {LOCK_SECONDS} s; nothing was changed, "
                        "try again.") from None
    if context.is_disconnect or (state is None and type(error).__name__ == "OperationalError") or (state or "").startswith("08") or state in ("57P01", "57P02", "57P03"):
        raise ServerUnavailable(f"{location}: the server is not reachable ({message}); nothing was saved by this step. "
                                "Check that PostgreSQL runs there and the network is up.") from None
    if state == "53100":
        raise PrepError(f"{location}: the server's disk is full; this change was not saved.") from None
    if state == "42501":
        raise PrepError(f"{location}: this login may not change the collection ({message}); ask for write access.") from None


conflicts_retried = 0  # transactions run again in this process (the concurrency test and bench report it)


def retrying(transaction: Callable[[], T], attempts: int = RETRIES) -> T:
    """Run a whole transaction again when the server chose it to lose a deadlock or a serialization conflict."""
    global conflicts_retried
    for attempt in range(attempts):
        token = _inside_retry.set(True)  # prep.store.server._explain lets the conflict through to here
        try:
            return transaction()
        except DBAPIError as error:
            if getattr(error.orig, "sqlstate", None) not in _RETRY_STATES:
                raise
            if attempt == attempts - 1:  # an answer is kept and saved again later (prep.review.pending), not dropped
                raise NotSavedYet(f"another machine kept changing the same cards ({attempts} tries); nothing was changed "
                                "by this step, try it again.") from None
            conflicts_retried += 1
            time.sleep(0.01 * 2 ** attempt)
        finally:
            _inside_retry.reset(token)
    raise AssertionError("unreachable")


def lock_for_migration(connection) -> None:  # noqa: ANN001 - a Connection inside the migration's transaction
    """Two machines starting a new prep at once: the second waits, then finds the schema up to date."""
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
