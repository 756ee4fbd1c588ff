"""A real PostgreSQL server for the tests, from the binaries the pgserver package ships (no server need be installed).

Each test process starts its own in a folder of its own under the system's temporary folder (`prep-pg-*`): the
data, a socket folder of its own and a port found free at start, listening on no network address, so another
server on the machine (on 5432 or any port) is never in its way. The folder holds `owner`, the test process's
pid: a server whose owner is gone (a run killed by a time-out) is stopped by the next run through its own
`postmaster.pid` (pg_ctl), never by a process name. The server stops when its test process exits (atexit, and
SIGTERM is turned into an exit first) and when the session ends.

One template database is migrated with prep's own migrations, and every test gets a fresh copy of it
(CREATE DATABASE … TEMPLATE), so a test costs a file copy on the server rather than a run of the migrations.
"""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from prep.store.location import ServerURL

TEMPLATE = "prep_template"
PREFIX = "prep-pg-"
START_SECONDS = 300  # a loaded machine can take long to start a server; waiting is cheaper than a failed run
_names = itertools.count()


def _commands():  # noqa: ANN202 - pgserver's wrappers of initdb and pg_ctl, and its helpers for running as root
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns that XDG_RUNTIME_DIR is unset
        from pgserver import _commands, utils
    return _commands, utils


def _system_user() -> str | None:
    """PostgreSQL refuses to run as root: then it runs as the `pgserver` user, as the pgserver package does."""
    return "pgserver" if os.geteuid() == 0 else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _alive(pid: int) -> bool:
    """Whether the process runs: a zombie (killed, not yet reaped by its parent) does not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True  # no /proc here: it answered the signal, so it is there


def _pg_ctl_stop(data: Path, mode: str = "fast") -> None:
    commands, _ = _commands()
    if (data / "postmaster.pid").exists():
        try:
            commands.pg_ctl(["-w", "-t", "60", "-m", mode, "stop"], pgdata=data, user=_system_user(), timeout=90)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            commands.pg_ctl(["-m", "immediate", "stop"], pgdata=data, user=_system_user(), timeout=30)


def stop_stale(parent: Path) -> list[Path]:
    """Stop and remove the servers of test processes that are gone, found by their `owner` files; returns their folders."""
    stale = []
    for folder in parent.glob(PREFIX + "*"):
        try:
            owner = int((folder / "owner").read_text())
        except (OSError, ValueError):
            continue  # not one of ours, or one still being made
        if _alive(owner):
            continue
        try:
            _pg_ctl_stop(folder / "data", "immediate")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
            continue  # its pid file names no running server, or pg_ctl failed: leave it for a person to look at
        shutil.rmtree(folder, ignore_errors=True)
        stale.append(folder)
    return stale


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt  # pytest ends the session on it, tearing the fixtures down (the server's among them)


def _exit_on_sigterm() -> None:
    """A run stopped by SIGTERM (a time-out) ends as an interrupted one, so its server stops too."""
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _interrupt)


@dataclass
class Server:
    folder: Path
    port: int
    stopped: bool = field(default=False)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def sockets(self) -> Path:
        return self.folder / "s"

    @classmethod
    def start(cls, parent: Path | None = None, *, template: bool = True) -> Server:
        parent = parent or Path(tempfile.gettempdir())
        stop_stale(parent)
        folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent))
        server = cls(folder, _free_port())
        (folder / "owner").write_text(str(os.getpid()))
        atexit.register(server.stop)
        _exit_on_sigterm()
        server._init()
        server.resume()
        if template:
            server.admin(f"DROP DATABASE IF EXISTS {TEMPLATE}")
            server.admin(f"CREATE DATABASE {TEMPLATE}")
            from prep.store.database import open_database

            open_database(server.location(TEMPLATE)).dispose()  # the schema, migrated once
        return server

    def _init(self) -> None:
        commands, utils = _commands()
        user = _system_user()
        self.data.mkdir()
        self.sockets.mkdir()
        if user is not None:
            import pwd

            utils.ensure_user_exists(user)
            utils.ensure_prefix_permissions(self.folder)
            self.folder.chmod(0o711)  # mkdtemp made it 0700: the server's user goes through it to its data and sockets
            entry = pwd.getpwnam(user)
            for path in (self.data, self.sockets):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        commands.initdb(["--auth=trust", "--auth-local=trust", "--encoding=utf8", "-U", "postgres"], pgdata=self.data, user=user,
                        timeout=START_SECONDS)

    def resume(self) -> None:
        """Start the server (again, after `halt`), on its own socket folder and port, listening on no network address."""
        commands, _ = _commands()
        options = f"-c listen_addresses='' -k {self.sockets} -p {self.port}"
        commands.pg_ctl(["-w", "-t", str(START_SECONDS), "-o", options, "-l", str(self.data / "server.log"), "start"],
                        pgdata=self.data, user=_system_user(), timeout=START_SECONDS + 30)

    def halt(self) -> None:
        """Stop the server and keep its data, as a server that went away (`resume` starts it again)."""
        _pg_ctl_stop(self.data)

    def uri(self, name: str) -> str:
        return f"postgresql://postgres:@/{name}?host={self.sockets}&port={self.port}"

    def location(self, name: str) -> ServerURL:
        return ServerURL(self.uri(name))

    def admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.uri("postgres"), autocommit=True) as connection:
            connection.execute(statement)

    def create_database(self, template: str = TEMPLATE) -> ServerURL:
        name = f"t{os.getpid()}_{next(_names)}"
        self.admin(f"CREATE DATABASE {name} TEMPLATE {template}")
        return self.location(name)

    def empty_database(self) -> ServerURL:
        """A database with nothing in it, as `createdb` makes one (prep has not migrated it)."""
        name = f"e{os.getpid()}_{next(_names)}"
        self.admin(f"CREATE DATABASE {name}")
        return self.location(name)

    def drop_database(self, location: ServerURL) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {location.url.database} WITH (FORCE)")

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        try:
            _pg_ctl_stop(self.data)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def query(location: Path | ServerURL, sql: str) -> list[tuple]:
    """Rows read on a connection of the test's own, not prep's: what another program would see."""
    if isinstance(location, ServerURL):
        import psycopg

        with psycopg.connect(location.url.set(drivername="postgresql").render_as_string(hide_password=False)) as connection:
            return [tuple(row) for row in connection.execute(sql).fetchall()]
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(location)) as connection:
        return connection.execute(sql).fetchall()


def argument(location: Path | ServerURL) -> str:
    """The location as a child process is given it (`--db`), with the test server's own login."""
    return location.url.render_as_string(hide_password=False) if isinstance(location, ServerURL) else str(location)
