"""The core knows nothing of the screen; the TUI process never loads torch."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def loaded_modules(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True, timeout=60)
    names = result.stdout.split()
    return set(names) | {name.split(".")[0] for name in names}  # "prep.drills.grader" and "prep"


def test_core_imports_neither_textual_nor_torch() -> None:
    modules = loaded_modules("import prep.service, prep.cli, prep.progress.charts, prep.notes.cards, prep.schedule.memory, prep.store.importer")
    assert "textual" not in modules and "torch" not in modules


def test_tui_never_imports_torch() -> None:
    modules = loaded_modules("import prep.tui.app, prep.tui.screens.drills")  # the drill screens load on first use
    assert "textual" in modules and not {"torch", "numpy"} & modules
    # Grading happens in the grader process, through prep.drills.client.
    assert not {"prep.drills.grader", "prep.drills.sandbox"} & modules


def test_startup_does_not_import_alembic_when_the_schema_is_current(tmp_path) -> None:
    db = tmp_path / "s.sqlite3"
    loaded_modules(f"from prep.service import PrepService; PrepService(__import__('pathlib').Path({str(db)!r})).close()")
    modules = loaded_modules(f"from prep.service import PrepService; PrepService(__import__('pathlib').Path({str(db)!r})).close()")
    assert "alembic" not in modules


def test_the_start_up_read_path_does_not_load_the_orm(tmp_path) -> None:
    """Opening the app on a database in use and showing the first card reads with Core alone: the ORM's
    mapped classes (prep.store.models) and sqlalchemy.orm load with the first write, not before."""
    from datetime import timedelta

    from prep.service import PrepService
    from prep.settings.config import Config
    from tests.conftest import NOW

    db = tmp_path / "s.sqlite3"
    service = PrepService(db, Config(), tz=None)
    service.add_builtin(NOW)
    deck = service.decks.enabled_names()[0]
    service.decks.set_limit(deck, 5)  # a deck with its own limit: the decks table is on the read path
    first = service.next_card(NOW)
    service.answer(first.id, 1, NOW)  # a learning card, an answer today and a study day
    service.close()
    later = NOW + timedelta(minutes=2)
    code = f"""
from datetime import datetime
from pathlib import Path
from prep.settings.config import Config
from prep.service import PrepService
now = datetime.fromisoformat({later.isoformat()!r})
service = PrepService(Path({str(db)!r}), Config())
assert service.decks.has_cards()
service.sync_builtin(now)
today = service.today(now)
assert today.new == 4 and today.reviewed == 1, today
assert service.next_card(now).id == {first.id!r}
assert service.next_card(now, deck={deck!r}) is not None
service.remaining(now, {deck!r})
"""
    modules = loaded_modules(code)
    assert "prep.store.models" not in modules and "sqlalchemy.orm" not in modules
    assert "prep.store.importer" not in modules and "prep.review.browse" not in modules and "prep.mock.interview" not in modules


def test_a_plain_card_is_drawn_without_rich_markdown_or_pygments() -> None:
    """Most cards are a line or a few bullets: drawing them must not load a Markdown parser and pygments (start-up)."""
    modules = loaded_modules(
        "from prep.tui.widgets import CardText\n"
        "from prep.tui.card_text import render_simple, is_simple\n"
        "card = '**BERT** · google […], encoder-only\\n- one *x*\\n  - two `code`'\n"
        "assert is_simple(card) and render_simple(card).plain.startswith('BERT · google')\n"
        "assert not is_simple('```python\\nx = 1\\n```')\n")
    assert not {"rich.markdown", "pygments", "markdown_it"} & modules
