"""Handles on the warm grader process (prep.drills.server): the TUI's own, on a pipe (GraderClient; blocking
calls, run them in a worker thread), and the one `prep check` finds or leaves behind, on a socket (warm_check)."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prep.errors import PrepError
from prep.settings import paths

if TYPE_CHECKING:  # the report's code loads with the first check, not with the app (bench/startup.py)
    from prep.drills.report import Report


class GraderClient:
    def __init__(self, exercises: Path | None = None) -> None:
        self._exercises = exercises
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()  # one request at a time on the pipe

    def start(self) -> None:
        """Start the grader (loading torch takes a moment) and wait until it is ready."""
        with self._lock:
            self._ensure_started()

    def _ensure_started(self) -> None:
        if self._process is not None and self._process.poll() is None:
            return
        self._process = subprocess.Popen([sys.executable, "-m", "prep.drills.server"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, text=True, env=paths.child_env())
        assert self._process.stdout is not None
        if not self._process.stdout.readline():
            raise PrepError("the drill grader did not start; reinstall prep if this keeps happening.")

    def check(self, slug: str, source: Path, seed: int | None = None) -> Report:
        """Grade `source`; `seed` draws the random cases of an earlier attempt again (None: fresh ones)."""
        from prep.drills.report import Report

        request = {"slug": slug, "source": str(source), "exercises": str(self._exercises) if self._exercises else None,
                   "seed": seed}
        with self._lock:
            for attempt in (1, 2):  # a grader that died is restarted once
                self._ensure_started()
                assert self._process is not None and self._process.stdin is not None and self._process.stdout is not None
                try:
                    self._process.stdin.write(json.dumps(request) + "\n")
                    self._process.stdin.flush()
                    line = self._process.stdout.readline()
                except (BrokenPipeError, OSError):
                    line = ""
                if line:
                    return Report.from_dict(json.loads(line))
                self._process = None
        raise PrepError("the drill grader stopped answering; try the check again.")

    def close(self) -> None:
        with self._lock:
            if self._process is not None:
                if self._process.stdin is not None:
                    self._process.stdin.close()
                try:
                    self._process.wait(timeout=10)
                except subprocess.TimeoutExpired:  # still loading torch on a busy machine: nothing of it is waited for
                    self._process.kill()
                    self._process.wait()
                self._process = None


# ---- prep check from the shell -----------------------------------------------------------------------------

START_WAIT_S = 30  # for a grader just started to listen (it binds before loading torch: well under a second)
REPLY_WAIT_S = 600  # for a report: the first check of a new grader waits for torch to load


def warm_check(slug: str, source: Path, exercises: Path | None, seed: int | None,
               protect: tuple[Path, ...]) -> Report | None:
    """Grade with the warm grader (the TUI's, or one an earlier check left), starting one to stay behind when
    none runs; None when none can be had (the caller grades in its own process)."""
    from prep.drills import server

    path = server.socket_path()
    if server.idle_seconds() <= 0:
        return None
    request = {"slug": slug, "source": str(source), "exercises": str(exercises) if exercises else None,
               "seed": seed, "protect": [str(p) for p in protect]}
    reply = _ask(path, request)
    if reply is None and _start_daemon(path):
        reply = _ask(path, request)
    if reply is None or "status" not in reply:
        return None
    from prep.drills.report import Report

    return Report.from_dict(reply)


class EarlyCheck:
    """A `prep check` put to the warm grader before the collection is opened, so grading (or starting the grader,
    which loads torch) goes on while the shell's prep imports its database layer: both are most of a check."""

    def __init__(self, slug: str, source: Path, exercises: Path | None, seed: int | None,
                 protect: tuple[Path, ...]) -> None:
        self.source, self.seed = source, seed
        self._report: Report | None = None
        self._thread = threading.Thread(target=self._run, args=(slug, source.resolve(), exercises, seed, protect),
                                        name="prep-early-check", daemon=True)  # a failed open does not wait for it
        self._thread.start()

    def _run(self, *request: Any) -> None:
        with contextlib.suppress(Exception):  # whatever went wrong, the caller grades as if none had been asked
            self._report = warm_check(*request)

    def report(self, source: Path, seed: int | None) -> Report | None:
        """The report on `source` with `seed` (None: this asked of another file, or no grader could be had)."""
        if (source, seed) != (self.source, self.seed):
            return None
        self._thread.join()
        return self._report


def start_warm_grader() -> None:
    """Start the grader `prep check` will ask, without waiting for it, when none listens: it loads torch while the
    caller opens the collection, and warm_check waits for this one instead of starting another."""
    global _starting
    from prep.drills import server

    if server.idle_seconds() <= 0 or _starting is not None:
        return
    path = server.socket_path()
    if not _listening(path):
        _starting = _spawn(path)


def stop_warm_grader() -> bool:
    """Ask the grader `prep check` would use to stop; False when none was listening."""
    from prep.drills import server

    return _ask(server.socket_path(), {"stop": True}, raw=b'{"stop": true}\n') is not None


def _ask(path: Path, request: dict[str, Any], raw: bytes | None = None) -> dict[str, Any] | None:
    import socket  # here, not at the top: the TUI imports this module and never asks a socket

    from prep.drills import server

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(REPLY_WAIT_S)
            with server.address(path) as name:
                connection.connect(name)
            connection.sendall(raw or json.dumps(request).encode() + b"\n")
            data = b""
            while not data.endswith(b"\n"):
                chunk = connection.recv(1 << 20)
                if not chunk:
                    return None
                data += chunk
        reply = json.loads(data)
    except (OSError, ValueError):  # nobody listens, it stopped meanwhile, or it broke: the caller goes cold
        return None
    return reply if isinstance(reply, dict) else None


_starting: subprocess.Popen[bytes] | None = None  # the grader start_warm_grader started, not yet asked


def _listening(path: Path) -> bool:
    import socket

    from prep.drills import server

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe, contextlib.suppress(OSError):
        with server.address(path) as name:
            probe.connect(name)
        return True
    return False


def _start_daemon(path: Path) -> bool:
    """Start a grader that stays behind (or take the one start_warm_grader started) and wait until it listens."""
    global _starting
    started, _starting = _starting or _spawn(path), None
    if started is None:
        return False
    deadline = time.monotonic() + START_WAIT_S
    while time.monotonic() < deadline:
        ended = started.poll() is not None  # read before the probe: one that lost a race to another still counts
        if _listening(path):
            return True
        if ended:  # it could not listen (another grader's lock, no socket here) and nobody else does
            return False
        time.sleep(0.05)
    return False


def _spawn(path: Path) -> subprocess.Popen[bytes] | None:
    """A grader that stays behind, in a session of its own so the shell's Ctrl-C or hang-up leaves it."""
    env = paths.child_env()
    env.pop("PREP_DRILL_SEED", None)  # the caller pins its own seed in the request
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        started = subprocess.Popen([sys.executable, "-m", "prep.drills.server", "--daemon"], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                                   start_new_session=True, cwd=path.parent)
    except OSError:  # a read-only state folder, say: this check grades in its own process
        return None
    return started
