"""Put a deck's card drafts into the database, matching each draft to the card it continues.

Every fact has its own cards, and a card is matched to its draft by content, the
way git detects renames: first an exact match (the same kind of question and the
same words, whatever the heading above it), then the most similar card of the
same kind, in the same place first and then anywhere in the deck. So an edited
fact updates its cards in place, an inserted fact adds cards, a moved fact or a
renamed heading keeps its cards' history (counted as moved), and a deleted fact
retires its cards (kept, not shown); a note that comes back revives them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from prep.store.identity import card_id
from prep.store.models import Card

if TYPE_CHECKING:  # the notes parser loads only when notes are read
    from prep.notes.model import Draft

SAME_PLACE = 0.6  # similarity above which an edited card in the same topic is taken for the old one
ELSEWHERE = 0.8  # … and for a card that moved to another topic: a stricter bar, the place is no evidence
_MAX_PAIRS = 250_000  # beyond this many comparisons across the deck, only cards in the same topic are compared
_CUE = re.compile(r"^(?:_[^_\n]+_ · )?\*\*[^*\n]+\*\* · ")


@dataclass
class ImportCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0
    retired: int = 0
    suggested: int = 0  # drafts offered in the inbox (prep.store.inbox), open after the import

    def __iadd__(self, other: ImportCounts) -> ImportCounts:
        for name in ("added", "updated", "unchanged", "moved", "retired", "suggested"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self



def _essence(front: str, back: str) -> str:
    """What a card asks, without the topic named at its start (that changes when a heading is renamed)."""
    return f"{_CUE.sub('', front)}\n{back}"


def _path(draft: Draft) -> str:
    return " › ".join(draft.path)


def match_cards(drafts: list[Draft], cards: list[Card]) -> dict[int, Card]:
    """Draft index → the card it continues."""
    matched: dict[int, Card] = {}
    free: dict[tuple[str, str], list[Card]] = {}
    for card in sorted(cards, key=lambda c: c.retired_at is not None):  # active cards first
        free.setdefault((card.kind, _essence(card.front, card.back)), []).append(card)
    for i, draft in enumerate(drafts):  # 1. the same question: prefer the card in the same place
        pool = free.get((draft.kind, _essence(draft.front, draft.back)))
        if pool:
            same = next((c for c in pool if c.path.casefold() == _path(draft).casefold()), pool[0])
            pool.remove(same)
            matched[i] = same
    left = [(essence, c) for (_kind, essence), pool in free.items() for c in pool]  # each card's essence, worked out once
    todo = [i for i in range(len(drafts)) if i not in matched]
    if not todo or not left:
        return matched
    everywhere = len(todo) * len(left) <= _MAX_PAIRS
    scored: list[tuple[float, int, str]] = []
    by_id = {c.id: c for _, c in left}
    for i in todo:  # 2. the most similar card of the same kind
        draft = drafts[i]
        text = _essence(draft.front, draft.back)
        place = _path(draft).casefold()
        matcher = difflib.SequenceMatcher(None, "", text, autojunk=False)  # b is cached: the draft
        for essence, card in left:
            if card.kind != draft.kind:
                continue
            same_place = card.path.casefold() == place
            if not same_place and not everywhere:
                continue
            bar = SAME_PLACE if same_place else ELSEWHERE
            matcher.set_seq1(essence)
            if matcher.real_quick_ratio() < bar or matcher.quick_ratio() < bar:
                continue
            score = matcher.ratio()
            if score >= bar:
                scored.append((score + (0.1 if same_place else 0.0), i, card.id))
    taken: set[str] = set()
    for _score, i, identity in sorted(scored, key=lambda s: (-s[0], s[1])):
        if i in matched or identity in taken:
            continue
        matched[i] = by_id[identity]
        taken.add(identity)
    return matched


def sync_deck(session: Session, deck: str, source_file: str, drafts: list[Draft], now: datetime, *,
              schedule_suggestions: bool = False) -> ImportCounts:
    """Make the deck's cards in the database match `drafts`, and the inbox its suggestions; the caller commits.

    A draft the generator is sure of is a card. One it is not sure of is a suggestion (prep.store.inbox), unless the
    learner already studies it: a card of it with answers stays a card (or `schedule_suggestions`, the setting, is on). A card the learner took from the inbox
    (`origin`) is theirs: never rewritten nor retired here, and its draft is not offered again."""
    from prep.store.inbox import draft_hash, sync_suggestions

    counts = ImportCounts()
    existing = list(session.scalars(select(Card).where(Card.deck == deck)))
    taken = {c.origin for c in existing if c.origin}
    existing = [c for c in existing if not c.origin]
    placed = [(position, d) for position, d in enumerate(drafts, start=1) if draft_hash(d.front, d.back) not in taken]
    matched = match_cards([d for _, d in placed], existing)
    used_ids = {c.id for c in existing}
    seen: set[str] = set()
    offered: list[tuple[int, Draft]] = []
    for index, (position, draft) in enumerate(placed):
        card = matched.get(index)
        if not draft.sure and not schedule_suggestions and (card is None or card.reps == 0):
            offered.append((position, draft))  # a card of it never answered is retired below: the inbox offers it
            continue
        content = dict(front=draft.front, back=draft.back, tags=" ".join(draft.tags), path=_path(draft))
        # Where a card sits moves with every edit above it; that alone is no update.
        location = dict(source_file=source_file, source_line=draft.line, position=position)
        if card is None:
            identity = card_id(deck, draft.path, draft.kind, f"{draft.front}\x1f{draft.back}")
            n = 0
            while identity in used_ids:
                n += 1
                identity = card_id(deck, draft.path, draft.kind, f"{draft.front}\x1f{draft.back}\x1f{n}")
            used_ids.add(identity)
            seen.add(identity)
            session.add(Card(id=identity, deck=deck, kind=draft.kind, slot=draft.slot or 0, due=now, created_at=now,
                             updated_at=now, **content, **location))
            counts.added += 1
            continue
        seen.add(card.id)
        moved = card.path.casefold() != content["path"].casefold()
        if card.retired_at is not None or any(getattr(card, k) != v for k, v in content.items()):
            for name, value in content.items():
                setattr(card, name, value)
            card.retired_at, card.updated_at = None, now
            if moved:
                counts.moved += 1
            else:
                counts.updated += 1
        else:
            counts.unchanged += 1
        for name, value in location.items():
            setattr(card, name, value)
    for card in existing:
        if card.id not in seen and card.retired_at is None:
            card.retired_at = card.updated_at = now
            counts.retired += 1
    counts.suggested = sync_suggestions(session, deck, source_file, offered, now)
    return counts
