"""Fresh random cases each attempt, reproducible from the seed the report shows."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from prep.cli import main
from prep.drills.catalog import all_drills, get_drill
from prep.drills.grader import Grader
from prep.drills.hidden import load_cases, takes_seed
from prep.drills.report import FAIL, PASS, Report, render
from prep.errors import PrepError
from tests.conftest import ROOT, write

DRILLS = all_drills(ROOT / "exercises")
WRONG = "import numpy as np\n\ndef softmax(x, axis=-1):\n    return np.full_like(x, 0.5)\n"


def _inputs(cases) -> list:
    return [(c.name, c.args, c.kwargs) for c in cases]


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=a.dtype.kind == "f")
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.slug)
def test_a_seed_gives_the_same_cases_every_time_and_another_seed_others(drill) -> None:
    from bench.mutants import cases_module

    module = cases_module(drill)
    assert takes_seed(module.cases), "cases.py must define cases(seed: int = <default>)"
    first, again = module.cases(7), module.cases(7)  # the same process, so no state may leak between calls
    assert _same(_inputs(first), _inputs(again))
    assert _same(_inputs(module.cases()), _inputs(module.cases()))
    assert not _same(_inputs(first), _inputs(module.cases(8))), "the random cases do not depend on the seed"


def test_cases_without_a_seed_parameter_still_load(tmp_path: Path) -> None:
    softmax = ROOT / "exercises" / "softmax"
    folder = tmp_path / "exercises" / "old-style"
    folder.mkdir(parents=True)
    for name in ("README.md", "drill.toml", "reference.py", "starter.py"):
        (folder / name).write_text((softmax / name).read_text())
    (folder / "cases.py").write_text("import numpy as np\nfrom prep.drills.cases import Case\n\n"
                                     "def cases():\n    return [Case('one', (np.array([0.0, 0.0]),), np.array([0.5, 0.5]))]\n")
    drill = get_drill("old-style", tmp_path / "exercises")
    assert len(load_cases(drill, 123)) == 1


def test_each_attempt_draws_a_seed_and_the_report_keeps_it(grader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREP_DRILL_SEED", raising=False)
    softmax = get_drill("softmax", ROOT / "exercises")
    seeds = {grader.check(softmax, softmax.reference).seed for _ in range(3)}
    assert len(seeds) == 3 and all(isinstance(s, int) for s in seeds)
    report = grader.check(softmax, write(tmp_path / "wrong.py", WRONG), seed=4242)
    assert report.seed == 4242 and "--seed 4242" in render(report)
    assert Report.from_dict(json.loads(json.dumps(report.as_dict()))).seed == 4242


def test_the_same_seed_rebuilds_the_same_failing_case(grader, tmp_path: Path) -> None:
    softmax = get_drill("softmax", ROOT / "exercises")
    wrong = write(tmp_path / "wrong.py", "import numpy as np\n\ndef softmax(x, axis=-1):\n"
                                         "    return np.zeros_like(x) if x.ndim > 1 and x.shape[0] == 2 else "
                                         "np.exp(x - x.max(axis=axis, keepdims=True)) / np.exp(x - x.max(axis=axis, keepdims=True)).sum(axis=axis, keepdims=True)\n")
    first, again = grader.check(softmax, wrong, seed=99), grader.check(softmax, wrong, seed=99)
    assert [c.status for c in first.cases] == [c.status for c in again.cases]
    assert first.first_failure and first.first_failure.code == again.first_failure.code


def test_prep_check_seed_reproduces_a_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    solution = write(tmp_path / "wrong.py", WRONG)
    database = str(tmp_path / "prep.sqlite3")
    assert main(["--db", database, "check", "softmax", str(solution), "--json", "--seed", "31337"]) == 1
    first = json.loads(capsys.readouterr().out)
    assert main(["--db", database, "check", "softmax", str(solution), "--json", "--seed", "31337"]) == 1
    second = json.loads(capsys.readouterr().out)
    assert first["seed"] == second["seed"] == 31337
    assert [c["name"] for c in first["cases"]] == [c["name"] for c in second["cases"]]
    assert first["first_failure"] == second["first_failure"]


def test_a_pinned_seed_must_be_a_number(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PREP_DRILL_SEED", "tomorrow")
    softmax = get_drill("softmax", ROOT / "exercises")
    with pytest.raises(PrepError, match="PREP_DRILL_SEED"):
        Grader().check(softmax, write(tmp_path / "wrong.py", WRONG))


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.slug)
def test_the_reference_passes_with_other_seeds(drill, grader) -> None:
    for seed in (1, 2):
        report = grader.check(drill, drill.reference, seed=seed)
        assert report.status == PASS, render(report)


def test_a_failure_under_one_seed_is_not_a_pass_under_the_default(grader, tmp_path: Path) -> None:
    softmax = get_drill("softmax", ROOT / "exercises")
    assert grader.check(softmax, write(tmp_path / "wrong.py", WRONG), seed=5).status == FAIL
