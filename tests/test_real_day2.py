"""The real `prep` in tmux through a day of the second round: answer (a sibling waits, and the status line says so),
suspend (nothing else hidden), then `prep import`, `prep decks disable` and `prep config set` from a second shell
while the deck picker is on top: its numbers follow each within seconds, without a restart."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from tests.conftest import write
from tests.test_real_terminal import PREP, Terminal, pytestmark  # noqa: F401 - skipped without tmux

NOTES = """\
# Attention

- Softmax ::: turns scores into weights
- What scales the scores? :: the root of the key size
- What does a head attend with? :: its own queries and keys
- Why several heads? :: each can look for something else
"""
MORE = """\
# Tokenizers

- What does BPE merge? :: the most frequent pair of symbols
- What does a vocabulary hold? :: subword units
"""


def test_a_day_with_a_second_shell(tmp_path: Path) -> None:
    env = {"PREP_DB": str(tmp_path / "prep.sqlite3"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "XDG_STATE_HOME": str(tmp_path / "state"), "EDITOR": "true", "TERM": "xterm-256color"}
    shell = {**os.environ, **env}

    def prep(*args: str) -> None:  # the second shell
        subprocess.run([PREP, *args], env=shell, check=True, capture_output=True)

    prep("import", str(write(tmp_path / "notes" / "attention.md", NOTES)))
    terminal = Terminal(f"prep-day2-{os.getpid()}", env)

    def shows(text: str, timeout: float = 15) -> None:
        """Waits until the screen shows `text`, however many spaces its columns put between the words."""
        deadline = time.monotonic() + timeout
        while " ".join(terminal.screen().split()).find(text) < 0:
            assert time.monotonic() < deadline, f"{text!r} never showed; the screen:\n{terminal.screen()}"
            time.sleep(0.1)

    terminal.start()
    try:
        terminal.wait_for("Start review")
        terminal.keys("Enter")
        terminal.wait_for("5 new · 0 learn · 0 review · 0 done")
        terminal.keys("Space")
        terminal.wait_for("Good")
        terminal.keys("3")  # the pair's first direction: the other waits until tomorrow, and the status line says so
        terminal.wait_for("1 other card of this fact waits until tomorrow")
        terminal.wait_for("3 new · 1 learn · 0 review · 1 done")
        terminal.keys("s")  # a suspend hides the card alone
        terminal.wait_for("Card suspended")
        terminal.wait_for("2 new · 1 learn · 0 review · 1 done")
        terminal.keys("Escape")
        terminal.wait_for("Start review")
        terminal.keys("k")
        terminal.wait_for("Study which deck?")
        shows("attention 2 new 1 learn")
        prep("import", str(write(tmp_path / "notes" / "tokenizers.md", MORE)))  # from the second shell
        shows("tokenizers 2 new")
        shows("All decks 4 new 1 learn")
        prep("decks", "disable", "tokenizers")
        shows("tokenizers disabled")
        shows("All decks 2 new")
        prep("config", "set", "new_per_day", "1")  # attention has had its one new card today
        shows("All decks 0 new")
        terminal.keys("Escape")
        terminal.wait_for("Start review")
        terminal.keys("Enter")  # Today's queue agrees: no new card left, the learning card within the learn-ahead
        shows("0 new · 1 learn · 0 review · 0 done")  # a new session: none done in it yet
    finally:
        terminal.close()
