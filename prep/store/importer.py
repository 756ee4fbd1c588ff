"""Put a deck's card drafts into the database under stable identities.

A card is identified by its deck, its place in the outline (heading path), its
kind and a slot, never by its text. Cards of kinds that occur several times in
one place get their slot when first seen and are matched by content on later
imports, so an edited fact updates its card and keeps its history. A card whose
note is gone is retired (kept, not shown); a note that comes back revives it.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from prep.store.models import Card

if TYPE_CHECKING:  # the notes parser loads only when notes are read
    from prep.notes.cards import Draft

_SAME_CARD = 0.55  # similarity above which an edited card is taken for the old one


@dataclass
class ImportCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0

    def __iadd__(self, other: ImportCounts) -> ImportCounts:
        for name in ("added", "updated", "unchanged", "retired"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


@dataclass
class _Slotted:
    draft: Draft
    slot: int = field(default=-1)


def card_id(deck: str, path: tuple[str, ...] | str, kind: str, slot: int) -> str:
    joined = path if isinstance(path, str) else " › ".join(path)
    key = "\x1f".join((deck, joined.casefold(), kind, str(slot)))
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _similarity(draft: Draft, card: Card) -> float:
    return difflib.SequenceMatcher(None, f"{draft.front}\n{draft.back}", f"{card.front}\n{card.back}").ratio()


def _assign_slots(drafts: list[Draft], existing: list[Card]) -> list[_Slotted]:
    """Give content-matched drafts the slot of the card they continue, new ones a fresh slot."""
    slotted = [_Slotted(d) for d in drafts]
    free = list(existing)
    for item in slotted:  # identical text first: reordering must not shuffle identities
        match = next((c for c in free if c.front == item.draft.front and c.back == item.draft.back), None)
        if match:
            item.slot = match.slot
            free.remove(match)
    for item in slotted:
        if item.slot >= 0 or not free:
            continue
        best = max(free, key=lambda c: _similarity(item.draft, c))
        if _similarity(item.draft, best) >= _SAME_CARD:
            item.slot = best.slot
            free.remove(best)
    next_slot = max((c.slot for c in existing), default=0) + 1
    for item in slotted:
        if item.slot < 0:
            item.slot, next_slot = next_slot, next_slot + 1
    return slotted


def sync_deck(session: Session, deck: str, source_file: str, drafts: list[Draft], now: datetime) -> ImportCounts:
    """Make the deck's cards in the database match `drafts`; the caller commits."""
    counts = ImportCounts()
    existing = {c.id: c for c in session.scalars(select(Card).where(Card.deck == deck))}
    by_place: dict[tuple[str, str], list[Card]] = {}
    for card in existing.values():
        by_place.setdefault((card.path.casefold(), card.kind), []).append(card)
    places: dict[tuple[str, str], list[Draft]] = {}
    for draft in drafts:
        places.setdefault((" › ".join(draft.path).casefold(), draft.kind), []).append(draft)

    seen: set[str] = set()
    position = 0
    for (place, kind), group in places.items():
        if group[0].slot is None:
            slotted = _assign_slots(group, by_place.get((place, kind), []))
        else:
            slotted = [_Slotted(d, d.slot or 0) for d in group]
        for item in slotted:
            position += 1
            draft = item.draft
            identity = card_id(deck, draft.path, kind, item.slot)
            seen.add(identity)
            content = dict(front=draft.front, back=draft.back, tags=" ".join(draft.tags), path=" › ".join(draft.path))
            # Where a card sits moves with every edit above it; that alone is no update.
            location = dict(source_file=source_file, source_line=draft.line, position=position)
            card = existing.get(identity)
            if card is None:
                session.add(Card(id=identity, deck=deck, kind=kind, slot=item.slot, due=now, created_at=now, updated_at=now, **content, **location))
                counts.added += 1
                continue
            if card.retired_at is not None or any(getattr(card, k) != v for k, v in content.items()):
                for name, value in content.items():
                    setattr(card, name, value)
                card.retired_at, card.updated_at = None, now
                counts.updated += 1
            else:
                counts.unchanged += 1
            for name, value in location.items():
                setattr(card, name, value)
    for identity, card in existing.items():
        if identity not in seen and card.retired_at is None:
            card.retired_at = card.updated_at = now
            counts.retired += 1
    return counts
