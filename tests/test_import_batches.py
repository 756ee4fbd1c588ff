"""An import writes in short transactions: a prep studying the same collection records every answer meanwhile, and an
import cut off anywhere (kill -9, or an error between two of its transactions) is completed by the next import of the
same notes: the same cards, with the same ids and the same answers, as one clean import. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from prep.errors import PrepError
from prep.review.pending import PendingAnswers
from prep.service import PrepService
from prep.settings.config import Config
from prep.store import importer
from prep.store.location import ServerURL
from prep.store.tables import cards, reviews, sources
from tests.conftest import NOW, ROOT, write
from tests.pg import argument

pytestmark = pytest.mark.both_engines

CONFIG = Config(enable_fuzzing=False, bury_siblings=False, schedule_suggestions=True, new_per_day=10_000,
                reviews_per_day=100_000)


def notes(topics: int, per_topic: int, *, edited: bool = False) -> str:
    """A deck of `topics` headings of `per_topic` facts. `edited`: the same deck a while later, as a learner changes
    notes: a few facts reworded, a few gone, one topic renamed, and many facts added (at the top of each topic, so the
    old facts move down the file too)."""
    lines = ["# Deck\n"]
    for topic in range(topics):
        name = f"Topic {topic}" + (" (renamed)" if edited and topic == 1 else "")
        lines.append(f"\n## {name}\n\n")
        if edited:
            lines += [f"What is the added fact {topic}-{i}? :: It is new fact number {topic * 1000 + i}.\n"
                      for i in range(per_topic * 4)]
        for i in range(per_topic):
            if edited and i % 7 == 3:
                continue  # gone from the notes: its card is retired, its answers kept
            answer = f"It is the answer number {topic * 100 + i}"
            if edited and i % 5 == 2:
                answer += ", said more carefully"  # reworded: the same card, updated
            lines.append(f"What is fact {topic}-{i}? :: {answer}.\n")
    return "".join(lines)


def studied(database, tmp_path: Path) -> PrepService:
    """A collection of the first notes, with answers: the same on every call (the same moments, no fuzz)."""
    service = PrepService(database, CONFIG, tz=timezone.utc)
    service.import_paths([write(tmp_path / "deck.md", notes(6, 25))], NOW)
    moment = NOW
    for n in range(60):
        card = service.next_card(moment)
        service.answer(card.id, (3, 1, 4, 2)[n % 4], moment, 1000)
        moment += timedelta(minutes=7)
    return service


def contents(database) -> tuple[dict, list, list]:
    """Every card, all its columns, every answer and the files' records of import, read afresh."""
    engine = create_engine(database.url if isinstance(database, ServerURL) else f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            every = {row.id: row._asdict() for row in connection.execute(select(cards))}
            answers = [tuple(row) for row in connection.execute(select(reviews).order_by(reviews.c.id))]
            imported = [tuple(row) for row in connection.execute(select(sources).order_by(sources.c.path))]
    finally:
        engine.dispose()
    return every, answers, imported


def test_an_import_cut_off_between_any_two_transactions_is_completed_by_the_next(databases, tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    first, edited = notes(6, 25), notes(6, 25, edited=True)
    path = tmp_path / "deck.md"
    later = NOW + timedelta(days=3)

    clean = databases()
    write(path, first)
    service = studied(clean, tmp_path)
    written = []
    real = importer.write_core
    write(path, edited)
    with monkeypatch.context() as patch:
        patch.setattr(importer, "write_core", lambda engine, work: written.append(1) or real(engine, work))
        report = service.import_paths([path], later)
    service.close()
    expected = contents(clean)
    # Added, reworded, retired, moved (and a few gone facts taken for reworded ones: the importer's matching)
    assert report.counts.added > 500 and report.counts.retired > 0 and report.counts.updated > 0 and report.counts.moved > 0
    assert len(written) >= 3, "the import was not split into several transactions"
    assert len(expected[1]) == 60

    for cut in range(len(written) + 1):  # after each transaction of the import, and before its last (its record)
        database = databases()
        write(path, first)
        service = studied(database, tmp_path)
        write(path, edited)
        done: list[int] = []

        def cut_off(engine, work, done=done, cut=cut):  # noqa: ANN001, ANN202
            if len(done) == cut:
                raise PrepError("cut off")
            done.append(1)
            return real(engine, work)

        def record_cut_off(*_: object) -> int:
            raise PrepError("cut off")

        with monkeypatch.context() as patch:
            patch.setattr(importer, "write_core", cut_off)
            if cut == len(written):  # every card written, the file's record not: the next import does it all again
                patch.setattr(PrepService, "_imported", staticmethod(record_cut_off))
            with pytest.raises(PrepError, match="cut off"):
                service.import_paths([path], later)
        half = contents(database)
        assert half[1] == expected[1]  # no answer lost on the way
        assert half[2] != expected[2]  # the file is not recorded as imported: the next import reads it again
        assert half[0] != expected[0] or cut == len(written)
        service.import_paths([path], later)
        service.close()
        assert contents(database) == expected, f"cut off after {cut} of {len(written)} transactions"


def _partly_imported(database, deck_cards_before: int) -> int:
    engine = create_engine(database.url if isinstance(database, ServerURL) else f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(cards)) - deck_cards_before
    finally:
        engine.dispose()


def _comparable(every: dict) -> dict:
    """What two imports at different moments share: everything but the moments a card was made, changed, retired
    and, new, is due."""
    return {key: {**{name: value for name, value in row.items() if name not in ("created_at", "updated_at", "retired_at", "due")},
                  "retired": row["retired_at"] is not None, "due": row["due"] if row["reps"] else None}
            for key, row in every.items()}


def _prep(database, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "prep", "--db", argument(database), *args], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def test_kill_9_in_the_middle_of_an_import_then_import_again_gives_one_clean_imports_cards(databases, tmp_path: Path) -> None:
    big = notes(6, 250, edited=True)
    clean, killed = databases(), databases()
    for database in (clean, killed):
        write(tmp_path / "deck.md", notes(6, 250))
        studied(database, tmp_path).close()
    before = len(contents(killed)[0])
    write(tmp_path / "deck.md", big)

    done = _prep(clean, "import", str(tmp_path / "deck.md"))
    assert done.wait(timeout=600) == 0, done.stderr.read()
    expected = contents(clean)

    importing = _prep(killed, "import", str(tmp_path / "deck.md"))
    added = 0
    while importing.poll() is None and added <= 0:
        added = _partly_imported(killed, before)
    importing.send_signal(signal.SIGKILL)
    importing.wait(timeout=60)
    half = contents(killed)
    assert 0 < len(half[0]) - before < 6000, "the import was not caught half-way"
    assert half[1] == expected[1]  # the answers, all there
    assert half[0] != expected[0]

    again = _prep(killed, "import", str(tmp_path / "deck.md"))
    assert again.wait(timeout=600) == 0, again.stderr.read()
    result = contents(killed)
    assert _comparable(result[0]) == _comparable(expected[0])
    assert result[1] == expected[1]


def test_answers_given_in_another_process_during_a_large_import_are_all_kept(database, tmp_path: Path) -> None:
    service = PrepService(database, CONFIG, tz=timezone.utc)
    service.import_paths([write(tmp_path / "study.md", notes(4, 50).replace("# Deck", "# Study"))], NOW)
    service.warm_up()
    start = len(contents(database)[0])
    importing = _prep(database, "import", str(write(tmp_path / "big.md", notes(20, 250))))
    pending = PendingAnswers.for_service(service, tmp_path / "pending")  # as the TUI records answers
    moment, acknowledged, between = NOW, {}, 0
    while importing.poll() is None:
        card = service.next_card(moment, deck="study")
        moment += timedelta(seconds=30)
        if card is None:
            moment += timedelta(minutes=10)
            continue
        entry = pending.answer(card.id, 3, moment, 500, card.answers)
        assert entry.saved is not None, pending.problem  # saved, not left waiting behind the import
        acknowledged[entry.saved.review_id] = card.id
        if 0 < _partly_imported(database, start) < 5000:
            between += 1
    assert importing.returncode == 0, importing.stderr.read()
    every, answers, _ = contents(database)
    service.close()
    assert len(every) - start == 5000  # the whole import
    assert {row[0]: row[1] for row in answers} == acknowledged  # every answer, and nothing else
    assert between > 0, "no answer was recorded while the import was half-way: it was not split"


def test_an_answer_the_collection_cannot_take_yet_is_kept_then_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program holds a SQLite collection for longer than the busy timeout: the answer is journaled, not
    dropped, and saved once the collection is free, by this prep or, after it stopped, by the next. (A server's
    unreachable answers are tested in tests/test_server_down.py.)"""
    import sqlite3

    from prep.store import database as database_module

    monkeypatch.setattr(database_module, "BUSY_SECONDS", 0.3)
    path = tmp_path / "prep.sqlite3"
    service = PrepService(path, CONFIG, tz=timezone.utc)
    service.import_paths([write(tmp_path / "deck.md", notes(1, 5))], NOW)
    card = service.next_card(NOW)
    folder = tmp_path / "pending"
    first = PendingAnswers.for_service(service, folder)
    assert not folder.exists()  # a file's answers are journaled only when they have to wait

    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    entry = first.answer(card.id, 3, NOW, 1200, card.answers)
    assert entry.saved is None and first.waiting == [entry] and "another program held" in first.problem
    assert len(list(folder.glob("*.jsonl"))) == 1
    first.close()  # this prep stops with the answer unsaved: its journal stays
    holder.rollback()
    holder.close()

    second = PendingAnswers.for_service(PrepService(path, CONFIG, tz=timezone.utc), folder)
    assert second.adopt() == 1
    saved = second.save()
    assert [entry.saved.review_id for entry in saved] and not second.waiting
    with service._engine.connect() as connection:  # noqa: SLF001 - the table itself
        assert connection.execute(select(reviews.c.card_id, reviews.c.rating, reviews.c.duration_ms)).all() == [(card.id, 3, 1200)]
    second.close()
    assert not list(folder.glob("*.jsonl"))


def test_the_tui_keeps_an_answer_the_file_cannot_take_and_saves_it_when_it_is_free(tmp_path: Path,
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio
    import sqlite3

    from prep.store import database as database_module
    from prep.tui.app import PrepApp
    from prep.tui.screens.review import ReviewScreen
    from tests.pilot import IdleGrader, notices, press

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(database_module, "BUSY_SECONDS", 0.3)
    monkeypatch.setattr("prep.tui.app.RETRY_SECONDS", 0.3)
    monkeypatch.setattr("prep.tui.screens.review.RETRY_SECONDS", 0.3)
    path = tmp_path / "prep.sqlite3"
    service = PrepService(path, CONFIG, tz=timezone.utc)
    service.import_paths([write(tmp_path / "deck.md", notes(1, 5))], NOW)
    app = PrepApp(service, lambda: NOW, grader=IdleGrader())  # type: ignore[arg-type]

    def stored() -> list[tuple]:
        with sqlite3.connect(path) as connection:
            return connection.execute("SELECT card_id, rating FROM reviews ORDER BY id").fetchall()

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await press(pilot, "enter")  # Today → review
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            await press(pilot, "space", "3")
            assert len(stored()) == 1
            shown = screen.card
            holder = sqlite3.connect(path, isolation_level=None)  # another program holds the file
            holder.execute("BEGIN IMMEDIATE")
            await press(pilot, "space", "1")
            assert screen.waiting and screen.card is None and "not saved yet" in screen.status
            assert any("another program held the collection" in n for n in notices(app))
            front = screen.query_one("#front").source
            assert "cannot take answers just now" in front and "another program held the collection" in front
            assert len(app.pending.journal.path.read_text().splitlines()) == 1  # kept where the next prep finds it
            holder.rollback()
            holder.close()
            for _ in range(100):
                if not screen.waiting:
                    break
                await pilot.pause(0.1)
            assert not screen.waiting and "The collection takes answers again: 1 waiting answer saved" in screen.status
            assert stored()[1] == (shown.id, 1) and len(stored()) == 2 and app.pending.waiting == []

    asyncio.run(scenario())
    service.close()
    assert not app.pending.journal.path.exists()


def test_a_conflict_retried_to_the_end_keeps_the_answer_for_later() -> None:
    """`retrying` giving up on a server that keeps choosing this transaction to lose: not an answer dropped, one kept."""
    from sqlalchemy.exc import DBAPIError

    from prep.errors import NotSavedYet
    from prep.store.server import retrying

    class Deadlock(Exception):
        sqlstate = "40P01"

    def always() -> None:
        raise DBAPIError("UPDATE cards …", {}, Deadlock())

    with pytest.raises(NotSavedYet, match="another machine kept changing the same cards"):
        retrying(always, attempts=2)
