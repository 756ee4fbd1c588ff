"""A full backup checked whole before one row is written: every value of every row must be one that prep itself
could have stored, so whatever a restore accepts can be reviewed, browsed and exported.

By column type: whole numbers (never true/false, never past 64 bits), finite floats, text (valid UTF-8, within its
column's length or LONG_TEXT), true/false, ISO dates and UTC datetimes, nulls only where the column takes them; by
meaning: known FSRS states and ratings, counts not below zero, a stability above zero and a difficulty in 1..10,
JSON where prep keeps JSON, a memory state on every answered card; and by reference: unique keys, and every review pointing at a card in the backup.

The first fault is one line naming the table, the row (its number in the file, and its key) and the field.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import Boolean, Date, Float, Integer, String, Table, Text

from prep.errors import PrepError
from prep.store.models import UTCDateTime

BACKUP_LIMIT = 1 << 30  # bytes: a backup bigger than this is refused before it is read (the largest seen is ~100 MB)
LONG_TEXT = 1 << 20  # characters in any one text field without a length of its own (a card's back, an attempt's code)
_INT64 = 1 << 63
_STATES = {0, 1, 2, 3}  # new, then fsrs.State: learning, review, relearning
_RATINGS = {1, 2, 3, 4}  # again, hard, good, easy

Check = Callable[[object], str | None]


def _one_of(allowed: set[object], what: str) -> Check:
    return lambda value: None if value in allowed else f"{value!r} is not {what} ({', '.join(map(repr, sorted(allowed)))})"


def _at_least(low: float) -> Check:
    return lambda value: None if value >= low else f"{value!r} is below {low}"  # type: ignore[operator]


def _json_object(value: object) -> str | None:
    try:
        parsed = json.loads(value)  # type: ignore[arg-type]
    except (ValueError, RecursionError):
        return "is not JSON"
    return None if isinstance(parsed, (dict, list)) else "is not a JSON object or list"


_COUNT = _at_least(0)
# What a value means, beyond its type: (table, column) → check. Columns not named here take any value of their type.
MEANING: dict[tuple[str, str], Check] = {
    **{(table, column): _one_of(_STATES, "a card state") for table in ("cards", "drill_states") for column in ("state",)},
    **{(table, column): _COUNT for table in ("cards", "drill_states") for column in ("step", "reps", "lapses")},
    **{(table, "stability"): (lambda v: None if v > 0 else f"{v!r} is not above 0") for table in ("cards", "drill_states")},  # type: ignore[operator]
    **{(table, "difficulty"): (lambda v: None if 1 <= v <= 10 else f"{v!r} is not within 1..10")  # type: ignore[operator]
       for table in ("cards", "drill_states")},
    ("reviews", "rating"): _one_of(_RATINGS, "a rating"),
    ("attempts", "rating"): _one_of(_RATINGS, "a rating"),
    ("reviews", "state_before"): _one_of(_STATES, "a card state"),
    ("reviews", "state_after"): _one_of(_STATES, "a card state"),
    ("reviews", "duration_ms"): _COUNT,
    ("reviews", "interval_days"): _COUNT,
    ("reviews", "snapshot"): _json_object,
    ("attempts", "status"): _one_of({"pass", "fail", "error", "gave-up"}, "an attempt's outcome"),
    ("attempts", "passed"): _COUNT,
    ("attempts", "total"): _COUNT,
    ("attempts", "duration_s"): _COUNT,
    ("attempts", "hints_used"): _COUNT,
    ("attempts", "round_seconds"): _COUNT,
    ("attempts", "report"): _json_object,
    ("drill_states", "round_failures"): _COUNT,
    ("drill_states", "round_hints"): _COUNT,
    ("mocks", "minutes"): _COUNT,
    ("mocks", "status"): _one_of({"open", "finished", "left"}, "a mock's status"),
    ("mocks", "paused_seconds"): _COUNT,
    ("mocks", "score"): lambda v: None if 0 <= v <= 1 else f"{v!r} is not within 0..1",  # type: ignore[operator]
    ("mocks", "items"): _json_object,
    ("mocks", "report"): _json_object,
    ("links", "target_kind"): _one_of({"card", "drill"}, "a link's kind"),
    ("decks", "new_per_day"): _COUNT,
    **{("daily_stats", column): _COUNT for column in ("reviews", "review_ms", "young", "young_again", "mature",
                                                       "mature_again")},
    ("cards", "source_line"): _COUNT,
    ("suggestions", "source_line"): _COUNT,
}


_SCHEDULED = ("cards", "drill_states")
_SCHEDULED_FIELDS = ("stability", "difficulty", "last_review")


class Fault(Exception):
    pass


def check_size(path: Path) -> None:
    """Refused before reading: a file too big to be a backup (or not a file at all)."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise PrepError(f"{path}: cannot read the backup ({error.strerror}).") from None
    if not path.is_file():
        raise PrepError(f"{path}: cannot read the backup (it is a folder or a device, not a file); give the path of a "
                        "backup written by `prep export --format backup`.")
    if size > BACKUP_LIMIT:
        raise PrepError(f"{path}: {size / 2**20:,.0f} MB is more than a prep backup can be ({BACKUP_LIMIT // 2**20:,} MB); "
                        "nothing was written.")


def convert(table: Table, column_name: str, value: object) -> object:
    """The value to store for this column, from its JSON form; Fault says what is wrong with it."""
    column = table.columns[column_name]
    if value is None:
        if not column.nullable:
            raise Fault("is missing (null), and this field must have a value")
        return None
    kind = column.type
    if isinstance(kind, UTCDateTime):
        if not isinstance(value, str) or len(value) > 40:
            raise Fault(f"{_shown(value)} is not a date and time")
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise Fault(f"{_shown(value)} is not a date and time") from None
        if moment.utcoffset() is None:
            raise Fault(f"{_shown(value)} has no UTC offset")
        return moment.astimezone(timezone.utc)
    if isinstance(kind, Date):
        if not isinstance(value, str) or len(value) > 10:
            raise Fault(f"{_shown(value)} is not a date")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise Fault(f"{_shown(value)} is not a date") from None
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise Fault(f"{_shown(value)} is not true or false")
        return value
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise Fault(f"{_shown(value)} is not a whole number")
        if not -_INT64 <= value < _INT64:
            raise Fault("is a whole number too large to store")
        return value
    if isinstance(kind, Float):  # Double included
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Fault(f"{_shown(value)} is not a number")
        if isinstance(value, int) and not -_INT64 <= value < _INT64 or not math.isfinite(value):
            raise Fault(f"{_shown(value)} is not a finite number")
        return float(value)
    if isinstance(kind, (String, Text)):
        if not isinstance(value, str):
            raise Fault(f"{_shown(value)} is not text")
        limit = kind.length or LONG_TEXT
        if len(value) > limit:
            raise Fault(f"is {len(value):,} characters long, more than {limit:,}")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Fault("holds characters that are not valid Unicode (lone surrogates)") from None
        return value
    return value


def _shown(value: object) -> str:
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def checked_rows(path: Path, tables: list[Table], given: dict[str, object], missing: set[str],
                 absent_is_null: bool) -> dict[Table, list[dict[str, object]]]:
    """Every row of every table converted and checked; the first fault is a PrepError naming table, row and field.
    `missing`: tables the backup's schema did not have yet (they start empty). `absent_is_null`: a column the
    backup's schema did not have yet may be left out of its rows (when it is nullable)."""
    rows: dict[Table, list[dict[str, object]]] = {}
    keys: dict[str, set[object]] = {}
    for table in tables:
        listed = [] if table.name in missing else given.get(table.name)
        if not isinstance(listed, list):
            raise PrepError(f"{path}: a damaged prep backup: table {table.name} " + ("is missing" if listed is None else "is not a list of rows")
                            + "; nothing was written. Export the backup again with `prep export --format backup`.")
        names = {column.name for column in table.columns}
        seen: set[object] = set()
        converted = []
        for number, row in enumerate(listed, start=1):
            where = f"{path}: a damaged prep backup: table {table.name}, row {number}"
            if not isinstance(row, dict):
                raise PrepError(f"{where}: {_shown(row)} is not a row (an object of fields); nothing was written.")
            unknown = sorted(set(row) - names)
            if unknown:
                raise PrepError(f"{where}: unknown field {unknown[0]!r}; nothing was written.")
            values = {}
            for column in table.columns:
                if column.name not in row and not (absent_is_null and column.nullable):
                    raise PrepError(f"{where}, field {column.name}: missing; nothing was written.")
                raw = row.get(column.name)
                try:
                    value = convert(table, column.name, raw)
                    meaning = MEANING.get((table.name, column.name))
                    if value is not None and meaning is not None and (fault := meaning(value)):
                        raise Fault(fault)
                except Fault as fault:
                    raise PrepError(f"{where}, field {column.name}: {fault}; nothing was written.") from None
                values[column.name] = value
            if table.name in _SCHEDULED and values["state"] != 0:  # answered: FSRS's memory state is read from these
                empty = next((name for name in _SCHEDULED_FIELDS if values[name] is None), None)
                if empty is not None:
                    raise PrepError(f"{where}, field {empty}: is missing (null), and an answered card (state "
                                    f"{values['state']}) must have it; nothing was written.")
            key = tuple(values[c.name] for c in table.primary_key)
            if None not in key:
                if key in seen:
                    shown = key[0] if len(key) == 1 else key
                    raise PrepError(f"{where}: a second row with the key {shown!s:.60}; nothing was written.")
                seen.add(key)
            converted.append(values)
        for column in table.columns:  # every reference points at a row of the backup
            for foreign in column.foreign_keys:
                parents = keys.get(foreign.column.table.name, set())
                for number, values in enumerate(converted, start=1):
                    if values[column.name] is not None and values[column.name] not in parents:
                        raise PrepError(f"{path}: a damaged prep backup: table {table.name}, row {number}, field {column.name}: "
                                        f"{values[column.name]!s:.60} names no row of {foreign.column.table.name}; "
                                        "nothing was written.")
        if len(table.primary_key) == 1:
            keys[table.name] = {key[0] for key in seen}
        rows[table] = converted
    return rows
