"""`prep check` from the shell uses a warm grader: the TUI's while it runs, or one the first check leaves behind,
which stops by itself when idle; and no grader outlives the prep that started it, however that prep ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prep.drills import server
from tests.conftest import ROOT

REFERENCE = str(ROOT / "exercises" / "softmax" / "reference.py")
WAIT_S = 180  # a bound for what must happen, not a timing: the machine may be busy


def _environment(tmp_path: Path, idle: str) -> dict[str, str]:
    return {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "PREP_DB": str(tmp_path / "prep.sqlite3"),
            "PREP_GRADER_IDLE": idle}


def _check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "prep", "check", "softmax", REFERENCE], capture_output=True,
                          text=True, env=env, timeout=600, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def _graders(env: dict[str, str]) -> set[int]:
    """Grader servers (prep.drills.server) whose state folder is this test's."""
    found = set()
    wanted = f"XDG_STATE_HOME={env['XDG_STATE_HOME']}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"prep.drills.server" in command and wanted in environ:
            found.add(int(entry.name))
    return found


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(p) for p in (task / "children").read_text().split()}
        except OSError:
            continue
    return found


def _gone(pids: set[int]) -> bool:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in pids):
            return True
        time.sleep(0.2)
    return False


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def _stop(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-c", "from prep.drills.client import stop_warm_grader as s; s()"], env=env,
                   timeout=60, check=False)


pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="finds the graders through /proc")


def test_a_second_check_in_a_row_uses_the_grader_the_first_left(tmp_path: Path) -> None:
    env = _environment(tmp_path, "120")
    try:
        _check(env)
        left = _graders(env)
        assert len(left) == 1  # the first check left one grader behind
        sandbox = _children(next(iter(left)))
        second = _check(env)
        assert "Graded" in second.stdout
        assert _graders(env) == left and _children(next(iter(left))) == sandbox  # the same grader, still warm
    finally:
        _stop(env)
    assert _gone(left | sandbox)


def test_a_check_of_the_workspace_starts_the_grader_before_the_collection_opens(tmp_path: Path) -> None:
    """With no file given, the workspace's path needs the collection: the grader is started first (it loads torch
    while the collection opens) and the check then asks that one, the one it leaves behind, which runs at the
    shell's priority."""
    env = _environment(tmp_path, "120")
    workspace = [sys.executable, "-m", "prep", "check", "softmax"]
    try:
        first = subprocess.run(workspace, capture_output=True, text=True, env=env, timeout=600, cwd=ROOT, check=False)
        assert first.returncode == 1 and "NotImplementedError" in first.stdout, first.stdout + first.stderr  # the starter
        left = _graders(env)
        assert len(left) == 1
        # at the shell's priority, its sandbox too: here the user waits on it (the TUI's runs below the TUI)
        assert {os.getpriority(os.PRIO_PROCESS, pid) for pid in left | _children(next(iter(left)))} == {
            os.getpriority(os.PRIO_PROCESS, 0)}
        second = subprocess.run(workspace, capture_output=True, text=True, env=env, timeout=600, cwd=ROOT, check=False)
        assert second.returncode == 1 and _graders(env) == left
    finally:
        _stop(env)
    assert _gone(left)


def test_a_left_grader_stops_by_itself_when_idle(tmp_path: Path) -> None:
    env = _environment(tmp_path, "2")
    _check(env)
    left = _graders(env)
    assert left
    assert _gone(left)
    assert not list((tmp_path / "state").rglob("*.sock"))


def test_no_grader_is_left_when_idle_is_zero(tmp_path: Path) -> None:
    env = _environment(tmp_path, "0")
    _check(env)
    assert _graders(env) == set()


def test_a_grader_killed_hard_is_replaced(tmp_path: Path) -> None:
    env = _environment(tmp_path, "120")
    try:
        _check(env)
        first = _graders(env)
        for pid in first:
            os.kill(pid, signal.SIGKILL)
        assert _gone(first)
        _check(env)  # the socket file it left is not a grader: a new one starts
        second = _graders(env)
        assert second and not second & first
    finally:
        _stop(env)
    assert _gone(second)


TUI = """import sys, time
from prep.drills.client import GraderClient
client = GraderClient()
client.start()
print(client._process.pid, flush=True)
time.sleep(600)
"""


def test_the_tuis_grader_serves_the_shell_and_dies_with_a_killed_tui(tmp_path: Path) -> None:
    env = _environment(tmp_path, "120")
    tui = subprocess.Popen([sys.executable, "-c", TUI], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT,
                           start_new_session=True)  # like `prep mock` started without a terminal
    try:
        assert tui.stdout is not None
        grader = int(tui.stdout.readline())
        sandbox = _children(grader)
        assert sandbox
        _check(env)
        assert _graders(env) == {grader}  # the shell's check used the TUI's grader: none was started
    finally:
        tui.kill()
        tui.wait()
    assert _gone({grader} | sandbox)  # SIGKILL of the TUI: its grader and the sandbox under it end
    assert _graders(env) == set()


def test_the_socket_path_names_this_prep_and_its_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = server.socket_path()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))
    assert server.socket_path() != first  # another data folder, another grader (its protected paths differ)


def test_with_no_place_for_a_grader_the_check_grades_in_its_own_process(tmp_path: Path) -> None:
    env = _environment(tmp_path, "120")
    Path(env["XDG_STATE_HOME"]).write_text("a file where the state folder would be")
    done = _check(env)
    assert "Graded" in done.stdout and _graders(env) == set()
