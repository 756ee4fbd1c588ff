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
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, insert, select, update

from prep.store.identity import card_id
from prep.store.tables import cards
from prep.store.writes import write_core

if TYPE_CHECKING:  # the notes parser loads only when notes are read
    from sqlalchemy import Connection, Engine, Executable, Row

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


def match_cards(drafts: list[Draft], stored: list[Row]) -> dict[int, Row]:
    """Draft index → the card it continues."""
    matched: dict[int, Row] = {}
    free: dict[tuple[str, str], list[Row]] = {}
    for card in sorted(stored, key=lambda c: c.retired_at is not None):  # active cards first
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


BATCH = 500  # rows one transaction of an import writes at most: another prep's answer waits for one batch, not the import
# Between two batches the import steps aside this long, so that a prep waiting for the collection (trying every 2 ms,
# prep.store.database) gets it: SQLite hands its lock to no one in turn, and the next batch would begin at once.
STEP_ASIDE = 0.01


@dataclass
class DeckPlan:
    """What an import changes in one deck, worked out before anything is written (`plan_deck`), then written a batch
    at a time (`write_plan`)."""

    counts: ImportCounts
    added: list[dict[str, object]] = field(default_factory=list)  # new cards' rows
    changed: list[dict[str, object]] = field(default_factory=list)  # cards whose text changed (or that come back)
    placed: list[dict[str, object]] = field(default_factory=list)  # cards that only moved in the file
    retired: list[str] = field(default_factory=list)  # cards whose fact left the notes
    offered: list[tuple[int, Draft]] = field(default_factory=list)  # drafts for the inbox, with their positions


_READ = (cards.c.id, cards.c.kind, cards.c.front, cards.c.back, cards.c.path, cards.c.tags, cards.c.retired_at,
         cards.c.origin, cards.c.reps, cards.c.source_file, cards.c.source_line, cards.c.position)


def deck_cards(connection: Connection, deck: str) -> list[Row]:
    """The deck's cards as `plan_deck` compares them with the notes."""
    return list(connection.execute(select(*_READ).where(cards.c.deck == deck)))


def plan_deck(existing: list[Row], deck: str, source_file: str, drafts: list[Draft], now: datetime, *,
              schedule_suggestions: bool = False) -> DeckPlan:
    """What makes the deck's cards match `drafts`, and what the inbox is offered; nothing is written.

    A draft the generator is sure of is a card. One it is not sure of is a suggestion (prep.store.inbox), unless the
    learner already studies it: a card of it with answers stays a card (or `schedule_suggestions`, the setting, is on). A card the learner took from the inbox
    (`origin`) is theirs: never rewritten nor retired here, and its draft is not offered again.

    Planned from what is stored, so planning again after an import cut off half-way plans the rest: the cards it
    added match their drafts exactly (same ids), those it changed are unchanged now, and what it had not reached
    is planned as before."""
    from prep.store.inbox import draft_hash

    plan = DeckPlan(ImportCounts())
    counts = plan.counts
    taken = {c.origin for c in existing if c.origin}
    existing = [c for c in existing if not c.origin]
    placed = [(position, d) for position, d in enumerate(drafts, start=1) if draft_hash(d.front, d.back) not in taken]
    matched = match_cards([d for _, d in placed], existing)
    used_ids = {c.id for c in existing}
    seen: set[str] = set()
    for index, (position, draft) in enumerate(placed):
        card = matched.get(index)
        if not draft.sure and not schedule_suggestions and (card is None or card.reps == 0):
            plan.offered.append((position, draft))  # a card of it never answered is retired below: the inbox offers it
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
            plan.added.append(dict(id=identity, deck=deck, kind=draft.kind, slot=draft.slot or 0, due=now, created_at=now,
                                   updated_at=now, **content, **location))
            counts.added += 1
            continue
        seen.add(card.id)
        moved = card.path.casefold() != content["path"].casefold()
        if card.retired_at is not None or any(getattr(card, k) != v for k, v in content.items()):
            plan.changed.append(dict(key=card.id, retired_at=None, updated_at=now, **content, **location))
            if moved:
                counts.moved += 1
            else:
                counts.updated += 1
            continue
        counts.unchanged += 1
        if any(getattr(card, k) != v for k, v in location.items()):
            plan.placed.append(dict(key=card.id, **location))
    plan.retired = [card.id for card in existing if card.id not in seen and card.retired_at is None]
    counts.retired = len(plan.retired)
    return plan


def write_plan(engine: Engine, plan: DeckPlan, now: datetime) -> None:
    """Write the deck's planned cards in short transactions of at most BATCH rows, new and changed cards before the
    retired ones: another prep's answers get in between, and an import killed half-way leaves cards that a new
    import of the same notes completes (`plan_deck`); a card's answers are never touched."""
    key = bindparam("key")
    retired = sorted(plan.retired)
    steps: list[tuple[Executable, list]] = [
        (insert(cards), plan.added),
        (update(cards).where(cards.c.id == key), sorted(plan.changed, key=lambda row: row["key"])),  # in id order, as
        (update(cards).where(cards.c.id == key), sorted(plan.placed, key=lambda row: row["key"])),  # answers lock them
        *((update(cards).where(cards.c.id.in_(retired[start:start + BATCH]), cards.c.retired_at.is_(None))
           .values(retired_at=now, updated_at=now), [{}]) for start in range(0, len(retired), BATCH)),
    ]
    aside = STEP_ASIDE if engine.dialect.name == "sqlite" else 0.0  # a server's row locks queue waiters in turn
    first = True
    for statement, rows in steps:
        for start in range(0, len(rows), BATCH):
            if not first and aside:
                time.sleep(aside)
            first = False
            chunk = rows[start:start + BATCH]
            write_core(engine, lambda connection, statement=statement, chunk=chunk: connection.execute(statement, chunk))
