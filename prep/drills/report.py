"""The verdict of one check, as data (for --json and the database) and as text (for people)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PASS, FAIL, ERROR = "pass", "fail", "error"
VERDICTS = {PASS: "Accepted", FAIL: "Wrong answer", ERROR: "Could not grade"}  # a status as LeetCode words it

# What kind of failure, beyond pass/fail: LeetCode's distinct verdicts. A syntax error is a typo, not a wrong
# idea: it does not count against the round (see prep.practice.drill_service).
SYNTAX, TIME, CRASH, RAISED, MEMORY, FORBIDDEN, WRONG = (
    "syntax", "time", "crash", "raised", "memory", "forbidden", "wrong")
# CRASH: the process died (a signal, an exit, a file that would not load); RAISED: a case raised an exception.
KINDS = {SYNTAX: "Syntax error", TIME: "Time limit exceeded", CRASH: "Crash", RAISED: "Runtime error",
         MEMORY: "Memory limit exceeded", FORBIDDEN: "Forbidden call", WRONG: "Wrong answer"}


@dataclass
class CaseResult:
    name: str
    status: str  # pass / fail
    message: str = ""


@dataclass
class FirstFailure:
    case: str
    inputs: str  # shapes and a short preview
    expected: str
    got: str
    max_abs_error: float | None = None
    code: str = ""  # "copy as code": Python that rebuilds this case's inputs exactly and calls the function
    arguments: list[list[str]] = field(default_factory=list)  # [name, shape/dtype/head] per argument
    max_rel_error: float | None = None
    mistake: str = ""  # the known mistake whose output this is (prep.drills.mistakes), in words


@dataclass
class Report:
    drill: str
    status: str  # pass / fail / error
    passed: int = 0
    total: int = 0
    cases: list[CaseResult] = field(default_factory=list)
    duration_s: float = 0.0
    reason: str = ""  # why the whole run failed: a limit, a crash, a forbidden call, a syntax error
    first_failure: FirstFailure | None = None
    output: str = ""  # what the code printed, cut to a screenful
    output_truncated: bool = False
    seed: int | None = None  # the random cases of this attempt: `prep check SLUG --seed N` draws them again
    kind: str = ""  # for a failure: one of KINDS

    @property
    def verdict(self) -> str:
        """The headline: Accepted, or which kind of failure."""
        if self.status == FAIL and self.kind in KINDS:
            return KINDS[self.kind]
        return VERDICTS[self.status]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        first = data.get("first_failure")
        return cls(**{**data, "cases": [CaseResult(**c) for c in data.get("cases", [])],
                      "first_failure": FirstFailure(**first) if first else None})


def preview(value: Any, limit: int = 160) -> str:
    """A value as an interviewer would glance at it: type, shape, dtype and the first numbers."""
    import numpy as np

    if isinstance(value, np.ndarray):
        with np.printoptions(precision=4, threshold=12, edgeitems=3, linewidth=limit):
            body = " ".join(np.array2string(value, separator=", ").split())  # one line in the report
        text = f"array shape={value.shape} dtype={value.dtype} {body}"
        return text if len(text) <= limit else text[: limit - 1] + "…"  # the whole value is in the snippet
    if isinstance(value, tuple) and value:
        return "(" + ", ".join(preview(v, max(40, limit // len(value))) for v in value) + ")"
    if hasattr(value, "detach") and hasattr(value, "shape"):  # a torch tensor among the inputs
        return f"tensor shape={tuple(value.shape)} dtype={value.dtype} " + preview(value.detach().cpu().numpy(), limit)[6:]
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_line(failure: FirstFailure) -> str:
    """Float differences with enough digits to see them: absolute and relative."""
    text = f"max abs error {failure.max_abs_error:.3g}"
    if failure.max_rel_error is not None:
        text += f", max rel error {failure.max_rel_error:.3g}"
    return text


def render(report: Report) -> str:
    """LeetCode-style text: the verdict, each case, then the first failure in detail."""
    head = report.verdict
    if report.reason:
        head = f"{head}: {report.reason}"
    lines = [f"{report.drill}: {head}  ({report.passed}/{report.total} cases, {report.duration_s:.2f}s)"]
    if report.seed is not None:
        lines.append(f"  seed {report.seed}: `prep check {report.drill} --seed {report.seed}` draws these cases again")
    lines += [f"  {'✓' if c.status == PASS else '✗'} {c.name}" + (f" — {c.message}" if c.message else "") for c in report.cases]
    if report.first_failure:
        failure = report.first_failure
        lines += ["", f"First failing case: {failure.case}"]
        if failure.arguments:
            width = max(len(name) for name, _ in failure.arguments)
            lines += [f"  {name:<{width}} = {text}" for name, text in failure.arguments]
        else:
            lines.append(f"  input:    {failure.inputs}")
        lines += [f"  expected: {failure.expected}", f"  got:      {failure.got}"]
        if failure.max_abs_error is not None:
            lines.append(f"  {error_line(failure)}")
        if failure.mistake:
            lines.append(f"  Known mistake: {failure.mistake}")
        if failure.code:
            lines += ["", "Copy as code (rebuilds the failing inputs exactly):", *("  " + line for line in failure.code.splitlines())]
    if report.output:
        lines += ["", "Your code printed:" + (" (cut short)" if report.output_truncated else ""),
                  *("  " + line for line in report.output.splitlines()[:20])]
    return "\n".join(lines)
