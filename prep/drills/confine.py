"""Locking a sandbox child into its temporary folder, before it runs user code.

One job: after `confine()` the calling process (and anything it starts) can write only inside `folder`,
cannot read the `protected` paths (every drill's reference and cases, the learner's database, workspaces
and config), and sees a scrubbed environment. What each platform gets:

- Linux with Landlock (kernel 5.13+; ABI 6, kernel 6.12+, also scopes signals): a Landlock domain. Reading is
  allowed only under the system and Python folders (minus the protected paths inside them), writing only in
  `folder`; TCP bind/connect is refused (ABI 4+); signals to any process outside the child's own domain are
  refused (ABI 6+), so user code cannot kill the sandbox, the grader or prep.
- Linux without Landlock: an unprivileged user and mount namespace. The protected folders are covered by
  empty tmpfs mounts, and $HOME, the working folder and the shared temp folders are remounted read-only.
- Elsewhere (macOS, or Linux where both are disabled): a scrubbed environment and a Python audit hook that
  refuses writes outside `folder`, opening the protected paths and signals to other processes. An audit hook
  is not a security boundary (ctypes gets around it): it stops the honest mistake, not a determined attack.

Landlock is called through ctypes: the syscalls are three, and the `landlock` package on PyPI is a
development release without signal scoping.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import platform
import sys
from collections.abc import Iterable
from pathlib import Path

from prep.drills import syscalls

# ---- the environment ----------------------------------------------------------------------------

_KEPT = ("LANG", "LC_ALL", "LC_CTYPE", "TZ")


def clean_env() -> dict[str, str]:
    """The whole environment the warm sandbox is started again with (prep.drills.sandbox.restart_clean), which
    is what a child's /proc/self/environ shows: the locale, a plain PATH and one thread; nothing of prep's."""
    env = {key: os.environ[key] for key in _KEPT if key in os.environ}
    env.update(PATH="/usr/local/bin:/usr/bin:/bin", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
               PYTHONDONTWRITEBYTECODE="1")
    return env


def scrubbed_env(folder: str) -> dict[str, str]:
    """What user code sees in os.environ: no tokens, no paths to the learner's files, one thread."""
    return {**clean_env(), "HOME": folder, "TMPDIR": folder, "TMP": folder, "TEMP": folder, "PWD": folder}


def scrub_environment(folder: str) -> None:
    os.environ.clear()
    os.environ.update(scrubbed_env(folder))
    # tempfile remembers the temp folder it found first: a warm sandbox forked after anything asked for it
    # would keep the shared /tmp, which the confinement refuses, instead of the child's own folder.
    import tempfile

    tempfile.tempdir = folder


# ---- what may be read --------------------------------------------------------------------------

_SYSTEM = ("/usr", "/lib", "/lib32", "/lib64", "/bin", "/sbin", "/etc", "/opt", "/sys", "/dev", "/nix")
# Of /proc, only the child's own entries and two machine-wide files: another process's environ (prep's, the
# grader's, with its tokens) is readable by the same user under Landlock alone.
_PROC = ("/proc/self", "/proc/cpuinfo", "/proc/meminfo")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def readable_roots(protected: Iterable[str]) -> list[Path]:
    """The folders user code may read: the system's and Python's, with every protected path cut out.

    A root that holds a protected path (a checkout on sys.path holds `exercises/`) is replaced by its
    entries that do not, recursively."""
    hidden = [Path(p).resolve() for p in protected]
    prefixes = [Path(p).resolve() for p in {sys.prefix, sys.base_prefix, sys.exec_prefix}]
    # Of sys.path, only Python's own folders and installed packages: `python -m` puts the working folder
    # (perhaps $HOME) there too. The folder holding prep itself stays, for a checkout on PYTHONPATH.
    packages = [Path(p) for p in sys.path if p and (Path(p).name in ("site-packages", "dist-packages")
                                                     or any(_inside(Path(p).resolve(), x) for x in prefixes))]
    checkout = Path(__file__).resolve().parents[2]
    candidates = [Path(p) for p in _SYSTEM] + prefixes + packages + [checkout]
    roots: list[Path] = []

    def add(path: Path) -> None:
        if any(_inside(path, h) for h in hidden) or any(_inside(path, r) for r in roots):
            return
        if any(_inside(h, path) for h in hidden):
            with contextlib.suppress(OSError):
                for entry in sorted(path.iterdir()):
                    add(entry)
            return
        roots.append(path)

    for candidate in candidates:
        with contextlib.suppress(OSError):
            resolved = candidate.resolve()
            if resolved.exists():
                add(resolved)
    return roots


# ---- Landlock ----------------------------------------------------------------------------------

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446  # the same on x86-64 and arm64
_VERSION_FLAG = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_WRITE_TREE = sum(1 << bit for bit in range(4, 13))  # remove dir/file, make char/dir/reg/sock/fifo/block/sym
REFER, TRUNCATE, IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
_FILE_ONLY = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV
_BIND_TCP, _CONNECT_TCP = 1, 2
_SCOPE_ABSTRACT_UNIX_SOCKET, _SCOPE_SIGNAL = 1, 2


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, 0 when it has none (or this is not Linux)."""
    if platform.system() != "Linux" or platform.machine() not in ("x86_64", "aarch64"):
        return 0
    with contextlib.suppress(OSError, AttributeError):
        version = _libc().syscall(_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(_VERSION_FLAG))
        return max(0, int(version))
    return 0


def _fs_rights(abi: int) -> int:
    rights = EXECUTE | WRITE_FILE | READ_FILE | READ_DIR | _WRITE_TREE
    if abi >= 2:
        rights |= REFER
    if abi >= 3:
        rights |= TRUNCATE
    if abi >= 5:
        rights |= IOCTL_DEV
    return rights


def landlock(folder: str, protected: Iterable[str]) -> int:
    """Restrict this process with Landlock; returns the ABI used (0: not available, nothing done)."""
    abi = landlock_abi()
    if abi < 1:
        return 0
    libc = _libc()
    handled = _fs_rights(abi)
    attr = _RulesetAttr(handled_access_fs=handled,
                        handled_access_net=(_BIND_TCP | _CONNECT_TCP) if abi >= 4 else 0,
                        scoped=(_SCOPE_SIGNAL | _SCOPE_ABSTRACT_UNIX_SOCKET) if abi >= 6 else 0)
    size = 24 if abi >= 6 else 16 if abi >= 4 else 8
    ruleset = libc.syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    if ruleset < 0:
        return 0
    try:
        read = EXECUTE | READ_FILE | READ_DIR
        rules = [(str(root), read) for root in readable_roots(protected)] + [(path, read) for path in _PROC]
        rules += [("/dev/null", READ_FILE | WRITE_FILE), ("/dev/zero", READ_FILE), ("/dev/urandom", READ_FILE)]
        rules.append((folder, handled))
        for path, rights in rules:
            _add_rule(libc, ruleset, path, rights & handled)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return 0
        if libc.syscall(_RESTRICT_SELF, ruleset, ctypes.c_uint32(0)) != 0:
            return 0
    finally:
        os.close(ruleset)
    return abi


def _add_rule(libc: ctypes.CDLL, ruleset: int, path: str, rights: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return
    try:
        if not os.path.isdir(path):
            rights &= _FILE_ONLY
        rule = _PathBeneath(allowed_access=rights, parent_fd=fd)
        libc.syscall(_ADD_RULE, ruleset, _RULE_PATH_BENEATH, ctypes.byref(rule), ctypes.c_uint32(0))
    finally:
        os.close(fd)


# ---- the namespace fallback ---------------------------------------------------------------------

_CLONE_NEWNS, _CLONE_NEWUSER = 0x00020000, 0x10000000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 1, 2, 4, 8
_MS_REMOUNT, _MS_BIND, _MS_REC, _MS_PRIVATE = 32, 4096, 16384, 1 << 18


def _mount(libc: ctypes.CDLL, source: str | None, target: str, kind: str | None, flags: int, data: str | None = None) -> bool:
    encode = (lambda text: text.encode() if text is not None else None)
    return libc.mount(encode(source), encode(target), encode(kind), ctypes.c_ulong(flags), encode(data)) == 0


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="ascii") as file:
        file.write(text)


def _statvfs_flags(path: str) -> int:
    flags = os.statvfs(path).f_flag
    return ((_MS_NOSUID if flags & os.ST_NOSUID else 0) | (_MS_NODEV if flags & os.ST_NODEV else 0)
            | (_MS_NOEXEC if flags & os.ST_NOEXEC else 0))


def namespace(folder: str, protected: Iterable[str], read_only: Iterable[str]) -> bool:
    """Hide the protected folders and make `read_only` ones read-only, in a private user and mount namespace."""
    if platform.system() != "Linux":
        return False
    libc = _libc()
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNS) != 0:
        return False
    try:
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
    except OSError:
        return False
    if not _mount(libc, None, "/", None, _MS_REC | _MS_PRIVATE):
        return False
    for path in protected:
        if os.path.isdir(path) and not _inside(Path(folder).resolve(), Path(path).resolve()):
            if not _mount(libc, "tmpfs", path, "tmpfs", _MS_NOSUID | _MS_NODEV, "size=64k,mode=0555"):
                return False
        elif os.path.isfile(path) and not _mount(libc, os.devnull, path, None, _MS_BIND):  # a file reads as empty
            return False
    if not _mount(libc, folder, folder, None, _MS_BIND | _MS_REC):
        return False
    for path in read_only:
        if not os.path.isdir(path) or _inside(Path(path).resolve(), Path(folder).resolve()):
            continue
        flags = _statvfs_flags(path)
        if not (_mount(libc, path, path, None, _MS_BIND | _MS_REC)
                and _mount(libc, None, path, None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY | flags)):
            return False
    return True


# ---- the audit hook: the last line everywhere -------------------------------------------------------


def audit_guard(folder: str, protected: Iterable[str], filtered: bool = False) -> None:
    """Refuse, from Python: writing outside `folder`, opening protected paths or other processes' /proc entries,
    signalling or limiting other processes, starting processes, and (where no seccomp filter does it,
    `filtered` False) making sockets."""
    inside = os.path.realpath(folder)
    hidden = [os.path.realpath(p) for p in protected]
    own = os.getpid()

    def under(path: str, root: str) -> bool:
        return path == root or path.startswith(root.rstrip(os.sep) + os.sep)

    def hook(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.path.realpath(os.fsdecode(args[0]))
            mode, flags = args[1], args[2] if len(args) > 2 else 0
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND))
            if any(under(path, h) for h in hidden) or (writing and not under(path, inside) and path != os.devnull):
                raise PermissionError(f"the drill sandbox keeps your code in its folder: {path}")
            process = path.split(os.sep)[2] if path.startswith("/proc/") else ""
            if process.isdigit() and int(process) != own:  # another process's environ, memory, files
                raise PermissionError(f"the drill sandbox does not let your code read other processes: {path}")
        elif event in ("os.kill", "os.killpg") and args[0] not in (own, 0, -own):
            raise PermissionError("the drill sandbox does not let your code signal other processes")
        elif event == "socket.__new__" and not filtered:  # with the seccomp filter, socketpair() stays usable
            raise PermissionError("the drill sandbox has no network: no socket of any kind")
        elif event in ("os.fork", "os.forkpty", "os.posix_spawn", "os.spawn", "os.exec", "os.system",
                       "subprocess.Popen", "os.startfile"):
            raise PermissionError("the drill sandbox runs your code in one process: it cannot start others")
        elif event in ("resource.prlimit", "os.sched_setaffinity") and args and args[0] not in (0, own):
            raise PermissionError("the drill sandbox does not let your code change other processes")
        elif event in ("os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.symlink", "os.link", "os.truncate",
                       "os.chmod", "os.chown", "os.utime", "shutil.rmtree") and args and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.path.realpath(os.fsdecode(args[0]))
            if not under(path, inside):
                raise PermissionError(f"the drill sandbox keeps your code in its folder: {path}")

    sys.addaudithook(hook)


# ---- all of it -------------------------------------------------------------------------------------


def confine(folder: str, protected: Iterable[str], mode: str = "auto", caller_dir: str | None = None) -> str:
    """Lock this process in; returns what was used: "landlock", "namespace" or "audit".

    `caller_dir` is the folder prep was started from (made read-only in the namespace fallback)."""
    protected = [p for p in protected if p]
    read_only = [os.path.expanduser("~"), caller_dir or os.getcwd(), "/tmp", "/var/tmp", "/dev/shm",  # noqa: S108
                 *(p for p in (os.environ.get("TMPDIR"),) if p)]
    scrub_environment(folder)
    used = "audit"
    if mode in ("auto", "landlock") and landlock(folder, protected):
        used = "landlock"
    elif mode in ("auto", "namespace") and namespace(folder, protected, read_only):
        used = "namespace"
    filtered = mode != "audit" and syscalls.install()  # forced "audit": what a platform without any of this gets
    audit_guard(folder, protected, filtered)
    return used
