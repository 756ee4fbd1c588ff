"""The inbox: drafts the generator is not sure of (prep.notes.judge), offered to the learner, never scheduled on their own.

Like Anki's Add screen, the learner goes through them: accept one as it is or edited (it becomes a card of theirs,
`cards.origin` naming the draft it came from), skip it for now, or drop it (its row stays, marked, so the same draft
is not offered again). An import keeps the inbox in step with the notes: a draft still in the notes keeps its
suggestion, one gone from them takes its open suggestion with it, and a draft the learner accepted is their card.

After the suggestions come the facts the notes state but no question was found for (`WRITE`): the learner writes the
question, with the note's lines beside it; until then it is no card.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import select

from prep.store.identity import card_id
from prep.store.models import Card, Suggestion

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from prep.notes.model import Draft, Gap


WRITE = "write"  # the kind of an inbox item whose question the learner writes: its front is empty, its back the fact
_AFTER_THE_DRAFTS = 1_000_000  # write-ups come after the file's suggestions, in the order of their lines


def to_write(gaps: list[Gap], taken: set[str]) -> list[tuple[int, Draft]]:
    """The facts the learner is to write questions for, as drafts with an empty front; none the learner already wrote
    a card from (`taken`: the deck's cards' origins)."""
    from prep.notes.model import Draft

    out = []
    for gap in gaps:
        if gap.text and draft_hash("", gap.text) not in taken:
            path = () if gap.where == "(top)" else tuple(gap.where.split(" › "))
            out.append((_AFTER_THE_DRAFTS + gap.line, Draft(WRITE, path, 0, "", gap.text, gap.line, sure=False)))
    return out


class Offered(NamedTuple):
    """A suggestion as the inbox shows it."""

    id: str
    deck: str
    path: str
    kind: str
    front: str
    back: str
    source_file: str
    source_line: int

    @property
    def to_write(self) -> bool:
        """A fact whose question the learner writes: it becomes a card only with one."""
        return self.kind == WRITE

    @property
    def source(self) -> str:
        return f"{self.source_file}:{self.source_line}"

    def doubt(self) -> str | None:
        """The lint's word on it: a rule's fault, or the judge's guess that a reader would not keep it (None: neither)."""
        from prep.notes.lint import lint
        from prep.notes.model import Draft

        if self.to_write:
            return None
        faults = lint(Draft(self.kind, tuple(self.path.split(" › ")) if self.path else (), 0, self.front, self.back,
                            self.source_line))
        return faults[0].message if faults else None


def draft_hash(front: str, back: str) -> str:
    """A draft's name: its question and answer (the judged set names cards the same way, tests/judged/)."""
    return hashlib.sha256(f"{front}\n\x1f\n{back}".encode()).hexdigest()[:12]


def suggestion_id(deck: str, digest: str) -> str:
    return hashlib.sha256(f"{deck}\x1f{digest}".encode()).hexdigest()[:16]


def sync_suggestions(session: Session, deck: str, source_file: str, offered: list[tuple[int, Draft]], now: datetime) -> int:
    """Make the inbox's suggestions from `source_file` match the drafts offered (with their positions in the notes);
    returns how many suggestions are open, the facts to write up not counted. The caller commits."""
    deck_rows = {row.id: row for row in session.scalars(select(Suggestion).where(Suggestion.deck == deck))}  # one query
    seen: set[str] = set()
    writes: set[str] = set()  # facts to write up: in the inbox, not counted as suggestions
    for position, draft in offered:
        digest = draft_hash(draft.front, draft.back)
        identity = suggestion_id(deck, digest)
        if identity in seen:
            continue
        seen.add(identity)
        if draft.kind == WRITE:
            writes.add(identity)
        place = dict(kind=draft.kind, path=" › ".join(draft.path), slot=draft.slot or 0, tags=" ".join(draft.tags),
                     source_file=source_file, source_line=draft.line, position=position)
        row = deck_rows.get(identity)
        if row is None:
            session.add(Suggestion(id=identity, deck=deck, hash=digest, front=draft.front, back=draft.back, dropped=False,
                                   created_at=now, updated_at=now, **place))
            continue
        if any(getattr(row, name) != value for name, value in place.items()):
            for name, value in place.items():
                setattr(row, name, value)
            row.updated_at = now
    for identity, row in deck_rows.items():
        if row.source_file == source_file and identity not in seen and not row.dropped:
            session.delete(row)  # its draft left the notes
    return sum(1 for identity in seen - writes if identity not in deck_rows or not deck_rows[identity].dropped)


def accept(session: Session, suggestion: Suggestion, now: datetime, front: str | None = None, back: str | None = None) -> Card:
    """The suggestion as a new card of the learner's (edited when `front` or `back` is given); the caller commits."""
    card = Card(id=card_id(suggestion.deck, suggestion.path, suggestion.kind, f"inbox\x1f{suggestion.hash}"),
                deck=suggestion.deck, kind=suggestion.kind, slot=suggestion.slot, path=suggestion.path,
                front=(front if front is not None else suggestion.front).strip(),
                back=(back if back is not None else suggestion.back).strip(), tags=suggestion.tags,
                source_file=suggestion.source_file, source_line=suggestion.source_line, position=suggestion.position,
                origin=suggestion.hash, due=now, created_at=now, updated_at=now)
    session.add(card)
    session.delete(suggestion)
    return card


def offered(session: Session, deck: str | None = None) -> list[Offered]:
    """The open suggestions in the order of the notes, deck by deck."""
    query = select(Suggestion).where(Suggestion.dropped.is_(False))
    if deck is not None:
        query = query.where(Suggestion.deck == deck)
    rows = session.scalars(query.order_by(Suggestion.deck, Suggestion.source_file, Suggestion.position))
    return [Offered(r.id, r.deck, r.path, r.kind, r.front, r.back, r.source_file, r.source_line) for r in rows]


def find(session: Session, prefix: str) -> Suggestion:
    """The open suggestion whose id starts with `prefix` (as `prep inbox` shows ids); a PrepError when none or several do."""
    from prep.errors import PrepError

    if len(prefix) < 4:
        raise PrepError(f"{prefix!r}: give at least the first 4 characters of a suggestion's id (`prep inbox` lists them).")
    rows = list(session.scalars(select(Suggestion).where(Suggestion.id.startswith(prefix, autoescape=True),
                                                         Suggestion.dropped.is_(False)).limit(2)))
    if not rows:
        raise PrepError(f"{prefix}: no suggestion in the inbox has this id; `prep inbox` lists them.")
    if len(rows) > 1:
        raise PrepError(f"{prefix}: several suggestions start with this; give more of the id.")
    return rows[0]
