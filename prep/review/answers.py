"""An answer as it was saved: what the service returns and a journal of answers kept while the server is away (prep.review.pending) waits for."""

from __future__ import annotations

from typing import NamedTuple


class Answered(NamedTuple):
    """An answer as it was saved: its review row (what `undo` takes back) and whether another machine had
    answered the card since it was shown (the answer is recorded too, scheduled from the newest state)."""

    review_id: int
    card_id: str
    rating: int
    also_elsewhere: bool = False
    buried: int = 0  # the other cards of its fact that now wait until tomorrow (bury_siblings)
