"""The stats screen's data and the due queue, with 100,000 cards and 1,000,000 reviews.

Times `service.stats(now)` (everything the stats screen draws, readiness included,
with an interview date set) and the queue (`next_card` plus the remaining counts),
each the median of repeated runs on a real SQLite file.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from common import NOW, emit, seed_database, timed

from prep.service import PrepService
from prep.settings.config import Config

CARDS, REVIEWS = 100_000, 1_000_000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "stats.sqlite3"
        seed_database(db, CARDS, REVIEWS)
        service = PrepService(db, replace(Config(), interview_date=(NOW + timedelta(days=30)).date()))
        plan = timed(lambda: service.plan(NOW), 3)
        stats = timed(lambda: service.stats(NOW), 7)
        queue = timed(lambda: (service.next_card(NOW), service.remaining(NOW)), 25)
        service.close()
    emit("stats.plan_for_interview", plan * 1000, "ms")
    emit("stats.screen_data", stats * 1000, "ms", target="< 300 ms")
    emit("stats.due_queue", queue * 1000, "ms", target="< 20 ms")


if __name__ == "__main__":
    main()
