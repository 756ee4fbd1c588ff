"""The suite touches nothing but its own temporary folders.

`isolate()` runs in every test process before prep is imported (tests/conftest.py): it gives the process fresh data,
config, cache and state folders (XDG_*), which the processes it starts inherit, and removes them at exit. The first
call remembers where the user's real folders are; `look()` lists them and the checkout's `git status`, and
`changes()` says what differs between two looks, so the end of the session fails the run if anything appeared,
changed or went there.
"""

from __future__ import annotations

import atexit
import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"XDG_DATA_HOME": "data", "XDG_CONFIG_HOME": "config", "XDG_CACHE_HOME": "cache", "XDG_STATE_HOME": "state"}
BEFORE = pytest.StashKey[dict[str, object]]()
_real: list[Path] = []


def _user_folders() -> list[Path]:
    import platformdirs

    return [Path(f("prep", appauthor=False)) for f in (platformdirs.user_data_dir, platformdirs.user_config_dir,
                                                      platformdirs.user_cache_dir, platformdirs.user_state_dir)]


def isolate() -> Path:
    """Point this process (and its children) at folders of its own; returns their root."""
    if not _real and "PREP_TESTS_ROOT" not in os.environ:
        _real.extend(_user_folders())  # where the user's own files are, read before they are hidden
    root = Path(tempfile.mkdtemp(prefix="prep-tests-"))
    for variable, name in FOLDERS.items():
        os.environ[variable] = str(root / name)
    os.environ["PREP_TESTS_ROOT"] = str(root)
    # `prep check` leaves no warm grader behind in a test (each would hold torch until its folder goes);
    # tests/test_warm_grader.py asks for one where that is what it tests.
    os.environ["PREP_GRADER_IDLE"] = "0"
    os.environ.pop("PREP_DB", None)  # a collection of the user's, named in their shell, is never a test's
    atexit.register(shutil.rmtree, root, True)
    return root


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for path in folder.rglob("*") if folder.is_dir() else ():
        try:
            status = path.lstat()
        except OSError:
            continue
        if stat.S_ISDIR(status.st_mode):
            continue  # a folder's time changes with what is in it, which is listed itself
        found[str(path)] = (status.st_size, status.st_mtime_ns)
    return found


def _git_status(checkout: Path) -> str | None:
    if not (checkout / ".git").exists():
        return None
    done = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=checkout,
                          capture_output=True, text=True, check=False)
    return done.stdout if done.returncode == 0 else None


def look(folders: list[Path] | None = None, checkout: Path = ROOT) -> dict[str, object]:
    """What the user's real folders hold (file → size and modification time), and the checkout's `git status`."""
    files: dict[str, tuple[int, int]] = {}
    for folder in _real if folders is None else folders:
        files.update(_files(folder))
    return {"files": files, "git": _git_status(checkout)}


def changes(before: dict[str, object], after: dict[str, object]) -> list[str]:
    """One line for each file that appeared, changed or went, and for the checkout's new `git status` lines."""
    old, new = before["files"], after["files"]
    assert isinstance(old, dict) and isinstance(new, dict)
    lines = [f"  new: {p}" for p in sorted(new.keys() - old.keys())]
    lines += [f"  changed: {p}" for p in sorted(old.keys() & new.keys()) if old[p] != new[p]]
    lines += [f"  removed: {p}" for p in sorted(old.keys() - new.keys())]
    if before["git"] is not None and after["git"] is not None and before["git"] != after["git"]:
        was = set(str(before["git"]).splitlines())
        lines += [f"  checkout: {line}" for line in str(after["git"]).splitlines() if line not in was]
        lines += [f"  checkout no longer: {line}" for line in sorted(was - set(str(after["git"]).splitlines()))]
    return lines
