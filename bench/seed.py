"""A large seeded collection for the benchmarks and the tests that need one (no side effects on import).

bench/common.py re-exports it after isolating the benchmark; a test imports this module directly, since it runs in
its own temporary folders already and has prep imported before.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from sqlalchemy import insert

from prep.store.daily import rebuild
from prep.store.database import open_database
from prep.store.location import Database
from prep.store.tables import cards as cards_table
from prep.store.tables import reviews as reviews_table

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)


def seed_database(location: Database, cards: int, reviews: int, seed: int = 7) -> None:
    """A collection with `cards` cards in every state and `reviews` reviews spread over a year.

    `location` is a SQLite file or a PostgreSQL database (prep.store.location); the same seed gives the same rows in both.
    """
    rng = random.Random(seed)
    engine = open_database(location)
    rows, history = [], []
    for i in range(cards):
        reviewed = i % 5 != 0  # a fifth are still new
        state = rng.choices((1, 2, 3), weights=(5, 90, 5))[0] if reviewed else 0
        last = NOW - timedelta(days=rng.randint(1, 365)) if reviewed else None
        # Learning cards are due within hours, as learning steps make them; reviews spread over months.
        due = NOW + (timedelta(hours=rng.randint(-48, 24)) if state != 2 else timedelta(days=rng.randint(-20, 120)))
        rows.append(dict(
            id=f"{i:016x}", deck="bench", kind="topic", path=f"Bench › Topic {i // 10}", slot=i % 10,
            front=f"**Topic {i}** — what matters?", back=f"- fact {i}\n- another fact", source_file="bench.md",
            source_line=i + 1, position=i, tags="bench topic", state=state, step=0 if state != 2 else None,
            stability=rng.uniform(0.5, 200) if reviewed else None, difficulty=rng.uniform(1, 10) if reviewed else None,
            due=due if reviewed else NOW, last_review=last,
            reps=rng.randint(1, 30) if reviewed else 0, lapses=rng.randint(0, 3) if reviewed else 0,
            suspended=False, buried_until=None, retired_at=None, created_at=NOW - timedelta(days=400), updated_at=NOW,
        ))
    reviewed_ids = [r["id"] for r in rows if r["reps"]]
    for _ in range(reviews):
        moment = NOW - timedelta(days=rng.randint(1, 365), seconds=rng.randint(0, 86399))
        history.append(dict(card_id=rng.choice(reviewed_ids), rating=rng.choice((1, 2, 3, 3, 3, 4)), reviewed_at=moment,
                            day=moment.date(), duration_ms=rng.randint(1500, 20000), state_before=2, state_after=2,
                            snapshot="{}", interval_days=rng.choice((1.0, 3.0, 9.0, 30.0, 90.0))))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            _copy(connection, cards_table.name, rows)
            _copy(connection, reviews_table.name, history)
        else:
            connection.execute(insert(cards_table), rows)
            for start in range(0, len(history), 20000):
                connection.execute(insert(reviews_table), history[start:start + 20000])
    with engine.begin() as connection:
        rebuild(connection)  # the daily counts the app keeps as it goes
    engine.dispose()


def _copy(connection, table: str, rows: list[dict]) -> None:  # noqa: ANN001 - a Connection on PostgreSQL
    """Rows into a PostgreSQL table by COPY (the server's bulk load), moments stored as prep stores them: naive UTC."""
    columns = list(rows[0])
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_stored(row[name]) for name in columns])


def _stored(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    return value
