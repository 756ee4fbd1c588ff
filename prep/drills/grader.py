"""The trusted grader: it builds each drill's hidden cases, has the sandbox run the user's
function on their inputs, and compares what comes back with the expected outputs itself.

User code never runs in this process, and what the sandbox sends back is plain JSON,
so printing "passed", exiting early, patching numpy or torch, or writing files cannot
change a verdict.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prep.drills import calling
from prep.drills.cases import Case, allclose, max_abs_error, max_rel_error
from prep.drills.catalog import Drill
from prep.drills.forbidden import forbidden_uses
from prep.drills.hidden import load_cases
from prep.drills.mistakes import argument_names, name_the_mistake
from prep.drills.report import (
    CRASH,
    ERROR,
    FAIL,
    FORBIDDEN,
    MEMORY,
    PASS,
    RAISED,
    SYNTAX,
    TIME,
    WRONG,
    CaseResult,
    FirstFailure,
    Report,
    preview,
)
from prep.drills.repro import snippet
from prep.drills.sandbox import Job, read_frame, write_frame
from prep.drills.wire import Opaque, from_plain
from prep.errors import PrepError
from prep.settings import paths

OUTPUT_CAP = 1024 * 1024


SEED_VARIABLE = "PREP_DRILL_SEED"  # set, every attempt uses this seed (reproducible demos and screenshots)


def new_seed() -> int:
    """A fresh seed for one attempt (small enough to read out and type back), unless $PREP_DRILL_SEED pins one."""
    pinned = os.environ.get(SEED_VARIABLE, "").strip()
    if pinned:
        try:
            return int(pinned)
        except ValueError:
            raise PrepError(f"${SEED_VARIABLE}={pinned!r} is not a whole number; unset it or give a seed like 42.") from None
    return secrets.randbelow(10**9)


# ---- the sandbox process --------------------------------------------------------------------


class Grader:
    """Grades files; keeps one warm sandbox process (numpy and torch loaded) between checks."""

    def __init__(self, isolation: str = "auto", protect: tuple[Path, ...] = ()) -> None:
        self._sandbox: subprocess.Popen[bytes] | None = None
        self.protect = protect  # more files user code must not reach, such as a database given with --db
        self._ready = False
        self.isolation = isolation  # "auto"; tests force "namespace" or "audit" to check each platform's path
        self.last_isolation = ""  # what the last check's child got: "landlock", "namespace" or "audit"

    def start(self) -> None:
        """Start the sandbox without waiting: it loads torch while this process builds the cases."""
        if self._sandbox is not None and self._sandbox.poll() is None:
            return
        self._sandbox = subprocess.Popen([sys.executable, "-m", "prep.drills.sandbox"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, env=paths.child_env())
        self._ready = False

    def wait_ready(self) -> None:
        assert self._sandbox is not None
        if not self._ready and read_frame(self._sandbox.stdout) is None:
            raise PrepError("the drill sandbox did not start; run the check again, and reinstall prep if it keeps failing.")
        self._ready = True

    def close(self) -> None:
        if self._sandbox is not None:
            with contextlib.suppress(OSError):
                self._sandbox.stdin.close()  # type: ignore[union-attr]
            self._sandbox.wait(timeout=10)
            self._sandbox = None

    def _run(self, job: Job) -> dict[str, Any]:
        for _attempt in (1, 2):  # a sandbox found dead before the job (say, a crash last time) is replaced once
            self.start()
            self.wait_ready()
            assert self._sandbox is not None
            try:
                write_frame(self._sandbox.stdin, pickle.dumps(job))
            except (BrokenPipeError, OSError):
                self._sandbox = None
                continue
            try:
                frame = read_frame(self._sandbox.stdout)
            except OSError:
                frame = None
            if frame is not None:
                return json.loads(frame)
            # It died while running this job: the user's code killed it, or something above it.
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                self._sandbox.kill()
                self._sandbox.wait(timeout=5)
            self._sandbox = None
            return {"sandbox_died": True}
        raise PrepError("the drill sandbox stopped answering; run the check again.")

    def check(self, drill: Drill, source: Path, seed: int | None = None) -> Report:
        """Grade `source` on the drill's fixed cases and on random ones drawn from `seed` (a fresh one if None)."""
        started = time.perf_counter()
        try:
            code = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise PrepError(f"{source}: cannot read your solution ({error}).") from None
        seed = new_seed() if seed is None else seed
        cases = load_cases(drill, seed)
        report = Report(drill=drill.slug, status=FAIL, total=len(cases), seed=seed)
        context = _Context(drill, seed, source)
        try:
            uses = forbidden_uses(code, drill.forbidden)
        except SyntaxError as error:
            report.reason, report.kind = f"SyntaxError: {error.msg} (line {error.lineno})", SYNTAX
            return _finish(report, cases, {}, started, context)
        if uses:
            report.reason = "; ".join(f"{name} is not allowed in this drill (line {line})" for name, line in uses)
            report.kind = FORBIDDEN
            return _finish(report, cases, {}, started, context)
        folder = tempfile.mkdtemp(prefix="prep-drill-")
        try:
            job = Job(source=str(source.resolve()), entry=drill.entry, calls=[(c.name, *calling.encode((c.args, c.kwargs))) for c in cases],
                      forbidden=drill.forbidden, time_limit_s=drill.time_limit_s, memory_mb=drill.memory_mb,
                      output_cap=OUTPUT_CAP, folder=folder, protected=protected_paths(drill, self.protect),
                      isolation=self.isolation)
            run = self._run(job)
        finally:
            remove_tree(folder)
        if run.get("sandbox_died"):
            report.reason = ("your code stopped the grading sandbox (it killed the sandbox or a process above it), "
                             "so no case has a result")
            report.kind = CRASH
            return _finish(report, cases, {}, started, context)
        if "sandbox_error" in run:
            report.status, report.reason = ERROR, f"the sandbox failed: {run['sandbox_error']}"
            return _finish(report, cases, {}, started, context)
        messages = [json.loads(line) for line in run["messages"] if _is_json(line)]
        self.last_isolation = next((m["isolation"] for m in messages if "isolation" in m), "")
        report.reason, report.kind = _run_problem(run, messages, drill)
        report.output, report.output_truncated = run["output"], run["output_bytes"] > len(run["output"].encode())
        results = {m["case"]: m for m in messages if isinstance(m.get("case"), int)}
        return _finish(report, cases, results, started, context)


@dataclass(frozen=True)
class _Context:
    drill: Drill
    seed: int | None
    source: Path | None


def protected_paths(drill: Drill, extra: tuple[Path, ...] = ()) -> tuple[str, ...]:
    """What user code must never read or write: every drill's reference and cases, the learner's data
    (database, workspaces, backups) and config; a database elsewhere, with its journal files."""
    chosen = os.environ.get("PREP_DB")
    found = [drill.folder.parent, paths.exercises_dir(), paths.data_dir(), paths.config_file().parent]
    for database in [Path(p).expanduser() for p in ([chosen] if chosen else []) + list(extra)]:
        found += [database.with_name(database.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
    return tuple(dict.fromkeys(str(Path(p).resolve()) for p in found))


def remove_tree(folder: str) -> None:
    """Remove a temporary folder whatever user code left in it (read-only files, folders without access)."""

    def unlock(function: Any, path: str, _error: Any) -> None:
        with contextlib.suppress(OSError):
            os.chmod(os.path.dirname(path), 0o700)
            os.chmod(path, 0o700)
            function(path)

    if sys.version_info >= (3, 12):
        shutil.rmtree(folder, onexc=unlock)
    else:
        shutil.rmtree(folder, onerror=unlock)
    if os.path.exists(folder):
        shutil.rmtree(folder, ignore_errors=True)


def _is_json(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _run_problem(run: dict[str, Any], messages: list[dict[str, Any]], drill: Drill) -> tuple[str, str]:
    """What went wrong with the run as a whole, in words; empty when it ended normally."""
    forbidden = sorted({m["forbidden"] for m in messages if "forbidden" in m})
    load = next((m["load_error"] for m in messages if "load_error" in m), None)
    if run.get("tampered"):  # prep.drills.sandbox.trusted_messages
        return f"your code wrote on the grader's result channel ({run['tampered']}): the run does not count", CRASH
    if forbidden:
        return ", ".join(forbidden) + " is not allowed in this drill: implement it yourself", FORBIDDEN
    if load:
        return f"your file did not load: {load}", SYNTAX if load.startswith(("SyntaxError", "IndentationError", "TabError")) else CRASH
    if any(m.get("memory") for m in messages):
        return f"memory limit exceeded ({drill.memory_mb} MB)", MEMORY
    if run["timed_out"] or run["signal"] == "SIGXCPU":
        return f"time limit exceeded ({drill.time_limit_s:g} s)", TIME
    if run["signal"] == "SIGKILL":  # not ours: the kernel's out-of-memory killer
        return f"memory limit exceeded ({drill.memory_mb} MB)", MEMORY
    if run["signal"]:
        return f"your code crashed the process ({run['signal']})", CRASH
    if run["too_much_output"]:
        return "returned far too much data", CRASH
    if run["output_bytes"] >= OUTPUT_CAP:
        return f"printed more than {OUTPUT_CAP // 1024 // 1024} MB: the output limit", CRASH
    if not any(m.get("done") for m in messages):
        return (f"the process exited before finishing the cases (exit code {run['exit_code']}): sys.exit or os._exit?",
                CRASH)
    return "", ""


def _finish(report: Report, cases: list[Case], results: dict[int, dict[str, Any]], started: float,
            context: _Context | None = None) -> Report:
    names = argument_names(context.drill.reference, context.drill.entry) if context else ()
    for index, case in enumerate(cases):
        result = results.get(index)
        if result is None:
            report.cases.append(CaseResult(case.name, FAIL, "not run"))
            continue
        if "error" in result:
            message, got = result["error"], None
        else:
            got = from_plain(result["value"])
            message = (case.check or allclose())(case, got) or ""
            if isinstance(got, Opaque):
                message = message or f"returned {got.describe()}"
            message = "; ".join(part for part in (message, calling.misuse(result, names)) if part)
        report.cases.append(CaseResult(case.name, FAIL if message else PASS, message))
        if message and report.first_failure is None:
            report.first_failure = _first_failure(case, got, result, message, names, context)
            report.kind = report.kind or (RAISED if "error" in result else WRONG)
    report.passed = sum(c.status == PASS for c in report.cases)
    if report.status != ERROR:
        report.status = PASS if report.passed == report.total and not report.reason and report.total else FAIL
    if report.status != FAIL:
        report.kind = ""
    report.duration_s = round(time.perf_counter() - started, 3)
    return report


def _first_failure(case: Case, got: Any, result: dict[str, Any], message: str, names: tuple[str, ...],
                   context: _Context | None) -> FirstFailure:
    """The first failing case in detail: each input by its argument name, both outputs, the errors, the known
    mistake it looks like, and code that rebuilds it."""
    raised = "error" in result
    labels = [names[i] if i < len(names) else f"argument {i + 1}" for i in range(len(case.args))]
    arguments = [[label, preview(value, 160)] for label, value in zip(labels, case.args)]
    arguments += [[key, preview(value, 160)] for key, value in case.kwargs.items()]
    mistake = ""
    if context is not None:
        try:
            mistake = name_the_mistake(context.drill, case, got, message if raised else None)
        except Exception:  # noqa: BLE001 - a broken mistakes.py must not cost the learner the report
            mistake = ""
    return FirstFailure(
        case=case.name, inputs=", ".join(f"{name}={text}" for name, text in arguments),
        expected=preview(case.expected, 400), got=preview(got, 400) if not raised else message,
        max_abs_error=max_abs_error(case.expected, got) if not raised else None,
        max_rel_error=max_rel_error(case.expected, got) if not raised else None,
        code=snippet(context.drill, case, context.seed, context.source) if context else "",
        arguments=arguments, mistake=mistake)
