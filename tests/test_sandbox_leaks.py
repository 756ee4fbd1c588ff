"""Each way out of the sandbox that was found open, tried again by hostile solutions: prep's environment in /proc,
sockets of any family, processes that outlive the check, reaching into the grader with prlimit, renice or
ptrace, and messages written on the result pipe by user code. Every one is refused, and the grader goes on."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from prep.drills import syscalls
from prep.drills.catalog import get_drill
from prep.drills.grader import Grader
from prep.drills.report import FAIL, PASS, render
from prep.drills.sandbox import trusted_messages
from tests.conftest import ROOT, write

LINUX_FILTER = pytest.mark.skipif(not syscalls.available(), reason="the seccomp filter is Linux (x86-64, arm64) only")
SECRET = "prep-leak-canary-7f3a"


@pytest.fixture(scope="module")
def softmax():
    return get_drill("softmax", ROOT / "exercises")


@pytest.fixture
def own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def grade(grader, drill, tmp_path: Path, code: str):
    return grader.check(drill, write(tmp_path / "solution.py", code))


def said(report) -> str:  # what the hostile code raised, which is how it tells the test what it saw
    return report.cases[0].message if report.cases else report.reason


# ---- the environment ---------------------------------------------------------------------------------------

ENVIRON_PROBE = """import os
def softmax(x, axis=-1):
    seen = []
    pid = os.getpid()
    for _ in range(4):  # the child, the sandbox, the grader, whatever started it
        try:
            seen.append(open(f"/proc/{pid}/environ", "rb").read().decode(errors="replace"))
            pid = int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1])
        except OSError as error:
            seen.append(type(error).__name__)
            break
    raise RuntimeError(" || ".join(seen))
"""


@pytest.mark.parametrize("warm", ["cold", "left behind"])
def test_no_process_the_child_can_read_holds_preps_environment(tmp_path: Path, warm: str) -> None:
    """The secret is in the real environment of `prep check` (and so of the grader it starts): not in
    os.environ alone, which /proc/<pid>/environ does not show."""
    solution = write(tmp_path / "probe.py", ENVIRON_PROBE)
    env = {**os.environ, "PREP_TEST_TOKEN": SECRET, "PREP_DB": str(tmp_path / "prep.sqlite3"),
           "XDG_STATE_HOME": str(tmp_path / "state"), "PREP_GRADER_IDLE": "0" if warm == "cold" else "60"}
    try:
        done = subprocess.run([sys.executable, "-m", "prep", "check", "softmax", str(solution), "--json"],
                              capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path, check=False)
    finally:
        subprocess.run([sys.executable, "-c", "from prep.drills.client import stop_warm_grader as s; s()"], env=env,
                       timeout=60, check=False)
    report = json.loads(done.stdout)
    seen = report["cases"][0]["message"]
    assert "RuntimeError" in seen and "PATH=" in seen, seen  # the child's own environ was read
    assert SECRET not in done.stdout and "PREP_DB" not in seen and "XDG_" not in seen, seen


def test_the_sandbox_is_execd_clean_even_from_a_grader_with_secrets(softmax, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREP_TEST_TOKEN", SECRET)  # in the environment the sandbox process is started with
    grader = Grader()
    try:
        report = grade(grader, softmax, tmp_path, ENVIRON_PROBE)
    finally:
        grader.close()
    assert "PATH=" in said(report) and SECRET not in said(report), render(report)


# ---- the network ----------------------------------------------------------------------------------------------

SOCKETS = {
    "TCP": "socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
    "UDP": "socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
    "UDP over IPv6": "socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)",
    "MPTCP": "socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)",
    "unix socket with a path": "socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
    "unix datagram": "socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
    "netlink": "socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)",
    "ctypes socket()": "ctypes.CDLL(None, use_errno=True).socket(2, 2, 0)",
}


@LINUX_FILTER
@pytest.mark.parametrize("family", list(SOCKETS))
def test_no_socket_of_any_family(grader, softmax, tmp_path: Path, family: str) -> None:
    listening = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # a local daemon's socket, in reach by name
    address = str(tmp_path / "daemon.sock")
    listening.bind(address)
    listening.listen(1)
    listening.setblocking(False)
    code = ("import ctypes, socket\n\ndef softmax(x, axis=-1):\n"
            f"    made = {SOCKETS[family]}\n"
            "    if isinstance(made, int):\n"
            "        raise RuntimeError(f'ctypes socket gave {made}')\n"
            f"    if made.family == socket.AF_UNIX and made.type == socket.SOCK_STREAM:\n"
            f"        made.connect({address!r})\n"
            "    raise RuntimeError('a socket was made')\n")
    try:
        report = grade(grader, softmax, tmp_path / "code", code)
        with pytest.raises(BlockingIOError):
            listening.accept()  # nothing reached it
    finally:
        listening.close()
    assert report.status == FAIL, render(report)
    assert said(report).startswith(("PermissionError", "RuntimeError: ctypes socket gave -1")), said(report)


@LINUX_FILTER
def test_threads_and_a_socketpair_are_still_fine(grader, softmax, tmp_path: Path) -> None:
    code = ("import socket\nfrom concurrent.futures import ThreadPoolExecutor\nimport numpy as np\n\n"
            "def softmax(x, axis=-1):\n    a, b = socket.socketpair()\n    a.close(); b.close()\n"
            "    with ThreadPoolExecutor(2) as pool:\n"
            "        e = pool.submit(lambda: np.exp(x - x.max(axis=axis, keepdims=True))).result()\n"
            "    return e / e.sum(axis=axis, keepdims=True)\n")
    report = grade(grader, softmax, tmp_path, code)
    assert report.status == PASS, render(report)


# ---- processes ----------------------------------------------------------------------------------------------

SPAWNERS = {
    "fork and setsid": "pid = os.fork()\n    if pid == 0:\n        os.setsid(); os.execv('/bin/sleep', ['sleep', 'SECONDS'])\n",
    "forty setsid children": ("for _ in range(40):\n        if os.fork() == 0:\n"
                              "            os.setsid(); os.execv('/bin/sleep', ['sleep', 'SECONDS'])\n"),
    "subprocess": "subprocess.Popen(['sleep', 'SECONDS'], start_new_session=True)\n",
    "posix_spawn": "os.posix_spawn('/bin/sleep', ['sleep', 'SECONDS'], {})\n",
    "fork bomb": "while True:\n        os.fork()\n",
    "ctypes fork": ("import ctypes\n    pid = ctypes.CDLL(None).fork()\n    if pid == 0:\n"
                    "        os.execv('/bin/sleep', ['sleep', 'SECONDS'])\n"
                    "    if pid < 0:\n        raise PermissionError('Operation not permitted')\n"),
}


SECONDS = str(600_000 + os.getpid())  # a `sleep` no other process on the machine runs


def _sleepers() -> set[int]:
    """Processes running this test's `sleep`, by pid: none may be left."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if command.split(b"\0")[1:2] == [SECONDS.encode()] and b"sleep" in command:
                found.add(int(entry.name))
    return found


@LINUX_FILTER
@pytest.mark.parametrize("how", list(SPAWNERS))
def test_no_process_outlives_the_check_and_the_folder_goes(softmax, tmp_path: Path, own_temp: Path, how: str) -> None:
    code = f"import os, subprocess, time\n\ndef softmax(x, axis=-1):\n    {SPAWNERS[how]}    return x\n"
    code = code.replace("SECONDS", SECONDS)
    grader = Grader()
    try:
        report = grade(grader, softmax, tmp_path, code)
        assert report.status == FAIL, render(report)
        assert said(report).startswith("PermissionError"), render(report)
        assert grader.check(softmax, softmax.reference).status == PASS
        children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(grader._sandbox.pid)],
                                  capture_output=True, text=True, check=False).stdout.split()
    finally:
        grader.close()
    assert children == []
    assert _sleepers() == set()
    assert list(own_temp.iterdir()) == []


# ---- other processes ----------------------------------------------------------------------------------------

REACHES = {
    "prlimit on the sandbox": "import resource\n    resource.prlimit(os.getppid(), resource.RLIMIT_NOFILE, (3, 3))\n",
    "prlimit through ctypes": ("import ctypes\n    limit = (ctypes.c_ulong * 2)(3, 3)\n"
                               "    if ctypes.CDLL(None).prlimit(os.getppid(), 7, limit, None) != 0:\n"
                               "        raise PermissionError('Operation not permitted')\n"),
    "renice the sandbox": "os.setpriority(os.PRIO_PROCESS, os.getppid(), 19)\n",
    "renice the process group": "os.setpriority(os.PRIO_PGRP, os.getpgid(os.getppid()), 19)\n",
    "renice every process of the user": "os.setpriority(os.PRIO_USER, os.getuid(), 19)\n",
    "ptrace attach": ("import ctypes\n    if ctypes.CDLL(None).ptrace(16, os.getppid(), None, None) != 0:\n"
                      "        raise PermissionError('Operation not permitted')\n"),
    "io_uring": ("import ctypes\n    params = ctypes.create_string_buffer(120)\n"
                 "    if ctypes.CDLL(None).syscall(425, 8, params) < 0:\n"
                 "        raise PermissionError('Operation not permitted')\n"),
    "affinity of the sandbox": "os.sched_setaffinity(os.getppid(), {0})\n",
}


@LINUX_FILTER
@pytest.mark.parametrize("how", list(REACHES))
def test_user_code_cannot_reach_into_the_grading_processes(softmax, tmp_path: Path, how: str) -> None:
    code = f"import os\n\ndef softmax(x, axis=-1):\n    {REACHES[how]}    raise RuntimeError('it worked')\n"
    grader = Grader()
    try:
        grader.start()
        grader.wait_ready()
        sandbox = grader._sandbox.pid
        niceness, limits = os.getpriority(os.PRIO_PROCESS, sandbox), Path(f"/proc/{sandbox}/limits").read_text()
        report = grade(grader, softmax, tmp_path, code)
        assert said(report).startswith("PermissionError"), render(report)
        assert os.getpriority(os.PRIO_PROCESS, sandbox) == niceness
        assert Path(f"/proc/{sandbox}/limits").read_text() == limits
        after = grader.check(softmax, softmax.reference)  # the warm grader still grades a right solution right
        assert after.status == PASS, render(after)
    finally:
        grader.close()


# ---- the result channel ----------------------------------------------------------------------------------------

FORGERS = {
    "a result for its own case": "{'case': 0, 'value': 0.5}",
    "every case and done, then leave": "*[{'case': i, 'value': 0} for i in range(64)], {'done': True}",
    "a second isolation": "{'isolation': 'none'}",
    "half a line": "'PARTIAL'",
}


@pytest.mark.parametrize("how", list(FORGERS))
def test_messages_written_by_user_code_on_the_result_pipe_do_not_count(grader, softmax, tmp_path: Path,
                                                                        how: str) -> None:
    code = ("import json, os, stat\n\ndef softmax(x, axis=-1):\n"
            "    for fd in map(int, os.listdir('/proc/self/fd')):\n"
            "        try:\n            kind = os.fstat(fd).st_mode\n        except OSError:\n            continue\n"
            "        if fd > 2 and stat.S_ISFIFO(kind):\n"
            f"            messages = [{FORGERS[how]}]\n"
            "            if messages == ['PARTIAL']:\n                os.write(fd, b'{\"case\": 0, ')\n"
            "            else:\n"
            "                os.write(fd, ''.join(json.dumps(m) + '\\n' for m in messages).encode())\n"
            "            if 'done' in str(messages):\n                os._exit(0)\n"
            "    return x * 0\n")
    report = grade(grader, softmax, tmp_path, code)
    assert report.status == FAIL and "result channel" in report.reason, render(report)


def _lines(*messages: dict) -> bytes:
    return b"".join(json.dumps(m).encode() + b"\n" for m in messages)


def test_the_protocol_the_trusted_side_accepts() -> None:
    honest = _lines({"isolation": "landlock"}, {"case": 0, "value": 1}, {"forbidden": "torch.softmax"},
                    {"case": 1, "error": "E"}, {"done": True})
    assert trusted_messages(honest, 2) == ([json.dumps(m) for m in json.loads("[" + honest.decode().strip().replace(
        "\n", ",") + "]")], "")
    assert trusted_messages(_lines({"load_error": "SyntaxError"}), 3)[1] == ""
    assert trusted_messages(_lines({"isolation": "audit"}, {"load_error": "NameError"}), 3)[1] == ""
    assert trusted_messages(honest + b'{"case": 0', 2)[1] == ""  # cut short by a kill: dropped, not blamed
    for forged in (
        _lines({"isolation": "landlock"}, {"case": 0, "value": 1}, {"case": 0, "value": 1}),  # twice
        _lines({"isolation": "landlock"}, {"case": 1, "value": 1}),  # out of turn
        _lines({"isolation": "landlock"}, {"done": True}),  # done before the cases
        honest + _lines({"case": 2, "value": 0}),  # after done
        _lines({"isolation": "landlock"}, {"isolation": "none"}),
        _lines({"isolation": "landlock"}) + b"not json\n",
        _lines({"isolation": "landlock"}) + b"[1, 2]\n",
    ):
        assert trusted_messages(forged, 2)[1], forged
