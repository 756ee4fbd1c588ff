"""A card's id: its deck, its place and what it asks, hashed; the importer and the inbox both make cards with it."""

from __future__ import annotations

import hashlib


def card_id(deck: str, path: tuple[str, ...] | str, kind: str, slot: int | str) -> str:
    joined = path if isinstance(path, str) else " › ".join(path)
    key = "\x1f".join((deck, joined.casefold(), kind, str(slot)))
    return hashlib.sha256(key.encode()).hexdigest()[:16]
