"""Every promise of a statement has a fixed, hand-made case: each sentence of a drill's rules is mapped (PROMISES in
its cases.py) to cases that hold the same inputs under every seed, or named in NOT_CASES with why no case can
test it (see prep.drills.promises)."""

from __future__ import annotations

import pytest

from prep.drills.calling import same_value
from prep.drills.catalog import all_drills
from prep.drills.hidden import _cases_module, load_cases
from prep.drills.promises import flat, promise_sentences, uncovered
from tests.conftest import ROOT

DRILLS = all_drills(ROOT / "exercises")
# Drills whose statements are not mapped yet: each must gain PROMISES and leave this list (the test below fails
# when a mapped drill is still listed, so the list only shrinks).
UNMAPPED: set[str] = set()
MAPPED = [d for d in DRILLS if d.slug not in UNMAPPED]


def _mapping(drill) -> tuple[dict[str, list[str]], dict[str, str]]:
    module = _cases_module(drill)[1]
    return getattr(module, "PROMISES", None), getattr(module, "NOT_CASES", {})


def test_the_unmapped_list_only_shrinks() -> None:
    assert UNMAPPED <= {d.slug for d in DRILLS}
    still_listed = [d.slug for d in DRILLS if d.slug in UNMAPPED and _mapping(d)[0] is not None]
    assert not still_listed, f"mapped now: take them off UNMAPPED: {still_listed}"


@pytest.mark.parametrize("drill", MAPPED, ids=lambda d: d.slug)
def test_every_sentence_of_the_statement_is_mapped(drill) -> None:
    promises, not_cases = _mapping(drill)
    assert promises, f"{drill.slug}: cases.py has no PROMISES"
    statement = flat(drill.statement.read_text(encoding="utf-8"))
    for key in [*promises, *not_cases]:
        assert flat(key) in statement, f"{drill.slug}: {key!r} is not a sentence of the statement"
    missing = uncovered(promise_sentences(drill.statement.read_text(encoding="utf-8")), promises, not_cases)
    assert not missing, f"{drill.slug}: sentences no case holds: {missing}"


@pytest.mark.parametrize("drill", MAPPED, ids=lambda d: d.slug)
def test_each_promise_has_fixed_cases(drill) -> None:
    promises, _ = _mapping(drill)
    one, other = ({c.name: c for c in load_cases(drill, seed)} for seed in (11, 12))
    for key, names in promises.items():
        assert names, f"{drill.slug}: {key!r} has no case"
        for name in names:
            assert name in one and name in other, f"{drill.slug}: {key!r} names {name!r}, which is not a case under every seed"
            assert same_value(one[name].args, other[name].args) and same_value(one[name].kwargs, other[name].kwargs), (
                f"{drill.slug}: case {name!r} (for {key!r}) draws its inputs from the seed: a promise needs a fixed case")
