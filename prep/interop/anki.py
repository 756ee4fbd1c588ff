"""An Anki package (.apkg) of the cards, with their review history and their schedule.

genanki writes the decks, the note type and the notes, but only as new cards and without a
review log, so the collection inside its package is then edited with sqlite3: each card gets
its type, queue, due day and interval, and each prep answer becomes a `revlog` row. FSRS
memory states (stability, difficulty) are not carried: Anki computes its own from the review
log when FSRS is on there. Retired cards (their note is gone) and drills stay in prep.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

import genanki
from markdown_it import MarkdownIt
from sqlalchemy import select
from sqlalchemy.orm import Session

from prep.schedule.memory import NEW, day_end, study_day
from prep.settings.config import Config
from prep.store.models import Card, Review

# Fixed for good: importing a later export into Anki must find the same note type, not add a copy.
_MODEL = genanki.Model(
    1607392319, "prep", fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[{"name": "Card", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
    css=".card { font-family: sans-serif; font-size: 20px; text-align: left; }",
)
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")  # HTML typed in a note is shown as text
_COLLECTION = "collection.anki2"
_LEARNING, _REVIEW, _RELEARNING = 1, 2, 3  # prep's states; Anki's card types use the same numbers
_QUEUE = {NEW: 0, _LEARNING: 1, _REVIEW: 2, _RELEARNING: 1}  # Anki keeps relearning cards in the learning queue
_SUSPENDED, _BURIED = -1, -3  # Anki's queues for suspended and user-buried cards
_REVLOG_TYPE = {NEW: 0, _LEARNING: 0, _REVIEW: 1, _RELEARNING: 2}  # learn, review, relearn
_EASE = 2500  # Anki's starting ease (per mille): prep's FSRS has no ease to give, SM-2 needs one


@dataclass(frozen=True)
class AnkiExport:
    decks: int
    notes: int
    reviews: int


def write_package(session: Session, path: Path, now: datetime, config: Config, tz: tzinfo | None) -> AnkiExport:
    cards = session.scalars(select(Card).where(Card.retired_at.is_(None)).order_by(Card.deck, Card.position)).all()
    reviews = session.scalars(select(Review).join(Card).where(Card.retired_at.is_(None))
                              .order_by(Review.reviewed_at, Review.id)).all()
    # The GUID is how Anki recognises a note it already has: importing a later export updates it.
    by_guid = {genanki.guid_for("prep", card.id): card for card in cards}
    decks: dict[str, genanki.Deck] = {}
    for guid, card in by_guid.items():
        deck = decks.get(card.deck) or decks.setdefault(card.deck, genanki.Deck(_deck_id(card.deck), f"prep::{card.deck}"))
        deck.add_note(genanki.Note(model=_MODEL, fields=[_html(card.front), _html(card.back)], guid=guid,
                                   tags=[tag.replace("::", "-") for tag in card.tags.split()]))  # "::" nests tags in Anki
    # Beside the package, named after it (the temporary prep.settings.files.replace_with fills): a killed export's work
    # is removed with it by the next start, rather than left in the system's temporary folder.
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=f"{path.name}.work-") as work:
        written, collection = Path(work) / "genanki.apkg", Path(work) / _COLLECTION
        # The notes' modification time is now: Anki's "update notes if newer" then takes a later export.
        genanki.Package(list(decks.values())).write_to_file(str(written), timestamp=now.timestamp())
        with zipfile.ZipFile(written) as package:
            collection.write_bytes(package.read(_COLLECTION))
        with closing(sqlite3.connect(collection)) as db, db:
            _schedule(db, by_guid, reviews, now, config, tz)
        with zipfile.ZipFile(written) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            for entry in source.infolist():
                package.writestr(entry, collection.read_bytes() if entry.filename == _COLLECTION else source.read(entry))
    return AnkiExport(decks=len(decks), notes=len(cards), reviews=len(reviews))


def _deck_id(name: str) -> int:
    """Stable per deck name, in the range genanki asks for."""
    return (1 << 30) + int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") % (1 << 30)


def _html(markdown: str) -> str:
    return _MARKDOWN.render(markdown).strip()


def _schedule(db: sqlite3.Connection, by_guid: dict[str, Card], reviews: list[Review], now: datetime,
              config: Config, tz: tzinfo | None) -> None:
    """Give genanki's new cards prep's schedule, and add the review log."""
    hour = config.day_starts_at_hour
    today = study_day(now, tz, hour)
    # Anki counts days from the collection's creation (crt), turning over at `rollover` local time. Starting
    # the count on the study day the first card was made gives prep's own study days and no negative due day.
    first = min([study_day(card.created_at, tz, hour) for card in by_guid.values()] + [today])
    start = day_end(first - timedelta(days=1), tz, hour)
    minutes_west = -int(start.astimezone(tz).utcoffset().total_seconds() // 60)
    conf = json.loads(db.execute("SELECT conf FROM col").fetchone()[0])
    conf.update(schedVer=2, rollover=hour, creationOffset=minutes_west)
    db.execute("UPDATE col SET crt = ?, conf = ?", (int(start.timestamp()), json.dumps(conf)))

    def day_number(moment: datetime) -> int:
        return (study_day(moment, tz, hour) - first).days

    anki_ids = {}
    # genanki numbers cards in the order the notes were added, which is prep's order of new cards.
    for position, (anki_id, guid) in enumerate(db.execute(
            "SELECT cards.id, notes.guid FROM cards JOIN notes ON notes.id = cards.nid ORDER BY cards.id").fetchall(), start=1):
        card = by_guid[guid]
        anki_ids[card.id] = anki_id
        ctype, due, ivl, factor, left = _card_schedule(card, position, day_number, config)
        queue = _SUSPENDED if card.suspended else _BURIED if card.buried_until and card.buried_until >= today else _QUEUE[card.state]
        db.execute("UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, factor = ?, reps = ?, lapses = ?, left = ?, mod = ?"
                   " WHERE id = ?", (ctype, queue, due, ivl, factor, card.reps, card.lapses, left, int(now.timestamp()), anki_id))
    due_now = {card.id: card.due for card in by_guid.values()}
    db.executemany("INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)", _revlog(reviews, due_now, anki_ids))


def _card_schedule(card: Card, position: int, day_number: Callable[[datetime], int],
                   config: Config) -> tuple[int, int, int, int, int]:
    """(type, due, ivl, factor, left) as Anki's cards table keeps them."""
    if card.state == NEW:
        return NEW, position, 0, 0, 0  # a new card's due is its place in the new queue
    if card.state == _REVIEW:
        return _REVIEW, day_number(card.due), _whole_days(card.due - card.last_review), _EASE, 0
    # (Re)learning: due in epoch seconds as in Anki's learning queue; `left` is the number of steps still to go.
    steps = config.learning_steps if card.state == _LEARNING else config.relearning_steps
    left = max(1, len(steps) - (card.step or 0))
    if card.state == _LEARNING:
        return _LEARNING, int(card.due.timestamp()), 0, 0, left
    return _RELEARNING, int(card.due.timestamp()), 1, _EASE, left  # 1 day: Anki's minimum interval after a lapse


def _snapshot_due(snapshot: str) -> datetime | None:
    """The due date a card had before an answer, from the answer's snapshot; None when it does not say (an older
    prep's, or a restored backup's, may not): the interval is then read from the card's own due date."""
    try:
        due = json.loads(snapshot).get("due")
        moment = datetime.fromisoformat(due) if isinstance(due, str) else None
    except (ValueError, AttributeError, RecursionError):
        return None
    return moment if moment is not None and moment.utcoffset() is not None else None


def _revlog(reviews: list[Review], due_now: dict[str, datetime], anki_ids: dict[str, int]) -> list[tuple[int, ...]]:
    """(id, cid, ease, ivl, lastIvl, factor, time, type) per answer, in time order."""
    # An answer's resulting due date is in the next answer's snapshot of the card, or else on the card now.
    due_after: dict[int, datetime] = {}
    latest: dict[str, Review] = {}
    for answer in reviews:
        if answer.card_id in latest and (due := _snapshot_due(answer.snapshot)) is not None:
            due_after[latest[answer.card_id].id] = due
        latest[answer.card_id] = answer
    rows, taken, last_ivl = [], set(), {}
    for answer in reviews:
        ivl = _log_interval(due_after.get(answer.id, due_now[answer.card_id]) - answer.reviewed_at)
        log_id = int(answer.reviewed_at.timestamp() * 1000)
        while log_id in taken:  # the log is keyed by the answer's time in ms: answers in the same ms must not collide
            log_id += 1
        taken.add(log_id)
        factor = _EASE if answer.state_before in (_REVIEW, _RELEARNING) else 0
        rows.append((log_id, anki_ids[answer.card_id], answer.rating, ivl, last_ivl.get(answer.card_id, 0), factor,
                     answer.duration_ms, _REVLOG_TYPE[answer.state_before]))
        last_ivl[answer.card_id] = ivl
    return rows


def _whole_days(interval: timedelta) -> int:
    return max(1, round(interval / timedelta(days=1)))


def _log_interval(interval: timedelta) -> int:
    """Anki logs an interval of a day or more in days, a shorter one as negative seconds."""
    return _whole_days(interval) if interval >= timedelta(days=1) else -max(1, round(interval.total_seconds()))
