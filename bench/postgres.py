"""The due queue, an answer, the Today counts and the stats screen on PostgreSQL, next to SQLite,
with 100,000 cards and 1,000,000 reviews.

The same collection (bench/common.py, one seed) goes into a SQLite file and into a database of a real
PostgreSQL server this script starts in a temporary folder (the `pgserver` package ships one). prep
reaches the server two ways, each in its own copy of the database: over its Unix socket, as prep on the
server's own machine would ("socket"), and over TCP to 127.0.0.1 ("tcp"): the path another machine's prep
takes, without the network's own latency.

After loading, the server's tables are vacuumed and analyzed, as its autovacuum does on its own within a
minute or so of a bulk load: the figures are those of a collection in use, not of one loaded a second ago.
The SQLite file is left as prep leaves it (prep runs no ANALYZE there).

Each figure is a median, the engines taking turns (which goes first alternates too):
- `due_queue`: `next_card` plus `remaining`, what the review asks after every answer;
- `today`: the Today screen's counts;
- `stats_screen`: everything the stats screen draws, with an interview date set (after `plan`, as `prep stats` does);
- `answer`: one answer committed (Good), each on a different due review card.
Every line's ratio is PostgreSQL's figure over SQLite's; the target is at most 2x.

`--partial-planned-index` makes the server's `ix_cards_planned` partial (`WHERE planned_due IS NOT NULL`), as it
is on SQLite, by hand: what a migration would give it, measured.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
import warnings
from contextlib import closing
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from common import NOW, emit, median, seed_database

from prep.service import PrepService
from prep.settings.config import Config
from prep.store.location import Database, ServerURL

CARDS, REVIEWS = 100_000, 1_000_000
QUEUE_RUNS, STATS_RUNS, ANSWERS = 25, 7, 60
TARGET = "<= 2x"


class Server:
    """A PostgreSQL server in `folder`, reachable over its Unix socket and, when it can be set up, TCP on 127.0.0.1."""

    def __init__(self, folder: Path) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs warns that XDG_RUNTIME_DIR is unset
            import pgserver

        self.data = folder
        self.handle = pgserver.get_server(folder, cleanup_mode="stop")  # socket only, as pgserver starts it
        info = self.handle.get_postmaster_info()
        self.socket_dir = info.socket_dir
        self.port: int | None = None
        self.restarted = False
        try:
            self._listen_on_tcp()
        except Exception as error:  # noqa: BLE001 - TCP is a bonus figure; the socket ones stand without it
            print(f"# no TCP figures: the server could not be restarted to listen on 127.0.0.1 ({error})", flush=True)
            if self.restarted:  # stopped, then not started again: back to the socket alone
                self.handle, self.restarted, self.port = pgserver.get_server(folder, cleanup_mode="stop"), False, None

    def _listen_on_tcp(self) -> None:
        """pgserver starts the server with no TCP listener; start it again with both, on a free port."""
        from pgserver._commands import pg_ctl
        from pgserver.utils import find_suitable_port

        port = find_suitable_port("127.0.0.1")
        self.handle.cleanup()  # stops it
        self.restarted = True
        pg_ctl(["-w", "-o", f"-h 127.0.0.1 -p {port} -k {self.socket_dir}", "-l", str(self.data / "tcp.log"), "start"],
               pgdata=self.data, user=self.handle.system_user, timeout=30)
        self.port = port

    def uri(self, database: str, tcp: bool = False) -> str:
        if tcp:
            return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"
        port = f"&port={self.port}" if self.port else ""
        return f"postgresql://postgres@/{database}?host={self.socket_dir}{port}"

    def admin(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.uri(database), autocommit=True) as connection:
            connection.execute(statement)

    def stop(self) -> None:
        if self.restarted:
            from pgserver._commands import pg_ctl

            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self.data, user=self.handle.system_user)
        else:
            self.handle.cleanup()


def due_review_cards(path: Path, count: int) -> list[str]:
    """`count` due review cards, each of a different topic (answering one buries its topic's other cards)."""
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(
            "SELECT min(id) FROM cards WHERE state = 2 AND due < ? GROUP BY path ORDER BY min(id) LIMIT ?",
            (NOW.replace(tzinfo=None).isoformat(" "), count)).fetchall()
    return [row[0] for row in rows]


def take_turns(actions: dict[str, object], runs: int) -> dict[str, float]:
    """The median time of each engine's action, the engines taking turns run by run."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    names = list(actions)
    for run in range(runs):
        for name in names if run % 2 == 0 else names[::-1]:
            start = time.perf_counter()
            actions[name](run)  # type: ignore[operator]
            times[name].append(time.perf_counter() - start)
    return {name: median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partial-planned-index", action="store_true",
                        help="the server's ix_cards_planned partial, as on SQLite (made by hand, not by a migration)")
    partial = parser.parse_args().partial_planned_index
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        sqlite_file = root / "bench.sqlite3"
        started = time.perf_counter()
        server = Server(root / "pg")
        try:
            server.admin("CREATE DATABASE bench")
            seed_database(sqlite_file, CARDS, REVIEWS)
            seed_database(ServerURL(server.uri("bench")), CARDS, REVIEWS)
            if partial:
                server.admin("DROP INDEX ix_cards_planned; CREATE INDEX ix_cards_planned ON cards (planned_due) "
                             "WHERE planned_due IS NOT NULL", "bench")
            server.admin("VACUUM ANALYZE", "bench")  # what autovacuum does after a bulk load
            locations: dict[str, Database] = {"sqlite": sqlite_file, "socket": ServerURL(server.uri("bench"))}
            if server.port:
                server.admin("CREATE DATABASE bench_tcp TEMPLATE bench")  # the same rows, statistics and all
                locations["tcp"] = ServerURL(server.uri("bench_tcp", tcp=True))
            print(f"# seeded in {time.perf_counter() - started:.0f} s", flush=True)
            figures = measure(locations, due_review_cards(sqlite_file, ANSWERS + 1))
        finally:
            server.stop()
    for figure, unit in (("due_queue", "ms"), ("today", "ms"), ("stats_screen", "ms"), ("answer", "ms")):
        for kind in locations:
            if kind != "sqlite":
                emit(f"postgres.{kind}.{figure}{'.partial_planned_index' if partial else ''}", figures[figure][kind], unit, baseline=figures[figure]["sqlite"],
                     target=TARGET)


def measure(locations: dict[str, Database], answerable: list[str]) -> dict[str, dict[str, float]]:
    config = replace(Config(), interview_date=(NOW + timedelta(days=30)).date())
    services = {kind: PrepService(location, config) for kind, location in locations.items()}
    try:
        for service in services.values():
            service.plan(NOW)  # the interview plan the forecast and readiness show, as `prep stats` makes it
            service.warm_up()
            service.next_card(NOW), service.remaining(NOW), service.today(NOW), service.stats(NOW)  # warm caches
            service.answer(answerable[-1], 3, NOW)  # the first answer loads what answers use
        ms = {}

        def each(action) -> dict[str, object]:  # noqa: ANN001 - service → result
            return {kind: (lambda run, s=service: action(s, run)) for kind, service in services.items()}

        ms["due_queue"] = take_turns(each(lambda s, _: (s.next_card(NOW), s.remaining(NOW))), QUEUE_RUNS)
        ms["today"] = take_turns(each(lambda s, _: s.today(NOW)), QUEUE_RUNS)
        ms["stats_screen"] = take_turns(each(lambda s, _: s.stats(NOW)), STATS_RUNS)
        ms["answer"] = take_turns(each(lambda s, run: s.answer(answerable[run], 3, NOW, duration_ms=4000)), ANSWERS)
    finally:
        for service in services.values():
            service.close()
    return {figure: {kind: seconds * 1000 for kind, seconds in by_kind.items()} for figure, by_kind in ms.items()}


if __name__ == "__main__":
    main()
