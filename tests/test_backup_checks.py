"""A full backup is checked whole before one row is written: a corpus of bad backups, each refused in one line naming
its table, row and field with nothing written; and any backup the check accepts can be reviewed, browsed and exported."""

from __future__ import annotations

import copy
import io
import json
import math
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prep.errors import PrepError
from prep.interop.csv_export import write_csv
from prep.service import PrepService
from prep.settings.config import Config
from tests.test_interop import T0, studied  # noqa: F401 - studied: the fixture, a collection studied for days

NOW = T0 + timedelta(days=5)


@pytest.fixture
def good(studied, tmp_path: Path) -> dict:  # noqa: F811 - the fixture imported above
    service, _ = studied
    return json.loads(json.dumps(service.backup(NOW)))


def saved(backup: object, folder: Path, name: str = "backup.json") -> Path:
    path = folder / name
    if isinstance(backup, dict):
        path.write_text(json.dumps(backup), encoding="utf-8")  # escaped: a lone surrogate is written as \ud800
    else:
        path.write_text(str(backup), encoding="utf-8")
    return path


def first(backup: dict, table: str) -> dict:
    return backup["tables"][table][0]


# Each: what to do to a good backup, and what the one line must name (table, row, field).
CORPUS = {
    "reps as text": (lambda b: first(b, "cards").update(reps="many"), ("cards", "row 1", "reps")),
    "an unknown state": (lambda b: first(b, "cards").update(state=99), ("cards", "row 1", "state")),
    "stability NaN": (lambda b: first(b, "cards").update(stability=math.nan), ("cards", "row 1", "stability")),
    "stability infinite": (lambda b: first(b, "cards").update(stability=math.inf), ("cards", "row 1", "stability")),
    "a rating in words": (lambda b: first(b, "reviews").update(rating="three"), ("reviews", "row 1", "rating")),
    "a rating of 7": (lambda b: first(b, "reviews").update(rating=7), ("reviews", "row 1", "rating")),
    "a null where a value must be": (lambda b: first(b, "cards").update(front=None), ("cards", "row 1", "front")),
    "an object for a number": (lambda b: first(b, "cards").update(lapses={"a": 1}), ("cards", "row 1", "lapses")),
    "a huge integer": (lambda b: first(b, "cards").update(position=10**30), ("cards", "row 1", "position")),
    "true for a number": (lambda b: first(b, "cards").update(reps=True), ("cards", "row 1", "reps")),
    "a negative count": (lambda b: first(b, "cards").update(lapses=-3), ("cards", "row 1", "lapses")),
    "a date that is not one": (lambda b: first(b, "cards").update(due="tomorrow"), ("cards", "row 1", "due")),
    "a time with no offset": (lambda b: first(b, "cards").update(due="2026-12-01T09:00:00"), ("cards", "row 1", "due")),
    "a deck name too long": (lambda b: first(b, "cards").update(deck="d" * 5000), ("cards", "row 1", "deck")),
    "a missing field": (lambda b: first(b, "cards").pop("front"), ("cards", "row 1", "front")),
    "an unknown field": (lambda b: first(b, "cards").update(colour="red"), ("cards", "row 1", "colour")),
    "a row that is a list": (lambda b: b["tables"]["cards"].__setitem__(0, [1, 2]), ("cards", "row 1")),
    "a duplicate id": (lambda b: b["tables"]["cards"].append(copy.deepcopy(first(b, "cards"))), ("cards", "a second row")),
    "a review of a missing card": (lambda b: first(b, "reviews").update(card_id="nosuchcard"), ("reviews", "row 1", "card_id")),
    "a snapshot that is not JSON": (lambda b: first(b, "reviews").update(snapshot="{not json"), ("reviews", "row 1", "snapshot")),
    "a table missing": (lambda b: b["tables"].pop("reviews"), ("reviews", "missing")),
    "a table that is not a list": (lambda b: b["tables"].__setitem__("cards", {"a": 1}), ("cards", "not a list")),
    "an attempt's unknown outcome": (lambda b: first(b, "attempts").update(status="won"), ("attempts", "row 1", "status")),
    "a lone surrogate": (lambda b: first(b, "cards").update(front="\ud800"), ("cards", "row 1", "front")),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_a_bad_backup_is_refused_whole_in_one_line_naming_table_row_and_field(good: dict, tmp_path: Path,
                                                                             name: str) -> None:
    damage, named = CORPUS[name]
    bad = copy.deepcopy(good)
    damage(bad)
    path = saved(bad, tmp_path)
    fresh = PrepService(tmp_path / "fresh.sqlite3", Config())
    try:
        with pytest.raises(PrepError) as error:
            fresh.restore_backup(path, NOW)
        line = str(error.value)
        assert line.startswith(f"{path}: ") and "\n" not in line
        assert all(part in line for part in named), line
        assert fresh.export_cards() == []  # nothing was written
    finally:
        fresh.close()


def test_a_backup_too_deep_or_too_big_is_refused_in_one_line(good: dict, tmp_path: Path, monkeypatch) -> None:
    deep = saved("[" * 100_000 + "]" * 100_000, tmp_path, "deep.json")
    fresh = PrepService(tmp_path / "fresh.sqlite3", Config())
    try:
        with pytest.raises(PrepError, match="not a prep backup"):
            fresh.restore_backup(deep, NOW)
        from prep.interop import checks

        monkeypatch.setattr(checks, "BACKUP_LIMIT", 1000)
        with pytest.raises(PrepError, match="more than a prep backup can be"):
            fresh.restore_backup(saved(good, tmp_path), NOW)
    finally:
        fresh.close()


def test_a_replace_with_a_bad_backup_keeps_everything(studied, good: dict, tmp_path: Path) -> None:  # noqa: F811 - the fixture imported above
    service, _ = studied
    before = service.export_cards()
    bad = copy.deepcopy(good)
    bad["tables"]["reviews"][-1]["rating"] = 0
    with pytest.raises(PrepError, match=r"table reviews, row \d+, field rating"):
        service.restore_backup(saved(bad, tmp_path), NOW, replace=True)
    assert service.export_cards() == before


# ---- whatever is accepted can be used by every reader -----------------------------------------------------------

VALUES = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(10**20), max_value=10**20),
                   st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
                   st.sampled_from(["2026-12-01T09:00:00+00:00", "2026-12-01", "{}", "[]", '{"due": 5}', "0", "1"]),
                   st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(st.tuples(st.sampled_from(["cards", "reviews", "attempts", "drill_states", "decks", "links"]),
                                  st.integers(0, 5), st.integers(0, 40), VALUES), min_size=1, max_size=4))
def test_any_backup_the_check_accepts_can_be_reviewed_browsed_and_exported(good: dict, tmp_path_factory, changes) -> None:
    backup = copy.deepcopy(good)
    for table, row, field, value in changes:
        rows = backup["tables"][table]
        if not rows:
            continue
        chosen = rows[row % len(rows)]
        chosen[sorted(chosen)[field % len(chosen)]] = value
    folder = tmp_path_factory.mktemp("accepted")
    path = saved(backup, folder)
    fresh = PrepService(folder / "prep.sqlite3", Config(enable_fuzzing=False))
    try:
        try:
            fresh.restore_backup(path, NOW)
        except PrepError as error:
            assert str(error).startswith(f"{path}: ") and "\n" not in str(error)
            return
        # Accepted: every reader takes it.
        for day in range(3):
            moment = NOW + timedelta(days=day)
            card = fresh.next_card(moment)
            if card is not None:
                fresh.answer(card.id, 3, moment, 1000)
        fresh.browser.search("", NOW)
        write_csv(fresh.export_cards(), io.StringIO())
        json.dumps(fresh.backup(NOW))
        fresh.export_apkg(folder / "out.apkg", NOW)
        fresh.stats(NOW)
    finally:
        fresh.close()
