"""The few SQL pieces that SQLite and PostgreSQL spell differently, one function each.

On PostgreSQL, seconds between moments come from `date_part('epoch', …)`, a double: `EXTRACT` gives a numeric,
and numeric arithmetic on every card made the stats screen's recall queries twice as slow (bench/postgres.py).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Double
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


def dialect_name(connection: Any) -> str:
    """"sqlite" or "postgresql", for a Connection or an ORM Session."""
    bind = connection.get_bind() if hasattr(connection, "get_bind") else connection
    return bind.dialect.name


def insert(connection: Any, table: Any) -> Any:
    """INSERT with `on_conflict_do_update` / `on_conflict_do_nothing`, in the connection's own dialect."""
    return dialect_insert(dialect_name(connection), table)


def dialect_insert(dialect: str, table: Any) -> Any:
    """The same for a dialect named ("sqlite" or "postgresql"), for a statement built once and kept."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as server_insert  # loaded only for a server collection

        return server_insert(table)
    from sqlalchemy.dialects.sqlite import insert as file_insert

    return file_insert(table)


class days_between(FunctionElement):  # noqa: N801 - used like func.*
    """Days (fractional) from the first moment to the second."""

    type = Double()
    inherit_cache = True


@compiles(days_between)
def _days_sqlite(element: days_between, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"(julianday({end}) - julianday({start}))"


@compiles(days_between, "postgresql")
def _days_postgresql(element: days_between, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"(date_part('epoch', {end} - {start}) / 86400.0)"


class Fragments:
    """Text-SQL pieces for prep.progress.stats' hand-written queries."""

    def __init__(self, dialect: str) -> None:
        self.postgresql = dialect == "postgresql"

    def local_day(self, column: str, minutes: int) -> str:
        """The ISO date (text) of a stored UTC moment shifted by `minutes`."""
        if self.postgresql:
            return f"to_char({column} + interval '{minutes:+d} minutes', 'YYYY-MM-DD')"
        return f"date({column}, '{minutes:+d} minutes')"

    def greatest(self, a: str, b: str) -> str:
        return f"greatest({a}, {b})" if self.postgresql else f"max({a}, {b})"

    def whole_days_since(self, moment: str, column: str) -> str:
        """Whole days from `column` to the bound moment `moment`, never below 0."""
        if self.postgresql:
            return f"greatest(0, floor(date_part('epoch', CAST({moment} AS timestamp) - {column}) / 86400))"
        return f"max(0, CAST(julianday({moment}) - julianday({column}) AS INTEGER))"

    def first_part(self, column: str, separator: str) -> str:
        """What comes before the first `separator` (the whole text when there is none)."""
        if self.postgresql:
            return f"split_part({column}, '{separator}', 1)"
        return (f"substr({column}, 1, CASE instr({column}, '{separator}') WHEN 0 THEN length({column}) "
                f"ELSE instr({column}, '{separator}') - 1 END)")


def after_bulk_load(connection: Any, tables: Any) -> None:
    """After rows were written in bulk with their own ids (a restore, a copy), inside the caller's transaction.

    On PostgreSQL each id sequence moves past the largest id (else the next answer takes id 1 again and fails),
    and the planner's statistics are gathered now, not when autovacuum next looks: until then the queue of a
    collection of 100,000 cards took ~260 ms instead of ~30 (bench/postgres.py). SQLite needs neither: it numbers
    new rows from the largest id and plans from its indexes alone.
    """
    if dialect_name(connection) != "postgresql":
        return
    from sqlalchemy import Integer, text  # noqa: PLC0415 - only a server collection gets here

    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) == 1 and isinstance(keys[0].type, Integer):
            name, column = table.name, keys[0].name
            connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', '{column}'), "
                                    f"coalesce(max({column}), 0) + 1, false) FROM {name}"))
    connection.execute(text(f"ANALYZE {', '.join(table.name for table in tables)}"))
