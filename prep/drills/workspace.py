"""The user's own solution files, one per drill, started from the drill's starter."""

from __future__ import annotations

import shutil
from pathlib import Path

from prep.drills.catalog import Drill


def workspace_file(folder: Path, drill: Drill) -> Path:
    return folder / f"{drill.slug.replace('-', '_')}.py"


def ensure_workspace(folder: Path, drill: Drill) -> Path:
    """The drill's workspace file, created from the starter the first time; an existing one is never touched."""
    path = workspace_file(folder, drill)
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(drill.starter, path)
    return path


def reset_workspace(folder: Path, drill: Drill) -> Path:
    """Start over from the starter. Callers ask the user first: this replaces their code."""
    path = workspace_file(folder, drill)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(drill.starter, path)
    return path
