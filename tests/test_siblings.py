"""Sibling burying as Anki means it: an answer hides the other cards of the same fact (a cloze's other blanks, the
other direction of a `:::` pair) until tomorrow; other facts of the same heading stay; suspend and bury touch the
card alone; the answer says how many it hid."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from prep.service import PrepService
from prep.settings.config import Config
from tests.conftest import write

pytestmark = pytest.mark.both_engines

NOTES = """# Deck
## Attention
- {{c1::Queries}} are matched against {{c2::keys}}
- Softmax ::: turns scores into weights
- Scaled by the root of the key size :: why the scores stay small
- Multi-head attention runs several heads in parallel :: what multi-head means
"""


@pytest.fixture
def burying(database, tmp_path: Path, now) -> PrepService:
    service = PrepService(database, Config(enable_fuzzing=False, bury_siblings=True, schedule_suggestions=True))
    service.import_paths([write(tmp_path / "deck.md", NOTES)], now)
    return service


def facts(service: PrepService) -> dict[str, list[str]]:
    """Card ids by the line of their fact."""
    by_line: dict[str, list[str]] = {}
    for card in service.export_cards():
        by_line.setdefault(str(card["source"]), []).append(str(card["id"]))
    return by_line


def test_an_answer_buries_only_the_other_cards_of_its_fact(burying: PrepService, now) -> None:
    lines = facts(burying)
    pairs = [ids for ids in lines.values() if len(ids) == 2]
    assert len(pairs) == 2 and sum(len(ids) == 1 for ids in lines.values()) == 2  # the cloze, the pair; two single cards
    before = burying.remaining(now).new
    first = burying.next_card(now)
    fact = next(ids for ids in lines.values() if first.id in ids)
    answered = burying.answer(first.id, 3, now)
    assert answered.buried == len(fact) - 1
    # the answered card goes to learning; only its own siblings leave today's new cards, the heading's others stay
    assert burying.remaining(now).new == before - len(fact)
    seen = set()
    while (card := burying.next_card(now)) is not None and card.state == "new":
        assert card.id not in fact
        seen.add(card.id)
        burying.answer(card.id, 4, now)
    # one card of each other fact (answering it buries its own siblings in turn), none left behind
    others = [ids for ids in lines.values() if ids is not fact]
    assert all(len(seen & set(ids)) == 1 for ids in others) and len(seen) == len(others)
    hidden = sum(len(ids) - 1 for ids in lines.values())
    assert burying.remaining(now + timedelta(days=1)).new == hidden  # tomorrow the buried are back


def test_a_lone_card_buries_nothing(burying: PrepService, now) -> None:
    single = next(ids[0] for ids in facts(burying).values() if len(ids) == 1)
    assert burying.answer(single, 3, now).buried == 0


@pytest.mark.parametrize("action", ["suspend", "bury"])
def test_suspend_and_bury_touch_the_card_alone(burying: PrepService, now, action: str) -> None:
    pair = next(ids for ids in facts(burying).values() if len(ids) == 2)
    before = burying.remaining(now).new
    change = burying.cards.apply(action, pair[0], now)
    assert list(change.before) == [pair[0]] and change.message.startswith("Card ")
    assert burying.remaining(now).new == before - 1  # its sibling is still to be shown today
    shown = set()
    while (card := burying.next_card(now)) is not None and card.id not in shown:
        shown.add(card.id)
        burying.answer(card.id, 4, now)
    assert pair[1] in shown and pair[0] not in shown


def test_turned_off_nothing_is_buried(database, tmp_path: Path, now) -> None:
    service = PrepService(database, Config(enable_fuzzing=False, bury_siblings=False, schedule_suggestions=True))
    service.import_paths([write(tmp_path / "deck.md", NOTES)], now)
    pair = next(ids for ids in facts(service).values() if len(ids) == 2)
    assert service.answer(pair[0], 3, now).buried == 0
