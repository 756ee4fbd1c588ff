"""Where prep keeps its files and where it finds the shipped deck and drills."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "prep"
_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # prep/, above this room


def _shipped(name: str) -> Path:
    # In a wheel the folders are bundled inside the package; in a checkout they sit beside it.
    bundled = _PACKAGE_DIR / "_bundled" / name
    return bundled if bundled.is_dir() else _PACKAGE_DIR.parent / name


def child_env() -> dict[str, str]:
    """The environment for a child `python -m prep....`: it finds this very package, installed or not."""
    inherited = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(_PACKAGE_DIR.parent), inherited]))}


def builtin_decks_dir() -> Path:
    return _shipped("decks")


def exercises_dir() -> Path:
    return _shipped("exercises")


def workspaces_dir() -> Path:
    """The user's own solutions, one file per drill."""
    return data_dir() / "workspaces"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """What prep can always make again, kept to start faster (prep.tui.style_cache)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"
