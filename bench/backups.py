"""What checked backups cost, with 100,000 cards and 1,000,000 reviews (a ~170 MB database), and for a
typical year of study.

Each figure is against a plain copy of the same file (`shutil.copyfile`), timed in the same run:
- backup: SQLite's backup API into a temporary name, `PRAGMA quick_check` and the schema check on
  the copy, the rename and the rotation: what every import, session and 30-minute backup pays;
- fast check: the check before a write command or the TUI's start (quick_check on the live file);
- study tick: what the TUI's 30-minute timer costs when nothing is due (two max(id) lookups);
- restore: a backup put in place of a damaged database (moved aside first).
Medians of repeated runs, the page cache warm as on a machine in use.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from common import NOW, emit, seed_database, timed

from prep.store import health
from prep.store.backups import answers_since_backup, backups, make_backup
from prep.store.restore import restore

CARDS, REVIEWS = 100_000, 1_000_000
RUNS = 5


def typical() -> float:
    """A checked backup of a year of daily study (5,000 cards, 50,000 reviews): what a session's end costs most users."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "prep.sqlite3"
        seed_database(db, 5_000, 50_000)
        moments = iter(NOW + timedelta(minutes=n) for n in range(1000))
        return timed(lambda: make_backup(db, "bench", next(moments)), 9)


def main() -> None:
    emit("backups.checked_backup_typical", typical() * 1000, "ms", target="< 250 ms")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "prep.sqlite3"
        seed_database(db, CARDS, REVIEWS)
        megabytes = db.stat().st_size / 1e6
        plain = timed(lambda: shutil.copyfile(db, Path(folder) / "plain-copy.sqlite3"), RUNS)
        moments = iter(NOW + timedelta(minutes=n) for n in range(1000))
        backup = timed(lambda: make_backup(db, "bench", next(moments)), RUNS)
        check = timed(lambda: health.ensure_intact(db), RUNS)
        tick = timed(lambda: answers_since_backup(db), 25)
        newest = backups(db)[0]

        def restore_over_damage() -> None:
            db.write_bytes(b"not a database any more")
            restore(db, newest, next(moments))

        put_back = timed(restore_over_damage, 3)
    emit("backups.database_size", megabytes, "MB")
    emit("backups.checked_backup", backup, "s", baseline=plain, target="< 3 s (in a worker thread while studying)")
    emit("backups.fast_check", check, "s", baseline=plain, target="< FAST_CHECK_SECONDS (3 s), so it runs in full")
    emit("backups.study_tick_nothing_due", tick * 1000, "ms", target="< 20 ms")
    emit("backups.restore_over_damage", put_back, "s", baseline=plain)


if __name__ == "__main__":
    main()
