"""The input is the learner's to keep: the grader sees an argument changed in place and a result that shares memory
with an argument, and the inputs reach the learner's function as the case made them (views stay views, Fortran
order stays Fortran order), through the real sandbox."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np

from prep.drills import calling
from prep.drills.catalog import get_drill
from prep.drills.report import render
from tests.conftest import ROOT

SOFTMAX = get_drill("softmax", ROOT / "exercises")


def _solution(tmp_path: Path, code: str) -> Path:
    path = tmp_path / "solution.py"
    path.write_text(code, encoding="utf-8")
    return path


def test_an_in_place_edit_fails_every_case_and_names_the_argument(grader, tmp_path: Path) -> None:
    code = ("import numpy as np\n\ndef softmax(x, axis=-1):\n    x -= x.max(axis=axis, keepdims=True)\n"
            "    np.exp(x, out=x)\n    x /= x.sum(axis=axis, keepdims=True)\n    return x\n")
    report = grader.check(SOFTMAX, _solution(tmp_path, code), seed=5)
    assert report.passed == 0, render(report)
    assert all("you changed the input `x` in place" in case.message for case in report.cases), render(report)
    assert all("shares memory with the input `x`" in case.message for case in report.cases)


def test_a_result_that_is_the_callers_list_fails(grader, tmp_path: Path) -> None:
    drill = get_drill("bart-infilling", ROOT / "exercises")
    reference = drill.reference.read_text(encoding="utf-8")
    code = reference.replace("    inserts = [0] * (len(tokens) + 1)", "    if not spans:\n        return tokens\n"
                                                                      "    inserts = [0] * (len(tokens) + 1)", 1)
    report = grader.check(drill, _solution(tmp_path, code), seed=5)
    failed = [case for case in report.cases if case.status != "pass"]
    assert [case.name for case in failed] == ["no spans: the text unchanged"]
    assert "shares memory with the input `tokens`" in failed[0].message


def test_views_and_layouts_reach_the_function_as_they_are(grader, tmp_path: Path) -> None:
    code = ("import numpy as np\n\ndef softmax(x, axis=-1):\n"
            "    if not (x.flags.c_contiguous or x.flags.f_contiguous):\n        raise ValueError('strided')\n"
            "    if x.flags.f_contiguous and not x.flags.c_contiguous:\n        raise ValueError('fortran')\n"
            "    e = np.exp(x - x.max(axis=axis, keepdims=True))\n    return e / e.sum(axis=axis, keepdims=True)\n")
    report = grader.check(SOFTMAX, _solution(tmp_path, code), seed=5)
    failed = {case.name: case.message for case in report.cases if case.status != "pass"}
    assert failed["a non-contiguous view (every other column)"].startswith("ValueError: strided")
    assert failed["a Fortran-ordered matrix, axis=0"].startswith("ValueError: fortran")
    assert failed["a transposed view"].startswith("ValueError: fortran")
    assert "rows of a matrix" not in failed


def test_encode_keeps_a_view_a_view_across_pickle() -> None:
    base = np.arange(24.0).reshape(4, 6)
    args = (base[:, ::2], base[1:3].T, np.asfortranarray(np.ones((2, 3))), [base[0]])
    back = calling.decode(pickle.loads(pickle.dumps(calling.encode(args))))
    for original, copy in zip(args[:3], back[:3]):
        assert copy.strides == original.strides and np.array_equal(copy, original)
    assert np.shares_memory(back[0], back[1])  # two views of one array stay views of one array
    assert back[2].flags.f_contiguous and not back[0].flags.c_contiguous


def test_unchanged_and_aliased_are_told_apart() -> None:
    x = np.arange(6.0).reshape(2, 3)
    _, found = calling.call(lambda a: a * 2, (x,), {})
    assert found == {}
    _, found = calling.call(lambda a: a[0], (x,), {})
    assert found == {"aliased": [0]}
    _, found = calling.call(lambda a, b=None: b.append(1) or len(b), (x,), {"b": []})
    assert found == {"changed": ["b"]}
    nan = np.array([np.nan, 1.0])
    assert calling.call(lambda a: a.sum(), (nan,), {})[1] == {}  # NaN equals NaN: nothing changed
