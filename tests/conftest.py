from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests import isolation

# Before anything of prep is imported: this test process, and every process it starts, keeps its data, settings and
# cache in folders of the suite's own (tests/isolation.py); the session's end checks that the user's real folders
# and the checkout are as they were.
isolation.isolate()


from prep.service import PrepService
from prep.settings.config import Config

ROOT = Path(__file__).resolve().parents[1]
DECK = ROOT / "decks" / "nlp-interview-notes.ru.md"
# The built-in deck as it was before its cards were written by hand: the same notes as prose, the generator's test bed.
PROSE = ROOT / "tests" / "data" / "nlp-interview-notes.prose.ru.md"
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def config() -> Config:
    # Sibling burying hides cards by design; tests that are not about it see every card. Tests of the review make
    # their cards from short prose notes, so every card prep reads from them is scheduled here; the inbox, where such
    # cards wait by default, is tested with the default setting (tests/test_inbox.py).
    return Config(enable_fuzzing=False, bury_siblings=False, schedule_suggestions=True)


# ---- the two engines ------------------------------------------------------------------
# A module marked `both_engines` runs each test that asks for `database` (or `service`) on a SQLite file
# and on a fresh PostgreSQL database of a real server, which the suite starts itself (pgserver ships one).

ENGINES = ("sqlite", "postgresql")


@pytest.fixture
def engine() -> str:
    """SQLite, unless the test's module is marked `both_engines` (then each test runs once per engine)."""
    return ENGINES[0]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_engines") is not None:
        metafunc.parametrize("engine", ENGINES)


@pytest.fixture(scope="session")
def pg_server():  # noqa: ANN201
    """One PostgreSQL server per test process, with a migrated template database to copy per test (tests/pg.py)."""
    from tests.pg import Server

    # Not under pytest's own temporary root: another pytest starting on the machine resets that root to 0700,
    # and the server (run as its own user when the tests run as root) could no longer reach its files.
    server = Server.start()
    yield server
    server.stop()


@pytest.fixture
def databases(engine: str, tmp_path: Path, request: pytest.FixtureRequest):
    """Make fresh collections for a test: SQLite files, or fresh databases on the suite's server."""
    made: list = []
    server = request.getfixturevalue("pg_server") if engine == "postgresql" else None
    if server is not None:  # a server collection's backups and workspaces go to the user data dir: the test's own
        request.getfixturevalue("monkeypatch").setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))

    def make():  # noqa: ANN202
        if server is None:
            made.append(tmp_path / ("prep.sqlite3" if not made else f"prep-{len(made)}.sqlite3"))
        else:
            made.append(server.create_database())
        return made[-1]

    yield make
    if server is not None:
        for location in made:
            server.drop_database(location)


@pytest.fixture
def database(databases):
    """Where a test's collection lives: a SQLite file, or a fresh database on the suite's server."""
    return databases()


@pytest.fixture
def service(database, config: Config):
    svc = PrepService(database, config, tz=timezone.utc)
    yield svc
    svc.close()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def grader():
    """One warm sandbox for the whole run, as the TUI keeps one."""
    from prep.drills.grader import Grader

    warm = Grader()
    warm.start()
    warm.wait_ready()  # torch loaded before the first test: its start-up is no test's time
    yield warm
    warm.close()


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the controlling process: one look before and one after the whole run
        config.stash[isolation.BEFORE] = isolation.look()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(isolation.BEFORE, None)
    if before is None:
        return
    changed = isolation.changes(before, isolation.look())
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = ["the suite touched what is not its own:", *changed]
        if reporter is not None:
            reporter.write_line("\n".join(lines), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
