"""Mutation proof: for every drill in exercises/ (new ones included, by just existing), at least 95% of the
non-equivalent mutants of its reference fail the hidden cases. bench/mutants.py runs every mutant with 2000
random inputs; here a sample of mutants and fewer inputs keep it to seconds per drill (run with -n 2)."""

from __future__ import annotations

import pytest

from bench.mutants import TARGET, analyse, mutants
from prep.drills.catalog import all_drills
from tests.conftest import ROOT

DRILLS = all_drills(ROOT / "exercises")


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.slug)
def test_hidden_cases_kill_the_references_mutants(drill) -> None:
    import torch

    torch.set_num_threads(1)
    result = analyse(drill, inputs=400, sample=60)
    assert not result.problem, result.problem
    assert result.mutants >= min(3, len(mutants(drill.reference.read_text(encoding="utf-8"))))
    assert result.kill_rate >= TARGET, (f"{drill.slug}: {result.kill_rate:.1f}% of non-equivalent mutants killed; "
                                        f"these pass every hidden case: {result.survivors}")


def test_the_mutator_makes_the_kinds_of_mistakes_people_make() -> None:
    source = ("import numpy as np\n\ndef f(x, n):\n    m = x.max(axis=1, keepdims=True)\n"
              "    y = np.exp(x - m) / n\n    if n > 0:\n        y[0] = y[n - 1]\n    return y.sum(axis=-1)\n")
    described = {m.description.split(": ", 1)[1] for m in mutants(source)}
    assert {"Sub → Add", "Div → Mult", "Gt → GtE", "1 → 0", "drop axis= from x.max(axis=1, keepdims=True)",
            "max() → min()", "sum() → mean()", "drop the call np.exp(...)", "delete the statement y[0] = y[n - 1]",
            "drop the right term of x - m"} <= described
    assert not any("import" in d for d in described)


def test_a_weak_case_set_is_caught(tmp_path) -> None:
    """The check can fail: softmax with only its first (1-D) case lets a batch-wide max through."""
    import shutil

    from prep.drills.catalog import get_drill

    folder = tmp_path / "exercises" / "softmax"
    shutil.copytree(ROOT / "exercises" / "softmax", folder)
    cases = folder / "cases.py"
    cases.write_text(cases.read_text(encoding="utf-8").replace("    out = [\n", "    out = [] and [\n", 1)
                     .replace("    for i in range(5):", "    out = [_case('a small vector', np.array([1.0, 2.0, 3.0]))]\n"
                                                        "    for i in range(0):", 1), encoding="utf-8")
    result = analyse(get_drill("softmax", tmp_path / "exercises"), inputs=300)
    assert result.kill_rate < TARGET and any("axis" in s for s in result.survivors), result.line()
