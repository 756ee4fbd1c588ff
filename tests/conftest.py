from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from prep.config import Config
from prep.service import PrepService

ROOT = Path(__file__).resolve().parents[1]
DECK = ROOT / "decks" / "nlp-interview-notes.ru.md"
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def config() -> Config:
    # Sibling burying hides cards by design; tests that are not about it see every card.
    return Config(enable_fuzzing=False, bury_siblings=False)


@pytest.fixture
def service(tmp_path: Path, config: Config):
    svc = PrepService(tmp_path / "prep.sqlite3", config, tz=timezone.utc)
    yield svc
    svc.close()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def grader():
    """One warm sandbox for the whole run, as the TUI keeps one."""
    from prep.drills.grader import Grader

    warm = Grader()
    warm.start()
    warm.wait_ready()  # torch loaded before the first test: its start-up is no test's time
    yield warm
    warm.close()
