"""Every drill: complete metadata; the hidden cases accept reference.py and reject starter.py
and each known mistake candidates make (exercises/<slug>/mistakes.py, tests/drills/wrong/)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from prep.drills.catalog import all_drills
from prep.drills.grader import forbidden_uses
from prep.drills.hidden import load_cases
from prep.drills.mistakes import known_mistakes, mistakes_file
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


@dataclass(frozen=True)
class Mistake:
    """A known-wrong solution: a function of the drill's mistakes.py (exercises/<slug>/mistakes.py), or a whole
    file whose outputs are right but which only the sandbox's limits stop (tests/drills/wrong/<slug>/*.py)."""

    slug: str
    name: str
    why: str
    file: Path | None = None

    def source(self, drill) -> str:
        if self.file is not None:
            return self.file.read_text(encoding="utf-8")
        return mistakes_file(drill).read_text(encoding="utf-8") + f"\n\n{drill.entry} = {self.name}\n"


def _mistakes() -> list[Mistake]:
    found = [Mistake(drill.slug, m.name, m.says) for drill in DRILLS for m in known_mistakes(drill)]
    for file in sorted(WRONG.glob("*/*.py")):
        found.append(Mistake(file.parent.name, file.stem, file.read_text(encoding="utf-8").splitlines()[0], file=file))
    return found


MISTAKES_FOUND = _mistakes()


def test_every_drill_ships_three_known_mistakes() -> None:
    for drill in DRILLS:
        assert sum(m.slug == drill.slug for m in MISTAKES_FOUND) >= 3, drill.slug


@pytest.mark.parametrize("mistake", MISTAKES_FOUND, ids=lambda m: f"{m.slug}/{m.name}")
def test_known_mistake_is_rejected(mistake: Mistake, grader, tmp_path: Path) -> None:
    drill = next(d for d in DRILLS if d.slug == mistake.slug)
    solution = tmp_path / "solution.py"
    solution.write_text(mistake.source(drill), encoding="utf-8")
    report = grader.check(drill, solution)
    assert report.status == FAIL, f"{mistake.name} ({mistake.why}) was accepted:\n{render(report)}"
