"""A mock over notes that ask their own questions (`**What is X?**` and its answer): the question is asked as
written, the card made from its line (which holds the whole answer) is rated by the share said, and a missed point
without a card of its own is studied through that card. A real SQLite file, the notes imported and accepted."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from prep.mock.interview import QUESTION, missed_cards
from prep.service import PrepService
from prep.store.models import Card
from tests.conftest import write
from tests.test_mock_questions import QA_NOTES


def test_a_mock_asks_the_notes_own_questions(tmp_path: Path, service: PrepService, now: datetime) -> None:
    notes = write(tmp_path / "ml.md", QA_NOTES)
    service.import_paths([notes], now)
    for offered in service.inbox():  # suggestions wait for the learner: take them all, as `i` then `a` would
        if not offered.to_write:  # a fact to write up is no card until the learner writes its question
            service.accept_suggestion(offered.id, now)
    mock = service.mocks.start(now, 10, ["Trees"])
    items = [i for i in service.mocks.items(mock) if i.kind == QUESTION]
    asked = next(i for i in items if i.prompt == "What is a decision tree? How is it built?")
    with service._sessions() as session:
        whole = [c for c in session.query(Card).filter(Card.source_line == 5)]
    assert whole and asked.whole == [c.id for c in whole] and len(asked.points) == 4
    index = service.mocks.items(mock).index(asked)
    assert asked.cards[2] == [] and asked.cards[3]  # the third fact made no card of its own here, the fourth one
    service.mocks.answer(mock, index, [0, 1, 3], 70, now + timedelta(minutes=2))  # 3 of 4: Good
    forest = next(i for i in items if i.prompt.startswith("What are the main assumptions"))
    service.mocks.answer(mock, service.mocks.items(mock).index(forest), [0], 50, now + timedelta(minutes=3))
    report = service.mocks.finish(mock, now + timedelta(minutes=3))
    forward = report.parts["questions"]["forward"]
    assert len(forward) == 1 and forward[0].startswith("Trees: ")  # two questions under one heading: one line
    with service._sessions() as session:
        card = session.get(Card, whole[0].id)
        assert card.last_review is not None and card.due < now + timedelta(hours=1)  # Good on a new card: a step
    assert [rating for card_id, rating, _, _ in service.review_history() if card_id == whole[0].id] == [3]
    miss = next(m for m in report.missed if m["point"] == asked.points[2])
    assert [c["id"] for c in miss["cards"]] == [c.id for c in whole]  # the whole answer's card stands for it
    assert whole[0].id in missed_cards(report)  # s studies it now
