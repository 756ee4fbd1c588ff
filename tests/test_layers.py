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
    modules = loaded_modules("import prep.service, prep.cli, prep.charts, prep.notes.cards, prep.schedule, prep.store.importer")
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
