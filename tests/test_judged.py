"""The judged set (tests/judged/): verdicts of people reading cards against RUBRIC.md, and what they say of the
cards the generator makes now. The notes live outside the repository (`../shared/corpus/judged/`); see judged.py.

A verdict names a card by the hash of its text, so a card whose text changes needs reading again: a scheduled card
of the judged files with no verdict fails here, with the command that lists the cards to read.
"""

from __future__ import annotations

import json
import re

import pytest

from prep.notes import judge
from tests.judged.judged import (
    BUILTIN,
    HELD_OUT,
    HERE,
    TUNING,
    VERDICTS,
    agreement,
    figures,
    key_facts,
    lines_hash,
    notes_path,
    second_readings,
    train,
    verdicts,
)

CODES = set(re.findall(r"^\| `(\w+)` \|", (HERE / "RUBRIC.md").read_text(encoding="utf-8"), re.MULTILINE))
TO_READ = "python bench/judged.py --unjudged DIR lists them; have them read against tests/judged/RUBRIC.md"


def _needed(name: str) -> None:
    if notes_path(name) is None:
        pytest.fail(f"{name}: the judged notes are not here; put shared/corpus/ beside the checkout or set $PREP_CORPUS")


@pytest.mark.parametrize("name", [*TUNING, *HELD_OUT, BUILTIN])
def test_verdicts_and_key_facts_are_well_formed(name: str) -> None:
    rows = [json.loads(line) for line in (HERE / "verdicts" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows, name
    for row in rows:
        assert row["file"] == name and re.fullmatch(r"[0-9a-f]{12}", row["hash"]) and row["verdict"] in VERDICTS, row
        assert (row["fault"] == "") == (row["verdict"] == "usable") or row["fault"] in CODES, row
        assert row["fault"] in CODES | {""} and len(row["why"]) <= 200, row  # a few words, never a quote of the note
    assert CODES >= {"label", "trivial", "ambiguous", "context", "broken", "cut", "meta"}
    facts = key_facts(name)
    assert facts and all(1 <= f["first"] <= f["last"] for f in facts)


@pytest.mark.parametrize("name", [*TUNING, *HELD_OUT, BUILTIN])
def test_every_key_fact_still_points_at_the_lines_it_was_marked_on(name: str) -> None:
    """The built-in deck is edited (and a notes file may be), and a key fact names lines: after an edit above it, its
    range points at other lines, and coverage counts the wrong cards. Each fact keeps a hash of its lines' text."""
    _needed(name)
    moved = [f["fact"] for f in key_facts(name) if f.get("lines") != lines_hash(name, f["first"], f["last"])]
    assert not moved, f"{name}: {len(moved)} key facts no longer point at their lines (first: {moved[0]!r}); anchor " \
                      "them again where each fact stands now, and write the new 'lines' hash (tests/judged/judged.py)"


def test_a_second_reader_judged_cards_of_the_tuning_half_and_agreement_is_counted_on_usable_or_not() -> None:
    """The second reading names cards the first reader judged (the same hash: the same text), of the tuning half only
    (the held-out half is read once), and agreement is the share of cards both call usable or both do not."""
    rows = [json.loads(line) for path in sorted((HERE / "second").glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 100 and {row["file"] for row in rows} <= set(TUNING)
    assert all(row["verdict"] in VERDICTS and row["hash"] in verdicts(row["file"]) for row in rows)
    assert len(second_readings()) == len(rows)
    u, f, b = ({"verdict": v} for v in VERDICTS)
    found = agreement([(u, u), (u, u), (f, b), (b, b), (u, f)])  # four of five agree on usable-or-not, three verdicts match
    assert (found["cards"], found["agree"], found["same_verdict"], found["first_usable"], found["second_usable"]) == (5, 0.8, 0.6, 3, 2)
    assert found["kappa"] == round((0.8 - (0.6 * 0.4 + 0.4 * 0.6)) / (1 - 0.48), 3)  # beyond the 0.48 chance would give


def test_the_judged_set_is_large_and_split_in_halves() -> None:
    assert len(TUNING) + len(HELD_OUT) >= 8 and not set(TUNING) & set(HELD_OUT)
    assert sum(len(verdicts(name)) for name in TUNING + HELD_OUT) >= 400


def test_the_judge_table_is_what_the_tuning_halfs_verdicts_say() -> None:
    """prep/notes/judge.toml, which decides what is scheduled, offered or left out, is fitted to the verdicts, not
    written by hand: fitting it again gives the same lines and weights."""
    for name in TUNING:
        _needed(name)
    fitted, table = train(TUNING, judge.STANDARD), judge.model()
    again = "run `python bench/judged.py --write-precision`"
    assert table and set(table["weights"]) == set(fitted["weights"]), again
    for key in ("bias", "schedule_line", "flag_line"):
        assert abs(table[key] - fitted[key]) < 1e-3, again
    assert all(abs(table["weights"][n] - w) < 1e-3 for n, w in fitted["weights"].items()), again
    assert table["dropped"] == fitted["dropped"] and table["kinds"] == fitted["kinds"], again  # kinds not made: measured


def test_a_kind_readers_rarely_keep_is_not_made_and_its_facts_go_to_the_notes_to_write_up() -> None:
    from prep.notes.cards import generate
    from prep.notes.inline import plain

    dropped = set(judge.model()["dropped"])
    assert dropped and not dropped & judge.EXPLICIT
    for name in TUNING[:3]:
        _needed(name)
        text = notes_path(name).read_text(encoding="utf-8")
        made, every = generate(text), generate(text, every_kind=True)
        assert not {d.kind for d in made.drafts} & dropped
        assert {d.kind for d in every.drafts} & dropped, name  # the measure still sees them
        placed = {d.line for d in made.drafts} | {g.line for g in made.gaps} | {r.line for r in made.reading}
        lines, backs = text.splitlines(), " ".join(plain(d.back) for d in made.drafts)
        item = [plain(re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)).strip()[:40] for line in lines]  # without its bullet
        on_a_card = {n for n in range(1, len(lines) + 1) if item[n - 1] and item[n - 1] in backs}  # an answer's part
        # (a family card asks which branch a heading sits in: a heading's place, no fact of its own to lose)
        lost = {d.line for d in every.drafts if d.kind in dropped and d.kind != "family"} - placed - on_a_card
        assert not lost, f"{name}: facts of lines {sorted(lost)[:5]} neither carded nor listed to write up"


@pytest.mark.parametrize("name", [*HELD_OUT, BUILTIN])
def test_every_scheduled_card_is_judged_and_the_scheduled_cards_meet_the_standard(name: str) -> None:
    _needed(name)
    found = figures(name)
    assert not found.unjudged_scheduled, f"{len(found.unjudged_scheduled)} scheduled cards of {name} were never read: {TO_READ}"
    standard = 0.95 if name == BUILTIN else judge.STANDARD
    if found.scheduled:
        assert found.precision is not None and found.precision >= standard, found.as_json()


def test_the_built_in_deck_covers_every_key_fact_with_scheduled_cards() -> None:
    found = figures(BUILTIN)
    assert found.scheduled >= 150 and found.recall is not None and found.recall >= 0.95, found.as_json()
