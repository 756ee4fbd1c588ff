"""The suite's own folders (tests/isolation.py): every test process has them, and the check sees what a test leaves behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests import isolation


def test_this_process_and_its_children_keep_their_files_in_the_suites_own_folders(tmp_path: Path) -> None:
    root = Path(os.environ["PREP_TESTS_ROOT"])
    code = "from prep.settings import paths; print(paths.data_dir()); print(paths.config_file()); print(paths.cache_dir())"
    seen = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60).stdout.split()
    assert len(seen) == 3 and all(Path(p).is_relative_to(root) for p in seen), seen
    assert "PREP_DB" not in os.environ


def test_the_check_sees_a_file_that_appeared_changed_or_went(tmp_path: Path) -> None:
    folder = tmp_path / "user-data"
    (folder / "backups").mkdir(parents=True)
    (folder / "kept.sqlite3").write_text("a")
    (folder / "gone.json").write_text("b")
    before = isolation.look([folder], tmp_path)
    assert isolation.changes(before, isolation.look([folder], tmp_path)) == []
    (folder / "backups" / "new.sqlite3").write_text("c")
    (folder / "kept.sqlite3").write_text("longer")
    (folder / "gone.json").unlink()
    found = isolation.changes(before, isolation.look([folder], tmp_path))
    assert [line.split(":")[0].strip() for line in found] == ["new", "changed", "removed"], found


def test_the_check_sees_a_checkout_that_gained_a_file(tmp_path: Path) -> None:
    checkout = tmp_path / "clone"
    subprocess.run(["git", "init", "-q", str(checkout)], check=True)
    before = isolation.look([], checkout)
    assert before["git"] == ""
    (checkout / "<debris>.sqlite3").write_text("x")
    assert any("<debris>.sqlite3" in line for line in isolation.changes(before, isolation.look([], checkout)))
