"""The sandbox: a warm process that runs user code in a fresh, limited child per check.

`python -m prep.drills.sandbox` imports numpy and torch once, then serves jobs from
the grader on stdin. For each job it forks a child that drops every inherited pipe,
writes its prints to a capped file in a temporary folder, sets CPU, memory and file
size limits, loads the user's file and calls its function on each input. The child
reports return values as JSON lines on its own pipe; this process only relays them,
with how the child ended. Nothing here judges: the grader compares.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import importlib.util
import json
import os
import pickle
import resource
import select
import shutil
import signal
import struct
import sys
import tempfile
import time
import traceback
import types
from dataclasses import dataclass, field
from typing import Any

from prep.drills import calling
from prep.drills.confine import clean_env, confine
from prep.drills.forbidden import families, guard_dispatch, normalize, runtime_sites
from prep.drills.wire import dumps, to_plain

RESULT_CAP = 64 * 1024 * 1024  # bytes of results a child may send before it is stopped
_HEADER = struct.Struct("!Q")
_PR_SET_PDEATHSIG = 1


@dataclass
class Job:
    source: str  # the user's file
    entry: str  # the function to call
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]]  # (case name, args, kwargs)
    forbidden: tuple[str, ...] = ()
    time_limit_s: float = 2.0
    memory_mb: int = 512
    output_cap: int = 1024 * 1024
    extra: dict[str, Any] = field(default_factory=dict)
    folder: str = ""  # the child's only writable folder; the grader makes it and removes it, whatever happens here
    protected: tuple[str, ...] = ()  # paths user code must not read or write (see prep.drills.confine)
    isolation: str = "auto"  # "auto", or force "landlock" / "namespace" / "audit" (tests of each platform's path)


# ---- framing between the grader and this process -------------------------------


def write_frame(stream: Any, payload: bytes) -> None:
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def read_frame(stream: Any) -> bytes | None:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    return stream.read(size)


# ---- the child -------------------------------------------------------------------


class ForbiddenAPIError(Exception):
    pass


def _resolve(dotted: str) -> tuple[Any, str] | None:
    """`torch.nn.functional.softmax` → (the functional module, "softmax"), if it exists."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            owner: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:-1]:
            owner = getattr(owner, name, None)
        if owner is not None and hasattr(owner, parts[-1]):
            return owner, parts[-1]
    return None


def _forbid(names: tuple[str, ...], report: Any) -> None:
    """Replace every spelling of the forbidden APIs (see prep.drills.forbidden) with a function that says so."""
    sites = list(_SITES.get(names, ()))
    for dotted in names:
        found = _resolve(dotted)
        if found is not None:
            sites.append((found[0], found[1], dotted))
    for owner, attribute, label in sites:

        def blocked(*_args: Any, _name: str = label, **_kwargs: Any) -> Any:
            report({"forbidden": _name})
            raise ForbiddenAPIError(f"{_name} is not allowed in this drill: implement it yourself")

        with contextlib.suppress(AttributeError, TypeError):
            setattr(owner, attribute, blocked)
    if any(dotted.startswith("torch.") for dotted in names) and "torch" in sys.modules:
        _forbid_ops(names, report)
        guard_dispatch(names, report)  # the aten ops behind them, however they are reached


def _forbid_ops(names: tuple[str, ...], report: Any) -> None:
    """`torch.ops.aten.<op>` is made on first use: refuse the forbidden families there too."""
    ops = sys.modules.get("torch._ops")
    namespace = getattr(ops, "_OpNamespace", None)
    if namespace is None:
        return
    torch_families = families(names).get("torch", set())
    original = namespace.__getattr__

    def guarded(self: Any, op_name: str) -> Any:
        if normalize(op_name) in torch_families:
            label = f"torch.ops.{getattr(self, 'name', '?')}.{op_name}"
            report({"forbidden": label})
            raise ForbiddenAPIError(f"{label} is not allowed in this drill: implement it yourself")
        return original(self, op_name)

    with contextlib.suppress(AttributeError, TypeError):
        namespace.__getattr__ = guarded
    # torch's C function table cannot be changed: user code that reaches for it gets a guarded view.
    C = getattr(sys.modules["torch"], "_C", None)
    table = getattr(C, "_VariableFunctions", None)
    if table is not None:
        view = _Guarded(table, torch_families, report, "torch._C._VariableFunctions")
        with contextlib.suppress(AttributeError, TypeError):
            C._VariableFunctions = view
        vf = sys.modules.get("torch._VF")
        if vf is not None and getattr(vf, "vf", None) is table:
            with contextlib.suppress(AttributeError, TypeError):
                vf.vf = view


class _Guarded:
    """A view of an object whose forbidden attributes cannot be changed in place: those raise, the rest pass."""

    def __init__(self, target: Any, names: set[str], report: Any, label: str) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_report", report)
        object.__setattr__(self, "_label", label)

    def __getattr__(self, name: str) -> Any:
        if normalize(name) in self._names:
            label = f"{self._label}.{name}"
            self._report({"forbidden": label})
            raise ForbiddenAPIError(f"{label} is not allowed in this drill: implement it yourself")
        return getattr(self._target, name)

    def __dir__(self) -> list[str]:
        return dir(self._target)


def _where(error: BaseException, source: str) -> str:
    lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename == source]
    return f" (line {lines[-1]})" if lines else ""


def _describe(error: BaseException, source: str) -> str:
    if isinstance(error, SystemExit):
        return f"called sys.exit({error.code!r}){_where(error, source)}"
    text = str(error).splitlines()[0][:300] if str(error).strip() else ""
    return f"{type(error).__name__}{': ' + text if text else ''}{_where(error, source)}"


def _isolate(result_fd: int, output_path: str, job: Job) -> None:
    """Cut the child off from this process's pipes and apply the limits."""
    os.setpgid(0, 0)
    with contextlib.suppress(OSError, AttributeError):  # die with the sandbox, never outlive it
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    output = os.open(output_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(output, 1)
    os.dup2(output, 2)
    for fd in map(int, os.listdir("/proc/self/fd")):
        if fd > 2 and fd != result_fd:
            with contextlib.suppress(OSError):
                os.close(fd)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - the child's own streams
    sys.stdout = open(1, "w", encoding="utf-8", buffering=1, closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", buffering=1, closefd=False)  # noqa: SIM115
    # Past the cap, a write fails with EFBIG instead of killing the child, so its results still arrive.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (job.output_cap, job.output_cap))
    seconds = max(1, int(job.time_limit_s + 0.999))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (_address_space() + job.memory_mb * 1024 * 1024,) * 2)


def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _run_child(job: Job, result_fd: int, output_path: str, caller_dir: str) -> None:
    def report(message: dict[str, Any]) -> None:
        data = dumps(message)
        while data:
            data = data[os.write(result_fd, data):]

    _isolate(result_fd, output_path, job)
    if "torch" in sys.modules:  # a pool inherited across fork can hang; one thread is plenty here
        sys.modules["torch"].set_num_threads(1)
    _forbid(job.forbidden, report)
    try:  # read before the lock-down: the file may sit in the learner's data folder, which user code cannot read
        with open(job.source, "rb") as file:
            code = compile(file.read(), job.source, "exec", dont_inherit=True)
    except BaseException as error:  # noqa: BLE001
        report({"load_error": _describe(error, job.source)})
        return
    report({"isolation": confine(os.getcwd(), job.protected, job.isolation, caller_dir)})
    try:
        module = types.ModuleType("solution")
        module.__file__ = job.source
        sys.modules["solution"] = module
        exec(code, module.__dict__)  # noqa: S102 - the user's own code, in this confined child
        function = getattr(module, job.entry)
    except BaseException as error:  # noqa: BLE001 - whatever the file does, the grader hears of it
        report({"load_error": _describe(error, job.source)})
        return
    for index, (_name, args, kwargs) in enumerate(job.calls):
        start = time.perf_counter()
        try:
            value, found = calling.call(function, *calling.decode((args, kwargs)))  # inputs kept as given: checked
            message = {"case": index, "value": to_plain(value), **found}
        except BaseException as error:  # noqa: BLE001
            message = {"case": index, "error": _describe(error, job.source),
                       "memory": isinstance(error, MemoryError) or "can't allocate memory" in str(error)}
        message["seconds"] = time.perf_counter() - start
        report(message)
    report({"done": True})


# ---- the parent side: one job ---------------------------------------------------------


_SITES: dict[tuple[str, ...], list[tuple[Any, str, str]]] = {}  # every spelling of a drill's forbidden APIs


def _preload(names: tuple[str, ...]) -> None:
    """Import the modules of the forbidden APIs here, and find all their spellings, once: each child only
    has to block them."""
    if names in _SITES:
        return
    for dotted in names:
        parts = dotted.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            with contextlib.suppress(ImportError):
                importlib.import_module(".".join(parts[:cut]))
                break
    _SITES[names] = runtime_sites(names)


def run_job(job: Job) -> dict[str, Any]:
    """Fork a child for `job`, wait for it within the limits, and describe what happened."""
    _preload(job.forbidden)
    own_folder = not job.folder
    folder = job.folder or tempfile.mkdtemp(prefix="prep-drill-")
    output_path = os.path.join(folder, "output.txt")
    caller_dir = os.getcwd()
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_fd)
        try:
            os.chdir(folder)
            _run_child(job, write_fd, output_path, caller_dir)
        finally:
            os._exit(0)
    os.close(write_fd)
    raw, timed_out, too_much = _collect(read_fd, pid, started + job.time_limit_s + 0.5)
    status = _reap(pid)
    duration = time.perf_counter() - started
    output, output_bytes = _read_output(output_path, job.output_cap)
    if own_folder:
        shutil.rmtree(folder, ignore_errors=True)
    messages, tampered = trusted_messages(raw, len(job.calls))
    return {
        "messages": messages, "tampered": tampered,
        "timed_out": timed_out, "too_much_output": too_much,
        "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": signal.Signals(os.WTERMSIG(status)).name if os.WIFSIGNALED(status) else None,
        "output": output, "output_bytes": output_bytes, "duration_s": duration,
    }


def trusted_messages(raw: bytes, cases: int) -> tuple[list[str], str]:
    """The child's messages as the protocol has them, or what broke it.

    The child's own code writes, in this order: "isolation" (or a "load_error" before it), then either a
    "load_error" or one message per case, 0 to `cases` - 1, then "done"; "forbidden" notes may come between.
    User code runs in the same process and can find the pipe, so anything else (a line that is not one JSON
    object, a case out of turn or twice, a second "isolation", anything after "done") is its writing, and
    the run is refused whole: what it wrote never reaches the grader as a result."""
    accepted: list[str] = []
    expected, stage = 0, "start"  # start → confined → (cases | loaded wrong) → done
    # A piece after the last newline is a message cut short (the child was stopped while writing it): dropped.
    for number, line in enumerate(raw.decode("utf-8", "replace").split("\n")[:-1]):
        try:
            message = json.loads(line)
        except ValueError:
            return accepted, f"message {number + 1} is not the grader's"
        if not isinstance(message, dict):
            return accepted, f"message {number + 1} is not the grader's"
        if "forbidden" in message and len(message) == 1 and stage in ("start", "confined"):
            pass
        elif "isolation" in message and stage == "start":
            stage = "confined"
        elif "load_error" in message and stage in ("start", "confined") and expected == 0:
            stage = "ended"
        elif message.get("case") == expected and stage == "confined" and expected < cases:
            expected += 1
        elif message.get("done") is True and stage == "confined" and expected == cases:
            stage = "done"
        else:
            return accepted, f"message {number + 1} came out of turn"
        accepted.append(line)
    return accepted, ""


def _collect(read_fd: int, pid: int, deadline: float) -> tuple[bytes, bool, bool]:
    chunks: list[bytes] = []
    received = 0
    try:
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                _kill(pid)
                return b"".join(chunks), True, False
            ready, _, _ = select.select([read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 16)
            if not chunk:
                return b"".join(chunks), False, False
            received += len(chunk)
            if received > RESULT_CAP:
                _kill(pid)
                return b"".join(chunks), False, True
            chunks.append(chunk)
    finally:
        os.close(read_fd)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def _reap(pid: int) -> int:
    _, status = os.waitpid(pid, 0)
    _kill(pid)  # anything the child left running in its group
    return status


def _read_output(path: str, cap: int) -> tuple[str, int]:
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as file:
            return file.read(min(cap, 64 * 1024)).decode("utf-8", "replace"), size
    except OSError:
        return "", 0


def serve(stdin: Any, stdout: Any) -> None:
    """Answer the grader's jobs until it closes the pipe."""
    while (frame := read_frame(stdin)) is not None:
        try:
            reply = run_job(pickle.loads(frame))  # noqa: S301 - the grader, our trusted parent, wrote it
        except Exception as error:  # noqa: BLE001 - keep serving; the grader reports it
            reply = {"sandbox_error": f"{type(error).__name__}: {error}"}
        write_frame(stdout, json.dumps(reply).encode())


# The sandbox started again by restart_clean: sys.path and the few values it needs come on a pipe, not in the
# environment or the command line, which a child can read in /proc.
_BOOT = """# prep's drill sandbox, started again with a clean environment
import json, os, sys, tempfile
fd, data = int(sys.argv[1]), b""
while chunk := os.read(fd, 1 << 16):
    data += chunk
os.close(fd)
given = json.loads(data)
sys.path[:] = given["path"]
os.environ.update(given["environ"])
tempfile.tempdir = given["tempdir"]
from prep.drills.sandbox import main
main()
"""


def restart_clean() -> None:
    """Replace this process with the same sandbox exec'd with a clean environment (confine.clean_env).

    A child is forked from this process, and /proc/self/environ shows the environment the process was exec'd
    with, whatever os.environ says later: started with prep's, every child could read prep's tokens there."""
    payload = json.dumps({"path": [p for p in sys.path if p], "tempdir": tempfile.gettempdir(),
                          "environ": {key: os.environ[key] for key in ("HOME",) if key in os.environ}}).encode()
    read_fd, write_fd = os.pipe()
    if len(payload) >= select.PIPE_BUF * 8:  # more than the pipe surely holds before anyone reads: stay as is
        os.close(read_fd)
        os.close(write_fd)
        main()
        return
    os.write(write_fd, payload)
    os.close(write_fd)
    os.set_inheritable(read_fd, True)
    os.execve(sys.executable, [sys.executable, "-I", "-c", _BOOT, str(read_fd)], clean_env())


def main() -> None:
    import numpy  # noqa: F401 - warm: every check's child starts with these loaded
    import torch

    torch.set_num_threads(1)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # stray prints must not corrupt the frames
    write_frame(stdout, b'{"ready": true}')
    serve(stdin, stdout)


if __name__ == "__main__":
    restart_clean()
