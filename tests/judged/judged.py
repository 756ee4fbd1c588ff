"""The judged set (tests/judged/): cards read by a person against RUBRIC.md, and what the generator makes of the same notes.

The notes are other people's work and stay outside the repository (`../shared/corpus/judged/`, or `$PREP_CORPUS/judged`);
here are only the verdicts, each naming a card by file, line and a hash of its text, and the key facts a reader marked.
Half the files tune the generator (TUNING), the other half only report (HELD_OUT): nobody changes the generator by
reading those.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# The tuning half: five of the judged files, and the eight of the suite's corpus (tests/corpus/SOURCES.md), which the
# generator was already shaped on before the judged set existed.
TUNING = ("aishwaryanr-ai-engineer-qa.en.md", "mbadry-sequence-models-outline.en.md", "cs230-rnn-cheatsheet.ru.md",
          "nanoneuron-tutorial.ru.md", "hf-course-ch1-quiz.ru.md",
          "dsi-theory.en.md", "iamtodor-ds-qa.en.md", "hexlet-data-analytics.ru.md", "d2l-queries-keys-values.en.md",
          "dsi-technical.en.md", "stem-means.ru.md", "stem-probability.en.md", "stem-sql-questions.ru.md")
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
    for folder in (where, where.parent) if where else ():  # the judged files, and the corpus the suite reads beside them
        if (folder / name).exists():
            return folder / name
    return None


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()] if path.exists() else []


def verdicts(name: str) -> dict[str, dict]:
    """Card hash → its verdict (the newest line wins, so a card judged again is judged by its last reading)."""
    return {row["hash"]: row for row in _rows(HERE / "verdicts" / f"{name}.jsonl")}


def second_readings() -> list[tuple[dict, dict]]:
    """(first verdict, second verdict) of every card a second reader judged again, alone, from the rubric
    (`second/<notes file>.jsonl`): how far two readers agree bounds how well anything can predict one of them."""
    pairs = []
    for path in sorted((HERE / "second").glob("*.jsonl")):
        first = verdicts(path.name.removesuffix(".jsonl"))
        pairs += [(first[row["hash"]], row) for row in _rows(path) if row["hash"] in first]
    return pairs


def agreement(pairs: list[tuple[dict, dict]]) -> dict:
    """Two readers' agreement on usable or not: the share of cards they agree on, and Cohen's kappa (agreement beyond
    what their rates of "usable" would give by chance)."""
    both = Counter((a["verdict"] == "usable", b["verdict"] == "usable") for a, b in pairs)
    n = sum(both.values())
    if not n:
        return {"cards": 0}
    observed = (both[(True, True)] + both[(False, False)]) / n
    first, second = (both[(True, True)] + both[(True, False)]) / n, (both[(True, True)] + both[(False, True)]) / n
    chance = first * second + (1 - first) * (1 - second)
    kappa = (observed - chance) / (1 - chance) if chance < 1 else 1.0
    same = sum(a["verdict"] == b["verdict"] for a, b in pairs) / n
    return {"cards": n, "agree": round(observed, 3), "kappa": round(kappa, 3), "same_verdict": round(same, 3),
            "first_usable": both[(True, True)] + both[(True, False)], "second_usable": both[(True, True)] + both[(False, True)]}


def key_facts(name: str) -> list[dict]:
    return _rows(HERE / "keyfacts" / f"{name}.jsonl")


@cache
def _note_lines(name: str) -> tuple[str, ...]:
    path = notes_path(name)
    return tuple(path.read_text(encoding="utf-8").splitlines()) if path else ()


def lines_hash(name: str, first: int, last: int) -> str:
    """What names the lines a key fact was marked on (never their text): a fact whose lines changed points elsewhere."""
    import hashlib

    lines = _note_lines(name)[first - 1: last]
    return hashlib.sha256("\n".join(line.strip() for line in lines).encode()).hexdigest()[:12]


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


def cards_of(name: str, every_kind: bool = False) -> list[Card]:
    """Every card the generator makes of a judged file, scheduled and suggested (with `every_kind`, also the kinds it
    does not offer: the judged set measures them to decide which are offered)."""
    from prep.notes.cards import generate

    path = notes_path(name)
    if path is None:
        raise FileNotFoundError(f"{name}: the judged notes are not here; put shared/corpus/ beside the checkout or set $PREP_CORPUS")
    deck = generate(path.read_text(encoding="utf-8"), every_kind=every_kind)
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
    key_on_a_back: int = 0  # not covered by a card of their lines, but written on the back of a card readers kept
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
                "key_on_a_back": self.key_on_a_back,
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
    # A fact inside a long answer is covered by the card of its question's line only if a card sits on the fact's own
    # lines; this second figure counts the facts whose words (three in five) are on the back of a card kept instead.
    kept = [_words(card.back) for card in cards if judged.get(card.hash, {}).get("verdict") in ("usable", "fixable")]
    lines = notes_path(name).read_text(encoding="utf-8").splitlines()
    for fact in facts:
        if any(fact["first"] <= line <= fact["last"] for line in covered_lines):
            continue
        said = _words(" ".join(lines[fact["first"] - 1: fact["last"]]))
        found.key_on_a_back += bool(said) and any(len(said & back) >= 0.6 * len(said) for back in kept)
    return found


def _words(text: str) -> set[str]:
    from prep.notes.inline import plain

    return set(re.findall(r"[^\W\d_]{4,}", plain(text).casefold()))


def verdicts_by_kind(files: tuple[str, ...] = TUNING) -> dict[str, Counter]:
    """Kind of card → its verdicts over the files' judged cards, every kind made, whatever the gate decides now."""
    counts: dict[str, Counter] = {}
    for name in files:
        judged = verdicts(name)
        for card in cards_of(name, every_kind=True):
            verdict = judged.get(card.hash)
            if verdict is not None:
                counts.setdefault(card.kind, Counter())[verdict["verdict"]] += 1
    return dict(sorted(counts.items()))


def dropped_kinds(by_kind: dict[str, Counter]) -> list[str]:
    """Guessed kinds readers found worth a card (usable or fixable) under judge.OFFER_FLOOR of the time."""
    from prep.notes import judge

    return sorted(kind for kind, seen in by_kind.items() if kind not in judge.EXPLICIT and seen.total() >= judge.MIN_CARDS
                  and (seen["usable"] + seen["fixable"]) / seen.total() < judge.OFFER_FLOOR)


# ---- the judge model (prep/notes/judge.py), fitted to the tuning half ----------------------------------------

L2 = 1.0  # ridge on the weights: a signal seen on a few cards moves the chance a little, not to 0 or 1


def judged_signals(files: tuple[str, ...], dropped: tuple[str, ...] = ()) -> list[tuple[str, dict[str, float], bool]]:
    """(file, signals, usable) of every judged guessed card of the files of a kind not dropped."""
    from prep.notes import judge
    from prep.notes.lint import rule_faults

    rows = []
    for name in files:
        judged = verdicts(name)
        for card in cards_of(name, every_kind=True):
            verdict = judged.get(card.hash)
            if verdict is None or card.kind in judge.EXPLICIT or card.kind in dropped:
                continue
            path = tuple(card.path.split(" › ")) if card.path else ()
            codes = tuple(f.code for f in rule_faults(card))
            rows.append((name, judge.signals(card, card.kind, path, codes), verdict["verdict"] == "usable"))
    return rows


def fit(rows: list[tuple[str, dict[str, float], bool]], names: list[str]):
    """Logistic regression by Newton's method with an L2 ridge (not on the bias): (bias, weights by name)."""
    import numpy as np

    x = np.array([[1.0] + [sig.get(n, 0.0) for n in names] for _, sig, _ in rows])
    y = np.array([1.0 if ok else 0.0 for *_, ok in rows])
    w = np.zeros(x.shape[1])
    ridge = np.eye(x.shape[1]) * L2
    ridge[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -40, 40)))
        grad = x.T @ (p - y) + ridge @ w
        hess = (x.T * (p * (1 - p))) @ x + ridge + np.eye(x.shape[1]) * 1e-9
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return float(w[0]), {n: float(v) for n, v in zip(names, w[1:])}


def _chance(bias: float, weights: dict[str, float], sig: dict[str, float]) -> float:
    from prep.notes import judge

    return judge.chance(sig, {"bias": bias, "weights": weights})


def train(files: tuple[str, ...] = TUNING, standard: float = 0.85, usable_flagged: float = 0.08) -> dict:
    """The judge model: weights fitted on every file; the schedule line drawn on out-of-file predictions (each file's
    cards predicted by a model fitted on the other files), so that it holds for notes the model has not seen."""
    by_kind = verdicts_by_kind(files)
    dropped = dropped_kinds(by_kind)
    rows = judged_signals(files, tuple(dropped))
    names = sorted({n for _, sig, _ in rows for n in sig})
    held = []
    for name in files:
        bias, weights = fit([r for r in rows if r[0] != name], names)
        held += [(_chance(bias, weights, sig), ok) for file, sig, ok in rows if file == name]
    held.sort(key=lambda pair: -pair[0])
    schedule_line, kept, usable = 1.01, 0, 0
    for p, ok in held:  # the lowest line above which the out-of-file cards are at least `standard` usable
        kept, usable = kept + 1, usable + ok
        if kept >= 10 and usable >= standard * kept:
            schedule_line = p
    bias, weights = fit(rows, names)
    # The flag line only warns, so it is drawn on the fitted model's own predictions of the tuning cards: at most
    # `usable_flagged` of the usable ones fall below it. The held-out half says how well that carries over.
    goods = sorted(_chance(bias, weights, sig) for _, sig, ok in rows if ok)
    flag_line = goods[int(usable_flagged * len(goods))] if goods else 0.5
    return {"bias": round(bias, 4), "schedule_line": round(schedule_line, 4), "flag_line": round(flag_line, 4),
            "dropped": dropped, "kinds": {k: dict(sorted(v.items())) for k, v in by_kind.items()},
            "weights": {n: round(v, 4) for n, v in weights.items()},
            "cards": len(rows), "usable": sum(ok for *_, ok in rows)}
