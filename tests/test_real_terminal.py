"""The real `prep` in a real terminal (tmux) through a day: review, browse, suspend, undo, quit, start again.

Skipped where tmux is not installed. Everything lives in a temporary data folder; the screen is read
back as a person would see it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import write
from tests.test_tui import NOTES

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
PREP = str(Path(sys.executable).with_name("prep"))


class Terminal:
    def __init__(self, name: str, env: dict[str, str]) -> None:
        self.name, self.env = name, env

    def start(self) -> None:
        exports = " ".join(f"{key}={value}" for key, value in self.env.items())
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", "80", "-y", "24", f"env {exports} {PREP}; sleep 30"],
                       check=True)

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never showed; the screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def test_a_day_in_a_real_terminal(tmp_path: Path) -> None:
    env = {"PREP_DB": str(tmp_path / "prep.sqlite3"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "EDITOR": "true", "TERM": "xterm-256color"}
    run_env = {**os.environ, **env}
    # The day walks through the review of the TUI tests' prose notes: every card prep reads from them is scheduled.
    write(tmp_path / "config" / "prep" / "config.toml", "schedule_suggestions = true\n")
    notes = write(tmp_path / "notes" / "ml.md", NOTES)
    subprocess.run([PREP, "import", str(notes)], env=run_env, check=True, capture_output=True)
    terminal = Terminal(f"prep-day-{os.getpid()}", env)
    terminal.start()
    try:
        terminal.wait_for("Start review")
        terminal.keys("Enter")
        terminal.wait_for("Show answer")
        terminal.keys("Space")
        terminal.wait_for("Good")
        terminal.keys("3")  # rated; the next card
        terminal.wait_for("1 done")
        terminal.keys("s")
        terminal.wait_for("Card suspended")
        terminal.keys("u")
        terminal.wait_for("Undone: card suspended")
        terminal.keys("Escape")
        terminal.wait_for("Start review")
        terminal.keys("b")
        terminal.wait_for("cards")
        terminal.keys("s")
        terminal.wait_for("Card suspended")
        terminal.keys("u")
        terminal.wait_for("Undone: card suspended")
        terminal.keys("Escape")
        terminal.wait_for("Start review")
        terminal.keys("q")
        time.sleep(1)
    finally:
        terminal.close()
    cards = json.loads(subprocess.run([PREP, "export"], env=run_env, check=True, capture_output=True, text=True).stdout)
    assert sum(card["reviews"] for card in cards) == 1 and not any(card["suspended"] for card in cards)

    again = Terminal(f"prep-day2-{os.getpid()}", env)
    again.start()
    try:
        screen = again.wait_for("Start review")
        assert "prep · today" in screen
        again.keys("Enter")
        again.wait_for("0 done")
        again.keys("Space", "Space")  # Space on the answer: Good
        again.wait_for("1 done")
        again.keys("Escape", "q")
        time.sleep(1)
    finally:
        again.close()
    cards = json.loads(subprocess.run([PREP, "export"], env=run_env, check=True, capture_output=True, text=True).stdout)
    assert sum(card["reviews"] for card in cards) == 2
