"""A grader report as styled text for the results panel: the verdict, what went wrong first, then every case.

Unlike `prep.drills.report.render` it leaves out the run's duration: it says nothing about the
solution, and on screen it would make every snapshot differ.
"""

from __future__ import annotations

from textual.content import Content

from prep.drills.report import PASS, Report, error_line

PRINTED_LINES = 20  # of the code's own output; the report already cut it to a screenful


def mark(ok: bool) -> tuple[str, str]:
    return ("✓", "$success") if ok else ("✗", "$error")


def report_content(report: Report, note: Content | None = None) -> Content:
    """The report, with `note` (what the run did to the schedule) under its verdict."""
    # Pieces are (text, style) pairs rather than markup: names, values and printed output come from user code.
    passed = report.status == PASS
    symbol, colour = mark(passed)
    parts: list[str | tuple[str, str]] = [(f"{symbol} {report.verdict}", f"bold {colour}"),
                                          f" · {report.passed}/{report.total} cases passed"]
    if note:
        parts += ["\n", note]
    if report.seed is not None:
        parts.append((f"\nseed {report.seed} · prep check {report.drill} --seed {report.seed} draws these cases again", "dim"))
    if report.reason:
        parts.append((f"\n{report.reason}", "$warning"))
    if report.first_failure:
        failure = report.first_failure
        parts.append((f"\n\nFirst failing case: {failure.case}", "bold"))
        # Each input by its argument name, with shape, dtype and a readable head.
        details = [(name, text) for name, text in failure.arguments] or [("input", failure.inputs)]
        details += [("expected", failure.expected), ("got", failure.got)]
        width = max(12, *(len(label) + 2 for label, _ in details))
        for label, value in details:
            parts += [(f"\n  {label:<{width}}", "dim"), value]
        if failure.max_abs_error is not None:
            parts += [(f"\n  {'error':<{width}}", "dim"), error_line(failure).removeprefix("max ")]
        if failure.mistake:
            parts += [("\n\nKnown mistake: ", "bold $warning"), failure.mistake]
        if failure.code:
            parts.append(("\n\nCopy as code (c outside the editor copies it): rebuilds this case's inputs exactly", "bold"))
            parts += [f"\n  {line}" for line in failure.code.splitlines()]
    if report.output:
        parts.append(("\n\nYour code printed" + (" (cut short):" if report.output_truncated else ":"), "bold"))
        parts += [f"\n  {line}" for line in report.output.splitlines()[:PRINTED_LINES]]
    if report.cases:
        parts.append("\n")
    for case in report.cases:
        symbol, colour = mark(case.status == PASS)
        parts += [(f"\n{symbol} ", colour), (case.name, "dim" if case.status == PASS else "")]
        if case.message:
            parts.append((f" — {case.message}", "dim"))
    return Content.assemble(*parts)
