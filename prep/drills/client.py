"""The TUI's handle on the warm grader process. Blocking calls: run them in a worker thread."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

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
