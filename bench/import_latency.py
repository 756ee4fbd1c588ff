"""How long an answer waits while another prep imports a large notes file into the same SQLite collection.

A collection with a small deck is studied in this process (one answer after another, as the TUI records them) while
`prep import` of a file of CARDS cards runs in another process: on a SQLite file, or with --postgresql on a database of
a PostgreSQL server started for the run (as bench/postgres.py starts one; its figures are named `….postgresql`). Reported: the longest and the median wait of an
answer during the import (an answer the busy timeout gave up on counts with its wait, and is counted apart), against the median answer with nothing else running (the baseline), and how long the
import took. The target is that no answer waits more than a second behind an import.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta, timezone
from pathlib import Path

from common import NOW, emit, median

from prep.errors import PrepError
from prep.service import PrepService
from prep.settings.config import Config
from prep.store.location import Database, ServerURL

CARDS = int(os.environ.get("PREP_BENCH_IMPORT_CARDS", "40000"))
ROOT = Path(__file__).resolve().parents[1]


def notes(path: Path, count: int, topic: str) -> Path:
    lines = [f"# {topic}\n"]
    for heading in range(count // 20 + 1):
        lines.append(f"\n## {topic} part {heading}\n\n")
        lines += [f"What is fact {heading}-{i} of {topic}? :: It is the answer number {heading * 20 + i}.\n" for i in range(20)]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgresql", action="store_true", help="on a PostgreSQL server started for the run")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        if not parser.parse_args().postgresql:
            measure(folder / "prep.sqlite3", str(folder / "prep.sqlite3"), folder, "")
            return
        from postgres import Server

        server = Server(folder / "server")
        try:
            server.admin("CREATE DATABASE prep_import")
            measure(ServerURL(server.uri("prep_import")), server.uri("prep_import"), folder, ".postgresql")
        finally:
            server.stop()


def measure(database: Database, where: str, folder: Path, suffix: str) -> None:
    """The figures on `database` (`where`, as the command line names it); `suffix` ends their names."""
    config = Config(enable_fuzzing=False, bury_siblings=False, schedule_suggestions=True, new_per_day=10_000,
                    reviews_per_day=100_000)
    service = PrepService(database, config, tz=timezone.utc)
    service.import_paths([notes(folder / "study.md", 2000, "study")], NOW)
    moment = NOW
    failed: list[float] = []

    def one_answer() -> float:
        nonlocal moment
        start = time.perf_counter()
        try:
            card = service.next_card(moment)  # the next card, then the answer: what a keypress in the TUI waits for
            service.answer(card.id, 3, moment, 1000)  # type: ignore[union-attr]
        except PrepError:  # the busy timeout ran out behind the import: the answer was not recorded
            failed.append(time.perf_counter() - start)
        moment += timedelta(seconds=5)
        return time.perf_counter() - start

    alone = median([one_answer() for _ in range(50)])
    big = notes(folder / "big.md", CARDS, "big")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(folder / "data"),
           "XDG_CONFIG_HOME": str(folder / "config"), "XDG_CACHE_HOME": str(folder / "cache")}
    started = time.perf_counter()
    importing = subprocess.Popen([sys.executable, "-m", "prep", "--db", where, "import", str(big)], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    waits = []
    while importing.poll() is None:
        waits.append(one_answer())
    took = time.perf_counter() - started
    service.close()
    if importing.returncode != 0:
        raise SystemExit(f"the import failed: {importing.stderr.read() if importing.stderr else ''}")
    emit(f"answer_wait_during_import_max{suffix}", max(waits) * 1000, "ms", alone * 1000, target="< 1000 ms")
    emit(f"answer_wait_during_import_median{suffix}", median(waits) * 1000, "ms", alone * 1000)
    emit(f"import_seconds{suffix}", took, "s")
    emit(f"answers_during_import{suffix}", len(waits), "answers")
    emit(f"answers_refused_during_import{suffix}", len(failed), "answers", target="0")


if __name__ == "__main__":
    main()
