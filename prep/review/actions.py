"""What a user does to a card outside answering it: suspend, bury, their reverses, and forget.

Each action returns a `Change` holding the fields it overwrote, so the screen that made it can
take it back (undo), as it takes back an answer. As in Anki, an action touches the card alone:
suspending or burying a card never buries its siblings (only an answer does: prep.review.queue.bury_siblings).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from prep.errors import PrepError
from prep.schedule.memory import NEW, study_day
from prep.settings.config import Config
from prep.store.writes import locked, locked_all, write

if TYPE_CHECKING:  # the review screen imports Change at start-up; the ORM loads with the first action
    from sqlalchemy.orm import Session, sessionmaker

    from prep.store.models import Card

# Everything an action may overwrite: the flags and the whole schedule (forget resets it).
_FIELDS = ("suspended", "buried_until", "state", "step", "stability", "difficulty", "due", "last_review", "planned_due")
_SCHEDULE = ("state", "step", "stability", "difficulty", "due", "last_review")  # put back whole or not at all
ACTIONS = {
    "suspend": "Card suspended",
    "unsuspend": "Card unsuspended",
    "bury": "Card buried until tomorrow",
    "unbury": "Card unburied",
    "forget": "Card reset to new",
}


@dataclass(frozen=True)
class Change:
    action: str
    card_id: str
    before: dict[str, dict[str, object]]  # card id → the fields as they were
    after: dict[str, dict[str, object]] = field(default_factory=dict)  # card id → the same fields as the action left them

    @property
    def message(self) -> str:
        return ACTIONS[self.action]

    @property
    def undone_message(self) -> str:
        return f"Undone: {ACTIONS[self.action].lower()}"


class CardActions:
    def __init__(self, sessions: sessionmaker[Session], config: Config, tz: tzinfo | None) -> None:
        self._sessions = sessions
        self.config = config
        self.tz = tz

    def _day(self, now: datetime) -> date:
        return study_day(now, self.tz, self.config.day_starts_at_hour)

    def apply(self, action: str, card_id: str, now: datetime) -> Change:
        if action not in ACTIONS:
            raise PrepError(f"unknown card action {action!r}; one of {', '.join(ACTIONS)}.")

        day = self._day(now)
        return write(self._sessions, lambda session: self._apply(session, action, card_id, now, day))

    def _apply(self, session: Session, action: str, card_id: str, now: datetime, day: date) -> Change:
        from prep.store.models import Card

        # The card is locked before it is read: another machine answering it waits, then schedules from what
        # this action left.
        card = locked(session, Card, card_id)
        if card is None:
            raise PrepError(f"no card with id {card_id!r}.")
        touched = [card]
        before = {c.id: {name: getattr(c, name) for name in _FIELDS} for c in touched}
        if action == "suspend":
            card.suspended = True
        elif action == "unsuspend":
            card.suspended = False
        elif action == "bury":
            card.buried_until = day
        elif action == "unbury":
            card.buried_until = None
        else:  # forget: new again, as Anki's Forget; its answers stay in the history
            card.state, card.step, card.stability, card.difficulty = NEW, 0, None, None
            card.due, card.last_review, card.planned_due = now, None, None
        for changed in touched:
            changed.updated_at = now
        after = {c.id: {name: getattr(c, name) for name in _FIELDS} for c in touched}
        return Change(action, card_id, before, after)

    def undo(self, change: Change, now: datetime) -> None:
        """Put back every field the action overwrote, unless it changed again since (another machine answered
        the card, say): that newer value stays, the rest is put back."""
        write(self._sessions, lambda session: self._undo(session, change, now))

    def _undo(self, session: Session, change: Change, now: datetime) -> None:
        from prep.store.models import Card

        for card in locked_all(session, Card, change.before):
            left = change.after.get(card.id)
            moved = left is not None and any(getattr(card, name) != left[name] for name in _SCHEDULE)
            for name, value in change.before[card.id].items():
                if left is None or (getattr(card, name) == left[name] and not (moved and name in _SCHEDULE)):
                    setattr(card, name, value)
            card.updated_at = now
