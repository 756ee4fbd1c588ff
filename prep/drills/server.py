"""The warm grader: `python -m prep.drills.server [--daemon]`.

The TUI process never loads torch (3 s, 200 MB), so it keeps this process instead: it holds a Grader (and its
sandbox) with torch loaded, and answers one JSON line per request, {"slug", "source", "exercises", "seed"
(optional), "protect" (optional: more paths user code must not reach)}, with the report as one JSON line.

Two ways in, one grader:
- the TUI's pipe (stdin/stdout). The pipe is also how this process dies with the TUI: end of input, which a
  killed TUI gives at once, ends it (and its sandbox, whose own pipe then ends). No signal needed, so it holds
  whichever thread of the TUI started it.
- a Unix socket in prep's state folder, for `prep check` from the shell (prep.drills.client.warm_check), so a
  check in a row is not a cold start. The TUI's grader listens there while it runs; with no TUI, the first
  `prep check` leaves one behind (`--daemon`), which stops by itself after IDLE_S seconds without a request, as a
  build daemon does. The socket is the owner's only (0600 in a 0700 folder, and the peer's uid is checked), and
  its name carries a digest of prep's code and folders, so a changed prep never talks to an old grader.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import selectors
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import platformdirs

from prep.settings import paths

# Warming up loads torch here and in the sandbox at once: on a two-core machine that is both cores for a second
# or two, while the user is answering cards. Below the TUI in priority, the warm-up never delays a keypress;
# when the user waits on a check the TUI is idle, so grading is not slowed. The grader a shell's `prep check`
# starts (--daemon) keeps the normal priority: there the user waits on it, and on a busy machine a niced grader
# made the first check about a tenth slower and a second one about a third (bench/grading.py).
NICENESS = 10
IDLE_VARIABLE = "PREP_GRADER_IDLE"  # seconds a left-behind grader waits for the next check; 0: none is left
IDLE_S = 300
REQUEST_CAP = 1 << 20
_SOCKET_PATH_MAX = 100  # sun_path holds 104 to 108 bytes, by platform


def idle_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get(IDLE_VARIABLE, IDLE_S)))
    except ValueError:
        return IDLE_S


def socket_path() -> Path:
    """Where the warm grader for this prep (its code, its Python, its folders) listens."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for part in (sys.executable, package, paths.data_dir(), paths.config_file(), paths.exercises_dir()):
        digest.update(f"{part}\0".encode())
    sources = [*package.glob("drills/*.py"), *package.glob("settings/*.py"), package / "errors.py"]
    for source in sorted(sources):  # a changed grader (an upgrade, an edit in a checkout) is another
        with contextlib.suppress(OSError):
            stat = source.stat()
            digest.update(f"{source}:{stat.st_mtime_ns}:{stat.st_size}\0".encode())
    return Path(platformdirs.user_state_dir("prep", appauthor=False)) / f"grader-{digest.hexdigest()[:16]}.sock"


@contextlib.contextmanager
def address(path: Path) -> Iterator[str]:
    """A name for the socket at `path` that fits in sun_path: the path, or (a long one, on Linux) the same file
    reached through an open descriptor of its folder."""
    if len(os.fsencode(path)) <= _SOCKET_PATH_MAX:
        yield str(path)
        return
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        yield f"/proc/self/fd/{folder}/{path.name}"
    finally:
        os.close(folder)


class Listener:
    """The socket, held with a lock on the file beside it: one grader listens per path."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._lock = open(path.with_suffix(".lock"), "a")  # noqa: SIM115 - held for the life of the listener
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.close()
            raise
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # a grader killed earlier left it; the lock says nobody listens on it
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        mask = os.umask(0o177)
        try:
            with address(path) as name:
                self.socket.bind(name)
        finally:
            os.umask(mask)
        self.socket.listen(16)
        self._identity = _identity(path)

    def still_ours(self) -> bool:
        """False once the socket file was removed or replaced (its folder deleted, say): time to stop."""
        return self._identity is not None and _identity(self.path) == self._identity

    def close(self) -> None:
        if self.still_ours():
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.socket.close()
        self._lock.close()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def listen(path: Path) -> Listener | None:
    try:
        return Listener(path)
    except OSError:  # another grader holds it, or the folder cannot be written: checks from the shell start cold
        return None


def answer(grader: Any, line: bytes) -> dict[str, Any]:
    """One request → the report as a dict."""
    from prep.drills.catalog import get_drill
    from prep.drills.report import ERROR, Report
    from prep.errors import PrepError

    request: dict[str, Any] = {}
    try:
        request = json.loads(line)
        drill = get_drill(request["slug"], Path(request["exercises"]) if request.get("exercises") else None)
        grader.protect = tuple(Path(p) for p in request.get("protect") or ())
        report = grader.check(drill, Path(request["source"]), seed=request.get("seed"))
    except PrepError as error:
        report = Report(drill=str(request.get("slug", "?")), status=ERROR, reason=str(error))
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        report = Report(drill=str(request.get("slug", "?")) if isinstance(request, dict) else "?", status=ERROR,
                        reason=f"a request the grader could not read ({type(error).__name__})")
    return report.as_dict()


def _serve_connection(grader: Any, connection: socket.socket) -> bool:
    """Answer one client of the socket; False when it asked this grader to stop."""
    with connection:
        connection.settimeout(30)
        try:
            credentials = connection.getsockopt(socket.SOL_SOCKET, getattr(socket, "SO_PEERCRED", 17), 12)
            if int.from_bytes(credentials[4:8], sys.byteorder) != os.getuid():
                return True
        except OSError:
            pass  # no SO_PEERCRED here (macOS): the socket's mode and folder keep others out
        data = b""
        try:
            while b"\n" not in data and len(data) < REQUEST_CAP:
                chunk = connection.recv(1 << 16)
                if not chunk:
                    return True
                data += chunk
            line = data.split(b"\n", 1)[0]
            if line.strip() == b'{"stop": true}':
                connection.sendall(b'{"stopped": true}\n')
                return False
            connection.settimeout(None)
            connection.sendall(json.dumps(answer(grader, line)).encode() + b"\n")
        except OSError:
            pass  # the client went away (Ctrl-C): the next one is served
    return True


def serve(grader: Any, listener: Listener | None, requests: IO[bytes] | None, replies: IO[str] | None,
          idle_s: float) -> None:
    """Answer requests from the pipe and the socket until the pipe ends, or (no pipe) until idle_s pass."""
    selector = selectors.DefaultSelector()
    if listener is not None:
        selector.register(listener.socket, selectors.EVENT_READ, "socket")
    if requests is not None:
        os.set_blocking(requests.fileno(), False)
        selector.register(requests.fileno(), selectors.EVENT_READ, "pipe")
    pending = b""
    last = time.monotonic()
    while True:
        events = selector.select(timeout=2.0 if listener is not None else None)
        if listener is not None and not listener.still_ours():
            selector.unregister(listener.socket)
            listener.close()
            listener = None
            if requests is None:
                return
        if not events:
            if requests is None and time.monotonic() - last > idle_s:
                return
            continue
        for key, _ in events:
            if key.data == "pipe":
                chunk = os.read(key.fd, 1 << 16)
                if not chunk:
                    return  # the TUI is gone, however it ended
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    print(json.dumps(answer(grader, line)), file=replies, flush=True)
            elif listener is not None:
                with contextlib.suppress(OSError):
                    connection, _ = listener.socket.accept()
                    if not _serve_connection(grader, connection):
                        return
            last = time.monotonic()


def main() -> None:
    daemon = "--daemon" in sys.argv[1:]
    listener = listen(socket_path()) if not daemon or idle_seconds() > 0 else None
    if daemon and listener is None:
        return  # another grader already listens there
    if not daemon:  # the TUI's: below it (the sandbox inherits it). A shell's check is what its user waits on
        os.nice(NICENESS)
    replies = sys.stdout
    sys.stdout = sys.stderr  # nothing else may write on the reply channel
    from prep.drills.grader import Grader

    grader = Grader()
    try:
        grader.start()
        import torch  # noqa: F401 - the cases' oracles need it: load it while the sandbox starts

        grader.wait_ready()
        if not daemon:
            print(json.dumps({"ready": True}), file=replies, flush=True)
        serve(grader, listener, None if daemon else sys.stdin.buffer, None if daemon else replies, idle_seconds())
    except (BrokenPipeError, KeyboardInterrupt):
        pass  # the TUI went away while this started
    finally:
        if listener is not None:
            listener.close()
        grader.close()


if __name__ == "__main__":
    main()
