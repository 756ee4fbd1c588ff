"""See cards before studying them: `prep import --dry-run` and `prep lint`. Nothing here touches the database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from prep.decks.notes_files import NotesFile, find_notes, read_notes


def _files(given: list[Path]) -> list[NotesFile]:
    return [read_notes(path, deck) for path, deck in find_notes(given)]


def _indent(text: str, prefix: str = "      ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def dry_run(given: list[Path]) -> Iterator[str]:
    """The cards the notes would make, grouped by source line, then the notes to write up and the reading list."""
    for notes in _files(given):
        deck = notes.generated
        yield f"# {notes.path} → deck {notes.deck}: {len(deck.drafts)} cards, {len(deck.gaps)} to write up, {len(deck.reading)} to read"
        suggested = sum(not d.sure for d in deck.drafts)
        if suggested:
            yield f"# {suggested} of them suggested (marked ?): offered in the inbox, not scheduled until accepted"
        for line in sorted({d.line for d in deck.drafts}):
            yield f"{notes.path}:{line}"
            for draft in (d for d in deck.drafts if d.line == line):
                yield f"  [{draft.kind}{'' if draft.sure else ' ?'}] Q: {draft.front.splitlines()[0] if draft.front else ''}"
                rest = draft.front.splitlines()[1:]
                if rest:
                    yield _indent("\n".join(rest))
                yield "      A: " + _indent(draft.back).lstrip()
        for gap in deck.gaps:
            yield f"{notes.path}:{gap.line}: to write up: {gap.where} ({gap.reason})"
        for item in deck.reading:
            yield f"{notes.path}:{item.line}: to read: {item.text} {item.url}".rstrip()


def dry_run_json(given: list[Path]) -> dict[str, object]:
    """What an import would store, as one object: per file the scheduled cards, the suggestions, the notes to write
    up and the reading list, each with its source line."""
    files = []
    for notes in _files(given):
        deck = notes.generated

        def card(draft) -> dict[str, object]:  # noqa: ANN001 - a Draft
            return {"source": f"{notes.path}:{draft.line}", "kind": draft.kind, "path": list(draft.path),
                    "front": draft.front, "back": draft.back}

        files.append({"path": str(notes.path), "deck": notes.deck,
                      "scheduled": [card(d) for d in deck.drafts if d.sure],
                      "suggested": [card(d) for d in deck.drafts if not d.sure],
                      "to_write_up": [{"source": f"{notes.path}:{g.line}", "where": g.where, "reason": g.reason} for g in deck.gaps],
                      "reading": [{"source": f"{notes.path}:{r.line}", "text": r.text, "url": r.url} for r in deck.reading]})
    return {"files": files}


def lint(given: list[Path], as_json: bool = False) -> tuple[list[str], int, int]:
    """Each card's faults as `FILE:LINE: code: message`; returns the lines, the cards and the faulty cards."""
    from prep.notes.lint import lint as faults_of

    lines: list[str] = []
    total = faulty = 0
    for notes in _files(given):
        for draft in notes.generated.drafts:
            total += 1
            faults = faults_of(draft)
            if not faults:
                continue
            faulty += 1
            for fault in faults:
                if as_json:
                    lines.append(json.dumps({"source": f"{notes.path}:{draft.line}", "code": fault.code, "message": fault.message,
                                             "front": draft.front}, ensure_ascii=False))
                else:
                    lines.append(f"{notes.path}:{draft.line}: {fault.code}: {fault.message} — {draft.front.splitlines()[0][:80]}")
    return lines, total, faulty
