"""Every drill's topics name a heading or item of the bundled notes; drills whose hidden cases take a
seed draw the same cases for the same seed, other random cases for another, and their reference
passes under every seed tried (the oracle and the case builders hold for any draw)."""

from __future__ import annotations

import importlib.util
import inspect
import pickle
from types import ModuleType

import numpy as np
import pytest

from prep.drills.cases import allclose
from prep.drills.catalog import all_drills
from prep.drills.wire import from_plain, to_plain
from prep.notes.outline import parse_outline, split_title
from tests.conftest import DECK, ROOT

DRILLS = all_drills(ROOT / "exercises")


def _titles() -> set[str]:
    found: set[str] = set()
    stack = [parse_outline(DECK.read_text(encoding="utf-8")).root]
    while stack:
        node = stack.pop()
        if node.head:
            found.add(split_title(node.head[0][0])[0])
        stack.extend(node.children)
    return found


def _load(path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cases_module(drill) -> ModuleType:  # noqa: ANN001 - a catalog Drill
    return _load(drill.cases, f"seeded_cases_{drill.slug.replace('-', '_')}")


SEEDED = [d for d in DRILLS if "seed" in inspect.signature(_cases_module(d).cases).parameters]


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.slug)
def test_topics_name_headings_of_the_notes(drill) -> None:
    unknown = set(drill.topics) - _titles()
    assert not unknown, f"{drill.slug}: topics not in {DECK.name}: {sorted(unknown)}"


def test_the_model_drills_take_a_seed() -> None:
    model_drills = {"rotary-embedding", "alibi-bias", "rmsnorm-swiglu", "deberta-attention", "albert-embedding",
                    "xlnet-masks", "t5-span-corruption", "bart-infilling"}
    assert model_drills <= {d.slug for d in SEEDED}


def _calls(cases) -> bytes:
    return pickle.dumps([(c.name, c.args, c.kwargs) for c in cases])


@pytest.mark.parametrize("drill", SEEDED, ids=lambda d: d.slug)
def test_a_seed_fixes_the_cases_and_another_seed_changes_them(drill) -> None:
    module = _cases_module(drill)
    assert _calls(module.cases(seed=7)) == _calls(module.cases(seed=7))
    assert _calls(module.cases(seed=7)) != _calls(module.cases(seed=8))


@pytest.mark.parametrize("drill", SEEDED, ids=lambda d: d.slug)
def test_the_reference_passes_under_other_seeds(drill) -> None:
    module = _cases_module(drill)
    entry = getattr(_load(drill.reference, f"seeded_reference_{drill.slug.replace('-', '_')}"), drill.entry)
    for seed in (1, 2, 3):
        for case in module.cases(seed=seed):
            got = from_plain(to_plain(entry(*case.args, **case.kwargs)))  # as the sandbox sends it back
            reason = (case.check or allclose())(case, got)
            assert reason is None, f"{drill.slug}, seed {seed}, {case.name}: {reason}"


@pytest.mark.parametrize("drill", [d for d in SEEDED if hasattr(_cases_module(d), "random_input")], ids=lambda d: d.slug)
def test_random_inputs_are_valid_for_the_reference(drill) -> None:
    module = _cases_module(drill)
    entry = getattr(_load(drill.reference, f"random_reference_{drill.slug.replace('-', '_')}"), drill.entry)
    rng = np.random.default_rng(0)
    for _ in range(200):
        args, kwargs = module.random_input(rng)
        entry(*args, **kwargs)
