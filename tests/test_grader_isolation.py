"""Hostile or broken solutions end as clear failures; none can turn a fail into a pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from prep.drills.catalog import get_drill
from prep.drills.grader import forbidden_uses
from prep.drills.report import FAIL, PASS, render
from tests.conftest import ROOT, write

WRONG = "import numpy as np\n\ndef softmax(x, axis=-1):\n    return np.zeros_like(x)\n"


@pytest.fixture(scope="module")
def softmax():
    return get_drill("softmax", ROOT / "exercises")


def grade(grader, drill, tmp_path: Path, code: str):
    return grader.check(drill, write(tmp_path / "solution.py", code))


@pytest.mark.parametrize(("name", "code"), [
    ("prints passed", 'print("All tests passed!\\n{\\"status\\": \\"pass\\"}")\n' + WRONG),
    ("sys.exit(0) at import", "import sys\nsys.exit(0)\n" + WRONG),
    ("sys.exit(0) in the function", "import sys\n\ndef softmax(x, axis=-1):\n    sys.exit(0)\n"),
    ("os._exit(0)", "import os\n\ndef softmax(x, axis=-1):\n    os._exit(0)\n"),
    ("patches numpy", "import numpy as np\nnp.allclose = lambda *a, **k: True\nnp.array_equal = lambda *a, **k: True\n"
                      "np.testing.assert_allclose = lambda *a, **k: None\n" + WRONG),
    ("patches torch", "import torch\ntorch.allclose = lambda *a, **k: True\ntorch.nn.functional.softmax = lambda x, dim: x\n" + WRONG),
    ("writes fake result files", 'import json, os\nfor name in ("result.json", "report.json", "../result.json"):\n'
                                 '    open(name, "w").write(json.dumps({"status": "pass", "passed": 16, "total": 16}))\n' + WRONG),
    ("writes a forged result line to every fd", "import os, json\n\ndef softmax(x, axis=-1):\n"
                                                 "    for fd in range(3, 20):\n"
                                                 "        try: os.write(fd, (json.dumps({'done': True}) + '\\n').encode())\n"
                                                 "        except OSError: pass\n    return x\n"),
    ("returns an object claiming equality", "class Yes:\n    def __eq__(self, other): return True\n"
                                            "    def __array__(self, *a, **k): raise TypeError\n\n"
                                            "def softmax(x, axis=-1):\n    return Yes()\n"),
])
def test_hostile_solutions_fail(grader, softmax, tmp_path: Path, name: str, code: str) -> None:
    report = grade(grader, softmax, tmp_path, code)
    assert report.status == FAIL and report.passed < report.total, render(report)


def test_the_reference_still_passes_after_hostile_runs(grader, softmax) -> None:
    assert grader.check(softmax, softmax.reference).status == PASS


def test_prints_are_captured_and_shown(grader, softmax, tmp_path: Path) -> None:
    report = grade(grader, softmax, tmp_path, "print('loading')\n" + WRONG.replace("return", "print('shape', x.shape)\n    return"))
    assert report.output.startswith("loading\nshape (3,)") and not report.output_truncated


@pytest.mark.parametrize(("name", "code", "reason"), [
    ("infinite loop", "def softmax(x, axis=-1):\n    while True:\n        pass\n", "time limit exceeded"),
    ("sleeps forever", "import time\n\ndef softmax(x, axis=-1):\n    time.sleep(3600)\n", "time limit exceeded"),
    # Address space taken 64 MB at a time without writing to it: the limit is met at once however busy the machine is
    # (zero-filling a gigabyte first could take longer than the time limit on a loaded machine).
    ("memory bomb", "import numpy as np\n\ndef softmax(x, axis=-1):\n"
                    "    hog = [np.empty(64 * 1024 * 1024, dtype=np.uint8) for _ in range(1000)]\n    return x\n",
     "memory limit exceeded"),
    ("numpy memory bomb", "import numpy as np\n\ndef softmax(x, axis=-1):\n    return np.ones((200_000, 200_000))\n",
     "memory limit exceeded"),
    ("segfault", "import ctypes\n\ndef softmax(x, axis=-1):\n    ctypes.string_at(0)\n", "crashed the process (SIGSEGV)"),
    ("100 MB of prints", "def softmax(x, axis=-1):\n    line = 'x' * 1023\n    for _ in range(100 * 1024):\n        print(line)\n    return x\n",
     "printed more than 1 MB"),
    ("forbidden torch.softmax", "import torch\n\ndef softmax(x, axis=-1):\n    return torch.softmax(torch.tensor(x), axis).numpy()\n",
     "torch.softmax is not allowed"),
    ("forbidden through an alias", "import torch.nn.functional as F\nimport torch\n\ndef softmax(x, axis=-1):\n"
                                   "    return F.softmax(torch.tensor(x), dim=axis).numpy()\n", "torch.nn.functional.softmax is not allowed"),
    ("forbidden found at run time", "import torch\n\ndef softmax(x, axis=-1):\n"
                                    "    return getattr(torch, 'soft' + 'max')(torch.tensor(x), axis).numpy()\n", "torch.softmax is not allowed"),
    ("syntax error", "def softmax(x, axis=-1)\n    return x\n", "SyntaxError"),
    ("missing function", "def soft_max(x, axis=-1):\n    return x\n", "your file did not load: AttributeError"),
])
def test_limits_and_crashes_end_as_clear_failures(grader, softmax, tmp_path: Path, name: str, code: str, reason: str) -> None:
    report = grade(grader, softmax, tmp_path, code)
    assert report.status == FAIL and reason in report.reason, render(report)  # the limit, not the machine's speed, ended it


def test_output_is_cut_and_said_so(grader, softmax, tmp_path: Path) -> None:
    report = grade(grader, softmax, tmp_path, "print('y' * 200_000)\n" + WRONG)
    assert report.output_truncated and len(report.output) < 100_000


def test_first_failure_shows_inputs_expected_got_and_error(grader, softmax, tmp_path: Path) -> None:
    report = grade(grader, softmax, tmp_path, "import numpy as np\n\ndef softmax(x, axis=-1):\n    return np.full_like(x, 0.5)\n")
    failure = report.first_failure
    assert failure and failure.case == "a small vector"
    assert "shape=(3,)" in failure.inputs and "0.09" in failure.expected and "0.5" in failure.got
    assert failure.max_abs_error == pytest.approx(0.5 - 0.0900305731703805)


def test_an_exception_names_the_line(grader, softmax, tmp_path: Path) -> None:
    report = grade(grader, softmax, tmp_path, "def softmax(x, axis=-1):\n    return 1 / 0\n")
    assert report.cases[0].message == "ZeroDivisionError: division by zero (line 2)"


def test_a_child_forked_after_multithreaded_torch_does_not_hang(softmax, tmp_path: Path) -> None:
    """The hazard itself: fork from a process whose OpenMP pool has run, then use torch in the child."""
    import torch

    from prep.drills.sandbox import Job, run_job

    torch.set_num_threads(2)
    torch.randn(600, 600) @ torch.randn(600, 600)
    code = "import torch\n\ndef softmax(x, axis=-1):\n    big = torch.randn(300, 300) @ torch.randn(300, 300)\n" \
           "    t = torch.from_numpy(x)\n    e = torch.exp(t - t.amax(dim=axis, keepdim=True))\n" \
           "    return (e / e.sum(dim=axis, keepdim=True)).numpy()\n"
    source = write(tmp_path / "solution.py", code)
    import numpy as np

    run = run_job(Job(source=str(source), entry="softmax", calls=[("v", (np.array([1.0, 2.0]),), {})], time_limit_s=20))
    assert not run["timed_out"] and run["signal"] is None, run  # a child hung in OpenMP would run out its 20 s
    assert any('"done": true' in line for line in run["messages"])


def test_static_check_sees_aliases_and_methods() -> None:
    forbidden = ("torch.softmax", "torch.nn.functional.softmax", "torch.Tensor.softmax")
    code = "import torch as T\nfrom torch.nn import functional as F\nfrom torch import softmax as sm\n" \
           "a = T.softmax\nb = F.softmax\nc = x.softmax(-1)\nd = sm\n"
    assert forbidden_uses(code, forbidden) == [("torch.softmax", 3), ("torch.softmax", 4), ("torch.nn.functional.softmax", 5),
                                               ("torch.Tensor.softmax", 6), ("torch.softmax", 7)]
    assert forbidden_uses("import numpy as np\ny = np.exp(x)\n", forbidden) == []
