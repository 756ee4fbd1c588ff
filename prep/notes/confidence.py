"""Which cards the generator is sure of: those it schedules. Every other draft is a suggestion, offered, never scheduled.

Sure is measured, not declared. Cards the notes wrote themselves (`?`, `::`, clozes, Anki blocks, the stories of a section named for them) are
the author's and always scheduled. Every other kind of card is scheduled only when people reading such cards, with
the written rubric of tests/judged/RUBRIC.md, found at least STANDARD of them usable, on at least MIN_JUDGED cards of
the judged set's tuning half: `precision.toml` beside this file holds those counts, written by
`python bench/judged.py --write-precision` from the verdicts in tests/judged/ (a test checks it is current).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

STANDARD = 0.85  # the share of a kind's judged cards that must be usable for it to be scheduled
MIN_JUDGED = 10  # fewer judged cards than this say too little: the kind is offered
EXPLICIT = frozenset({"qa", "cloze", "story"})  # written as cards by the notes' author (stories: under a heading that says so)
TABLE = Path(__file__).with_name("precision.toml")


@cache
def judged() -> dict[str, tuple[int, int]]:
    """Kind → (usable, judged) on the tuning half of the judged set."""
    if not TABLE.exists():
        return {}
    data = tomllib.loads(TABLE.read_text(encoding="utf-8"))
    return {kind: (int(pair[0]), int(pair[1])) for kind, pair in data.get("kinds", {}).items()}


def sure(kind: str) -> bool:
    if kind in EXPLICIT:
        return True
    usable, total = judged().get(kind, (0, 0))
    return total >= MIN_JUDGED and usable >= STANDARD * total
