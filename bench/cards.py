"""Card generation: 1 MB of notes imported (target under 2 s), one huge line, and how many cards are lint-clean.

The 1 MB file is the built-in deck and a file of other people's style repeated under numbered
headings, so every recognizer runs; the figure is the whole import into a fresh SQLite database.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import NOW, emit  # noqa: E402
from prep.notes.cards import generate  # noqa: E402
from prep.service import PrepService  # noqa: E402
from prep.settings.config import Config  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _megabyte() -> str:
    parts = [(ROOT / "decks" / "nlp-interview-notes.ru.md").read_text(encoding="utf-8"),
             (ROOT / "tests" / "data" / "other-notes.md").read_text(encoding="utf-8")]
    chunks, size, n = [], 0, 0
    while size < 1_000_000:
        n += 1
        text = parts[n % 2].replace("\n# ", f"\n# Part {n} · ").replace("\n## ", f"\n## {n} · ")
        chunks.append(f"# Part {n}\n\n{text}\n")
        size += len(chunks[-1].encode())
    return "\n".join(chunks)


def main() -> None:
    text = _megabyte()
    with tempfile.TemporaryDirectory() as folder:
        notes = Path(folder) / "big.md"
        notes.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        deck = generate(text)
        generated = time.perf_counter() - started
        service = PrepService(Path(folder) / "prep.sqlite3", Config(), tz=timezone.utc)
        started = time.perf_counter()
        service.import_paths([notes], NOW)
        imported = time.perf_counter() - started
        started = time.perf_counter()
        service.import_paths([notes], NOW)
        again = time.perf_counter() - started
        service.close()
    emit("cards.generate_1mb", generated, "s", target="< 2 s with the import")
    emit("cards.import_1mb", imported, "s", baseline=2.0, target="< 2 s (ratio < 1)")
    emit("cards.reimport_1mb_unchanged", again, "s", baseline=2.0)
    emit("cards.cards_from_1mb", len(deck.drafts), "cards")
    started = time.perf_counter()
    huge = generate("# Big\n\n- [v] Thing\n  " + "word " * 40_000 + "\n")
    emit("cards.huge_line_200k", time.perf_counter() - started, "s")
    emit("cards.huge_line_longest_card", max((len(d.front) + len(d.back) for d in huge.drafts), default=0), "chars")
    # Lint-clean shares and golden cards met, per notes file: bench/cards_lint.py.

if __name__ == "__main__":
    main()
