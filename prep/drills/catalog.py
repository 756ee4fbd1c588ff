"""The drills shipped in `exercises/<slug>/`: statement, starter, reference, hidden cases, metadata."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from prep.errors import PrepError
from prep.settings import paths

DIFFICULTIES = ("easy", "medium", "hard")


@dataclass(frozen=True)
class Drill:
    slug: str
    folder: Path
    title: str
    entry: str  # the function the user implements and the cases call
    difficulty: str
    topics: tuple[str, ...]  # links to the notes' topics, e.g. "softmax", "attention"
    time_limit_s: float  # grading: CPU and wall-clock limit of one check
    memory_mb: int  # grading: address space the user's code may add
    target_minutes: int  # solving: the time an interviewer would give
    forbidden: tuple[str, ...]  # dotted APIs the solution must not call, e.g. "torch.softmax"
    hints: tuple[str, ...]

    @property
    def statement(self) -> Path:
        return self.folder / "README.md"

    @property
    def starter(self) -> Path:
        return self.folder / "starter.py"

    @property
    def reference(self) -> Path:
        return self.folder / "reference.py"

    @property
    def cases(self) -> Path:
        return self.folder / "cases.py"


def _load(folder: Path) -> Drill:
    meta_file = folder / "drill.toml"
    try:
        meta = tomllib.loads(meta_file.read_text(encoding="utf-8"))
        drill = Drill(
            slug=folder.name, folder=folder, title=meta["title"], entry=meta["entry"],
            difficulty=meta["difficulty"], topics=tuple(meta.get("topics", ())),
            time_limit_s=float(meta.get("time_limit_s", 2.0)), memory_mb=int(meta.get("memory_mb", 512)),
            target_minutes=int(meta.get("target_minutes", 20)), forbidden=tuple(meta.get("forbidden", ())),
            hints=tuple(meta.get("hints", ())),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise PrepError(f"{meta_file}: broken drill metadata ({error}).") from None
    if drill.difficulty not in DIFFICULTIES:
        raise PrepError(f"{meta_file}: difficulty must be one of {', '.join(DIFFICULTIES)}.")
    return drill


def all_drills(folder: Path | None = None) -> list[Drill]:
    root = folder or paths.exercises_dir()
    return [_load(d) for d in sorted(root.iterdir()) if (d / "drill.toml").is_file()]


def get_drill(slug: str, folder: Path | None = None) -> Drill:
    root = folder or paths.exercises_dir()
    if not (root / slug / "drill.toml").is_file():
        known = ", ".join(d.slug for d in all_drills(root))
        raise PrepError(f"no drill {slug!r}; the drills are: {known}.")
    return _load(root / slug)
