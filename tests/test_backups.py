"""Backups you can count on, on real SQLite files: a damaged database is found before anything is written
or copied, rotation keeps the last good days, restore works over a broken file, a killed backup leaves
nothing behind, and studying makes backups as often as Anki does."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from prep import cli
from prep.errors import PrepError
from prep.notes.cards import generate
from prep.service import PrepService
from prep.settings.config import Config
from prep.store import backups as store
from prep.store import health
from prep.store.backups import backups, describe, make_backup, rotate, study_backup
from prep.store.health import DamagedDatabase
from prep.store.restore import restore
from prep.store.revision import SCHEMA_REVISION
from tests.conftest import DECK, ROOT
from tests.pilot import IdleGrader
from tests.test_cli import prep

CONFIG = Config(schedule_suggestions=True, enable_fuzzing=False, bury_siblings=False)
START = datetime(2026, 11, 20, 9, tzinfo=timezone.utc)


def answer(service: PrepService, count: int, now: datetime) -> datetime:
    for _ in range(count):
        card = service.next_card(now)
        assert card is not None
        service.answer(card.id, 3, now, 1000)
        now += timedelta(seconds=20)
    return now


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A database with four days of answers and one checked backup a day (the newest holds 40 answers)."""
    database = tmp_path / "data" / "prep.sqlite3"
    service = PrepService(database, CONFIG, tz=timezone.utc)
    service.import_paths([DECK], START)
    for day in range(4):
        now = answer(service, 10, START + timedelta(days=day))
        assert store.daily_backup(database, now) is not None
    service.close()
    return database


def damage_pages(database: Path, seed: int = 0) -> None:
    """Overwrite 4 KB in the middle of the file, as a failing disk or a stray write would."""
    data = bytearray(database.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle:middle + 4096] = random.Random(seed).randbytes(4096)
    database.write_bytes(bytes(data))
    assert not health.check(database).ok  # the damage is real: SQLite's own check finds it


def cut_in_half(database: Path) -> None:
    database.write_bytes(database.read_bytes()[: database.stat().st_size // 2])


def text_file(database: Path) -> None:
    database.write_text("# my notes\n- not a database\n" * 50, encoding="utf-8")


def answers(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        found = connection.execute("SELECT count(*) FROM reviews").fetchone()[0]
    connection.close()
    return found


def leftovers(database: Path) -> list[Path]:
    return [p for p in database.parent.rglob("*") if ".partial" in p.name]


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    return result.stderr


# ---- a damaged database makes no backup, and nothing writes to it ------------------------------


def test_damaged_database_stops_import_backup_and_writes_nothing(history: Path) -> None:
    before = sorted(p.name for p in backups(history))
    damage_pages(history)
    damaged = history.read_bytes()
    env = {"PREP_DB": str(history), "XDG_CONFIG_HOME": str(history.parent / "config")}
    for _ in range(3):  # again and again, as the issue saw `prep import` report "unchanged" and copy the damage
        error = one_line_error(prep("import", str(DECK), env=env))
        assert error.startswith(f"prep: error: {history}: the database is damaged") and "nothing was written" in error
    error = one_line_error(prep("backup", env=env))
    assert "the database is damaged" in error and "no backup was made" in error
    for command in (["stats"], ["drills"], ["config", "set", "interview-date", "2027-01-15"]):
        assert "the database is damaged" in one_line_error(prep(*command, env=env))
    assert history.read_bytes() == damaged
    assert sorted(p.name for p in backups(history)) == before and leftovers(history) == []


def test_the_backup_before_an_import_or_a_migration_refuses_a_damaged_file(history: Path) -> None:
    service = PrepService(history, CONFIG, tz=timezone.utc)  # opened while intact, as a running TUI would be
    damage_pages(history)
    damaged = history.read_bytes()
    with pytest.raises(DamagedDatabase, match="no backup was made and nothing was written"):
        service.import_paths([DECK], START + timedelta(days=5))
    service.close()
    with pytest.raises(DamagedDatabase):
        make_backup(history, "before-migration-0002", START + timedelta(days=5))
    assert history.read_bytes() == damaged and len(backups(history)) == 4 and leftovers(history) == []


def test_every_backup_in_the_rotation_passed_the_check(history: Path) -> None:
    for info in describe(history):
        assert info.ok and health.check(info.path).ok
        assert not Path(f"{info.path}-wal").exists()  # one self-contained file
    assert [info.health.answers for info in describe(history)] == [40, 30, 20, 10]


# ---- rotation never loses the last good state -------------------------------------------------


def test_rotation_keeps_three_good_days_whatever_the_count(history: Path) -> None:
    day = START + timedelta(days=10)
    for minute in range(3 * store.KEEP):  # a busy day: far more backups than the count keeps
        make_backup(history, "session", day + timedelta(minutes=minute))
    kept = backups(history)
    days = sorted({store._taken_at(history, b).date() for b in kept})
    assert len(kept) == store.KEEP + 2 and len(days) == 3  # the newest of each of the two days before survive
    assert [info.health.answers for info in describe(history)][-2:] == [40, 30]


def test_rotation_under_repeated_damage(history: Path) -> None:
    good_before = {b.name for b in backups(history)}
    damage_pages(history)
    for attempt in range(30):  # imports, daily backups, manual backups on a damaged file, day after day
        with pytest.raises(DamagedDatabase):
            make_backup(history, "before-import", START + timedelta(days=5, hours=attempt))
    assert {b.name for b in backups(history)} == good_before
    # Damaged copies made by an older prep (unchecked, newer than every good one) push out no good day.
    for number in range(2 * store.KEEP):
        stale = store.backup_dir(history) / f"prep-{START + timedelta(days=6, minutes=number):%Y%m%d-%H%M%S%f}-daily.sqlite3"
        stale.write_bytes(history.read_bytes())
    rotate(history)
    kept = backups(history)
    assert len(kept) == store.KEEP + 3
    good = [info for info in describe(history) if info.ok]
    assert [info.health.answers for info in good] == [40, 30, 20]  # the three newest good days
    assert sum(not info.ok for info in describe(history)) == store.KEEP
    restore(history, good[0].path, START + timedelta(days=7))
    assert health.check(history).ok and answers(history) == 40


# ---- restore works on a broken database ----------------------------------------------------------


@pytest.mark.parametrize("breakage", [cut_in_half, text_file, damage_pages])
def test_restore_over_a_broken_database(history: Path, breakage) -> None:  # noqa: ANN001
    breakage(history)
    broken = history.read_bytes()
    newest = backups(history)[0]
    result = prep("--db", str(history), "restore", str(newest))
    assert result.returncode == 0, result.stderr
    aside = next(history.parent.glob("prep-damaged-*.sqlite3"))
    assert aside.read_bytes() == broken and "moved aside as" in result.stdout and str(aside) in result.stdout
    assert health.check(history).ok and answers(history) == 40
    assert leftovers(history) == []
    assert prep("--db", str(history), "stats", "--json").returncode == 0  # and prep works on it again


def test_restore_moves_a_stale_wal_aside_with_the_damaged_file(history: Path) -> None:
    wal = Path(f"{history}-wal")
    wal.write_bytes(b"\x37\x7f\x06\x82" + bytes(60))  # a WAL header that must never meet the restored file
    cut_in_half(history)
    replaced = restore(history, backups(history)[1], START + timedelta(days=5))
    assert replaced.moved_aside is not None and Path(f"{replaced.moved_aside}-wal").exists()
    assert not wal.exists() and health.check(history).ok and answers(history) == 30


def test_restore_of_an_intact_database_keeps_it_as_a_checked_backup(history: Path) -> None:
    replaced = restore(history, backups(history)[-1], START + timedelta(days=5))
    assert replaced.kept is not None and replaced.moved_aside is None
    assert answers(replaced.kept) == 40 and answers(history) == 10
    with pytest.raises(PrepError, match="this file is not a database"):
        restore(history, DECK)
    damaged_backup = backups(history)[0]
    damage_pages(damaged_backup)
    with pytest.raises(PrepError, match="the database is damaged .*; choose another backup"):
        restore(history, damaged_backup)
    assert answers(history) == 10 and leftovers(history) == []


# ---- a kill during a backup leaves nothing behind -----------------------------------------------

LOOP = """
import sys
from pathlib import Path
from prep.store.backups import make_backup
print("ready", flush=True)
while True:
    make_backup(Path(sys.argv[1]), "before-migration-0002")
"""


@pytest.fixture
def big(tmp_path: Path) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from seed import seed_database

    database = tmp_path / "big" / "prep.sqlite3"
    database.parent.mkdir()
    seed_database(database, 3000, 60_000)  # ~10 MB: a copy and its check take long enough to be interrupted
    return database


def looping_backups(database: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", LOOP, str(database)], stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


def test_kill_9_during_a_backup_leaves_no_partial_after_the_next_start(big: Path) -> None:
    rng = random.Random(3)
    caught = 0
    for _ in range(8):
        process = looping_backups(big)
        waited = 0
        while not leftovers(big) and waited < 20_000:  # wait for a copy to be under way, however slow the machine
            time.sleep(0.001)
            waited += 1
        time.sleep(rng.uniform(0, 0.02))  # then kill it somewhere in the copy
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        caught += bool(leftovers(big))
        result = prep("--db", str(big), "backup", "--list")  # the next start
        assert result.returncode == 0, result.stderr
        assert leftovers(big) == []
        assert all(info.ok for info in describe(big))  # no half-copied file ever took a place in the rotation
    assert caught >= 2  # the kills did land in the middle of a copy


def test_cleaning_leaves_a_running_backup_alone(big: Path) -> None:
    process = looping_backups(big)
    try:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            assert store.clean_partials(big) == []  # each .partial belongs to a live process
            time.sleep(0.01)
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
    assert process.returncode == -signal.SIGTERM  # it never failed for a file pulled from under it


# ---- backups as often as Anki's --------------------------------------------------------------------


def test_backups_after_a_session_and_every_30_minutes_of_study(history: Path) -> None:
    service = PrepService(history, CONFIG, tz=timezone.utc)
    now = START + timedelta(days=5)
    assert study_backup(history, now) is None  # nothing answered since the last backup, however old
    assert store.daily_backup(history, now) is not None
    now = answer(service, store.SESSION_ANSWERS - 1, now)
    assert study_backup(history, now, session_ended=True) is None  # a few answers: the daily backup will do
    now = answer(service, 1, now)
    made = study_backup(history, now, session_ended=True)
    assert made is not None and made.name.endswith("-session.sqlite3") and answers(made) == 45
    assert study_backup(history, now, session_ended=True) is None  # nothing new since
    now = answer(service, 1, now + timedelta(minutes=10))
    assert study_backup(history, now) is None  # 10 minutes: not yet
    periodic = study_backup(history, now + timedelta(minutes=21))
    assert periodic is not None and periodic.name.endswith("-periodic.sqlite3") and answers(periodic) == 46
    service.close()


def test_the_tui_backs_up_when_a_review_session_ends(history: Path) -> None:
    from prep.tui.app import PrepApp
    from prep.tui.screens.today import TodayScreen

    service = PrepService(history, CONFIG, tz=timezone.utc)
    now = START + timedelta(days=5)
    app = PrepApp(service, lambda: now, grader=IdleGrader())  # type: ignore[arg-type]

    async def run() -> None:
        async with app.run_test() as pilot:
            await pilot.press("enter")
            for _ in range(store.SESSION_ANSWERS):
                await pilot.press("space", "3")
            await pilot.press("escape")
            await pilot.pause()
            await app.workers.wait_for_complete()
            assert isinstance(app.screen, TodayScreen)

    asyncio.run(run())
    service.close()
    assert backups(history)[0].name.endswith("-session.sqlite3") and answers(backups(history)[0]) == 45


# ---- the TUI's start on a damaged database ------------------------------------------------------------


def test_tui_start_on_a_damaged_database_offers_the_backups_and_writes_nothing(history: Path) -> None:
    from textual.widgets import OptionList

    from prep.tui.screens.restore import RecoveryApp, RestoreScreen

    damage_pages(history)
    damaged = history.read_bytes()
    problem = health.check(history).problem
    assert problem is not None

    async def leave() -> Path | None:
        app = RecoveryApp(history, problem)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, RestoreScreen)
            options = app.screen.query_one(OptionList)
            lines = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
            cards = len(generate(DECK.read_text(encoding="utf-8")).drafts)
            assert len(lines) == 4 and f"40 answers · {cards} cards" in lines[0] and "10 answers" in lines[3]
            assert lines[0].startswith(store._taken_at(history, backups(history)[0]).astimezone().strftime("%Y-%m-%d %H:%M"))
            await pilot.press("escape")
        return app.return_value

    assert asyncio.run(leave()) is None
    assert history.read_bytes() == damaged  # leaving the screen writes nothing

    async def pick_the_second() -> Path | None:
        app = RecoveryApp(history, problem)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("down", "enter")
            await pilot.pause()
        return app.return_value

    assert asyncio.run(pick_the_second()) == backups(history)[1]
    assert health.check(history).ok and answers(history) == 30
    assert next(history.parent.glob("prep-damaged-*.sqlite3")).read_bytes() == damaged


def test_prep_on_a_damaged_database_never_opens_it_for_writing(history: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """`prep` itself: the restore screen comes first; left without restoring, prep stops with one line."""
    from prep.tui.screens import restore as screen

    shown = []
    monkeypatch.setattr(screen.RecoveryApp, "run", lambda app: shown.append(app.problem))  # the user presses Esc
    monkeypatch.setenv("XDG_CONFIG_HOME", str(history.parent / "config"))
    monkeypatch.setattr("prep.service.PrepService.__init__", lambda *a, **k: pytest.fail("opened the damaged database"))
    damage_pages(history)
    damaged = history.read_bytes()
    assert cli.main(["--db", str(history)]) == 1
    assert shown and "damaged" in shown[0]
    assert capsys.readouterr().err.startswith(f"prep: error: {history}: the database is damaged")
    assert history.read_bytes() == damaged


def test_damage_found_while_studying_brings_up_the_restore_screen(history: Path) -> None:
    from prep.tui.app import PrepApp
    from prep.tui.screens.restore import RestoreScreen
    from prep.tui.screens.today import TodayScreen

    service = PrepService(history, CONFIG, tz=timezone.utc)
    now = START + timedelta(days=5)
    answer(service, 3, now)
    app = PrepApp(service, lambda: now + timedelta(hours=1), grader=IdleGrader())  # type: ignore[arg-type]

    async def run() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            service.close()  # every page on disk (the WAL checkpointed), so the damage below is what SQLite reads
            damage_pages(history)
            app.backup_study()  # what the 30-minute timer does
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, RestoreScreen) and app.damaged
            await pilot.press("enter")  # the newest good backup
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen) and app.damaged is None

    asyncio.run(run())
    assert health.check(history).ok and answers(history) == 40
    service.close()


# ---- no path gives a traceback or a misleading message ----------------------------------------------


def test_config_file_that_is_a_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "config" / "prep" / "config.toml").mkdir(parents=True)
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "PREP_DB": str(tmp_path / "p.sqlite3")}
    for command in (["config", "set", "new-per-day", "5"], ["config", "show"], ["stats"], ["import", str(DECK)]):
        error = one_line_error(prep(*command, env=env))
        assert "config.toml: this is a folder, not the config file" in error


def test_settings_out_of_bounds_are_one_line_at_start(tmp_path: Path) -> None:
    config = tmp_path / "config" / "prep" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("desired_retention = 0.9\nnew_per_day = 99999999999999999999\n", encoding="utf-8")
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "PREP_DB": str(tmp_path / "p.sqlite3")}
    for command in ([], ["stats"]):  # the TUI's start and a command
        error = one_line_error(prep(*command, env=env))
        assert error == f"prep: error: {config}:2: new_per_day must be a whole number from 0 to 9999.\n"
    typed = prep("config", "set", "new-per-day", "99999999999999999999", env=env)  # a usage error: exit 2, one line
    assert typed.returncode == 2 and typed.stderr == "prep: error: new_per_day must be a whole number from 0 to 9999.\n"
    fixed = prep("config", "set", "new-per-day", "30", env=env)  # the way out: set it again, within bounds
    assert fixed.returncode == 0 and fixed.stdout == "new_per_day = 30\n", fixed.stderr
    assert "desired_retention = 0.9" in config.read_text(encoding="utf-8")


@pytest.mark.parametrize("place", ["folder", "/dev/null", "under a file"])
def test_a_database_path_that_cannot_be_a_database_is_one_line(tmp_path: Path, place: str) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x", encoding="utf-8")
    database = {"folder": tmp_path, "/dev/null": Path(os.devnull), "under a file": blocker / "prep.sqlite3"}[place]
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "PREP_DB": str(database)}
    for command in ([], ["stats"], ["import", str(DECK)], ["backup"], ["backup", "--list"], ["export"],
                    ["restore", str(DECK)]):
        error = one_line_error(prep(*command, env=env))
        assert "damaged" not in error and "restore a backup" not in error, error
        assert any(words in error for words in ("not a database file", "not a regular file", "this is a file, not a folder"))


# ---- the backup before a schema upgrade ----------------------------------------------------------------


def _at_revision(database: Path, revision: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from prep.store.revision import alembic_config

    engine = create_engine(f"sqlite:///{database}")  # without prep's foreign keys: batch migrations rebuild tables
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()
    with sqlite3.connect(database) as connection:
        connection.execute("VACUUM")  # no free pages left by the rebuilt tables: damage lands on live data
    connection.close()


def test_a_schema_upgrade_is_preceded_by_a_checked_backup_and_refused_on_damage(history: Path) -> None:
    from prep.store.database import open_database
    from prep.store.revision import SCHEMA_REVISION

    _at_revision(history, "0002")
    pristine = history.read_bytes()
    damage_pages(history)
    with pytest.raises(DamagedDatabase, match="no backup was made and nothing was written"):
        open_database(history)
    assert health.check(history).revision is None and len(backups(history)) == 4  # not upgraded, nothing copied
    history.write_bytes(pristine)
    open_database(history).dispose()
    made = backups(history)[0]
    assert made.name.endswith("-before-migration-0002.sqlite3") and health.check(made).revision == "0002"
    assert health.check(history).revision == SCHEMA_REVISION and answers(history) == 40


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from prep.errors import PrepError
from prep.store.backups import make_backup
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    make_backup(Path(sys.argv[1]), "manual")
except PrepError as error:
    print(type(error).__name__, error)
"""


def test_a_full_backups_disk_is_not_called_damage(history: Path) -> None:
    before = history.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", FULL_DISK, str(history), str(len(before) // 2)], capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.stdout.startswith(f"PrepError {store.backup_dir(history)}: could not write a backup ("), result
    assert "damaged" not in result.stdout and "free some space" in result.stdout
    assert history.read_bytes() == before and len(backups(history)) == 4 and leftovers(history) == []


# ---- the check itself ------------------------------------------------------------------------------------


def test_the_check_tells_damage_from_other_files_and_newer_schemas(history: Path, tmp_path: Path) -> None:
    assert health.check(tmp_path / "none.sqlite3").ok  # nothing yet: prep creates it
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    connection.close()
    assert health.check(other).problem == "this file is not a prep database (it has no schema revision)"
    with sqlite3.connect(history) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.close()
    newer = health.check(history)
    assert newer.ok and newer.revision == "0099"  # not damage: opening it says to upgrade prep
    with sqlite3.connect(history) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (SCHEMA_REVISION,))  # the head: it must be whole
        connection.execute("DROP TABLE daily_stats")
    connection.close()
    assert health.check(history).problem == "the database is damaged (tables missing: daily_stats)"


def test_the_fast_check_stops_at_its_budget_without_calling_it_damage(big: Path) -> None:
    hurried = health.check(big, budget=0.0)
    assert hurried.ok and not hurried.complete
    full = health.check(big)
    assert full.ok and full.complete and full.answers == 60_000


@pytest.mark.parametrize("stamp", ["20261127-090000123456", "20240229-235959999999", "20261231-000000000000"])
def test_a_backups_name_gives_the_moment_strptime_reads_in_it(tmp_path: Path, stamp: str) -> None:
    from prep.store.backups import _parse

    database = tmp_path / "prep.sqlite3"
    moment, reason = _parse(database, tmp_path / f"prep-{stamp}-daily.sqlite3")  # type: ignore[misc]
    assert moment == datetime.strptime(stamp.replace("-", ""), "%Y%m%d%H%M%S%f").replace(tzinfo=timezone.utc)
    assert reason == "daily"


@pytest.mark.parametrize("name", ["prep-20261327-090000123456-daily.sqlite3", "prep-2026112-090000123456-daily.sqlite3",
                                  "prep-20261127-09000012345x-daily.sqlite3", "prep-20261127-daily.sqlite3",
                                  "other-20261127-090000123456-daily.sqlite3"])
def test_a_name_that_is_not_a_backups_is_not_read_as_one(tmp_path: Path, name: str) -> None:
    from prep.store.backups import _parse

    assert _parse(tmp_path / "prep.sqlite3", tmp_path / name) is None
