"""The judged set (tests/judged/): cards read by a person against RUBRIC.md, and what the generator makes of the same notes.

The notes are other people's work and stay outside the repository (`../shared/corpus/judged/`, or `$PREP_CORPUS/judged`);
here are only the verdicts, each naming a card by file, line and a hash of its text, and the key facts a reader marked.
Half the files tune the generator (TUNING), the other half only report (HELD_OUT): nobody changes the generator by
reading those.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TUNING = ("aishwaryanr-ai-engineer-qa.en.md", "mbadry-sequence-models-outline.en.md", "cs230-rnn-cheatsheet.ru.md",
          "nanoneuron-tutorial.ru.md", "hf-course-ch1-quiz.ru.md")
HELD_OUT = ("cs324-modeling.en.md", "devcheatsheets-deep-learning.en.md", "promptguide-examples.ru.md", "shufinskiy-knn.ru.md")
BUILTIN = "nlp-interview-notes.ru.md"
VERDICTS = ("usable", "fixable", "bad")


def card_hash(front: str, back: str) -> str:
    """What names a card in a verdict: its text, so a card whose text changes is a new card to judge. The inbox names
    a suggestion by the same hash (prep.store.inbox.draft_hash), so a verdict and a suggestion name one card alike."""
    from prep.store.inbox import draft_hash

    return draft_hash(front, back)


def notes_dir() -> Path | None:
    """Where the judged notes are: $PREP_CORPUS/judged, else shared/corpus/judged beside the checkout."""
    candidates = [Path(os.environ["PREP_CORPUS"]) / "judged"] if os.environ.get("PREP_CORPUS") else []
    candidates += [parent / "shared" / "corpus" / "judged" for parent in ROOT.parents]
    return next((c for c in candidates if c.is_dir() and any(c.glob("*.md"))), None)


def notes_path(name: str) -> Path | None:
    if name == BUILTIN:
        return ROOT / "decks" / BUILTIN
    where = notes_dir()
    return where / name if where and (where / name).exists() else None


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()] if path.exists() else []


def verdicts(name: str) -> dict[str, dict]:
    """Card hash → its verdict (the newest line wins, so a card judged again is judged by its last reading)."""
    return {row["hash"]: row for row in _rows(HERE / "verdicts" / f"{name}.jsonl")}


def key_facts(name: str) -> list[dict]:
    return _rows(HERE / "keyfacts" / f"{name}.jsonl")


@dataclass
class Card:
    file: str
    line: int
    hash: str
    kind: str
    path: str
    front: str
    back: str
    sure: bool  # scheduled (else a suggestion in the inbox)

    def as_json(self) -> dict:
        return {"file": self.file, "line": self.line, "hash": self.hash, "kind": self.kind, "path": self.path,
                "front": self.front, "back": self.back, "scheduled": self.sure}


def cards_of(name: str) -> list[Card]:
    """Every card the generator makes of a judged file, scheduled and suggested."""
    from prep.notes.cards import generate

    path = notes_path(name)
    if path is None:
        raise FileNotFoundError(f"{name}: the judged notes are not here; put shared/corpus/ beside the checkout or set $PREP_CORPUS")
    deck = generate(path.read_text(encoding="utf-8"))
    return [Card(name, d.line, card_hash(d.front, d.back), d.kind, " › ".join(d.path), d.front, d.back, d.sure)
            for d in deck.drafts]


@dataclass
class Figures:
    """What the judgement says of one file's cards as the generator makes them now."""

    file: str
    scheduled: int = 0
    suggested: int = 0
    scheduled_verdicts: Counter = field(default_factory=Counter)
    suggested_verdicts: Counter = field(default_factory=Counter)
    unjudged_scheduled: list[Card] = field(default_factory=list)
    unjudged_suggested: list[Card] = field(default_factory=list)
    key_facts: int = 0
    key_covered: int = 0
    lint: Counter = field(default_factory=Counter)  # (verdict is usable, flagged) → cards

    @property
    def precision(self) -> float | None:
        judged = sum(self.scheduled_verdicts.values())
        return self.scheduled_verdicts["usable"] / judged if judged else None

    @property
    def recall(self) -> float | None:
        return self.key_covered / self.key_facts if self.key_facts else None

    def as_json(self) -> dict:
        return {"file": self.file, "scheduled": self.scheduled, "suggested": self.suggested,
                "scheduled_verdicts": dict(self.scheduled_verdicts), "suggested_verdicts": dict(self.suggested_verdicts),
                "unjudged_scheduled": len(self.unjudged_scheduled), "unjudged_suggested": len(self.unjudged_suggested),
                "precision": self.precision, "key_facts": self.key_facts, "key_covered": self.key_covered, "recall": self.recall,
                "lint": {f"{'usable' if u else 'not usable'} {'flagged' if f else 'clean'}": n for (u, f), n in self.lint.items()}}


def figures(name: str) -> Figures:
    from prep.notes.lint import lint
    from prep.notes.model import Draft

    found = Figures(name)
    judged = verdicts(name)
    cards = cards_of(name)
    covered_lines: set[int] = set()
    for card in cards:
        verdict = judged.get(card.hash)
        if card.sure:
            found.scheduled += 1
        else:
            found.suggested += 1
        if verdict is None:
            (found.unjudged_scheduled if card.sure else found.unjudged_suggested).append(card)
            covered_lines.add(card.line)  # not judged yet: counted as covering until a reader says otherwise
            continue
        (found.scheduled_verdicts if card.sure else found.suggested_verdicts)[verdict["verdict"]] += 1
        if verdict["verdict"] != "bad":
            covered_lines.add(card.line)
        flagged = bool(lint(Draft(card.kind, tuple(card.path.split(" › ")), 0, card.front, card.back, card.line)))
        found.lint[(verdict["verdict"] == "usable", flagged)] += 1
    facts = key_facts(name)
    found.key_facts = len(facts)
    found.key_covered = sum(any(f["first"] <= line <= f["last"] for line in covered_lines) for f in facts)
    return found


def precision_by_kind(files: tuple[str, ...] = TUNING) -> dict[str, tuple[int, int]]:
    """Kind of card → (usable, judged) over the files' judged cards, whatever the gate decides for them now."""
    counts: dict[str, list[int]] = {}
    for name in files:
        judged = verdicts(name)
        for card in cards_of(name):
            verdict = judged.get(card.hash)
            if verdict is not None:
                pair = counts.setdefault(card.kind, [0, 0])
                pair[0] += verdict["verdict"] == "usable"
                pair[1] += 1
    return {kind: (usable, total) for kind, (usable, total) in sorted(counts.items())}
