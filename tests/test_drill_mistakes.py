"""Known mistakes (exercises/<slug>/mistakes.py): each fails under every one of 50 seeds, so a verdict on a mistake
never depends on the random cases; and a learner's failing output that matches one is named in the report."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from prep.drills.catalog import all_drills, get_drill
from prep.drills.hidden import load_cases
from prep.drills.mistakes import argument_names, known_mistakes, run_case
from prep.drills.report import render
from tests.conftest import ROOT

DRILLS = all_drills(ROOT / "exercises")
SEEDS = range(1, 51)
AT_LEAST = 6


def _first_failure(function, cases, names) -> str | None:
    for case in cases:
        reason, _ = run_case(function, case, names)
        if reason:
            return case.name
    return None


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.slug)
def test_every_known_mistake_fails_under_every_seed(drill) -> None:
    import torch

    torch.set_num_threads(1)
    mistakes = known_mistakes(drill)
    assert mistakes, f"{drill.slug} has no known mistakes (exercises/{drill.slug}/mistakes.py)"
    names = argument_names(drill.reference, drill.entry)
    passed: dict[str, list[int]] = {}
    for seed in SEEDS:
        cases = load_cases(drill, seed)
        for mistake in mistakes:
            if _first_failure(mistake.function, cases, names) is None:
                passed.setdefault(mistake.name, []).append(seed)
    assert not passed, f"{drill.slug}: known mistakes that pass every case under some seeds: {passed}"


def test_every_drill_has_enough_known_mistakes() -> None:
    short = {d.slug: len(known_mistakes(d)) for d in DRILLS if len(known_mistakes(d)) < AT_LEAST}
    assert not short, f"drills with fewer than {AT_LEAST} known mistakes: {short}"


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.slug)
def test_the_reference_is_no_known_mistake(drill) -> None:
    """A mistake is told apart from the reference: the reference fails none of the cases the mistakes fail."""
    names = argument_names(drill.reference, drill.entry)
    import importlib.util

    from prep.drills.mistakes import _quiet

    spec = importlib.util.spec_from_file_location(f"reference_{drill.slug.replace('-', '_')}", drill.reference)
    module = importlib.util.module_from_spec(spec)
    with _quiet():
        spec.loader.exec_module(module)
    assert _first_failure(getattr(module, drill.entry), load_cases(drill, 7), names) is None


def test_the_report_names_the_mistake(grader, tmp_path: Path) -> None:
    """A learner's file that makes a known mistake hears which, in the mistake's own words."""
    drill = get_drill("bleu", ROOT / "exercises")
    mistake = next(m for m in known_mistakes(drill) if m.name == "longest_reference_bp")
    solution = tmp_path / "solution.py"
    solution.write_text(drill.folder.joinpath("mistakes.py").read_text(encoding="utf-8")
                        + f"\n\n{drill.entry} = {mistake.name}\n", encoding="utf-8")
    report = grader.check(drill, solution, seed=3)
    assert report.first_failure is not None and report.first_failure.mistake == mistake.says, render(report)
    assert mistake.says in render(report)


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|«[^»]*»")  # quoted text may hold full stops: 'The.'
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")
_CODE = re.compile(r"\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+|\b\w*_\w*\b|\b[A-Za-z_]\w*(?=\()")  # a.b, snake_case, f(
LONGEST = 200


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.slug)
def test_each_mistake_speaks_to_the_learner(drill) -> None:
    """What the report says is an interviewer's remark to the learner: one sentence in the second person, what
    they did and then (after a colon) what it costs, short enough to read at once, and naming no code the learner
    never saw (each name is in the statement, the reference or the mistake's own code)."""
    seen = drill.statement.read_text(encoding="utf-8") + drill.reference.read_text(encoding="utf-8")
    problems = []
    for mistake in known_mistakes(drill):
        says, code = mistake.says, inspect.getsource(mistake.function).replace(inspect.getdoc(mistake.function) or "", "")
        if not says.startswith("You "):
            problems.append(f"{mistake.name}: not said to the learner ('You ...'): {says!r}")
        if not says.endswith(".") or _SENTENCE_BREAK.search(_QUOTED.sub("''", says)):
            problems.append(f"{mistake.name}: not one sentence: {says!r}")
        if ": " not in says:
            problems.append(f"{mistake.name}: what was done, a colon, then what it costs: {says!r}")
        if len(says) > LONGEST:
            problems.append(f"{mistake.name}: {len(says)} characters, more than {LONGEST}")
        strangers = [name for name in _CODE.findall(says) if name.split(".")[-1] not in seen + code]
        if strangers or mistake.name in says:
            problems.append(f"{mistake.name}: names code the learner never saw: {strangers or mistake.name}")
    assert not problems, f"{drill.slug}:\n" + "\n".join(problems)


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.slug)
def test_no_two_known_mistakes_are_the_same_code(drill) -> None:
    """Two names for one wrong solution would count twice toward the six a drill needs."""
    tree = ast.parse(drill.folder.joinpath("mistakes.py").read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            body = node.body[1:] if ast.get_docstring(node) else node.body
            key = ast.dump(ast.Module(body=body, type_ignores=[]))
            assert key not in seen, f"{drill.slug}: {node.name} is the same code as {seen[key]}"
            seen[key] = node.name
