"""`prep copy` between SQLite and a real PostgreSQL server (the suite's own, tests/pg.py): round trips compared
table by table, row by row and value by value; a target that holds a collection is refused; a copy killed
mid-way leaves the target as it was; new answers on a copied server take new ids."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select, text

from prep import cli
from prep.drills.report import Report
from prep.errors import PrepError
from prep.service import PrepService
from prep.settings.config import Config
from prep.store.copy import copy_collection
from prep.store.database import open_database
from prep.store.location import ServerURL
from prep.store.revision import SCHEMA_REVISION
from prep.store.snapshot import VERSION_TABLE, prep_tables, upgrade_to
from tests.conftest import ROOT
from tests.pg import query

CONFIG = Config(enable_fuzzing=False, bury_siblings=False)  # the default inbox: suggestions are rows to copy too
T0 = datetime(2026, 11, 20, 8, 59, 58, 123456, tzinfo=timezone.utc)


def fill(service: PrepService, now: datetime = T0) -> None:
    """A collection with real content of every kind, made through the service as the app makes it."""
    service.add_builtin(now)
    service.import_paths([ROOT / "tests" / "data" / "other-notes.md"], now)  # notes of the learner's: suggestions too
    service.accept_suggestion(service.inbox()[0].id, now, back="a card of the learner's own words")  # cards.origin set
    from prep.practice.links import on_path

    attention = [card_id for card_id, path in query_service(service, "SELECT id, path FROM cards ORDER BY position")
                 if on_path(path, ["attention"])]
    for i, card_id in enumerate(attention):  # reviewed cards on the softmax drill's topics: giving it up links them
        service.answer(card_id, 4, now + timedelta(seconds=i), 2000 + i)
    moment = now
    for day in range(3):
        moment = now + timedelta(days=day, minutes=day * 7)
        for i in range(12):
            card = service.next_card(moment)
            if card is None:
                break
            service.answer(card.id, (1, 2, 3, 4)[(i + day) % 4], moment, 1234 + 37 * i)
            moment += timedelta(seconds=17, microseconds=123457)
    cards = [row[0] for row in query_service(service, "SELECT id FROM cards ORDER BY position LIMIT 3 OFFSET 100")]
    service.decks.set_limit(service.decks.rows(now)[0].name, 7)
    service.suspend(cards[0], moment)
    service.bury(cards[1], moment)
    service.drills.open("softmax", moment)
    service.drills.record("softmax", Report(drill="softmax", status="fail", passed=3, total=16, duration_s=0.1 + 0.2),
                          "def softmax(x):  # ünïcode, кириллица, 🙂\n    return x / 3\n", moment + timedelta(minutes=4))
    service.drills.give_up("softmax", "", moment + timedelta(minutes=9, microseconds=1))  # an attempt and links
    mock = service.mocks.start(moment + timedelta(hours=1), 20)
    items = service.mocks.items(mock)
    index = next(i for i, item in enumerate(items) if item.kind == "question")
    service.mocks.pause(mock, moment + timedelta(hours=1, seconds=30))
    service.mocks.resume(mock, moment + timedelta(hours=1, seconds=47, microseconds=333333))
    service.mocks.answer(mock, index, [0], 41.7, moment + timedelta(hours=1, minutes=2))
    service.mocks.finish(mock, moment + timedelta(hours=1, minutes=5), early=True)


def query_service(service: PrepService, sql: str) -> list[tuple]:
    with service._sessions() as session:  # noqa: SLF001 - the test reads what was stored
        return [tuple(row) for row in session.execute(text(sql))]


def exact(value: object) -> object:
    """A value with its type, floats by their bits: 0.30000000000000004 is not 0.3."""
    if isinstance(value, float):
        return ("float", value.hex())
    if isinstance(value, datetime):
        return ("datetime", value.isoformat())
    return (type(value).__name__, value)


def dump(location: Path | ServerURL) -> dict[str, list[tuple]]:
    """Every table of prep's schema, every row in key order, every value as prep reads it."""
    from prep.store.tables import metadata

    engine = open_database(location)
    try:
        with engine.connect() as connection:
            found = {table.name: [tuple(exact(v) for v in row) for row in
                                  connection.execute(select(table).order_by(*table.primary_key.columns))]
                     for table in metadata.sorted_tables}
            found[VERSION_TABLE] = [tuple(r) for r in connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))]
    finally:
        engine.dispose()
    assert set(found) == {*prep_tables(), VERSION_TABLE}
    return found


def raw_file(path: Path) -> dict[str, list[tuple]]:
    """A SQLite file's rows as stored (text, integers, reals by their bits), not as prep reads them."""
    with closing(sqlite3.connect(path)) as connection:
        tables = [n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(tuple(exact(v) for v in row) for row in connection.execute(f'SELECT * FROM "{t}"')) for t in tables}


def assert_same(a: dict[str, list[tuple]], b: dict[str, list[tuple]]) -> None:
    assert list(a) == list(b)
    for table in a:
        assert len(a[table]) == len(b[table]), table
        for left, right in zip(a[table], b[table]):
            assert left == right, table


@pytest.fixture
def filled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    database = tmp_path / "laptop" / "prep.sqlite3"
    service = PrepService(database, CONFIG, tz=timezone.utc)
    fill(service)
    service.close()
    return database


def test_sqlite_to_server_to_sqlite_is_exact(filled: Path, pg_server, tmp_path: Path) -> None:  # noqa: ANN001
    before = dump(filled)
    assert [t for t in prep_tables() if not before[t]] == []  # every table has rows
    assert any(v == ("bool", True) for row in before["cards"] for v in row)  # a suspended card
    server = pg_server.empty_database()
    try:
        copied = copy_collection(filled, server)
        assert copied.counts["reviews"] == len(before["reviews"]) > 36 and copied.counts["cards"] == len(before["cards"])
        assert_same(before, dump(server))
        back = tmp_path / "desktop" / "prep.sqlite3"
        copy_collection(server, back)
        assert_same(before, dump(back))
        assert raw_file(back) == raw_file(filled)  # down to the stored text of every datetime
    finally:
        pg_server.drop_database(server)


def test_server_to_sqlite_to_server_is_exact(pg_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    first, second = pg_server.create_database(), pg_server.empty_database()
    try:
        service = PrepService(first, CONFIG, tz=timezone.utc)
        fill(service)
        service.close()
        before = dump(first)
        middle = tmp_path / "prep.sqlite3"
        line = copy_collection(first, middle).line()
        assert line.startswith(f"copied {first} → {middle}: ") and f"{len(before['reviews'])} answers" in line and "\n" not in line
        assert_same(before, dump(middle))
        copy_collection(middle, second)
        assert_same(before, dump(second))
        assert query(second, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == query(
            first, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
    finally:
        pg_server.drop_database(first)
        pg_server.drop_database(second)


def test_server_to_server_and_file_to_file(filled: Path, pg_server, tmp_path: Path,  # noqa: ANN001
                                           capsys: pytest.CaptureFixture[str]) -> None:
    before = dump(filled)
    one, two = pg_server.create_database(), pg_server.create_database()  # migrated, empty: a target may be either
    try:
        copy_collection(filled, one)
        copy_collection(one, two)
        assert_same(before, dump(two))
        assert cli.main(["copy", str(filled), str(tmp_path / "copy.sqlite3")]) == 0
        printed = capsys.readouterr().out
        assert printed.startswith(f"copied {filled} → {tmp_path / 'copy.sqlite3'}: ") and printed.count("\n") == 1
        assert raw_file(tmp_path / "copy.sqlite3") == raw_file(filled)
    finally:
        pg_server.drop_database(one)
        pg_server.drop_database(two)


def test_new_answers_on_a_copied_server_take_new_ids(filled: Path, pg_server) -> None:  # noqa: ANN001
    server = pg_server.empty_database()
    try:
        copy_collection(filled, server)
        largest = {t: query(server, f"SELECT max(id) FROM {t}")[0][0] for t in ("reviews", "attempts", "links", "mocks")}
        service = PrepService(server, CONFIG, tz=timezone.utc)
        later = T0 + timedelta(days=5)
        card = service.next_card(later)
        service.answer(card.id, 3, later, 900)
        service.drills.give_up("masked-attention", "", later)
        service.mocks.start(later, 15)
        service.close()
        assert query(server, "SELECT max(id) FROM reviews")[0][0] == largest["reviews"] + 1
        assert query(server, "SELECT max(id) FROM attempts")[0][0] == largest["attempts"] + 1
        assert query(server, "SELECT max(id) FROM mocks")[0][0] == largest["mocks"] + 1
        assert query(server, "SELECT count(*) FROM links")[0][0] >= 1
    finally:
        pg_server.drop_database(server)


def test_a_target_holding_a_collection_is_refused_and_left_alone(filled: Path, pg_server, tmp_path: Path,  # noqa: ANN001
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    server = pg_server.empty_database()
    other = tmp_path / "other.sqlite3"
    try:
        copy_collection(filled, server)
        service = PrepService(other, CONFIG, tz=timezone.utc)
        service.add_builtin(T0)
        service.close()
        for target in (server, other):
            held = dump(target)
            assert cli.main(["copy", str(other if target == server else filled), str(target)]) == 1
            message = capsys.readouterr().err.strip()
            assert "\n" not in message and "already holds a collection" in message and "--replace" in message
            assert_same(held, dump(target))
        with pytest.raises(PrepError, match="the source itself"):
            copy_collection(filled, filled)
    finally:
        pg_server.drop_database(server)


def test_replace_keeps_a_backup_then_replaces(filled: Path, pg_server, tmp_path: Path) -> None:  # noqa: ANN001
    server = pg_server.create_database()
    try:
        service = PrepService(server, CONFIG, tz=timezone.utc)
        service.add_builtin(T0)
        card = service.next_card(T0)
        service.answer(card.id, 4, T0, 500)
        service.close()
        held = dump(server)
        copied = copy_collection(filled, server, replace=True)
        assert copied.kept is not None and copied.kept.parent == tmp_path / "user-data" / "prep" / "backups"
        assert_same(dump(filled), dump(server))
        assert_same(held, dump(copied.kept))  # what was replaced, kept as a checked SQLite snapshot
    finally:
        pg_server.drop_database(server)


def test_an_older_collection_is_migrated_in_the_copy_and_left_as_it_was(pg_server, tmp_path: Path) -> None:  # noqa: ANN001
    """A file at schema 0002 (before the daily counts, decks, mocks and links): the copy is at this prep's head, the source untouched."""
    from sqlalchemy import create_engine

    old = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{old}")
    with engine.begin() as connection:
        upgrade_to(connection, "0002")
        connection.execute(text(
            "INSERT INTO cards (id, deck, kind, path, slot, front, back, source_file, source_line, position, tags, suspended,"
            " created_at, updated_at, state, step, stability, difficulty, due, last_review, reps, lapses) VALUES"
            " ('c1', 'd', 'topic', 'p', 0, 'Что такое BLEU?', 'n-граммы', 'n.md', 3, 0, '', 0, '2026-01-01 10:00:00.000001',"
            " '2026-01-01 10:00:00.000001', 2, NULL, 3.25, 5.1, '2026-02-01 10:00:00.000000', '2026-01-02 10:00:00.000000', 1, 0)"))
        connection.execute(text(
            "INSERT INTO reviews (card_id, rating, reviewed_at, day, duration_ms, state_before, state_after, snapshot)"
            " VALUES ('c1', 3, '2026-01-02 10:00:00.000000', '2026-01-02', 4000, 0, 2, '{}')"))
    engine.dispose()
    raw_before = raw_file(old)
    server = pg_server.empty_database()
    try:
        copied = copy_collection(old, server)
        assert copied.revision == "0002"
        assert raw_file(old) == raw_before  # nothing migrated in place
        assert query(server, "SELECT version_num FROM alembic_version") == [(SCHEMA_REVISION,)]
        assert query(server, "SELECT front, stability, difficulty FROM cards") == [("Что такое BLEU?", 3.25, 5.1)]
        assert query(server, "SELECT day, reviews FROM daily_stats") == [(date(2026, 1, 2), 1)]  # 0003's backfill ran
        file_copy = tmp_path / "new.sqlite3"
        copy_collection(old, file_copy)
        assert_same(dump(server), dump(file_copy))
    finally:
        pg_server.drop_database(server)


def test_what_cannot_be_copied_is_one_line(pg_server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    stranger = pg_server.empty_database()
    try:
        pg_server_admin_sql(stranger, "CREATE TABLE notes (id int)")
        (tmp_path / "junk.sqlite3").write_text("not a database " * 100, encoding="utf-8")
        for source, target, needle in (
            (tmp_path / "none.sqlite3", tmp_path / "t1.sqlite3", "no collection here"),
            (tmp_path / "junk.sqlite3", tmp_path / "t2.sqlite3", "not a database"),
            (stranger, tmp_path / "t3.sqlite3", "no prep collection"),
        ):
            assert cli.main(["copy", str(source), str(target)]) == 1
            error = capsys.readouterr().err.strip()
            assert needle in error and "\n" not in error and "Traceback" not in error
            assert not target.exists()
        service = PrepService(tmp_path / "mine.sqlite3", CONFIG, tz=timezone.utc)
        service.add_builtin(T0)
        service.close()
        assert cli.main(["copy", str(tmp_path / "mine.sqlite3"), str(stranger)]) == 1
        assert "not prep's (notes)" in capsys.readouterr().err
        assert query(stranger, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(1,)]
    finally:
        pg_server.drop_database(stranger)


def pg_server_admin_sql(location: ServerURL, sql: str) -> None:
    import psycopg

    with psycopg.connect(location.url.set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as connection:
        connection.execute(sql)


# ---- killed mid-copy ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20,000 cards and 300,000 answers: a copy that takes seconds, long enough to be killed in the middle."""
    database = tmp_path_factory.mktemp("big") / "big.sqlite3"
    open_database(database).dispose()
    stamp = "2026-06-01 10:00:00.000000"
    with closing(sqlite3.connect(database)) as connection:
        connection.executemany(
            "INSERT INTO cards (id, deck, kind, path, slot, front, back, source_file, source_line, position, tags, suspended,"
            " created_at, updated_at, state, step, stability, difficulty, due, last_review, reps, lapses)"
            " VALUES (?, 'big', 'topic', ?, 0, ?, ?, 'big.md', ?, ?, '', 0, ?, ?, 2, NULL, ?, 5.5, ?, ?, 3, 0)",
            ((f"{i:016x}", f"Big › {i // 10}", f"вопрос {i}", f"ответ {i}", i + 1, i, stamp, stamp, i / 7, stamp, stamp)
             for i in range(20_000)))
        connection.executemany(
            "INSERT INTO reviews (card_id, rating, reviewed_at, day, duration_ms, state_before, interval_days, state_after,"
            " snapshot) VALUES (?, 3, ?, '2026-06-01', 4000, 2, ?, 2, '{\"state\": 2}')",
            ((f"{i % 20_000:016x}", stamp, i / 3) for i in range(300_000)))
        connection.commit()
    return database


def _copy_in_child(source: Path, target: Path | ServerURL, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "prep", "copy", str(source), str(target), *extra], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for(condition, child: subprocess.Popen, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + 120
    while not condition():
        assert child.poll() is None, f"the copy ended before {what}: {child.stderr.read().decode() if child.stderr else ''}"
        assert time.monotonic() < deadline, f"never saw {what}"
        time.sleep(0.02)


def test_a_copy_killed_mid_way_leaves_the_server_as_it_was(big: Path, filled: Path, pg_server) -> None:  # noqa: ANN001
    server = pg_server.empty_database()
    try:
        copy_collection(filled, server)
        held = dump(server)
        child = _copy_in_child(big, server, "--replace")
        name = server.url.database
        copying = f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{name}' AND query LIKE 'COPY \"reviews\"%'"
        _wait_for(lambda: query(pg_server.location("postgres"), copying)[0][0] > 0, child, "the answers being copied")
        time.sleep(0.1)  # inside the copy of 300,000 answers
        assert child.poll() is None
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        gone = f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{name}' AND application_name = 'prep'"
        deadline = time.monotonic() + 30
        while query(pg_server.location("postgres"), gone)[0][0] and time.monotonic() < deadline:
            time.sleep(0.05)  # the server rolls the transaction back when it finds the client gone
        assert_same(held, dump(server))
        copied = copy_collection(big, server, replace=True)  # and the same copy, not killed, goes through
        assert copied.counts["reviews"] == 300_000
    finally:
        pg_server.drop_database(server)


def test_a_copy_killed_mid_way_makes_no_file(big: Path, pg_server, tmp_path: Path) -> None:  # noqa: ANN001
    server = pg_server.empty_database()
    try:
        copy_collection(big, server)
        target = tmp_path / "laptop.sqlite3"
        child = _copy_in_child(server, target)
        partial = tmp_path / f"laptop.sqlite3.{child.pid}.partial"
        _wait_for(lambda: partial.exists() and partial.stat().st_size > 4_000_000, child, "the copy half written")
        assert child.poll() is None
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert not target.exists()
        copy_collection(server, target)  # the next copy clears what the killed one left
        assert not partial.exists() and query(target, "SELECT count(*) FROM reviews") == [(300_000,)]
    finally:
        pg_server.drop_database(server)


def test_a_value_the_server_refuses_stops_the_copy_with_one_line_and_nothing_written(
        filled: Path, pg_server, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    """SQLite keeps a NUL character in text; PostgreSQL refuses one. The copy stops whole, mid-way through."""
    with closing(sqlite3.connect(filled)) as connection:
        connection.execute("UPDATE cards SET back = back || ? WHERE id = (SELECT max(id) FROM cards)", ("\x00",))
        connection.commit()
    server = pg_server.empty_database()
    try:
        assert cli.main(["copy", str(filled), str(server)]) == 1
        error = capsys.readouterr().err
        assert error.startswith(f"prep: error: {server}: the copy failed (") and error.count("\n") == 1, error
        assert query(server, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]
    finally:
        pg_server.drop_database(server)
