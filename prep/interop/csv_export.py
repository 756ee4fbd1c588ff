"""Every card as one CSV row, for spreadsheets and other tools."""

from __future__ import annotations

import csv
from typing import TextIO

COLUMNS = ("id", "deck", "kind", "front", "back", "source", "tags", "state", "due", "reviews", "lapses", "suspended", "retired")


def write_csv(cards: list[dict[str, object]], out: TextIO) -> None:
    """`cards` as PrepService.export_cards gives them; a header row first."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows([_cell(card[column]) for column in COLUMNS] for card in cards)


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return str(value).lower()  # as in the JSON export, not Python's True
    if isinstance(value, list):
        return " ".join(value)  # tags never hold spaces
    return value
