"""Card quality on real notes: the share of lint-clean cards and of golden cards met, per notes file.

Targets (issue 8): at least 95% of the built-in deck's cards and 90% of the corpus's cards lint-clean.
`baseline` is the target, so `ratio` ≥ 1 means the target is met. The corpus files other than the built-in
deck are read from where tests/test_corpus_golden.py finds them; without them only the deck is measured.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import emit  # noqa: E402

from prep.notes.cards import generate  # noqa: E402
from prep.notes.lint import lint  # noqa: E402
from tests.test_corpus_golden import entries, golden_stems, misses, source_of  # noqa: E402

DECK_TARGET, CORPUS_TARGET = 95.0, 90.0


def main() -> None:
    pooled_clean = pooled = 0
    for stem in golden_stems():
        source = source_of(stem)
        if source is None:
            print(f"# {stem}.md not found: the corpus lives in shared/corpus/ (see tests/corpus/SOURCES.md)", file=sys.stderr)
            continue
        drafts = generate(source.read_text(encoding="utf-8")).drafts
        faults = [lint(d) for d in drafts]
        clean = sum(not f for f in faults)
        builtin = source.parent.name == "decks"
        if not builtin:
            pooled_clean, pooled = pooled_clean + clean, pooled + len(drafts)
        target = DECK_TARGET if builtin else CORPUS_TARGET
        worst = Counter(f.code for fs in faults for f in fs).most_common(3)
        emit(f"lint_clean:{source.name}", 100 * clean / max(len(drafts), 1), "%", target,
             f">= {target:g}% of {len(drafts)} cards; top faults " + ", ".join(f"{c} {n}" for c, n in worst))
        total = len(entries(stem))
        emit(f"golden_met:{source.name}", 100 * (total - len(misses(stem, source))) / total, "%", 100.0,
             f"all {total} golden cards")
    if pooled:
        emit("lint_clean:corpus", 100 * pooled_clean / pooled, "%", CORPUS_TARGET, f">= {CORPUS_TARGET:g}% of {pooled} cards")
    hostile = [Card("[a](" * 50_000, "`a" * 100_000), Card("word " * 40_000, "- x\n" * 50_000)]
    started = time.perf_counter()
    for card in hostile:
        lint(card)
    emit("lint_200k_char_cards", 1000 * (time.perf_counter() - started) / len(hostile), "ms", None,
         "a card with a 200,000-character side is linted in bounded time")


class Card:
    def __init__(self, front: str, back: str) -> None:
        self.front, self.back = front, back


if __name__ == "__main__":
    main()
