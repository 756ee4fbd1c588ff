"""Hostile solutions against the sandbox's walls: user code stays in its temporary folder, cannot read the
learner's files or the drill's answers, cannot stop the grading processes, and none of it leaves a trace."""

from __future__ import annotations

import json
import os
import pwd
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from prep.drills.catalog import get_drill
from prep.drills.confine import landlock_abi, readable_roots
from prep.drills.grader import Grader
from prep.drills.report import FAIL, PASS, render
from tests.conftest import ROOT, write

RIGHT = ("import numpy as np\n\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
         "    return e / e.sum(axis=axis, keepdims=True)\n")
LANDLOCK = pytest.mark.skipif(landlock_abi() < 6, reason="needs Landlock with signal scoping (Linux 6.12+)")


@pytest.fixture(scope="module")
def softmax():
    return get_drill("softmax", ROOT / "exercises")


@pytest.fixture
def own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The grader's temporary folders go here, so a test sees exactly what was left behind."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def grade(grader, drill, tmp_path: Path, code: str):
    return grader.check(drill, write(tmp_path / "solution.py", code))


def _probe(name: str) -> str:
    return f"prep-sandbox-probe-{os.getpid()}-{name}"


# ---- writing ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["home", "caller", "tmp"])
def test_user_code_cannot_write_outside_its_folder(grader, softmax, tmp_path: Path, where: str) -> None:
    home = Path(pwd.getpwuid(os.getuid()).pw_dir)  # the real home: $HOME in the sandbox is its own folder
    target = {"home": home / _probe("home"), "caller": Path.cwd() / _probe("caller"), "tmp": tmp_path / "escaped.txt"}[where]
    code = f"import os\nwith open({str(target)!r}, 'w') as f:\n    f.write('escaped')\n" + RIGHT
    try:
        report = grade(grader, softmax, tmp_path, code)
        assert not target.exists(), f"user code wrote {target}"
        assert report.status == FAIL and "PermissionError" in report.reason, render(report)
    finally:
        target.unlink(missing_ok=True)


def test_writing_inside_its_own_folder_is_fine(grader, softmax, tmp_path: Path) -> None:
    code = "import os, tempfile\nwith open('scratch.txt', 'w') as f:\n    f.write('ok')\n" \
           "tempfile.mkdtemp()\nos.makedirs(os.path.expanduser('~/cache'), exist_ok=True)\n" + RIGHT
    report = grade(grader, softmax, tmp_path, code)
    assert report.status == PASS, report.reason


# ---- reading ---------------------------------------------------------------------------------------------


def test_user_code_cannot_open_the_learners_database(softmax, service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "prep.sqlite3"
    assert database.exists()
    monkeypatch.setenv("PREP_DB", str(database))
    code = ("import sqlite3\ndb = sqlite3.connect(" + repr(str(database)) + ")\n"
            "db.execute('create table pwned (x)')\ndb.commit()\n" + RIGHT)
    grader = Grader()
    try:
        report = grade(grader, softmax, tmp_path / "code", code)
    finally:
        grader.close()
    assert report.status == FAIL, render(report)
    tables = {row[0] for row in sqlite3.connect(database).execute("select name from sqlite_master")}
    assert "pwned" not in tables


def test_user_code_cannot_read_the_config_or_data_folder(softmax, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    config = write(tmp_path / "config" / "prep" / "config.toml", "secret = 'token-123'\n")
    data = write(tmp_path / "data" / "prep" / "workspaces" / "other.py", "# my other solution\n")
    for path in (config, data):
        code = f"print(open({str(path)!r}).read())\n" + RIGHT
        grader = Grader()
        try:
            report = grade(grader, softmax, tmp_path / "code", code)
        finally:
            grader.close()
        assert report.status == FAIL and "PermissionError" in report.reason, render(report)
        assert "token-123" not in report.output and "my other solution" not in report.output


@pytest.mark.parametrize("how", ["import the reference", "read the cases"])
def test_user_code_cannot_reach_the_drills_answers(grader, softmax, tmp_path: Path, how: str) -> None:
    if how == "import the reference":
        code = ("import importlib.util\nspec = importlib.util.spec_from_file_location('r', " + repr(str(softmax.reference)) + ")\n"
                "module = importlib.util.module_from_spec(spec)\nspec.loader.exec_module(module)\n"
                "softmax = getattr(module, 'soft' + 'max')\n")
    else:
        code = f"print(open({str(softmax.cases)!r}).read())\n" + RIGHT
    report = grade(grader, softmax, tmp_path, code)
    assert report.status == FAIL and report.passed == 0, render(report)
    assert "torch.nn.functional.softmax(torch.from_numpy" not in report.output


def test_the_readable_folders_leave_out_the_protected_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "lib" / "site-packages"
    for name in ("numpy", "prep_data"):
        (site / name).mkdir(parents=True)
    working = tmp_path / "home"  # what `python -m` puts first on sys.path: the folder prep was started from
    working.mkdir()
    monkeypatch.setattr(sys, "path", [str(working), str(site), *sys.path])
    roots = readable_roots([str(site / "prep_data")])

    def readable(path: Path, within: list[Path]) -> bool:
        return any(root == path or root in path.parents for root in within)

    assert readable(site / "numpy", roots) and readable(ROOT / "prep" / "drills", roots)
    assert not readable(site / "prep_data", roots) and not readable(working, roots)
    roots = readable_roots([str(ROOT / "exercises")])
    assert readable(ROOT / "prep" / "drills", roots) and not readable(ROOT / "exercises" / "softmax", roots)


def test_the_environment_is_scrubbed(softmax, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREP_TEST_API_TOKEN", "s3cret-token")
    code = "import os\n\ndef softmax(x, axis=-1):\n    raise RuntimeError(repr(dict(os.environ)))\n"
    grader = Grader()
    try:
        report = grade(grader, softmax, tmp_path, code)
    finally:
        grader.close()
    message = report.cases[0].message
    assert "s3cret-token" not in message and "PREP_TEST_API_TOKEN" not in message and "'HOME'" in message


# ---- stopping the graders ---------------------------------------------------------------------------------

KILLERS = {
    "os.kill(os.getppid(), 9)": "import os\n\ndef softmax(x, axis=-1):\n    os.kill(os.getppid(), 9)\n    return x\n",
    "kill the grandparent": "import os, signal\n\ndef softmax(x, axis=-1):\n"
                            "    parent = int(open(f'/proc/{os.getppid()}/stat').read().rsplit(')', 1)[1].split()[1])\n"
                            "    os.kill(parent, signal.SIGKILL)\n    return x\n",
    "ctypes kill of the parent": "import ctypes, os\n\ndef softmax(x, axis=-1):\n"
                                 "    ctypes.CDLL(None).kill(os.getppid(), 9)\n    return x\n",
    "ctypes kill of every process": "import ctypes\n\ndef softmax(x, axis=-1):\n    ctypes.CDLL(None).kill(-1, 9)\n    return x\n",
}


@pytest.mark.parametrize("name", list(KILLERS))
def test_killing_a_parent_is_a_failed_verdict_and_leaves_nothing(softmax, tmp_path: Path, own_temp: Path, name: str) -> None:
    grader = Grader()
    try:
        report = grade(grader, softmax, tmp_path, KILLERS[name])
        assert report.status == FAIL and report.passed == 0, render(report)
        assert grader.check(softmax, softmax.reference).status == PASS  # the grader is still there and working
    finally:
        grader.close()
    assert list(own_temp.iterdir()) == []


def test_a_sandbox_killed_by_user_code_is_a_failed_verdict(softmax, tmp_path: Path, own_temp: Path) -> None:
    """Where nothing stops the signal (the audit hook alone, bypassed with ctypes), the verdict still comes."""
    grader = Grader(isolation="audit")
    try:
        report = grade(grader, softmax, tmp_path, KILLERS["ctypes kill of the parent"])
        assert report.status == FAIL and "stopped the grading sandbox" in report.reason, render(report)
        assert grader.check(softmax, softmax.reference).status == PASS
    finally:
        grader.close()
    assert list(own_temp.iterdir()) == []


@pytest.mark.parametrize("name", ["os.kill(os.getppid(), 9)", "kill the grandparent", "ctypes kill of the parent"])
def test_prep_check_json_survives_a_killer(tmp_path: Path, name: str) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    solution = write(tmp_path / "killer.py", KILLERS[name])
    env = {**os.environ, "TMPDIR": str(temp), "PREP_DB": str(tmp_path / "prep.sqlite3"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    command = "import sys; from prep.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run([sys.executable, "-c", command, "check", "softmax", str(solution), "--json"],
                          capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["status"] == FAIL and report["passed"] == 0 and isinstance(report["seed"], int)
    assert list(temp.iterdir()) == []


@LANDLOCK
def test_landlock_is_what_linux_gets(grader, softmax, tmp_path: Path) -> None:
    grader.check(softmax, softmax.reference)
    assert grader.last_isolation == "landlock"


# ---- the fallback without Landlock: a user and mount namespace -------------------------------------------------


def _unprivileged_namespaces() -> bool:
    return sys.platform == "linux" and subprocess.run(["unshare", "-Urm", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _unprivileged_namespaces(), reason="needs unprivileged user namespaces")
def test_the_namespace_fallback_hides_and_write_protects(softmax, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    config = write(tmp_path / "config" / "prep" / "config.toml", "secret = 'token-123'\n")
    home = Path(pwd.getpwuid(os.getuid()).pw_dir) / _probe("namespace")
    code = ("import os\nfound = []\n"
            f"try:\n    found.append(open({str(config)!r}).read())\nexcept OSError:\n    pass\n"
            f"try:\n    open({str(home)!r}, 'w').write('x')\nexcept OSError:\n    pass\n"
            "open('scratch.txt', 'w').write('mine')\n"
            "def softmax(x, axis=-1):\n    raise RuntimeError(repr(found))\n")
    grader = Grader(isolation="namespace")
    try:
        report = grade(grader, softmax, tmp_path / "code", code)
    finally:
        grader.close()
        home.unlink(missing_ok=True)
    assert grader.last_isolation == "namespace"
    assert report.cases[0].message.startswith("RuntimeError: []"), render(report)


# ---- forbidden APIs by any spelling ---------------------------------------------------------------------------

SPELLINGS = {
    "torch._softmax": "import torch\n\ndef softmax(x, axis=-1):\n    return torch._softmax(torch.from_numpy(x), axis, False).numpy()\n",
    "torch.special.softmax": "import torch\n\ndef softmax(x, axis=-1):\n    return torch.special.softmax(torch.from_numpy(x), axis).numpy()\n",
    "a tensor method by getattr": "import torch\n\ndef softmax(x, axis=-1):\n"
                                  "    return getattr(torch.from_numpy(x), 'soft' + 'max')(axis).numpy()\n",
    "torch._C._VariableFunctions": "import torch\n\ndef softmax(x, axis=-1):\n"
                                   "    f = getattr(torch._C._VariableFunctions, '_soft' + 'max')\n"
                                   "    return f(torch.from_numpy(x), axis, False).numpy()\n",
    "torch.ops.aten": "import torch\n\ndef softmax(x, axis=-1):\n"
                      "    op = getattr(torch.ops.aten, '_soft' + 'max')\n    return op(torch.from_numpy(x), axis, False).numpy()\n",
    "nn.Softmax": "import torch\n\ndef softmax(x, axis=-1):\n    layer = getattr(torch.nn, 'Soft' + 'max')(dim=axis)\n"
                  "    return layer(torch.from_numpy(x)).numpy()\n",
}


@pytest.mark.parametrize("name", list(SPELLINGS))
def test_private_and_alternative_spellings_are_forbidden(grader, softmax, tmp_path: Path, name: str) -> None:
    report = grade(grader, softmax, tmp_path, SPELLINGS[name])
    assert report.status == FAIL and "is not allowed" in report.reason, render(report)


def test_a_learners_own_softmax_method_is_theirs(grader, softmax, tmp_path: Path) -> None:
    code = ("import numpy as np\n\nclass Normaliser:\n    def softmax(self, x, axis):\n"
            "        e = np.exp(x - x.max(axis=axis, keepdims=True))\n        return e / e.sum(axis=axis, keepdims=True)\n\n"
            "helper = Normaliser()\n\ndef softmax(x, axis=-1):\n    return helper.softmax(x, axis)\n")
    report = grade(grader, softmax, tmp_path, code)
    assert report.status == PASS, render(report)


@LANDLOCK
def test_landlock_refuses_what_gets_past_the_audit_hook(grader, softmax, tmp_path: Path) -> None:
    """libc's open() and write() through ctypes skip Python's audit hook; the kernel still says no."""
    target = tmp_path / "escaped-by-ctypes.txt"
    code = ("import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"
            f"fd_read = libc.open({str(softmax.cases).encode()!r}, os.O_RDONLY)\n"
            f"fd_write = libc.open({str(target).encode()!r}, os.O_WRONLY | os.O_CREAT, 0o600)\n"
            "def softmax(x, axis=-1):\n    raise RuntimeError(f'read {fd_read} write {fd_write}')\n")
    report = grade(grader, softmax, tmp_path / "code", code)
    assert report.cases[0].message.startswith("RuntimeError: read -1 write -1"), render(report)
    assert not target.exists()


def test_the_temp_folder_is_the_childs_own_even_when_the_warm_sandbox_found_another(tmp_path: Path) -> None:
    """tempfile caches the first temp folder it finds; a sandbox forked after that kept /tmp, which it may not write."""
    folder = tmp_path / "child"
    folder.mkdir()
    script = ("import tempfile, sys\ntempfile.gettempdir()\nfrom prep.drills.confine import scrub_environment\n"
              f"scrub_environment({str(folder)!r})\nprint(tempfile.gettempdir())")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "TMPDIR": str(tmp_path)})
    assert done.stdout.strip() == str(folder), done.stderr
