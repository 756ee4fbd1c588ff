"""Re-importing edited notes keeps each card's identity and history (on a real SQLite file)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from prep.errors import PrepError
from tests.conftest import write

NOTES = """\
# Models

## Encoder

- [v] BERT
  architecture: encoder-only, google 2018
  objective: masked language modelling
  pretraining: plus next sentence prediction
- [v] RoBERTa
  masking: dynamic, with more data
  pretraining: without next sentence prediction
- [v] ALBERT
  weights: shared across layers
  embeddings: factorized into two matrices

## Decoder

- [v] GPT-2
  architecture: decoder only, trained on WebText
  attention: left to right only
- [v] XLNet
  objective: permutation language modelling
  formula `P = prod(p(x_z_t | x_z_<t))`
  memory: recurrence from Transformer-XL

## Facts

What does FSRS stand for? :: Free Spaced Repetition Scheduler
Attention costs {{O(T^2 d)}} in the sequence length.
"""


def cards(service) -> dict[str, dict]:
    return {c["id"]: c for c in service.export_cards()}


def active(service) -> dict[str, dict]:
    return {k: v for k, v in cards(service).items() if not v["retired"]}


def test_reimport_of_unchanged_notes_changes_nothing(service, tmp_path: Path, now) -> None:
    notes = write(tmp_path / "notes" / "ml.md", NOTES)
    first = service.import_paths([notes], now)
    before = cards(service)
    again = service.import_paths([notes], now + timedelta(days=1))
    assert first.counts.added == len(before) > 10
    assert (again.counts.added, again.counts.updated, again.counts.retired) == (0, 0, 0)
    assert again.counts.unchanged == len(before)
    assert cards(service) == before


def _review_all(service, now) -> None:
    while (card := service.next_card(now)) is not None:
        service.answer(card.id, 3, now)


def test_editing_a_fact_updates_its_card_in_place(service, tmp_path: Path, now) -> None:
    notes = write(tmp_path / "ml.md", NOTES)
    service.import_paths([notes], now)
    _review_all(service, now)
    before = active(service)
    write(notes, NOTES.replace("shared across layers", "shared across all its layers")
          .replace("Free Spaced Repetition Scheduler", "the Free Spaced Repetition Scheduler"))
    report = service.import_paths([notes], now)
    after = active(service)
    assert set(after) == set(before), "ids must survive an edit"
    assert report.counts.added == 0 and report.counts.retired == 0 and report.counts.updated >= 2
    changed = [i for i in after if after[i]["back"] != before[i]["back"] or after[i]["front"] != before[i]["front"]]
    assert changed and all(after[i]["reviews"] == before[i]["reviews"] > 0 for i in changed)


def test_inserting_and_reordering_facts_leaves_other_cards_alone(service, tmp_path: Path, now) -> None:
    notes = write(tmp_path / "ml.md", NOTES)
    service.import_paths([notes], now)
    before = active(service)
    reordered = NOTES.replace(
        "- [v] GPT-2\n  architecture: decoder only, trained on WebText\n  attention: left to right only\n- [v] XLNet\n  objective: permutation language modelling\n  formula `P = prod(p(x_z_t | x_z_<t))`\n  memory: recurrence from Transformer-XL\n",
        "- [v] XLNet\n  objective: permutation language modelling\n  formula `P = prod(p(x_z_t | x_z_<t))`\n  memory: recurrence from Transformer-XL\n- [v] OPT\n  release: Meta's open GPT-3 replica\n  architecture: a decoder of BART's design\n- [v] GPT-2\n  architecture: decoder only, trained on WebText\n  attention: left to right only\n",
    ).replace(
        "What does FSRS stand for? :: Free Spaced Repetition Scheduler\nAttention costs {{O(T^2 d)}} in the sequence length.\n",
        "Attention costs {{O(T^2 d)}} in the sequence length.\nWho wrote FSRS? :: Jarrett Ye\nWhat does FSRS stand for? :: Free Spaced Repetition Scheduler\n",
    )
    write(notes, reordered)
    report = service.import_paths([notes], now)
    after = active(service)
    assert report.counts.retired == 0 and report.counts.updated == 0
    assert set(before) < set(after)
    for identity, card in before.items():
        assert (after[identity]["front"], after[identity]["back"]) == (card["front"], card["back"])
    added = [after[i] for i in set(after) - set(before)]
    assert {c["kind"] for c in added} >= {"attribute", "qa"}
    assert any("OPT" in c["front"] for c in added)


def test_deleted_notes_retire_cards_and_keep_history(service, tmp_path: Path, now) -> None:
    notes = write(tmp_path / "ml.md", NOTES)
    service.import_paths([notes], now)
    _review_all(service, now)
    albert = {i: c for i, c in active(service).items() if "ALBERT" in c["path"]}
    assert albert
    write(notes, NOTES.replace("- [v] ALBERT\n  weights: shared across layers\n  embeddings: factorized into two matrices\n", ""))
    report = service.import_paths([notes], now)
    assert report.counts.retired == len(albert)
    everything = cards(service)
    for identity, card in albert.items():
        assert everything[identity]["retired"] and everything[identity]["reviews"] == card["reviews"] > 0
    shown = set()
    while (card := service.next_card(now + timedelta(days=400))) is not None and card.id not in shown:
        shown.add(card.id)
        service.answer(card.id, 4, now + timedelta(days=400))
    assert not shown & set(albert), "retired cards are never shown"
    write(notes, NOTES)
    revived = service.import_paths([notes], now)
    assert revived.counts.updated == len(albert) and revived.counts.added == 0
    assert all(not cards(service)[i]["retired"] for i in albert)


def test_a_bad_file_stops_the_import_before_anything_is_written(service, tmp_path: Path, now) -> None:
    good = write(tmp_path / "notes" / "a.md", NOTES)
    service.import_paths([good.parent], now)
    before = cards(service)
    write(good, "# Changed\n- [v] X\n  y\n")
    bad = tmp_path / "notes" / "b.md"
    bad.write_bytes("# ok\nline two\nbad \xff byte".encode("utf-8").replace("\xc3\xbf".encode("latin-1"), b"\xff"))
    with pytest.raises(PrepError, match=r"b\.md:3: not UTF-8"):
        service.import_paths([good.parent], now)
    assert cards(service) == before


def test_missing_path_is_named(service, tmp_path: Path, now) -> None:
    with pytest.raises(PrepError, match="nope.md: no such file"):
        service.import_paths([tmp_path / "nope.md"], now)


def test_folder_import_names_decks_by_relative_path(service, tmp_path: Path, now) -> None:
    write(tmp_path / "n" / "ml" / "attention.md", "# A\nsoftmax — exp over the sum of exps\n")
    write(tmp_path / "n" / "stats.markdown", "# S\nvariance — the mean squared deviation\n")
    write(tmp_path / "n" / "readme.txt", "not notes")
    report = service.import_paths([tmp_path / "n"], now)
    assert {c["deck"] for c in cards(service).values()} == {"ml/attention", "stats"}
    assert len(report.files) == 2


def test_builtin_deck_sync_is_skipped_when_unchanged(service, tmp_path: Path, now) -> None:
    decks = tmp_path / "decks"
    write(decks / "d.md", NOTES)
    assert service.sync_builtin(now, decks) is None  # offered, not imposed: nothing until it is added
    assert service.add_builtin(now, decks).counts.added > 0
    assert service.sync_builtin(now, decks) is None
    write(decks / "d.md", NOTES + "\n## More\n- [v] T5\n  objective: text-to-text span corruption\n")
    changed = service.sync_builtin(now, decks)
    assert changed.counts.added >= 1 and changed.counts.retired == 0


def test_the_shipped_deck_is_found_and_imports(service, now) -> None:
    report = service.add_builtin(now)
    assert report.counts.added >= 100
    assert service.today(now).new == service.config.new_per_day


def test_one_fact_one_card_each_edit_touches_only_its_cards(service, tmp_path: Path, now) -> None:
    notes = write(tmp_path / "ml.md", NOTES)
    service.import_paths([notes], now)
    before = active(service)
    edited = NOTES.replace("  pretraining: without next sentence prediction\n", "  pretraining: without next sentence prediction\n  data: 160GB of text\n")
    edited = edited.replace("  pretraining: plus next sentence prediction\n", "")  # BERT loses a fact
    write(notes, edited)
    report = service.import_paths([notes], now)
    after = active(service)
    assert (report.counts.added, report.counts.retired, report.counts.updated) == (1, 1, 0)
    new = [after[i] for i in set(after) - set(before)]
    assert new[0]["back"].startswith("160GB") and "RoBERTa" in new[0]["front"]
    gone = [before[i] for i in set(before) - set(after)]
    assert gone[0]["front"] == "**BERT** · pretraining?"


def test_renamed_heading_and_moved_fact_keep_their_history(service, tmp_path: Path, now) -> None:
    notes = write(tmp_path / "ml.md", NOTES)
    service.import_paths([notes], now)
    _review_all(service, now)
    before = active(service)
    renamed = NOTES.replace("## Encoder\n", "## Encoder-only models\n").replace(
        "- [v] GPT-2\n  architecture: decoder only, trained on WebText\n", "- [v] GPT-2\n  architecture: decoder only, trained on WebText\n  memory: recurrence from Transformer-XL\n"
    ).replace("  formula `P = prod(p(x_z_t | x_z_<t))`\n  memory: recurrence from Transformer-XL\n", "  formula `P = prod(p(x_z_t | x_z_<t))`\n")
    write(notes, renamed)
    report = service.import_paths([notes], now)
    after = active(service)
    assert report.counts.moved >= 3, report.counts  # the three encoder models' cards moved with their heading
    assert report.counts.added <= 1 and report.counts.retired <= 1  # only the moved fact, asked of another model
    kept = set(before) & set(after)
    assert all(after[i]["reviews"] == before[i]["reviews"] > 0 for i in kept)
    bert = [c for c in after.values() if c["front"] == "**BERT** · objective?"]
    assert bert and bert[0]["id"] in before and "Encoder-only models" in bert[0]["path"]
