"""A drill's hidden cases: its cases.py loaded (again when it changes), and the cases it builds for a seed, kept for a few seeds.

The grader compares a solution against them; prep.drills.repro rebuilds one case's inputs for the learner.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
from typing import Any

from prep.drills.cases import Case
from prep.drills.catalog import Drill
from prep.errors import PrepError

_modules: dict[str, tuple[float, Any]] = {}
_case_cache: dict[tuple[str, int | None], tuple[float, list[Case]]] = {}
_CACHED_SEEDS = 4  # case lists kept per drill: the default seed's and a few attempts'


def _cases_module(drill: Drill) -> tuple[float, Any]:
    stamp = drill.cases.stat().st_mtime
    cached = _modules.get(str(drill.cases))
    if cached and cached[0] == stamp:
        return cached
    spec = importlib.util.spec_from_file_location(f"prep_drill_cases_{drill.slug.replace('-', '_')}", drill.cases)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    _modules[str(drill.cases)] = (stamp, module)
    return stamp, module


def takes_seed(cases_function: Any) -> bool:
    try:
        return "seed" in inspect.signature(cases_function).parameters
    except (TypeError, ValueError):
        return False


def load_cases(drill: Drill, seed: int | None = None) -> list[Case]:
    """The drill's cases with their expected outputs: the fixed ones and the random ones drawn from `seed`
    (None: the drill's own default seed). Computed once per seed and version of cases.py."""
    stamp, module = _cases_module(drill)
    torch = sys.modules.get("torch")
    if torch is not None and torch.get_num_threads() != 1:
        # The oracles' tensors are tiny: a thread pool only adds start-up and, on a busy machine, waits
        # (a fresh seed's cases took 0.01 s on one thread, up to 0.4 s on the default pool).
        torch.set_num_threads(1)
    key = (str(drill.cases), seed)
    cached = _case_cache.get(key)
    if cached and cached[0] == stamp:
        return cached[1]
    try:
        built = module.cases(seed) if seed is not None and takes_seed(module.cases) else module.cases()
        cases = list(built)
    except Exception as error:  # noqa: BLE001 - a broken cases.py is the drill's bug, named as such
        raise PrepError(f"{drill.cases}: the drill's hidden cases failed to build with seed {seed} "
                        f"({type(error).__name__}: {error}); report it with the seed.") from None
    same_drill = [k for k in _case_cache if k[0] == key[0]]
    for old in same_drill[:max(0, len(same_drill) - _CACHED_SEEDS + 1)]:
        del _case_cache[old]
    _case_cache[key] = (stamp, cases)
    return cases
