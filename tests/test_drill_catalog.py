"""Every drill: complete metadata; the hidden cases accept reference.py and reject starter.py
and each known-wrong solution in tests/drills/wrong/<slug>/ (the mistakes candidates make)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from prep.drills.catalog import all_drills
from prep.drills.grader import forbidden_uses, load_cases
from prep.drills.report import FAIL, PASS, render
from tests.conftest import ROOT

DRILLS = all_drills(ROOT / "exercises")
WRONG = ROOT / "tests" / "drills" / "wrong"
REQUIRED = {
    "softmax", "masked-attention", "beam-search", "bleu", "cross-entropy", "perplexity", "multi-head-attention",
    "layer-norm", "positional-encoding", "embedding-lookup", "low-rank-attention", "rouge", "bert-masking",
    "sliding-window-mask", "sampling", "kfold-split",
}


def test_the_catalog_has_every_required_drill() -> None:
    assert REQUIRED <= {d.slug for d in DRILLS}


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.slug)
def test_drill_folder_is_complete(drill) -> None:
    for path in (drill.statement, drill.starter, drill.reference, drill.cases):
        assert path.is_file(), path
    statement = drill.statement.read_text(encoding="utf-8")
    assert f"def {drill.entry}(" in statement and "## Example" in statement
    assert drill.hints and drill.topics and drill.title
    starter = ast.parse(drill.starter.read_text(encoding="utf-8"))
    assert any(isinstance(n, ast.FunctionDef) and n.name == drill.entry for n in starter.body)
    assert not forbidden_uses(drill.reference.read_text(encoding="utf-8"), drill.forbidden), "the reference uses a forbidden API"
    assert len(load_cases(drill)) >= 8


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.slug)
def test_reference_passes_and_starter_fails(drill, grader) -> None:
    accepted = grader.check(drill, drill.reference)
    assert accepted.status == PASS, render(accepted)
    assert grader.check(drill, drill.starter).status == FAIL


WRONG_SOLUTIONS = sorted(WRONG.glob("*/*.py"))


def test_every_drill_ships_three_wrong_solutions() -> None:
    for drill in DRILLS:
        assert len(list((WRONG / drill.slug).glob("*.py"))) >= 3, drill.slug


@pytest.mark.parametrize("solution", WRONG_SOLUTIONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_known_wrong_solution_is_rejected(solution: Path, grader) -> None:
    drill = next(d for d in DRILLS if d.slug == solution.parent.name)
    report = grader.check(drill, solution)
    assert report.status == FAIL, f"{solution.name} was accepted:\n{render(report)}"
