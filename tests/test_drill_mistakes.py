"""Known mistakes (exercises/<slug>/mistakes.py): each fails under every one of 50 seeds, so a verdict on a mistake
never depends on the random cases; and a learner's failing output that matches one is named in the report."""

from __future__ import annotations

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
