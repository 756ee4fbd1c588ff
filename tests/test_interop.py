"""Cards out of prep and back: an Anki package opened by the official `anki` library, CSV, and exact backups."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import genanki
import pytest
from anki.collection import Collection
from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

from prep.drills.report import FAIL, PASS, Report
from prep.errors import PrepError
from prep.interop.backup import TABLES, write_backup
from prep.interop.csv_export import COLUMNS, write_csv
from prep.schedule.memory import study_day
from prep.service import PrepService
from prep.settings.config import Config
from prep.store.location import ServerURL
from prep.store.models import UTCDateTime
from tests.conftest import write
from tests.pg import query

NOTES = """# ML
- softmax
  - What does softmax compute? :: exp over the sum of exps
  - What keeps softmax stable? :: shifting by the **max**
- layer norm
  - What does layer norm normalise over? :: the features
  - What does layer norm learn? :: a gain and a bias
- dropout
  - What does dropout do? :: zero activations at random
- What does `x < y` compare? :: which is **smaller**
"""
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)  # the fixed clock, in the past: Anki sees these answers as done


@pytest.fixture
def studied(tmp_path: Path):
    """A database file with cards answered (one into review), suspended, buried and retired, and a drill tried."""
    # tz=None: study days in local time, as Anki counts its days.
    service = PrepService(tmp_path / "prep.sqlite3", Config(schedule_suggestions=True, enable_fuzzing=False, bury_siblings=False))
    notes = write(tmp_path / "ml.md", NOTES)
    service.import_paths([notes], T0)
    ids: dict[str, list[str]] = {}
    for card in service.export_cards():
        ids.setdefault(card["path"].split(" › ")[-1], []).append(card["id"])
    cards = {"reviewed": ids["softmax"][0], "learning": ids["softmax"][1], "suspended": ids["layer norm"][0],
             "buried": ids["layer norm"][1], "retired": ids["dropout"][0]}
    code = "def softmax(x):\n    return x\n"
    for minutes, status in ((5, FAIL), (9, PASS)):
        report = Report(drill="softmax", status=status, passed=16 if status == PASS else 11, total=16, duration_s=0.02)
        # Before the cards were learned: a failed drill brings its topic's learned cards forward (prep.practice.links),
        # which this fixture's schedule is not about.
        service.drills.record("softmax", report, code, T0 - timedelta(minutes=30 - minutes))
    for minutes, card, rating in ((0, "reviewed", 3), (1, "reviewed", 3), (2, "learning", 1), (3, "retired", 3)):
        service.answer(cards[card], rating, T0 + timedelta(minutes=minutes), duration_ms=4000 + minutes)
    service.answer(cards["reviewed"], 3, T0 + timedelta(days=3), duration_ms=2500)
    service.suspend(cards["suspended"], T0)
    service.bury(cards["buried"], T0 + timedelta(days=4))
    write(notes, NOTES.replace("- dropout\n  - What does dropout do? :: zero activations at random\n", ""))
    service.import_paths([notes], T0 + timedelta(days=3, hours=1))  # dropout's card retires
    yield service, cards
    service.close()


def anki_import(folder: Path, package: Path) -> Collection:
    """A new Anki collection in `folder` with the package imported."""
    folder.mkdir(exist_ok=True)
    col = Collection(str(folder / "collection.anki2"))
    options = ImportAnkiPackageOptions(with_scheduling=True)  # Anki's "Import any learning progress"
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=options))
    return col


def test_anki_package_carries_notes_history_and_schedule(studied, tmp_path: Path) -> None:
    service, ids = studied
    kept = {card["id"]: card for card in service.export_cards() if not card["retired"]}
    package = tmp_path / "prep.apkg"
    done = service.export_apkg(package, T0 + timedelta(days=4))
    col = anki_import(tmp_path / "anki", package)
    try:
        assert {"prep", "prep::ml"} <= {deck.name for deck in col.decks.all_names_and_ids()}
        notes = {note.guid: note for note in map(col.get_note, col.find_notes(""))}
        assert len(notes) == col.card_count() == len(kept) == done.notes == 5
        for card_id, card in kept.items():
            assert notes[genanki.guid_for("prep", card_id)].tags == card["tags"]
        assert genanki.guid_for("prep", ids["retired"]) not in notes
        softmax = notes[genanki.guid_for("prep", ids["reviewed"])]
        assert "softmax" in softmax["Front"] and "exp over the sum of exps" in softmax["Back"]
        stability = next(note for note in notes.values() if "stable" in note["Front"])
        assert "shifting by the <strong>max</strong>" in stability["Back"]
        question = next(note for note in notes.values() if "compare?" in note["Front"])
        assert "<code>x &lt; y</code>" in question["Front"] and question["Back"] == "<p>which is <strong>smaller</strong></p>"

        reviews = sum(card["reviews"] for card in kept.values())
        assert col.db.scalar("SELECT count() FROM revlog") == reviews == done.reviews == 4

        reviewed = col.get_card(col.find_cards(f"nid:{softmax.id}")[0])
        due = datetime.fromisoformat(kept[ids["reviewed"]]["due"])
        assert (reviewed.type, reviewed.queue, reviewed.reps) == (2, 2, 3)
        assert reviewed.ivl == round((due - (T0 + timedelta(days=3))) / timedelta(days=1)) > 1
        days_left = (study_day(due, None, 4) - study_day(datetime.now(timezone.utc), None, 4)).days
        assert reviewed.due - col.sched.today == days_left  # the same calendar day, overdue by now
        log = col.db.all("SELECT ease, type, time FROM revlog WHERE cid = ? ORDER BY id", reviewed.id)
        assert log == [[3, 0, 4000], [3, 0, 4001], [3, 1, 2500]]  # learn, learn, review
        # With FSRS on, Anki rebuilds the memory state from this history.
        assert col.compute_memory_state(reviewed.id).stability > 0

        def card_of(name: str):  # an anki Card
            return col.get_card(col.find_cards(f"nid:{notes[genanki.guid_for('prep', ids[name])].id}")[0])

        learning = card_of("learning")
        assert (learning.type, learning.queue, learning.lapses) == (1, 1, 0)
        assert learning.due == int(datetime.fromisoformat(kept[ids["learning"]]["due"]).timestamp())
        assert card_of("suspended").queue == -1
        assert card_of("buried").queue == -3  # buried on the day of the export; Anki lets it out when its day turns
    finally:
        col.close()


def test_exporting_again_updates_the_notes_in_anki_instead_of_adding_them(studied, tmp_path: Path) -> None:
    service, ids = studied
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    service.export_apkg(first, T0 + timedelta(days=4))
    notes = tmp_path / "ml.md"
    write(notes, notes.read_text().replace("a gain and a bias", "a gain and a shift"))
    service.import_paths([notes], T0 + timedelta(days=5))
    service.export_apkg(second, T0 + timedelta(days=5, minutes=1))
    col = anki_import(tmp_path / "anki", first)
    try:
        anki_import_again = ImportAnkiPackageRequest(package_path=str(second),
                                                     options=ImportAnkiPackageOptions(with_scheduling=True))
        col.import_anki_package(anki_import_again)
        assert col.note_count() == 5 and col.card_count() == 5
        assert col.db.scalar("SELECT count() FROM revlog") == 4
        layer_norm = col.get_note(col.db.scalar("SELECT id FROM notes WHERE guid = ?", genanki.guid_for("prep", ids["buried"])))
        assert "a gain and a shift" in layer_norm["Back"]
    finally:
        col.close()


def test_csv_has_a_header_and_one_row_per_card(studied) -> None:
    service, ids = studied
    out = io.StringIO()
    write_csv(service.export_cards(), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 6  # every card, retired ones too, retired ones too
    by_id = {row["id"]: row for row in rows}
    assert by_id[ids["suspended"]]["suspended"] == "true" and by_id[ids["retired"]]["retired"] == "true"
    reviewed = by_id[ids["reviewed"]]
    assert (reviewed["state"], reviewed["reviews"], reviewed["tags"]) == ("review", "3", "ml qa")
    assert reviewed["front"] == next(card["front"] for card in service.export_cards() if card["id"] == ids["reviewed"])


def table_rows(database: Path) -> dict[str, list[tuple]]:
    """Every stored row, as SQLite holds it, in primary-key order."""
    with sqlite3.connect(database) as connection:
        rows = {table.name: connection.execute(f"SELECT * FROM {table.name} ORDER BY "
                                               + ", ".join(column.name for column in table.primary_key)).fetchall()
                for table in TABLES}
    connection.close()
    return rows


def test_backup_restores_every_row_exactly(studied, tmp_path: Path) -> None:
    service, _ = studied
    backup = tmp_path / "backup.json"
    with backup.open("w", encoding="utf-8") as out:
        write_backup(service.backup(T0 + timedelta(days=4)), out)
    original = table_rows(service.database)
    assert all(original[name] for name in ("cards", "reviews", "sources", "drill_states", "attempts", "daily_stats"))
    card_columns = [column.name for column in TABLES[[t.name for t in TABLES].index("cards")].columns]
    flags = [(row[card_columns.index("suspended")], row[card_columns.index("buried_until")], row[card_columns.index("retired_at")])
             for row in original["cards"]]
    assert any(flag[0] for flag in flags) and any(flag[1] for flag in flags) and any(flag[2] for flag in flags)

    fresh = PrepService(tmp_path / "fresh" / "prep.sqlite3", Config(schedule_suggestions=True))
    try:
        done = fresh.restore_backup(backup, T0 + timedelta(days=5))
        assert done.saved is None and done.rows["cards"] == 6
        assert table_rows(fresh.database) == original
    finally:
        fresh.close()

    text = backup.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    data = json.loads(text)
    assert (data["format"], data["schema_revision"]) == ("prep-backup", "0006_inbox") and data["prep_version"]
    moments = [row[column.name] for table in TABLES for column in table.columns if isinstance(column.type, UTCDateTime)
               for row in data["tables"][table.name] if row[column.name] is not None]
    assert moments and all(moment.endswith("+00:00") and datetime.fromisoformat(moment) for moment in moments)
    again = io.StringIO()
    write_backup(service.backup(T0 + timedelta(days=4)), again)
    assert again.getvalue() == text


@pytest.mark.both_engines
def test_a_restored_collection_takes_new_answers_and_drill_attempts(studied, database, tmp_path: Path) -> None:
    """The restored rows keep their ids; the next answer and attempt get new ones (on a server, its sequences move on)."""
    service, ids = studied
    backup = tmp_path / "backup.json"
    with backup.open("w", encoding="utf-8") as out:
        write_backup(service.backup(T0 + timedelta(days=4)), out)
    target = database if isinstance(database, ServerURL) else tmp_path / "fresh" / "prep.sqlite3"  # not studied's own file
    restored = PrepService(target, Config(schedule_suggestions=True, enable_fuzzing=False, bury_siblings=False))
    try:
        restored.restore_backup(backup, T0 + timedelta(days=5))
        restored.answer(ids["learning"], 3, T0 + timedelta(days=5))
        report = Report(drill="softmax", status=PASS, passed=16, total=16, duration_s=0.02)
        restored.drills.record("softmax", report, "def softmax(x):\n    return x\n", T0 + timedelta(days=5))
        history = restored.review_history()
        assert len(history) == 6 and history[-1][:2] == (ids["learning"], 3)
        if isinstance(target, ServerURL):  # the planner has the restored rows' statistics at once
            [(analyzed,)] = query(target, "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN "
                                            "('cards', 'reviews') AND last_analyze IS NOT NULL")
            assert analyzed == 2
    finally:
        restored.close()


def test_restore_into_a_database_with_cards_needs_replace_and_keeps_a_copy(studied, tmp_path: Path) -> None:
    service, ids = studied
    backup = tmp_path / "backup.json"
    with backup.open("w", encoding="utf-8") as out:
        write_backup(service.backup(T0), out)
    service.answer(ids["learning"], 3, T0 + timedelta(days=4))  # made after the backup: the restore takes it back
    before = table_rows(service.database)
    with pytest.raises(PrepError, match=r"already holds 6 cards; pass --replace"):
        service.restore_backup(backup, T0 + timedelta(days=5))
    done = service.restore_backup(backup, T0 + timedelta(days=5), replace=True)
    assert done.saved is not None and done.saved.parent == service.database.parent / "backups"
    assert table_rows(done.saved) == before
    assert len(table_rows(service.database)["reviews"]) == len(before["reviews"]) - 1


def test_restore_errors_are_one_line_and_name_the_file(service, tmp_path: Path) -> None:
    newer = write(tmp_path / "newer.json", json.dumps({"format": "prep-backup", "schema_revision": "9999", "tables": {}}))
    damaged = write(tmp_path / "damaged.json", json.dumps({"format": "prep-backup", "schema_revision": "0003", "tables": {}}))
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00")
    cases = {tmp_path / "missing.json": "cannot read the backup", tmp_path: "cannot read the backup",
             write(tmp_path / "other.json", "[1, 2]"): "not a prep backup", binary: "not a prep backup",
             newer: "schema 9999 and this prep schema 0006_inbox; upgrade prep", damaged: "a damaged prep backup"}
    for path, problem in cases.items():
        with pytest.raises(PrepError) as error:
            service.restore_backup(path, T0)
        message = str(error.value)
        assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_a_backup_from_before_decks_had_settings_still_restores(studied, tmp_path: Path) -> None:
    service, _ = studied
    data = service.backup(T0 + timedelta(days=4))
    data["schema_revision"] = "0003"
    del data["tables"]["decks"]
    old = tmp_path / "old.json"
    with old.open("w", encoding="utf-8") as out:
        write_backup(data, out)
    fresh = PrepService(tmp_path / "fresh" / "prep.sqlite3", Config(schedule_suggestions=True))
    try:
        done = fresh.restore_backup(old, T0 + timedelta(days=5))
        assert done.rows["cards"] == 6 and done.rows["decks"] == 0
        assert fresh.next_card(T0 + timedelta(days=5)) is not None  # a deck without settings is studied
    finally:
        fresh.close()
