"""Cards and drills that pull each other forward.

A drill's `topics` name headings of the notes. A drill failed or given up brings the learned cards
under those headings forward: each is due by the end of today's study day, so it is in tomorrow's
queue at the latest. A card forgotten twice (its second lapse, and each after) brings forward the
drills whose topics name a heading on its path. Each move is stored as a Link with its reason, which
the review and the drill screens show until the card is answered or the drill rated again.

Nothing here reads the clock; callers pass `now` and run these inside their own transaction.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Row, Select, bindparam, select

from prep.schedule.memory import NEW, day_end, study_day
from prep.settings.config import Config
from prep.store.tables import drill_states, links
from prep.store.writes import locked, locked_all

if TYPE_CHECKING:  # the readers below take a Core connection or an ORM session; the writers load the ORM
    from sqlalchemy.orm import Session

    from prep.drills.catalog import Drill
    from prep.store.models import Card

CARD, DRILL = "card", "drill"
SEP = " › "


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def on_path(path: str, topics: tuple[str, ...] | list[str]) -> list[str]:
    """The topics that name a heading on this heading path (case and spacing aside)."""
    headings = {_fold(part) for part in path.split(SEP)}
    return [topic for topic in topics if _fold(topic) in headings]


def latest_by(session: Connection | Session, kind: str, target: str, since: datetime | None) -> list[str]:
    """Reasons the target was brought forward after `since` (its last answer or rating), oldest first."""
    values = {"kind": kind, "target": target} if since is None else {"kind": kind, "target": target, "since": since}
    reasons = list(session.scalars(_latest_by(since is not None), values))
    return list(dict.fromkeys(reasons))


@cache
def _latest_by(since: bool) -> Select:
    """Built once, run with each target's values: every card shown asks (prep.service.PrepService._view), and
    building the statement cost more than running it (bench/keypress.py)."""
    query = select(links.c.reason).where(links.c.target_kind == bindparam("kind"), links.c.target == bindparam("target"))
    if since:
        query = query.where(links.c.at > bindparam("since", type_=links.c.at.type))
    return query.order_by(links.c.at, links.c.id)


def _deadline(now: datetime, config: Config, tz: tzinfo | None) -> datetime:
    """Due by this moment is due tomorrow at the latest: the end of today's study day."""
    return day_end(study_day(now, tz, config.day_starts_at_hour), tz, config.day_starts_at_hour)


def bring_cards_forward(session: Session, drill: Drill, outcome: str, now: datetime, config: Config,
                        tz: tzinfo | None) -> list[str]:
    """A drill failed or given up (`outcome`): the learned cards of its topics come back tomorrow at the latest.
    Returns the ids of the cards moved."""
    from prep.store.models import Card, Link

    if not drill.topics:
        return []
    deadline = _deadline(now, config, tz)
    reason = f"{drill.title}, {outcome}"
    rows = session.execute(select(Card.id, Card.path).where(
        Card.state != NEW, Card.retired_at.is_(None), Card.suspended.is_(False), Card.due > deadline)).all()
    # Locked, then checked again: another machine may have answered one of them since it was read.
    moved = []
    for card in locked_all(session, Card, [card_id for card_id, path in rows if on_path(path, drill.topics)]):
        if card.state == NEW or card.due <= deadline:
            continue
        session.add(Link(target_kind=CARD, target=card.id, reason=reason, at=now, due_before=card.due))
        card.due = deadline
        moved.append(card.id)
    return moved


def bring_drills_forward(session: Session, card: Card, drills: list[Drill], now: datetime, config: Config,
                         tz: tzinfo | None) -> list[str]:
    """A card forgotten twice or more: the drills whose topics are headings on its path come forward.
    A rated drill is due tomorrow at the latest; a new one joins today's drills (prep.practice.drill_service.due_today)."""
    from prep.store.models import DrillState, Link

    deadline = _deadline(now, config, tz)
    topic = card.path.split(SEP)[-1] if card.path else card.deck
    reason = f"{topic}, a card forgotten {card.lapses} times" if card.lapses != 2 else f"{topic}, a card forgotten twice"
    moved = []
    for drill in drills:
        if not on_path(card.path, drill.topics):
            continue
        state = locked(session, DrillState, drill.slug)
        if state is not None and state.state != NEW:
            if state.due <= deadline:
                continue  # already due by tomorrow
            session.add(Link(target_kind=DRILL, target=drill.slug, reason=reason, at=now, due_before=state.due))
            state.due = deadline
        else:
            session.add(Link(target_kind=DRILL, target=drill.slug, reason=reason, at=now))
        moved.append(drill.slug)
    return moved


def pulled_new_drills(session: Connection | Session) -> set[str]:
    """New drills (never rated) that a forgotten card brought forward."""
    rated = select(drill_states.c.slug).where(drill_states.c.state != NEW)
    return set(session.scalars(select(links.c.target).where(links.c.target_kind == DRILL, links.c.target.not_in(rated))))


def drill_reasons(session: Connection | Session, slug: str) -> list[str]:
    last = session.scalar(select(drill_states.c.last_review).where(drill_states.c.slug == slug))
    return latest_by(session, DRILL, slug, last)


def card_reasons(session: Connection | Session, card: Row | Card) -> list[str]:
    """Why the card was brought forward since its last answer; `card` is a row of the cards table or a Card."""
    return latest_by(session, CARD, card.id, card.last_review)
