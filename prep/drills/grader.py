"""The trusted grader: it builds each drill's hidden cases, has the sandbox run the user's
function on their inputs, and compares what comes back with the expected outputs itself.

User code never runs in this process, and what the sandbox sends back is plain JSON,
so printing "passed", exiting early, patching numpy or torch, or writing files cannot
change a verdict.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import json
import pickle
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from prep import paths
from prep.drills.cases import Case, allclose, max_abs_error
from prep.drills.catalog import Drill
from prep.drills.report import (
    ERROR,
    FAIL,
    PASS,
    CaseResult,
    FirstFailure,
    Report,
    preview,
)
from prep.drills.sandbox import Job, read_frame, write_frame
from prep.drills.wire import Opaque, from_plain
from prep.errors import PrepError

OUTPUT_CAP = 1024 * 1024


# ---- reading the user's code before it runs ----------------------------------------


def _dotted(node: ast.AST, aliases: dict[str, str]) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([aliases.get(node.id, node.id), *reversed(parts)])


def forbidden_uses(code: str, forbidden: tuple[str, ...]) -> list[tuple[str, int]]:
    """Each forbidden API the code names, with its line: `F.softmax`, `from torch import softmax`, `x.softmax()`."""
    if not forbidden:
        return []
    tree = ast.parse(code)
    aliases: dict[str, str] = {}
    hits: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                aliases[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                if f"{node.module}.{alias.name}" in forbidden:
                    hits.append((f"{node.module}.{alias.name}", node.lineno))
    methods = {name.rsplit(".", 1)[1]: name for name in forbidden if ".Tensor." in name or ".ndarray." in name}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Attribute, ast.Name)):
            name = _dotted(node, aliases)
            if name in forbidden:
                hits.append((name, node.lineno))
            elif isinstance(node, ast.Attribute) and node.attr in methods and (name is None or name.split(".")[0] not in aliases.values()):
                hits.append((methods[node.attr], node.lineno))
    return sorted(set(hits), key=lambda hit: hit[1])


# ---- the hidden cases ---------------------------------------------------------------------

_case_cache: dict[str, tuple[float, list[Case]]] = {}


def load_cases(drill: Drill) -> list[Case]:
    """The drill's cases with their expected outputs, computed once per version of cases.py."""
    stamp = drill.cases.stat().st_mtime
    cached = _case_cache.get(drill.slug)
    if cached and cached[0] == stamp:
        return cached[1]
    spec = importlib.util.spec_from_file_location(f"prep_drill_cases_{drill.slug.replace('-', '_')}", drill.cases)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases = list(module.cases())
    _case_cache[drill.slug] = (stamp, cases)
    return cases


# ---- the sandbox process --------------------------------------------------------------------


class Grader:
    """Grades files; keeps one warm sandbox process (numpy and torch loaded) between checks."""

    def __init__(self) -> None:
        self._sandbox: subprocess.Popen[bytes] | None = None
        self._ready = False

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
        for attempt in (1, 2):  # a sandbox that died (say, its child killed it) is replaced once
            try:
                self.start()
                self.wait_ready()
                assert self._sandbox is not None
                write_frame(self._sandbox.stdin, pickle.dumps(job))
                frame = read_frame(self._sandbox.stdout)
                if frame is not None:
                    return json.loads(frame)
            except (BrokenPipeError, OSError):
                if attempt == 2:
                    raise
            self._sandbox = None
        raise PrepError("the drill sandbox stopped answering; run the check again.")

    def check(self, drill: Drill, source: Path) -> Report:
        started = time.perf_counter()
        try:
            code = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise PrepError(f"{source}: cannot read your solution ({error}).") from None
        cases = load_cases(drill)
        report = Report(drill=drill.slug, status=FAIL, total=len(cases))
        try:
            uses = forbidden_uses(code, drill.forbidden)
        except SyntaxError as error:
            report.reason = f"SyntaxError: {error.msg} (line {error.lineno})"
            return _finish(report, cases, {}, started)
        if uses:
            report.reason = "; ".join(f"{name} is not allowed in this drill (line {line})" for name, line in uses)
            return _finish(report, cases, {}, started)
        job = Job(source=str(source.resolve()), entry=drill.entry, calls=[(c.name, c.args, c.kwargs) for c in cases],
                  forbidden=drill.forbidden, time_limit_s=drill.time_limit_s, memory_mb=drill.memory_mb, output_cap=OUTPUT_CAP)
        run = self._run(job)
        if "sandbox_error" in run:
            report.status, report.reason = ERROR, f"the sandbox failed: {run['sandbox_error']}"
            return _finish(report, cases, {}, started)
        messages = [json.loads(line) for line in run["messages"] if _is_json(line)]
        report.reason = _run_problem(run, messages, drill)
        report.output, report.output_truncated = run["output"], run["output_bytes"] > len(run["output"].encode())
        results = {m["case"]: m for m in messages if isinstance(m.get("case"), int)}
        return _finish(report, cases, results, started)


def _is_json(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _run_problem(run: dict[str, Any], messages: list[dict[str, Any]], drill: Drill) -> str:
    """What went wrong with the run as a whole, in words; empty when it ended normally."""
    forbidden = sorted({m["forbidden"] for m in messages if "forbidden" in m})
    load = next((m["load_error"] for m in messages if "load_error" in m), None)
    if forbidden:
        return ", ".join(forbidden) + " is not allowed in this drill: implement it yourself"
    if load:
        return f"your file did not load: {load}"
    if any(m.get("memory") for m in messages):
        return f"memory limit exceeded ({drill.memory_mb} MB)"
    if run["timed_out"] or run["signal"] == "SIGXCPU":
        return f"time limit exceeded ({drill.time_limit_s:g} s)"
    if run["signal"] == "SIGKILL":  # not ours: the kernel's out-of-memory killer
        return f"memory limit exceeded ({drill.memory_mb} MB)"
    if run["signal"]:
        return f"your code crashed the process ({run['signal']})"
    if run["too_much_output"]:
        return "returned far too much data"
    if run["output_bytes"] >= OUTPUT_CAP:
        return f"printed more than {OUTPUT_CAP // 1024 // 1024} MB: the output limit"
    if not any(m.get("done") for m in messages):
        return f"the process exited before finishing the cases (exit code {run['exit_code']}): sys.exit or os._exit?"
    return ""


def _finish(report: Report, cases: list[Case], results: dict[int, dict[str, Any]], started: float) -> Report:
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
                message = message or f"returned {got!r}"
        report.cases.append(CaseResult(case.name, FAIL if message else PASS, message))
        if message and report.first_failure is None:
            report.first_failure = FirstFailure(
                case=case.name, inputs=", ".join([*(preview(a, 120) for a in case.args),
                                                   *(f"{k}={preview(v, 60)}" for k, v in case.kwargs.items())]),
                expected=preview(case.expected), got=preview(got) if "error" not in result else message,
                max_abs_error=max_abs_error(case.expected, got) if "error" not in result else None)
    report.passed = sum(c.status == PASS for c in report.cases)
    if report.status != ERROR:
        report.status = PASS if report.passed == report.total and not report.reason and report.total else FAIL
    report.duration_s = round(time.perf_counter() - started, 3)
    return report
