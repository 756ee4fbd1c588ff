"""The wheel carries the built-in deck, and an installed prep finds it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_bundles_the_deck_and_the_drills(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("prep-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "prep/_bundled/decks/nlp-interview-notes.ru.md" in names
    assert {"prep/_bundled/exercises/softmax/cases.py", "prep/_bundled/exercises/softmax/drill.toml"} <= set(names)
    assert "prep/store/migrations/versions/0001_first_schema.py" in names
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    code = "from prep.settings import paths; print(paths.builtin_decks_dir()); print(paths.exercises_dir())"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                           env={"PYTHONPATH": str(target)}, check=True)
    assert found.stdout.split() == [str(target / "prep" / "_bundled" / name) for name in ("decks", "exercises")]
