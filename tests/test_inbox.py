"""The inbox: what the generator is not sure of is offered, never scheduled on its own (issue 18, item 1)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from prep.errors import PrepError
from prep.notes import judge
from prep.notes.cards import generate
from prep.service import PrepService
from prep.settings.config import Config
from tests.conftest import ROOT, write
from tests.pg import query

pytestmark = pytest.mark.both_engines

# One card written as a card (`::`), the rest prose that the recognizers read; no kind of these reaches the standard.
NOTES = """\
# Models

- [v] BERT
  architecture: encoder-only, google 2018
  objective: masked language modelling
- [v] GPT-2
  architecture: decoder only, trained on WebText
  attention: left to right only

What does BLEU measure? :: n-gram precision against reference translations
"""



@pytest.fixture
def config() -> Config:
    return Config(enable_fuzzing=False, bury_siblings=False)  # the default: what prep is not sure of waits in the inbox


def _notes(tmp_path: Path, text: str = NOTES) -> Path:
    return write(tmp_path / "notes" / "ml.md", text)


def _shown(service: PrepService, now: datetime) -> list:
    """Every card today's queue shows, each answered Easy to get to the next."""
    seen = []
    while (card := service.next_card(now)) is not None:
        seen.append(card)
        service.answer(card.id, 4, now, 1000)
    return seen


def test_only_what_the_generator_is_sure_of_is_scheduled(service: PrepService, tmp_path: Path, now: datetime) -> None:
    drafts = generate(NOTES).drafts
    unsure = [d for d in drafts if not d.sure]
    assert unsure and all(d.kind not in judge.EXPLICIT for d in unsure)
    report = service.import_paths([_notes(tmp_path)], now)
    assert report.counts.added == 1 and report.counts.suggested == len(unsure)
    assert [card.front for card in _shown(service, now)] == ["What does BLEU measure?"]
    offered = service.inbox()
    assert sorted(o.front for o in offered) == sorted(d.front for d in unsure)
    assert all(o.source_file.endswith("ml.md") and o.source_line >= 1 and o.path.startswith("Models") for o in offered)
    assert service.inbox_count() == service.inbox_count("ml") == len(unsure) and service.inbox_count("other") == 0


def test_an_accepted_suggestion_is_a_card_that_keeps_its_identity_and_text(service: PrepService, tmp_path: Path,
                                                                           now: datetime, database) -> None:
    notes = _notes(tmp_path)
    service.import_paths([notes], now)
    first = service.inbox()[0]
    card_id = service.accept_suggestion(first.id[:6], now, front="Who made BERT, and when?", back="Google, 2018")
    assert first.id not in [o.id for o in service.inbox()]
    assert card_id in [card.id for card in _shown(service, now)]  # in today's queue, as a new card
    service.import_paths([notes], now + timedelta(days=1))  # again, unchanged
    service.import_paths([write(notes, NOTES + "\n- [v] T5\n  encoder-decoder, text to text\n")], now + timedelta(days=2))
    rows = query(database, f"SELECT front, back, retired_at FROM cards WHERE id = '{card_id}'")
    assert rows == [("Who made BERT, and when?", "Google, 2018", None)]
    assert first.front not in [o.front for o in service.inbox()]  # taken: never offered again


def test_a_dropped_suggestion_is_not_offered_again_and_one_whose_draft_left_goes(service: PrepService, tmp_path: Path,
                                                                                  now: datetime) -> None:
    notes = _notes(tmp_path)
    service.import_paths([notes], now)
    dropped = service.inbox()[0]
    service.drop_suggestion(dropped.id, now)
    service.import_paths([notes], now)
    assert dropped.id not in [o.id for o in service.inbox()]
    service.import_paths([write(notes, NOTES.replace("- [v] GPT-2\n  architecture: decoder only, trained on WebText\n", ""))], now)
    assert not any("GPT-2" in o.path for o in service.inbox())
    with pytest.raises(PrepError, match="no suggestion"):
        service.accept_suggestion(dropped.id, now)


def test_inbox_ids_refuse_a_prefix_too_short_or_shared_and_empty_text(service: PrepService, tmp_path: Path, now: datetime) -> None:
    service.import_paths([_notes(tmp_path)], now)
    first = service.inbox()[0]
    with pytest.raises(PrepError, match="at least the first 4"):
        service.accept_suggestion(first.id[:2], now)
    with pytest.raises(PrepError, match="neither may be empty"):
        service.accept_suggestion(first.id, now, front="  ")
    assert first.id in [o.id for o in service.inbox()]  # nothing was taken


def test_a_card_already_studied_stays_a_card_when_its_kind_is_only_suggested_now(service: PrepService, tmp_path: Path,
                                                                                  now: datetime, monkeypatch: pytest.MonkeyPatch,
                                                                                  database) -> None:
    notes = _notes(tmp_path)
    monkeypatch.setattr(judge, "sure", lambda *_: True)  # an older prep scheduled every kind
    monkeypatch.setattr(judge, "may_schedule", lambda *_: True)
    service.import_paths([notes], now)
    studied = service.next_card(now)
    service.answer(studied.id, 3, now, 1000)
    never = {row[0] for row in query(database, "SELECT id FROM cards WHERE reps = 0 AND kind != 'qa'")}
    monkeypatch.undo()
    counts = service.import_paths([notes], now + timedelta(days=1)).counts
    active = {row[0] for row in query(database, "SELECT id FROM cards WHERE retired_at IS NULL")}
    assert studied.id in active  # its history goes on
    assert not never & active and counts.retired == len(never)  # unstudied ones wait in the inbox instead
    assert counts.suggested == len(never)


def test_dry_run_json_is_one_object_with_every_list_and_its_sources(tmp_path: Path) -> None:
    notes = _notes(tmp_path)
    done = subprocess.run([sys.executable, "-m", "prep", "import", "--dry-run", "--json", str(notes)], capture_output=True,
                          text=True, cwd=ROOT, timeout=60, check=True)
    data = json.loads(done.stdout)
    (entry,) = data["files"]
    assert entry["deck"] == "ml" and [c["front"] for c in entry["scheduled"]] == ["What does BLEU measure?"]
    assert entry["suggested"] and all(c["source"].startswith(f"{notes.resolve()}:") for c in entry["scheduled"] + entry["suggested"])
    assert {"to_write_up", "reading"} <= set(entry)


def test_the_inbox_command_lists_accepts_and_drops(tmp_path: Path) -> None:
    env_db = str(tmp_path / "p.sqlite3")
    notes = _notes(tmp_path)

    def prep(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "prep", "--db", env_db, *args], capture_output=True, text=True, cwd=ROOT,
                              timeout=120)

    imported = prep("import", str(notes))
    assert imported.returncode == 0 and "suggested" in imported.stdout
    listed = json.loads(prep("inbox", "--json").stdout)
    assert listed and {"id", "front", "back", "source"} <= set(listed[0])
    assert prep("inbox", "accept", listed[0]["id"][:8]).returncode == 0
    assert prep("inbox", "drop", listed[1]["id"]).returncode == 0
    missing = prep("inbox", "drop", "ffffffff")
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "prep inbox" in missing.stderr
    assert len(json.loads(prep("inbox", "--json").stdout)) == len(listed) - 2


# A fact stated in prose that no question form fits: the learner writes its question in the inbox.
PROSE_FACT = "The curse of dimensionality makes nearest neighbours almost equidistant in high dimensions."


@pytest.mark.both_engines  # the counts group by a boolean, which SQLite returns as 0 and 1
def test_a_fact_with_no_question_waits_in_the_inbox_for_the_learner_to_write_one(service: PrepService, tmp_path: Path,
                                                                                 now: datetime) -> None:
    notes = _notes(tmp_path, NOTES + f"\n## Neighbours\n\n{PROSE_FACT}\n")
    gaps = [g for g in generate(notes.read_text(encoding="utf-8")).gaps if g.text]
    assert [g.text for g in gaps] == [PROSE_FACT]  # the import's "notes to write up" name it too
    report = service.import_paths([notes], now)
    writes = [o for o in service.inbox() if o.to_write]
    assert [(w.front, w.back, w.path) for w in writes] == [("", PROSE_FACT, "Models › Neighbours")]
    assert report.counts.suggested == service.inbox_count() == len(service.inbox()) - 1  # not counted as a suggestion
    assert service.inbox_count(to_write=True) == 1 and writes[0].doubt() is None
    assert service.inbox_counts() == service.inbox_counts("ml") == (report.counts.suggested, 1) and service.inbox_counts("other") == (0, 0)
    assert service.inbox()[-1].to_write  # after the file's suggestions
    with pytest.raises(PrepError, match="write its question first"):
        service.accept_suggestion(writes[0].id, now)  # no card without a question
    card = service.accept_suggestion(writes[0].id, now, front="What happens to nearest neighbours in high dimensions?")
    service.import_paths([notes], now + timedelta(minutes=1))
    assert not any(o.to_write for o in service.inbox())  # written: not offered again on the next import
    assert card in {c.id for c in _shown(service, now + timedelta(minutes=2))}
    other = "Distances between random points concentrate around their mean as the number of dimensions grows."
    service.import_paths([write(notes, NOTES + f"\n## Neighbours\n\n{other}\n")], now + timedelta(minutes=3))
    assert [o.back for o in service.inbox() if o.to_write] == [other]  # the notes' facts now, no other


def test_a_list_of_topics_is_no_fact_to_write_a_question_for() -> None:
    """"номенклатура моделей, преимущества и недостатки, лоссы, метрики" says what the notes will cover: still a note to
    write up (the import lists it), never an inbox item that asks for a question."""
    topics = "номенклатура текущих моделей, преимущества и недостатки, особенности обучения\nлоссы, метрики\n"
    deck = generate(topics + "\n# Neighbours\n\nTypes of gates\n\nГрадиентный спуск делает шаг против градиента функции потерь.\n")
    assert {g.line: bool(g.text) for g in deck.gaps if "no question" in g.reason} == {1: False, 6: False, 8: True}
