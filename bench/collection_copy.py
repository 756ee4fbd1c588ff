"""`prep copy` with 100,000 cards and 1,000,000 reviews, in each direction, on a PostgreSQL server started here
(pgserver, as the tests start one). Each figure is against SQLite's own backup API copying the same file in the
same run (what a backup of a file collection costs): the price of going through rows instead of pages.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from common import emit, seed_database

from prep.store.backups import copy_database
from prep.store.copy import copy_collection
from tests.pg import Server

CARDS, REVIEWS = 100_000, 1_000_000


def seconds(action) -> float:  # noqa: ANN001 - any callable
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="prep-bench-copy-") as folder:
        root = Path(folder)
        source = root / "prep.sqlite3"
        seed_database(source, CARDS, REVIEWS)
        (root / "pg").mkdir()
        server = Server.start(root / "pg")
        try:
            pages = seconds(lambda: copy_database(source, root / "pages.sqlite3"))
            first, second = server.empty_database(), server.empty_database()
            figures = {
                "sqlite_to_postgresql": seconds(lambda: copy_collection(source, first)),
                "postgresql_to_sqlite": seconds(lambda: copy_collection(first, root / "back.sqlite3")),
                "postgresql_to_postgresql": seconds(lambda: copy_collection(first, second)),
                "sqlite_to_sqlite": seconds(lambda: copy_collection(source, root / "again.sqlite3")),
            }
        finally:
            server.stop()
    for name, value in figures.items():
        emit(f"copy.{name}", value, "s", baseline=pages, target="tens of seconds, not minutes (< 60 s)")


if __name__ == "__main__":
    main()
