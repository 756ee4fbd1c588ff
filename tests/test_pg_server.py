"""The suite's own PostgreSQL server (tests/pg.py): out of another server's way, and never left running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT
from tests.pg import Server, _alive, stop_stale

START = """
import sys, time
from pathlib import Path
from tests.pg import Server
server = Server.start(Path(sys.argv[1]), template=False)
print(server.folder, flush=True)
time.sleep(3600)
"""


def _postmaster(folder: Path) -> int | None:
    pid_file = folder / "data" / "postmaster.pid"
    return int(pid_file.read_text().split()[0]) if pid_file.exists() else None


def _start_in_child(parent: Path) -> tuple[subprocess.Popen[str], Path]:
    child = subprocess.Popen([sys.executable, "-c", START, str(parent)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    return child, Path(child.stdout.readline().strip())


def _gone(pid: int, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not _alive(pid)


def test_a_server_left_by_a_killed_run_is_stopped_through_its_own_pid_file(tmp_path: Path) -> None:
    child, folder = _start_in_child(tmp_path)
    postmaster = _postmaster(folder)
    assert postmaster is not None and _alive(postmaster)
    os.kill(child.pid, signal.SIGKILL)  # a run killed outright: no atexit, no teardown
    child.wait()
    assert _alive(postmaster)  # the server outlives it …
    assert stop_stale(tmp_path) == [folder]  # … until the next run finds it by its owner's pid
    assert _gone(postmaster) and not folder.exists()


def test_a_run_stopped_by_sigterm_stops_its_server(tmp_path: Path) -> None:
    child, folder = _start_in_child(tmp_path)
    postmaster = _postmaster(folder)
    assert postmaster is not None
    child.send_signal(signal.SIGTERM)
    child.wait(timeout=120)
    assert _gone(postmaster) and not folder.exists()


def test_a_live_runs_server_is_left_alone(tmp_path: Path) -> None:
    server = Server.start(tmp_path, template=False)
    try:
        assert stop_stale(tmp_path) == [] and _alive(_postmaster(server.folder) or -1)
        assert f"port={server.port}" in server.uri("x") and str(server.sockets) in server.uri("x")
    finally:
        server.stop()
    assert not server.folder.exists()
