"""Whether the collection changed underneath a screen: another `prep` command (an import, a deck disabled, a
setting set), or another machine on a server collection.

A screen that shows the collection (Today, the deck picker, the browser) rereads it when it comes back on top; one
that stays on top asks every few seconds for the collection's mark, one statement of a few aggregates over indexed
or small tables, and for the config file's stat, and rereads only when either moved. Nothing is asked at start-up
or on a key.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Select, func, select

from prep.store.tables import attempts, cards, decks, reviews, suggestions

if TYPE_CHECKING:
    from sqlalchemy import Connection


@cache
def _mark() -> Select:
    """Built once: what any write of cards, answers, decks, the inbox or drills moves."""
    def scalar(query: Select) -> object:
        return query.scalar_subquery()

    return select(
        scalar(select(func.count()).select_from(cards)),
        scalar(select(func.max(cards.c.updated_at))),
        scalar(select(func.count()).select_from(reviews)),
        scalar(select(func.max(reviews.c.id))),
        scalar(select(func.count()).select_from(decks).where(decks.c.enabled)),
        scalar(select(func.count()).select_from(decks)),
        scalar(select(func.coalesce(func.sum(decks.c.new_per_day), -1))),
        scalar(select(func.count(decks.c.new_per_day))),
        scalar(select(func.count()).select_from(suggestions).where(suggestions.c.dropped.is_(False))),
        scalar(select(func.max(attempts.c.id))),
    )


def collection_mark(connection: Connection) -> tuple[object, ...]:
    """A value that changes whenever the collection does (as far as a screen shows it)."""
    return tuple(connection.execute(_mark()).one())


def file_mark(path: Path) -> tuple[int, int] | None:
    """The config file's modification time and size; None while there is none."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size
