"""How fast a drill is graded, against a cold `python -m pytest` run of the same checks.

The cold pytest run is what grading without a warm process costs: a fresh
interpreter imports pytest, numpy and torch, builds the drill's cases and checks
the reference solution. The warm check is the TUI's path (sandbox already running,
a fresh child per check). `prep check` from the shell: cold (no warm grader allowed, PREP_GRADER_IDLE=0), and
twice in a row with fresh folders, where the first starts the grader it leaves behind and the second uses it.
Medians, one run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import emit, median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from prep.drills.catalog import get_drill  # noqa: E402
from prep.drills.grader import Grader  # noqa: E402

SLUG = "multi-head-attention" if (ROOT / "exercises" / "multi-head-attention" / "cases.py").exists() else "softmax"
PYTEST_FILE = '''
import importlib.util, sys
import numpy as np
import pytest
import torch
sys.path.insert(0, {root!r})
from prep.drills.cases import allclose

def _load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

cases = _load({cases!r}, "cases").cases()
solution = _load({solution!r}, "solution")

@pytest.mark.parametrize("case", cases, ids=[c.name for c in cases])
def test_case(case):
    got = getattr(solution, {entry!r})(*case.args, **case.kwargs)
    assert (case.check or allclose())(case, got) is None
'''


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    drill = get_drill(SLUG, ROOT / "exercises")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as folder:
        test_file = Path(folder) / "test_drill.py"
        test_file.write_text(PYTEST_FILE.format(root=str(ROOT), cases=str(drill.cases), solution=str(drill.reference), entry=drill.entry))
        cold_pytest = median([timed([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)], env) for _ in range(3)])
        db_env = {**env, "PREP_DB": str(Path(folder) / "bench.sqlite3"), "PREP_GRADER_IDLE": "0"}
        check = [sys.executable, "-m", "prep", "check", SLUG, str(drill.reference)]
        cold_check = median([timed(check, db_env) for _ in range(3)])
        firsts, seconds = [], []
        for run in range(3):  # fresh folders each time: no grader is up for the first check
            fresh = {**env, **{name: str(Path(folder) / f"run{run}" / name.lower()) for name in
                               ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")},
                     "PREP_DB": str(Path(folder) / f"run{run}.sqlite3"), "PREP_GRADER_IDLE": "120"}
            try:
                firsts.append(timed(check, fresh))
                seconds.append(timed(check, fresh))
            finally:
                subprocess.run([sys.executable, "-c", "from prep.drills.client import stop_warm_grader as s; s()"],
                               env=fresh, check=False)
    grader = Grader()
    grader.start()
    grader.check(drill, drill.reference)  # warm: sandbox up, cases built
    warm = []
    for _ in range(15):
        start = time.perf_counter()
        grader.check(drill, drill.reference)
        warm.append(time.perf_counter() - start)
    grader.close()
    emit(f"grading.cold_pytest.{SLUG}", cold_pytest, "s")
    emit(f"grading.warm_check.{SLUG}", median(warm), "s", baseline=cold_pytest, target="ratio <= 0.1")
    emit(f"grading.cold_prep_check.{SLUG}", cold_check, "s", baseline=cold_pytest, target="ratio <= 1")
    emit(f"grading.first_prep_check.{SLUG}", median(firsts), "s", baseline=cold_check)
    emit(f"grading.second_prep_check.{SLUG}", median(seconds), "s", baseline=median(firsts), target="ratio <= 0.2")


if __name__ == "__main__":
    main()
