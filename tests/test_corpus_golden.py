"""Golden cards: for each notes file of the corpus, the cards a strong learner would write by hand.

tests/corpus/golden/<file-stem>.toml holds, per fact, the source line and what the card must say:

    [[card]]
    line = 42                          # the fact's source line (1-based)
    front_has = ["KV cache"]           # on the front (case-insensitive, after Markdown is stripped)
    back_has = ["keys", "values"]      # on the back
    front_lacks = ["keys and values"]  # optional: never on the front (the answer leaking)
    note = "definition"                # optional: the shape of the fact

An entry is met when some generated card whose source line is within ±2 of `line` satisfies all three lists
and breaks no lint rule (prep/notes/lint.py; whether it is scheduled is the judge's call): "**BERT** — что важно знать?" with five bullets behind it holds
"2018" on its back, but it is not the card a strong learner writes.
Why ±2: a fact's card is fairly attributed to the first line of its paragraph, to the question above it (a
Q&A card's answer sits a line or two below its question) or to a wrapped continuation line; further than two
lines away is a neighbouring fact, and the phrases pin the fact anyway. Phrases match with and without
whitespace, so `1 - P(A)` and `1-P(A)` are one answer.

The built-in deck is always checked. The other people's notes live outside the repository (their licences
and origin are in tests/corpus/SOURCES.md): in `$PREP_CORPUS`, in tests/corpus/notes/ (ignored by git), or in
`shared/corpus/` beside the checkout. Without them those files are skipped, saying where to put them.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest

from prep.notes.cards import generate
from prep.notes.lint import plain, rule_faults
from tests.conftest import DECK, PROSE, ROOT

GOLDEN = ROOT / "tests" / "corpus" / "golden"
SOURCES = ROOT / "tests" / "corpus" / "SOURCES.md"
WINDOW = 2
MIN_ENTRIES = 10
KEYS = {"line", "front_has", "back_has", "front_lacks", "note"}


def corpus_dir() -> Path | None:
    candidates = [Path(os.environ["PREP_CORPUS"])] if os.environ.get("PREP_CORPUS") else []
    candidates.append(ROOT / "tests" / "corpus" / "notes")
    candidates += [parent / "shared" / "corpus" for parent in ROOT.parents]
    return next((c for c in candidates if c.is_dir() and any(c.glob("*.md"))), None)


def source_of(stem: str) -> Path | None:
    if stem == DECK.stem:
        return PROSE  # the built-in deck's notes as prose: the deck itself now spells its cards out
    where = corpus_dir()
    path = where / f"{stem}.md" if where else None
    return path if path and path.exists() else None


def needed(stem: str) -> Path:
    """The notes file of `stem`: the corpus is part of every run, so a missing file fails the test, saying where to
    put it (PREP_CORPUS=skip skips these tests instead, for a machine without the corpus, never in CI)."""
    source = source_of(stem)
    if source is None:
        where = "put the corpus (tests/corpus/SOURCES.md) in ../shared/corpus/ beside the checkout, tests/corpus/notes/ or $PREP_CORPUS"
        if os.environ.get("PREP_CORPUS") == "skip":
            pytest.skip(f"{stem}.md is not here: {where}")
        pytest.fail(f"{stem}.md is not here: {where}; or set PREP_CORPUS=skip to skip the corpus on this machine")
    return source


def golden_stems() -> list[str]:
    return sorted(p.stem for p in GOLDEN.glob("*.toml"))


def entries(stem: str) -> list[dict]:
    return tomllib.loads((GOLDEN / f"{stem}.toml").read_text(encoding="utf-8"))["card"]


def _norm(text: str) -> str:
    return plain(text).lower()


def contains(text: str, phrase: str) -> bool:
    phrase = phrase.lower()
    return phrase in text or re.sub(r"\s+", "", phrase) in re.sub(r"\s+", "", text)


def meets(entry: dict, front: str, back: str) -> bool:
    front, back = _norm(front), _norm(back)
    return (all(contains(front, p) for p in entry["front_has"]) and all(contains(back, p) for p in entry["back_has"])
            and not any(contains(front, p) for p in entry.get("front_lacks", [])))


def misses(stem: str, source: Path) -> list[str]:
    deck = generate(source.read_text(encoding="utf-8"))
    out = []
    for entry in entries(stem):
        near = [d for d in deck.drafts if abs(d.line - entry["line"]) <= WINDOW]
        if not any(meets(entry, d.front, d.back) and not rule_faults(d) for d in near):
            seen = "; ".join(f"{d.line}: {plain(d.front)[:60]!r} → {plain(d.back)[:40]!r}" for d in near[:3]) or "no card"
            out.append(f"{source.name}:{entry['line']} ({entry.get('note', '')}) front {entry['front_has']} "
                       f"back {entry['back_has']} — near it: {seen}")
    return out


# ---- the golden files themselves (no generator involved) ------------------------------


def test_every_corpus_file_has_golden_cards_and_a_source_line() -> None:
    stems = golden_stems()
    sources = SOURCES.read_text(encoding="utf-8")
    assert DECK.stem in stems
    corpus = [s for s in stems if s != DECK.stem]
    assert len(corpus) >= 6, "the corpus needs at least six notes files besides the built-in deck"
    for stem in corpus:
        assert f"`{stem}.md`" in sources, f"{stem}.md has golden cards but no entry in SOURCES.md"
    authors = set(re.findall(r"^\| `[^`]+\.md` \| [^|]+ \| [^|]+ \| [^|]+ \| ([^|]+) \|", sources, re.MULTILINE))
    assert len(authors) >= 4, authors


@pytest.mark.parametrize("stem", golden_stems())
def test_golden_entries_are_well_formed(stem: str) -> None:
    cards = entries(stem)
    assert len(cards) >= MIN_ENTRIES, f"{stem}: {len(cards)} golden cards, at least {MIN_ENTRIES} wanted"
    for entry in cards:
        assert set(entry) <= KEYS and {"line", "front_has", "back_has"} <= set(entry), entry
        assert isinstance(entry["line"], int) and entry["line"] >= 1
        for key in ("front_has", "back_has", "front_lacks"):
            assert all(isinstance(p, str) and p.strip() for p in entry.get(key, [])), entry
        assert entry["front_has"] and entry["back_has"], entry


@pytest.mark.parametrize("stem", golden_stems())
def test_golden_entries_point_at_their_facts(stem: str) -> None:
    """Each entry's line exists, is not blank, and its phrases are written around it (a guard on the golden file)."""
    source = needed(stem)
    lines = source.read_text(encoding="utf-8").splitlines()
    for entry in entries(stem):
        number = entry["line"]
        assert number <= len(lines) and lines[number - 1].strip(), f"{stem}:{number} is blank or past the end"
        around = "\n".join(lines[max(0, number - 1 - WINDOW): number + 4 + WINDOW]).lower()
        phrases = entry["front_has"] + entry["back_has"]
        assert any(contains(around, p) or p.lower() in "∑∏√≤⊂∪∩α" for p in phrases), f"{stem}:{number}: {phrases}"


def test_matching_rules() -> None:
    entry = {"line": 1, "front_has": ["KV cache"], "back_has": ["keys", "1 - p(a)"], "front_lacks": ["keys and values"]}
    assert meets(entry, "What does the **KV cache** hold?", "- keys\n- values; 1-P(A)")
    assert not meets(entry, "What does the KV cache hold: keys and values?", "keys, 1 - P(A)")
    assert not meets(entry, "What does the cache hold?", "keys, 1 - P(A)")
    assert not meets(entry, "What does the KV cache hold?", "values, 1 - P(A)")


# ---- the generator against the golden cards ------------------------------------------------


# What the generator meets today, per file: a ratchet, raised as card generation learns more forms. The golden
# cards are what a strong learner writes by hand; some need what no rule here can do yet (a pronoun resolved to
# its model, an answer paraphrased), so the floor is below all of them. `bench/cards_lint.py` prints the share.
# The prose notes of the built-in deck fell from 16 to 9 when number clozes and which-model cues stopped being made
# (readers of the judged set's tuning half kept 7% and 3% of them, prep.notes.judge.OFFER_FLOOR): the golden cards
# they met there (a model's year, size, masking) go to the notes to write up. The d2l chapter fell from 3 to 1 when
# a "write the code" prompt had to name a task (its plotting helper under a bare heading was judged not worth a card)
# and a formula cloze stopped hiding an aside: where the golden cards and the judged verdicts disagree, the verdicts win.
FLOOR = {"nlp-interview-notes.ru": 9, "d2l-queries-keys-values.en": 1, "dsi-technical.en": 6, "dsi-theory.en": 5,
         "hexlet-data-analytics.ru": 6, "iamtodor-ds-qa.en": 6, "stem-means.ru": 8, "stem-probability.en": 4,
         "stem-sql-questions.ru": 6}


@pytest.mark.parametrize("stem", golden_stems())
def test_generated_cards_meet_the_golden_cards(stem: str) -> None:
    source = needed(stem)
    missing = misses(stem, source)
    met = len(entries(stem)) - len(missing)
    assert met >= FLOOR.get(stem, len(entries(stem))), (
        f"{met} of {len(entries(stem))} golden cards met, below the floor of {FLOOR.get(stem)}; missing:\n" + "\n".join(missing))
