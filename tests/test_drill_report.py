"""A failure report rebuilds the failure: exact inputs as code, every differing output, the user's own names."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import numpy as np
import pytest

from prep.drills.catalog import all_drills, get_drill
from prep.drills.hidden import load_cases
from prep.drills.report import FAIL, PASS, render
from prep.drills.repro import snippet
from tests.conftest import ROOT, write

DRILLS = all_drills(ROOT / "exercises")


def _identical(a, b) -> bool:
    if isinstance(a, np.ndarray):
        return (isinstance(b, np.ndarray) and a.dtype == b.dtype and a.shape == b.shape
                and a.tobytes() == b.tobytes())
    if hasattr(a, "detach"):
        return _identical(a.numpy(), b.numpy()) and a.dtype == b.dtype
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_identical(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and np.isnan(a):
        return isinstance(b, float) and np.isnan(b)
    return type(a) is type(b) and a == b


def run_snippet(code: str, entry: str) -> tuple[tuple, dict]:
    """Execute a report's snippet against a stand-in solution that records what it was called with."""
    seen: dict = {}
    fake = types.ModuleType("solution")
    setattr(fake, entry, lambda *args, **kwargs: seen.update(args=args, kwargs=kwargs))
    sys.modules["solution"] = fake
    try:
        exec(compile(code, "<snippet>", "exec"), {})  # noqa: S102 - our own generated code
    finally:
        del sys.modules["solution"]
    return seen["args"], seen["kwargs"]


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.slug)
def test_the_snippet_rebuilds_every_cases_inputs_exactly(drill) -> None:
    for case in load_cases(drill, 77):
        code = snippet(drill, case, 77, Path("solution.py"))
        args, kwargs = run_snippet(code, drill.entry)
        # positional inputs are passed by their parameter names; keyword arguments by name
        assert _identical(tuple(args), tuple(case.args)), (case.name, code[:300])
        assert kwargs.keys() == case.kwargs.keys() and all(_identical(kwargs[k], v) for k, v in case.kwargs.items())


def test_the_snippet_names_arguments_and_keeps_long_inputs_whole(grader, tmp_path: Path) -> None:
    drill = get_drill("masked-attention", ROOT / "exercises")
    wrong = write(tmp_path / "attention.py", "import numpy as np\n\ndef masked_attention(q, k, v, mask=None, causal=False):\n"
                                             "    w = np.ones(q.shape[:-1] + (k.shape[-2],)) / k.shape[-2]\n    return w @ v, w\n")
    report = grader.check(drill, wrong, seed=5)
    code = report.first_failure.code
    assert "from attention import masked_attention" in code and "got = masked_attention(q, k, v, mask, causal)" in code
    args, _ = run_snippet(code.replace("from attention import", "from solution import"), "masked_attention")
    case = next(c for c in load_cases(drill, 5) if c.name == report.first_failure.case)
    assert _identical(tuple(args), tuple(case.args))
    assert "Copy as code" in render(report) and "…" not in code


def test_inputs_too_large_to_print_are_rebuilt_from_the_seed() -> None:
    drill = get_drill("cross-entropy", ROOT / "exercises")
    case = next(c for c in load_cases(drill, 3) if "4096" in c.name)
    code = snippet(drill, case, 3, Path("solution.py"))
    assert "case_inputs('cross-entropy'" in code and "seed=3" in code and len(code) < 2000
    args, kwargs = run_snippet(code, drill.entry)
    assert _identical(tuple(args), tuple(case.args)) and kwargs == case.kwargs


def test_every_differing_rouge_score_is_named_with_its_values(grader, tmp_path: Path) -> None:
    drill = get_drill("rouge", ROOT / "exercises")
    wrong = write(tmp_path / "rouge_wrong.py", "def rouge(candidate, reference, kind):\n"
                                               "    return {'precision': 1.0, 'recall': 0.5, 'fmeasure': 0.25}\n")
    report = grader.check(drill, wrong)
    message = report.cases[0].message  # identical texts: 1.0 everywhere
    assert "recall: expected 1.0, got 0.5" in message and "fmeasure: expected 1.0, got 0.25" in message
    assert "precision" not in message


def test_every_differing_output_of_a_tuple_is_named(grader, tmp_path: Path) -> None:
    drill = get_drill("low-rank-attention", ROOT / "exercises")
    wrong = write(tmp_path / "lra.py", "import numpy as np\n\ndef low_rank_attention(s, H, U, V):\n"
                                       "    w = np.ones(H.shape[:-1]) / H.shape[-2]\n    return w, (w[..., None] * H).sum(-2) + 1\n")
    message = grader.check(drill, wrong).cases[0].message
    assert message.startswith("weights: wrong at index") and "; context: wrong at index" in message


def test_an_ndarray_subclass_is_an_array_not_an_opaque_object(grader, tmp_path: Path) -> None:
    drill = get_drill("softmax", ROOT / "exercises")
    code = ("import numpy as np\n\nclass Probabilities(np.ndarray):\n    pass\n\ndef softmax(x, axis=-1):\n"
            "    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
            "    return (e / e.sum(axis=axis, keepdims=True)).view(Probabilities)\n")
    assert grader.check(drill, write(tmp_path / "sub.py", code)).status == PASS


def test_an_unknown_object_is_named_by_its_own_type(grader, tmp_path: Path) -> None:
    drill = get_drill("softmax", ROOT / "exercises")
    code = "class Distribution:\n    pass\n\ndef softmax(x, axis=-1):\n    return Distribution()\n"
    report = grader.check(drill, write(tmp_path / "obj.py", code))
    assert report.status == FAIL
    assert "returned Distribution, not numbers" in report.cases[0].message
    assert "Opaque" not in render(report)
