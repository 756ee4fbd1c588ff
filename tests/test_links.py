"""Cards and drills pulling each other forward (prep.practice.links), over a simulated fortnight with a fixed clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from prep.practice.links import on_path
from prep.schedule.memory import day_end
from prep.service import PrepService
from prep.store.models import Card, DrillState


def _cards(service: PrepService) -> dict[str, Card]:
    with service._sessions() as session:  # noqa: SLF001 - the test reads what was stored
        return {c.id: c for c in session.scalars(select(Card))}


def _drill_due(service: PrepService, slug: str):  # noqa: ANN202
    with service._sessions() as session:  # noqa: SLF001
        state = session.get(DrillState, slug)
        return state.due if state else None


def test_topics_match_whole_headings_of_the_path() -> None:
    assert on_path("архитектура › Attention", ["attention"]) == ["attention"]
    assert on_path("архитектура › self-attention", ["attention"]) == []  # a heading, not a substring
    assert on_path("loss › Cross-entropy  loss", ["cross-entropy loss", "softmax"]) == ["cross-entropy loss"]


def test_a_fortnight_of_drills_and_cards_pulling_each_other_forward(service: PrepService, now: datetime) -> None:
    service.add_builtin(now)
    attention = [c.id for c in _cards(service).values() if on_path(c.path, ["attention"])]
    assert len(attention) >= 5
    other = next(c.id for c in _cards(service).values() if not on_path(c.path, ["attention", "softmax", "Cross-entropy loss"])
                 and c.kind != "story")
    # Day 0: learn every attention card and one other, all Easy: each comes back in a week or more.
    for card_id in [*attention, other]:
        service.answer(card_id, 4, now)
    assert all(_cards(service)[c].due > now + timedelta(days=4) for c in [*attention, other])

    # Day 2: the softmax drill (topics: softmax, Cross-entropy loss, attention) is given up.
    day2 = now + timedelta(days=2)
    service.drills.open("softmax", day2)
    service.drills.give_up("softmax", "", day2)
    deadline = day_end(day2.date(), service.tz, service.config.day_starts_at_hour)
    cards = _cards(service)
    assert all(cards[c].due <= deadline for c in attention)  # due tomorrow at the latest
    assert cards[other].due > deadline  # a card of another section stays where FSRS put it
    shown = service.card(attention[0], day2 + timedelta(days=1))
    assert shown.brought_by == ("Softmax, given up",)
    assert service.card(other, day2).brought_by == ()
    # A card reset to new starts over: what brought it forward before is not said of it (nor read: a new card
    # cannot be brought forward).
    service.cards.apply("forget", attention[-1], day2)
    assert service.card(attention[-1], day2).brought_by == ()
    attention.pop()
    # Day 3: they are in the queue; answering one clears its reason, the others keep theirs.
    day3 = day2 + timedelta(days=1)
    queued = set()
    while (card := service.next_card(day3)) is not None:
        queued.add(card.id)
        service.answer(card.id, 3, day3)
        assert service.card(card.id, day3).brought_by == ()
        day3 += timedelta(seconds=30)
    assert set(attention) <= queued and other not in queued

    # The masked-attention drill is solved on day 3 and comes back in days.
    service.drills.open("masked-attention", day3)
    service.drills.give_up("masked-attention", "", day3)  # rated Again first…
    first_due = _drill_due(service, "masked-attention")
    assert first_due is not None

    # Days 4–14: one attention card is forgotten twice; the second lapse brings the attention drills forward.
    card_id = attention[0]
    moment = day3 + timedelta(days=1)
    lapses = 0
    while lapses < 2 and moment < now + timedelta(days=14):
        card = _cards(service)[card_id]
        if card.due <= moment:
            before = card.lapses
            service.answer(card_id, 1 if card.state == 2 else 3, moment)
            lapses += _cards(service)[card_id].lapses - before
            if lapses == 1:
                assert service.drills.brought_forward_by("masked-attention") == []  # once is not twice
        moment += timedelta(hours=6)
    assert lapses == 2, "the card was forgotten twice within the fortnight"
    deadline = day_end(moment.date(), service.tz, service.config.day_starts_at_hour)
    # masked-attention was rated: its due is pulled to tomorrow at the latest; a new attention drill joins today's list
    assert _drill_due(service, "masked-attention") <= deadline  # rated: due tomorrow at the latest
    path = _cards(service)[card_id].path.split(" › ")[-1]
    assert service.drills.brought_forward_by("low-rank-attention") == [f"{path}, a card forgotten twice"]
    assert service.drills.brought_forward_by("bleu") == []  # not a drill of the section
    assert "low-rank-attention" in service.drills.due_today(moment)  # new, brought in ahead of the daily limit
