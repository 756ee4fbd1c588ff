"""Backups of a collection on a real PostgreSQL server (the suite's own): checked SQLite snapshots in the user's
backups folder, made on request, daily, while studying and before a migration, listed like a file's, and
restored into the server in one transaction after a snapshot of what it held."""

from __future__ import annotations

import threading
from datetime import timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from prep import cli
from prep.service import PrepService
from prep.store import health
from prep.store.backups import KEEP, SESSION_ANSWERS, backups, daily_backup, describe, make_backup, study_backup
from prep.store.database import open_database
from prep.store.restore import restore
from prep.store.revision import SCHEMA_REVISION
from prep.store.snapshot import upgrade_to
from tests.pg import query
from tests.test_copy import CONFIG, T0, assert_same, dump


@pytest.fixture
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    return tmp_path / "user-data" / "prep" / "backups"


@pytest.fixture
def server(pg_server, user_data: Path):  # noqa: ANN001, ANN201
    location = pg_server.create_database()
    yield location
    pg_server.drop_database(location)


def studied(location, answers: int, start=T0):  # noqa: ANN001, ANN201
    service = PrepService(location, CONFIG, tz=timezone.utc)
    try:
        if not service.decks.rows(start):
            service.add_builtin(start)
        moment = start
        for _ in range(answers):
            card = service.next_card(moment)
            service.answer(card.id, 3, moment, 1500)
            moment += timedelta(seconds=25)
    finally:
        service.close()
    return moment


def test_a_server_backup_is_a_checked_snapshot_in_the_user_backups_folder(server, user_data: Path) -> None:  # noqa: ANN001
    studied(server, 8)
    made = make_backup(server, "manual", T0 + timedelta(hours=1))
    assert made is not None and made.parent == user_data and made.name.startswith(f"{server.label}-")
    found = health.check(made)
    assert found.ok and found.answers == 8 and found.revision == SCHEMA_REVISION
    assert_same(dump(server), dump(made))
    assert backups(server)[0] == made
    listed = describe(server)
    assert [info.path for info in listed] == backups(server) and listed[0].health.answers == 8
    assert not list(user_data.glob("*.partial"))


def test_backups_while_studying_on_a_server(server) -> None:  # noqa: ANN001
    now = studied(server, 3)
    assert daily_backup(server, now) is not None
    assert daily_backup(server, now + timedelta(hours=2)) is None  # one a day
    now = studied(server, SESSION_ANSWERS, now)
    assert study_backup(server, now, session_ended=True) is not None
    assert study_backup(server, now + timedelta(minutes=1), session_ended=True) is None  # nothing answered since
    for minute in range(KEEP + 3):
        make_backup(server, "manual", now + timedelta(minutes=minute + 2))
    assert len(backups(server)) == KEEP  # rotated like a file's


def test_a_server_is_backed_up_before_its_schema_is_migrated(pg_server, user_data: Path) -> None:  # noqa: ANN001
    location = pg_server.empty_database()
    try:
        engine = create_engine(location.url)
        with engine.begin() as connection:
            upgrade_to(connection, "0004_decks")
            connection.execute(text(
                "INSERT INTO cards (id, deck, kind, path, slot, front, back, source_file, source_line, position, tags,"
                " suspended, created_at, updated_at, state, due, reps, lapses) VALUES ('c1', 'd', 'topic', 'p', 0, 'Q',"
                " 'A', 'n.md', 1, 0, '', false, now(), now(), 0, now(), 0, 0)"))
        engine.dispose()
        open_database(location).dispose()
        kept = [b for b in backups(location) if b.name.endswith("-before-migration-0004_decks.sqlite3")]
        assert len(kept) == 1
        assert health.check(kept[0]).revision == "0004_decks" and health.check(kept[0]).cards == 1
        assert query(location, "SELECT version_num FROM alembic_version") == [(SCHEMA_REVISION,)]
        # and that old snapshot restores: migrated again on the way in
        restore(location, kept[0], T0)
        assert query(location, "SELECT id FROM cards") == [("c1",)]
        assert query(location, "SELECT version_num FROM alembic_version") == [(SCHEMA_REVISION,)]
    finally:
        pg_server.drop_database(location)


def test_restore_into_a_server_keeps_what_it_held_and_is_one_transaction(server) -> None:  # noqa: ANN001
    now = studied(server, 6)
    earlier = make_backup(server, "manual", now)
    now = studied(server, 30, now)
    held = dump(server)
    old, new = (6, None), (36, None)
    seen: set[tuple[int, int]] = set()
    stop = threading.Event()

    def watch() -> None:  # another machine reading while the restore runs
        import psycopg

        dsn = server.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(dsn, autocommit=True) as connection:
            while not stop.is_set():
                seen.add(connection.execute("SELECT (SELECT count(*) FROM reviews), (SELECT count(*) FROM daily_stats)").fetchone())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        replaced = restore(server, earlier, now)
    finally:
        stop.set()
        watcher.join()
    assert replaced.kept is not None
    assert_same(dump(earlier), dump(server))
    assert_same(held, dump(replaced.kept))
    assert seen and {answers for answers, _ in seen} <= {old[0], new[0]}  # never half of each
    studied(server, 1, now + timedelta(days=1))  # answering goes on after it: the ids run on past the restored ones
    assert query(server, "SELECT count(*), max(id) FROM reviews") == [(7, 7)]


def test_backup_list_and_restore_from_the_command_line(server, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    studied(server, 4)
    assert cli.main(["--db", str(server), "backup"]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.is_file()
    studied(server, 3, T0 + timedelta(hours=3))
    assert cli.main(["--db", str(server), "backup", "--list"]) == 0
    assert "4 answers" in capsys.readouterr().out
    assert cli.main(["--db", str(server), "restore", str(made)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"restored {server} from {made}; the replaced database is kept as ") and "\n" not in line
    assert query(server, "SELECT count(*) FROM reviews") == [(4,)]


def test_a_password_in_the_url_is_never_shown(tmp_path: Path, user_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"postgresql://learner:s3cret-pw@/nowhere?host={tmp_path}"
    for argv in (["--db", url, "backup"], ["copy", url, str(tmp_path / "x.sqlite3")],
                 ["copy", str(tmp_path / "none.sqlite3"), url]):
        assert cli.main(argv) == 1
        error = capsys.readouterr().err
        assert "s3cret" not in error and error.count("\n") == 1, error


def test_the_tui_takes_a_server_collections_daily_backup_in_the_background(server, user_data: Path) -> None:  # noqa: ANN001
    """A snapshot of a large server collection takes seconds: the first card does not wait for it, and the backup
    is there moments after start."""
    import asyncio

    from prep.tui.app import PrepApp
    from prep.tui.screens.today import TodayScreen
    from tests.pilot import IdleGrader

    studied(server, 3)
    service = PrepService(server, CONFIG, tz=timezone.utc)
    app = PrepApp(service, clock=lambda: T0 + timedelta(hours=3), grader=IdleGrader())

    async def run() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen) and backups(server) == []  # Today is up before any backup
            for _ in range(100):
                await asyncio.sleep(0.05)
                if backups(server):
                    break
            [made] = backups(server)
            assert "daily" in made.name and health.check(made).answers == 3

    try:
        asyncio.run(run())
    finally:
        service.close()


def test_restoring_the_oldest_server_backup_of_a_full_rotation_keeps_it(server) -> None:  # noqa: ANN001
    now = studied(server, 3)
    oldest = make_backup(server, "manual", now - timedelta(days=10))  # days before the others: no good day keeps it
    for hour in range(KEEP + 1):
        make_backup(server, "manual", now + timedelta(hours=hour))
    assert oldest is not None and oldest in backups(server) and len(backups(server)) > KEEP
    replaced = restore(server, oldest, now + timedelta(days=1))  # the backup kept first rotates the folder
    assert replaced.kept is not None and oldest.exists()  # the file restored from is still there
    assert_same(dump(oldest), dump(server))
