"""The deck the learner last picked to study, remembered across starts (as Anki keeps its current deck), one per
collection: a small JSON file in prep's data folder, keyed by a hash of the collection's location (a server URL's
password is never written down)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from prep.settings import paths


def _file() -> Path:
    return paths.data_dir() / "chosen-deck.json"


def _key(collection: object) -> str:
    return hashlib.sha256(str(collection).encode()).hexdigest()[:16]


def _read() -> dict[str, str]:
    try:
        found = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: all decks, as on a first start
    return found if isinstance(found, dict) else {}


def remembered(collection: object) -> str | None:
    """The deck picked last on this collection; None: all decks."""
    deck = _read().get(_key(collection))
    return deck if isinstance(deck, str) and deck else None


def remember(collection: object, deck: str | None) -> None:
    """Keep the pick for the next start; a folder that cannot be written only costs the memory of it."""
    chosen = _read()
    if deck:
        chosen[_key(collection)] = deck
    else:
        chosen.pop(_key(collection), None)
    try:
        _file().parent.mkdir(parents=True, exist_ok=True)
        temporary = _file().with_suffix(".tmp")
        temporary.write_text(json.dumps(chosen), encoding="utf-8")
        temporary.replace(_file())
    except OSError:
        pass
