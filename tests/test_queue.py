"""Today's queue built once per shape (prep.review.queue): the same cards and counts as it gives on a fresh process."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from prep.service import PrepService
from prep.settings.config import Config
from tests.conftest import write

pytestmark = pytest.mark.both_engines  # every test here runs on SQLite and on PostgreSQL


def _notes(tmp_path, name: str, topics: int):  # noqa: ANN001, ANN202
    body = "\n\n".join(f"## {name} topic {n}\n\n**{name} term {n}** — what word number {n} of {name} means." for n in range(topics))
    return write(tmp_path / f"{name}.md", f"# {name}\n\n{body}\n")


def test_the_queue_is_built_once_per_shape_and_follows_the_day(database, tmp_path, now: datetime) -> None:  # noqa: ANN001
    service = PrepService(database, Config(schedule_suggestions=True, enable_fuzzing=False, bury_siblings=False, new_per_day=3))
    try:
        service.import_paths([_notes(tmp_path, "alpha", 6), _notes(tmp_path, "beta", 6)], now)
        first = service.remaining(now)
        assert first.new == 6  # three a deck
        seen = []
        for _ in range(8):
            card = service.next_card(now)
            if card is None:
                break
            seen.append(card.deck)
            service.answer(card.id, 4, now)  # Easy: a review in days, out of today's queue
        assert sorted(seen) == ["alpha"] * 3 + ["beta"] * 3 and service.remaining(now).cards == 0
        assert set(service._queue._shapes) <= {(False, 2), (False, 1), (False, 0)}  # noqa: SLF001
        built = dict(service._queue._shapes)  # noqa: SLF001

        # One deck picked: its own shape; and the same statements again the next day, with the day's values.
        assert service.remaining(now, "alpha").new == 0
        tomorrow = now + timedelta(days=1)
        left = {row.name: min(3, row.new) for row in service.decks.rows(tomorrow)}  # each deck's limit, or what it has left
        assert left["alpha"] > 0 and service.remaining(tomorrow, "alpha").new == left["alpha"]
        assert service.remaining(tomorrow).new == left["alpha"] + left["beta"]
        assert all(service._queue._shapes[shape] is built[shape] for shape in built)  # noqa: SLF001
        assert (True, 1) in service._queue._shapes  # noqa: SLF001

        # A fresh process reads the same queue.
        again = PrepService(database, Config(schedule_suggestions=True, enable_fuzzing=False, bury_siblings=False, new_per_day=3))
        try:
            assert again.remaining(tomorrow) == service.remaining(tomorrow)
            assert again.next_card(tomorrow) == service.next_card(tomorrow)
        finally:
            again.close()
    finally:
        service.close()
