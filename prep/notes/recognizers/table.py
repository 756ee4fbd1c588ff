"""Tables: one card per cell, asked by its row and column.

| Model | Params | Year |          → "**BERT** — Params?" → 110M
| BERT  | 110M   | 2018 |          → "**BERT** — Year?"   → 2018
The header row is not a fact; the first column names the row.
"""

from __future__ import annotations

import re

from prep.notes.inline import plain
from prep.notes.model import Context, Fact, Proposal
from prep.notes.recognizers._common import worked_example
from prep.notes.texts import TEXTS

_TALLY = re.compile(r"^[-+]?\d{1,3}(?:[.,]\d+)?\s*(?:\([^)]*\))?$")
_REMARKS = re.compile(r"^(?:comments?|notes?|remarks?|комментари[йи]|примечани[ея]|замечани[ея])$", re.IGNORECASE)
_RECORD = re.compile(r"^[#№]?\s*[-+]?\d+(?:[.,]\d+)?\s*%?$")
_INDEX = re.compile(r"^(?:#|№|n|no|id|i|idx|index|row|day|sample|example|день|пример|объект|строка|)$", re.IGNORECASE)
_BAND = re.compile(r"^[-+<>≤≥]?\s*\d+(?:[.,]\d+)?\s*%?\s*(?:[-–—…]|\.\.)\s*[-+]?\d+(?:[.,]\d+)?\s*%?$")  # "0.1 - 0.3"
_WORDLESS = re.compile(r"^[\s.…\-—–?*_]*$")  # "", "...", "—": a gap, where ✓ / ❌ are answers


def is_record(fact: Fact) -> bool:
    """A table row named by a number (`1 | Солнечная | Высокая …`, `1% | 15% | 15% …`): a record of a dataset or a
    case of an example, whose cells no one needs to recall."""
    if fact.kind != "row" or not fact.cells or not _RECORD.match(plain(fact.cells[0][1]).strip()):
        return False
    # A number that is a value of its own ("p | Mean" with -1 → HM, 0 → GM) keys a one-column lookup; an index ("#",
    # "№", "Day") or a number before several columns keys a record.
    return len(fact.cells) >= 3 or bool(_INDEX.match(plain(fact.cells[0][0]).strip(" .:")))


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    if fact.kind != "row" or len(fact.cells) < 2:
        return []
    row = plain(fact.cells[0][1]).strip()
    if _WORDLESS.match(row) or worked_example(ctx.path, ctx.label) or is_record(fact) or _BAND.match(row):
        return []  # a row named "…", a table of a worked example, a record of a dataset, a band of a scale ("0.1 - 0.3")
    cards = []
    # A remarks column says something about the row ("GM — Comment?" asks nothing): it goes with the row's answers.
    remarked = [_REMARKS.match(plain(column).strip(" ?:")) is not None for column, _ in fact.cells[1:]]
    remarks = [plain(cell) for (_, cell), remark in zip(fact.cells[1:], remarked) if remark and cell]
    for (column, cell), remark in zip(fact.cells[1:], remarked):
        if remark or not cell or not column or _WORDLESS.match(plain(cell)) or _TALLY.match(plain(cell)):
            continue  # an empty cell, or a count in a worked example's table (`1`, `0 (Y1)`): a value, not a fact
        front = TEXTS[ctx.lang]["row"].format(row=f"**{row}**", column=plain(column).rstrip("?: "))
        cards.append(Proposal("row", ctx.cue + front, "\n\n".join([cell, *remarks])))
    return cards
