"""An error nothing expected stops the TUI with one line on the terminal, never a traceback (let alone two): the
tracebacks go to a file the line names, the exit code is 1, and the way out works on a half-built app too."""

from __future__ import annotations

import asyncio
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prep.tui.app import PrepApp
from prep.tui.screens.today import TodayScreen
from tests.conftest import ROOT, write
from tests.pilot import IdleGrader

CRASHING = """
import sys
from prep.tui.screens import today

where = sys.argv.pop(1)

def broken(self, *args):
    raise RuntimeError("a screen broke in " + where)

setattr(today.TodayScreen, where, broken)
from prep.cli import main
sys.exit(main())
"""


def run_in_a_terminal(tmp_path: Path, where: str, keys: bytes = b"") -> tuple[int, str]:
    """`prep` in a real terminal (a pty) with TodayScreen.`where` raising; returns its exit code and what it wrote."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREP_DB": str(tmp_path / "prep.sqlite3"), "TERM": "xterm-256color",
           **{name: str(tmp_path / name.lower()) for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}}
    notes = write(tmp_path / "ml.md", "# ML\n\nWhat does softmax compute? :: exp over the sum of exps\n")
    subprocess.run([sys.executable, "-m", "prep", "import", str(notes)], env=env, check=True, capture_output=True)
    leader, follower = pty.openpty()
    child = subprocess.Popen([sys.executable, "-c", CRASHING, where], stdin=follower, stdout=follower, stderr=follower,
                             env=env, close_fds=True)
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 120
    sent = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child is gone and the terminal closed
                break
            if not chunk:
                break
            seen += chunk
        if keys and not sent and b"review" in seen:  # the first screen is up
            os.write(leader, keys)
            sent = True
        if child.poll() is not None and not ready:
            break
    os.close(leader)
    code = child.wait(timeout=60)
    text = re.sub(r"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-Za-z]|[=>])|\x07", "", seen.decode(errors="replace"))
    return code, text


@pytest.mark.parametrize(("where", "keys"), [("compose", b""), ("action_stats", b"s")])
def test_a_screen_that_raises_gives_one_line_and_a_report(tmp_path: Path, where: str, keys: bytes) -> None:
    code, text = run_in_a_terminal(tmp_path, where, keys)
    assert code == 1, text[-2000:]
    assert "Traceback" not in text and "errors shown" not in text and text.count("RuntimeError") == 1, text[-3000:]
    lines = [line for line in text.splitlines() if "the TUI stopped on an unexpected error" in line]
    assert len(lines) == 1 and f"RuntimeError: a screen broke in {where}" in lines[0], text[-2000:]
    assert "prep: error: the TUI stopped" in text
    reports = list((tmp_path / "xdg_cache_home" / "prep" / "crashes").glob("crash-*.txt"))
    assert len(reports) == 1 and str(reports[0]) in text.replace("\r\n", "").replace("\n", "")
    report = reports[0].read_text()
    assert f"a screen broke in {where}" in report and "Traceback" in report
    assert not list((tmp_path / "xdg_data_home").rglob("pending/*.jsonl"))


def test_a_crash_on_a_half_built_screen_is_kept_whole_and_the_way_out_does_not_raise(service, notes, now,
                                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                                    tmp_path: Path) -> None:
    service.import_paths([notes], now)
    grader = IdleGrader()
    app = PrepApp(service, lambda: now, grader=grader)

    def broken(self: TodayScreen) -> None:
        del self.app.pending  # as on an app stopped before it was whole: the way out must not raise over the error
        raise RuntimeError("compose broke")

    monkeypatch.setattr(TodayScreen, "compose", broken)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()

    with pytest.raises(RuntimeError, match="compose broke"):  # the pilot re-raises the first error
        asyncio.run(run())
    assert isinstance(app.crashes[0], RuntimeError)
    assert any(isinstance(error, AttributeError) for error in app.crashes[1:])  # the missing part: kept, not raised
    report = app.crash_report()
    assert report is not None and "compose broke" in report.read_text()
    assert oct(report.stat().st_mode & 0o777) == "0o600"


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    return write(tmp_path / "ml.md", "# ML\n\nWhat does softmax compute? :: exp over the sum of exps\n")
