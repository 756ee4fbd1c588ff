"""The server goes away: the command line says so in one line, and the TUI keeps every answer until it is saved.

The TUI tests start a PostgreSQL server of their own (pgserver), so stopping it hurts no other test.
"""

from __future__ import annotations

import asyncio
import fcntl
import socket
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.pilot import Pilot

from prep import cli
from prep.errors import PrepError
from prep.review.pending import Journal, Pending, PendingAnswers
from prep.service import PrepService
from prep.settings.config import Config
from prep.store.server import ServerUnavailable
from prep.tui.app import PrepApp
from prep.tui.screens.review import ReviewScreen
from tests.conftest import write
from tests.pg import query
from tests.pilot import IdleGrader, notices, press

NOTES = "# Deck\n" + "".join(f"## Topic {i}\n\nWhat is Term {i}? :: fact number {i}\n\n" for i in range(1, 7))
AT = datetime(2026, 12, 1, 9, tzinfo=timezone.utc)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again on leaving: nothing listens there


# ---- the command line -----------------------------------------------------------------------

COMMANDS = [[], ["review"], ["import", "decks"], ["export"], ["export", "--format", "backup"], ["stats"], ["decks"],
            ["decks", "disable", "x"], ["drills"], ["check", "softmax", "missing.py"], ["mock", "--last"], ["optimize"],
            ["import-backup", "missing.json"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "prep")
def test_every_command_says_in_one_line_that_the_server_is_down(command: list[str], tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = f"postgresql://learner@127.0.0.1:{closed_port()}/prep"
    assert cli.main(["--db", url, *command]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"prep: error: {url}: the server is not reachable") and "Check that PostgreSQL runs there" in err


# ---- the journal --------------------------------------------------------------------------------

def entry(n: int) -> Pending:
    return Pending(f"card{n}", 3, AT + timedelta(minutes=n), 1000 + n, n)


def lines(journal: Journal) -> list[str]:
    return journal.path.read_text().splitlines()


def test_the_journal_appends_rewrites_and_goes_when_empty(tmp_path: Path) -> None:
    journal = Journal(tmp_path, "prep@host")
    first, second, third = entry(1), entry(2), entry(3)
    journal.write([first])
    journal.write([first, second, third])
    assert [Pending.from_line(line).key for line in lines(journal)] == [first.key, second.key, third.key]
    journal.write([third])  # the first two saved
    [kept] = [Pending.from_line(line) for line in lines(journal)]
    assert (kept.card_id, kept.rating, kept.at, kept.duration_ms, kept.seen_answers) == ("card3", 3, third.at, 1003, 3)
    journal.close([third])
    assert journal.path.exists()  # still waiting: kept for the next start
    again = Journal(tmp_path, "prep@host")
    again.write([])
    again.close([])
    assert not again.path.exists()


def test_answers_left_by_a_prep_that_stopped_are_adopted_not_those_of_one_running(tmp_path: Path) -> None:
    stopped = Journal(tmp_path, "prep@host")
    stopped.write([entry(1), entry(2)])
    stopped.close([entry(1), entry(2)])
    with stopped.path.open("a") as torn:
        torn.write('{"key": "ab", "card": "c')  # killed in the middle of a line: that answer was never acknowledged
    running = Journal(tmp_path, "prep@host")
    running.write([entry(5)])  # holds its lock while it runs
    other_collection = Journal(tmp_path, "prep@host-2")
    other_collection.write([entry(7)])
    other_collection.close([entry(7)])

    mine = Journal(tmp_path, "prep@host")
    found = mine.adopt()
    assert [p.card_id for p in found] == ["card1", "card2"] and all(p.tried for p in found)
    mine.forget_adopted()
    assert not stopped.path.exists() and running.path.exists() and other_collection.path.exists()
    with running.path.open() as held:  # the running one's lock was never taken from it
        with pytest.raises(OSError):
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)


# ---- a server of the test's own, stopped and started again ---------------------------------------

class OwnServer:
    """A server of the test's own, to stop and start again (tests/pg.py)."""

    def __init__(self) -> None:
        from tests.pg import Server

        # Under the system's temporary folder (tests/pg.py), not pytest's: another pytest starting resets that to 0700,
        # and the server, run as its own user when the tests run as root, could no longer reach its files.
        self.server = Server.start(template=False)
        self.server.admin("CREATE DATABASE prep")
        self.location = self.server.location("prep")

    def stop(self) -> None:
        self.server.halt()

    def start(self) -> None:
        self.server.resume()

    def close(self) -> None:
        self.server.stop()


@pytest.fixture
def own_server(tmp_path: Path):
    server = OwnServer()
    yield server
    server.close()


@pytest.fixture
def shared(own_server: OwnServer, tmp_path: Path) -> PrepService:
    service = PrepService(own_server.location, Config(schedule_suggestions=True, enable_fuzzing=False, bury_siblings=False), tz=timezone.utc)
    service.import_paths([write(tmp_path / "deck.md", NOTES)], AT)
    yield service
    service.close()


def test_answers_wait_for_the_server_in_order_and_are_saved_once(own_server: OwnServer, shared: PrepService,
                                                                 tmp_path: Path) -> None:
    pending = PendingAnswers.for_service(shared, tmp_path / "journal")
    first = shared.next_card(AT)
    assert pending.answer(first.id, 3, AT, 1000, first.answers).saved is not None
    assert not pending.journal.path.exists() or lines(pending.journal) == []

    own_server.stop()
    with pytest.raises(ServerUnavailable, match="the server is not reachable"):
        shared.next_card(AT)
    kept = [pending.answer(first.id, rating, AT + timedelta(minutes=n), 2000 + n, first.answers + 1)
            for n, rating in ((1, 1), (2, 3))]
    assert all(p.saved is None for p in kept) and len(lines(pending.journal)) == 2  # on disk before anything else
    assert pending.save() == []

    own_server.start()
    saved = pending.save()
    assert saved == kept and pending.waiting == [] and lines(pending.journal) == []
    rows = query(own_server.location, "SELECT rating, duration_ms FROM reviews ORDER BY id")
    assert rows == [(3, 1000), (1, 2001), (3, 2002)]  # in the order given

    # A save cut off after the server committed it is not saved twice: the next try finds it.
    again = Pending(first.id, 3, AT + timedelta(minutes=2), 2002, None, tried=True)
    pending.waiting.append(again)
    assert pending.save() == [again] and again.saved.review_id == saved[-1].saved.review_id
    assert len(query(own_server.location, "SELECT id FROM reviews")) == 3
    pending.close()


def run(app: PrepApp, scenario) -> None:  # noqa: ANN001
    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(go())


async def until(pilot: Pilot, condition, seconds: float = 10) -> None:  # noqa: ANN001
    for _ in range(int(seconds / 0.1)):
        if condition():
            return
        await pilot.pause(0.1)
    raise AssertionError("the screen did not get there in time")


def test_the_tui_keeps_an_answer_the_server_cannot_take_and_saves_it_when_it_is_back(
        own_server: OwnServer, shared: PrepService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr("prep.tui.app.RETRY_SECONDS", 0.3)
    monkeypatch.setattr("prep.tui.screens.review.RETRY_SECONDS", 0.3)
    app = PrepApp(shared, lambda: AT, grader=IdleGrader())  # type: ignore[arg-type]

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter")  # Today → review
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await press(pilot, "space", "3")  # saved
        assert len(query(own_server.location, "SELECT id FROM reviews")) == 1
        shown = screen.card
        own_server.stop()
        await press(pilot, "space", "1")
        assert screen.waiting and screen.card is None and "not saved yet" in screen.status
        assert any("the server is not reachable" in n for n in notices(app))
        [line] = app.pending.journal.path.read_text().splitlines()
        assert Pending.from_line(line).card_id == shown.id
        await press(pilot, "space", "3")  # nothing to rate while it waits: the keys do nothing, no second answer
        assert len(app.pending.waiting) == 1
        own_server.start()
        await until(pilot, lambda: not screen.waiting)
        assert "1 waiting answer saved" in screen.status and screen.card is not None
        assert app.pending.waiting == [] and app.pending.journal.path.read_text() == ""
        rows = query(own_server.location, "SELECT card_id, rating FROM reviews ORDER BY id")
        assert rows[1] == (shown.id, 1) and len(rows) == 2

    run(app, scenario)
    assert not app.pending.journal.path.exists()


def test_answers_kept_when_prep_quit_are_saved_at_the_next_start(
        own_server: OwnServer, shared: PrepService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    first = PrepApp(shared, lambda: AT, grader=IdleGrader())  # type: ignore[arg-type]

    async def answer_while_down(pilot: Pilot) -> None:
        await press(pilot, "enter")
        own_server.stop()
        await press(pilot, "space", "4")
        assert app_waits(first)

    run(first, answer_while_down)
    journal = first.pending.journal.path
    assert journal.exists() and len(journal.read_text().splitlines()) == 1  # quitting kept it

    own_server.start()
    second = PrepApp(shared, lambda: AT, grader=IdleGrader())  # type: ignore[arg-type]

    async def start_again(pilot: Pilot) -> None:
        await until(pilot, lambda: len(query(own_server.location, "SELECT id FROM reviews")) == 1)
        await until(pilot, lambda: any("1 waiting answer saved" in n for n in notices(second)))

    run(second, start_again)
    assert query(own_server.location, "SELECT rating FROM reviews") == [(4,)]
    assert not journal.exists() and list(journal.parent.iterdir()) == []


def app_waits(app: PrepApp) -> bool:
    return isinstance(app.screen, ReviewScreen) and app.screen.waiting and len(app.pending.waiting) == 1


def test_a_server_error_that_is_not_an_outage_drops_nothing_silently(shared: PrepService, tmp_path: Path) -> None:
    pending = PendingAnswers.for_service(shared, tmp_path / "journal")
    with pytest.raises(PrepError, match="no card with id"):
        pending.answer("no-such-card", 3, AT, 1000, 0)
    assert pending.waiting == [] and lines(pending.journal) == []  # it cannot ever be saved: said at once, not kept
    pending.close()

