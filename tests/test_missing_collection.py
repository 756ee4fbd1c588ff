"""A collection that is not there is started only by what adds to it (import, the TUI's first start); every other
command says in one line where it looked and what to do, exits 1, and creates nothing: no file, no folder, no lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, write

READERS = [
    ["decks"], ["decks", "--json"], ["decks", "disable", "ml"], ["decks", "limit", "ml", "5"],
    ["inbox"], ["inbox", "--json"], ["inbox", "drop", "abcd1234"], ["inbox", "accept", "abcd1234"],
    ["drills"], ["drills", "--json"],
    ["stats"], ["stats", "--json"],
    ["export"], ["export", "--format", "csv"], ["export", "--format", "apkg", "-o", "out.apkg"],
    ["export", "--format", "backup", "-o", "out.json"],
    ["optimize"], ["optimize", "--dry-run"],
    ["mock", "--last"], ["mock", "--last", "--json"],
    ["backup"],
]


def tree(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*")}


def run(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    xdg = {name: str(folder / "home" / name.lower()) for name in
           ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")}
    full = {**{name: value for name, value in os.environ.items() if name != "PREP_DB"}, "PYTHONPATH": str(ROOT), **xdg, **env}
    return subprocess.run([sys.executable, "-m", "prep", *args], capture_output=True, text=True, env=full, cwd=folder,
                          timeout=120, check=False)


@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_a_command_on_a_missing_collection_says_where_it_looked_and_creates_nothing(tmp_path: Path,
                                                                                    command: list[str]) -> None:
    typo = tmp_path / "colection" / "prep.sqlite3"
    before = tree(tmp_path)
    done = run(tmp_path, "--db", str(typo), *command)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert str(typo) in lines[0] and "no collection there" in lines[0] and "--db" in lines[0] and "prep import" in lines[0]
    assert done.stdout == ""
    assert tree(tmp_path) == before  # not the file, its folder, a lock, a backup nor an output


@pytest.mark.parametrize("given", [["no-such-drill"], ["softmax", "missing.py"], ["softmax", "."]],
                         ids=["unknown drill", "no such file", "a folder"])
def test_a_check_that_cannot_grade_starts_no_collection(tmp_path: Path, given: list[str]) -> None:
    typo = tmp_path / "colection" / "prep.sqlite3"
    before = tree(tmp_path)
    done = run(tmp_path, "--db", str(typo), "check", *given)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert tree(tmp_path) == before


@pytest.mark.parametrize("where", ["PREP_DB", "the default place"])
def test_the_same_from_prep_db_and_the_default_place(tmp_path: Path, where: str) -> None:
    env = {"PREP_DB": str(tmp_path / "nowhere.sqlite3")} if where == "PREP_DB" else {}
    before = tree(tmp_path)
    done = run(tmp_path, "decks", **env)
    assert done.returncode == 1 and f"looked at {where}" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert tree(tmp_path) == before


def test_backup_list_of_a_missing_collection_lists_its_folder_and_creates_nothing(tmp_path: Path) -> None:
    before = tree(tmp_path)
    done = run(tmp_path, "--db", str(tmp_path / "gone" / "prep.sqlite3"), "backup", "--list")
    assert done.returncode == 0 and "no backups yet" in done.stdout  # a deleted collection's backups are still listed
    assert tree(tmp_path) == before


def test_import_and_the_tuis_first_start_still_start_a_collection(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    notes = write(tmp_path / "ml.md", "# ML\n\nWhat does softmax compute? :: exp over the sum of exps\n")
    imported = tmp_path / "new" / "prep.sqlite3"
    done = run(tmp_path, "--db", str(imported), "import", str(notes))
    assert done.returncode == 0, done.stderr
    assert imported.exists()
    assert run(tmp_path, "--db", str(imported), "decks").returncode == 0  # and the lists read it then

    from prep.cli import start_tui

    first = tmp_path / "first" / "prep.sqlite3"
    service, _app = start_tui(["--db", str(first)])
    service.close()
    assert first.exists()
