"""A seccomp filter for a sandbox child: no network, no new processes, no reaching into other processes.

Installed after the Landlock or namespace step (prep.drills.confine) and before user code runs; it holds for the
child and every thread it starts, and cannot be lifted. What it refuses, each with EPERM (clone3 with ENOSYS, so
that the C library falls back to clone, whose flags a filter can read):

- `socket()` of every family (IPv4/6 TCP, UDP, raw, MPTCP, AF_UNIX with a path or abstract name, netlink...);
  only `socketpair(AF_UNIX)`, which joins two ends inside the process, is left;
- new processes: `fork`, `vfork`, `clone` without CLONE_THREAD (threads are fine), so no fork bomb and no
  `setsid()` child that outlives the check;
- other processes: `ptrace`, `process_vm_readv/writev`, `pidfd_getfd`, `kcmp`, `move_pages`, `migrate_pages`;
  `prlimit64`, `sched_set*` and `setpriority`/`ioprio_set` on anything but the caller itself (pid 0);
- ways around the filter or the walls: `io_uring_setup` (io_uring opens sockets without `socket()`),
  `unshare`, `setns`, and any other architecture's syscalls (i386 or x32 on x86-64).

Signals to other processes are Landlock's part (ABI 6+, prep.drills.confine). The filter is written as classic
BPF through ctypes: about sixty instructions, no library needed (libseccomp is not everywhere prep runs).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import platform

_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}  # AUDIT_ARCH_*
_NUMBERS = {
    "x86_64": {"socket": 41, "socketpair": 53, "clone": 56, "fork": 57, "vfork": 58, "ptrace": 101,
               "setpriority": 141, "sched_setparam": 142, "sched_setscheduler": 144, "sched_setaffinity": 203,
               "ioprio_set": 251, "migrate_pages": 256, "unshare": 272, "move_pages": 279, "prlimit64": 302,
               "setns": 308, "process_vm_readv": 310, "process_vm_writev": 311, "kcmp": 312, "sched_setattr": 314,
               "io_uring_setup": 425, "clone3": 435, "pidfd_getfd": 438},
    "aarch64": {"socket": 198, "socketpair": 199, "clone": 220, "ptrace": 117, "setpriority": 140,
                "sched_setparam": 118, "sched_setscheduler": 119, "sched_setaffinity": 122, "ioprio_set": 30,
                "migrate_pages": 238, "unshare": 97, "move_pages": 239, "prlimit64": 261, "setns": 268,
                "process_vm_readv": 270, "process_vm_writev": 271, "kcmp": 272, "sched_setattr": 274,
                "io_uring_setup": 425, "clone3": 435, "pidfd_getfd": 438},
}
_SECCOMP_SYSCALL = {"x86_64": 317, "aarch64": 277}

# classic BPF
_LD_ABS, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
_ALLOW, _ERRNO, _KILL = 0x7FFF0000, 0x00050000, 0x80000000
_NR, _ARCH_AT = 0, 4
_CLONE_THREAD, _AF_UNIX, _PRIO_PROCESS, _IOPRIO_WHO_PROCESS = 0x00010000, 1, 0, 1
_X32_BIT = 0x40000000
_SET_MODE_FILTER, _FLAG_TSYNC, _PR_SET_NO_NEW_PRIVS = 1, 1, 38


class _Instruction(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_uint16), ("filter", ctypes.POINTER(_Instruction))]


def _arg(index: int) -> int:
    return 16 + 8 * index  # the low 32 bits of argument `index` in struct seccomp_data (little-endian)


def _only_if(*conditions: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    """Allow when each (argument, value) holds (low 32 bits: the kernel reads these as int); else EPERM."""
    block: list[tuple[int, int, int, int]] = []
    for count, (index, value) in enumerate(conditions):
        left = len(conditions) - count - 1  # conditions after this one, two instructions each
        block += [(_LD_ABS, 0, 0, _arg(index)), (_JEQ, 0, 2 * left + 1, value)]
    return [*block, (_RET, 0, 0, _ALLOW), (_RET, 0, 0, _ERRNO | errno.EPERM)]


def _rules() -> dict[str, list[tuple[int, int, int, int]]]:
    deny = [(_RET, 0, 0, _ERRNO | errno.EPERM)]
    threads_only = [(_LD_ABS, 0, 0, _arg(0)), (_JSET, 0, 1, _CLONE_THREAD), (_RET, 0, 0, _ALLOW),
                    (_RET, 0, 0, _ERRNO | errno.EPERM)]
    own = _only_if((0, 0))
    return {
        "socket": deny, "socketpair": _only_if((0, _AF_UNIX)),
        "clone": threads_only, "clone3": [(_RET, 0, 0, _ERRNO | errno.ENOSYS)], "fork": deny, "vfork": deny,
        "ptrace": deny, "process_vm_readv": deny, "process_vm_writev": deny, "pidfd_getfd": deny, "kcmp": deny,
        "move_pages": deny, "migrate_pages": deny, "io_uring_setup": deny, "unshare": deny, "setns": deny,
        "prlimit64": own, "sched_setparam": own, "sched_setscheduler": own, "sched_setaffinity": own,
        "sched_setattr": own, "setpriority": _only_if((0, _PRIO_PROCESS), (1, 0)),
        "ioprio_set": _only_if((0, _IOPRIO_WHO_PROCESS), (1, 0)),
    }


def program(machine: str) -> list[tuple[int, int, int, int]]:
    """The filter for `machine` ("x86_64" or "aarch64") as (code, jt, jf, k) instructions."""
    numbers = _NUMBERS[machine]
    code = [(_LD_ABS, 0, 0, _ARCH_AT), (_JEQ, 1, 0, _ARCH[machine]), (_RET, 0, 0, _KILL), (_LD_ABS, 0, 0, _NR)]
    if machine == "x86_64":
        code += [(_JGE, 0, 1, _X32_BIT), (_RET, 0, 0, _ERRNO | errno.EPERM)]
    for name, block in _rules().items():
        if name in numbers:  # each block ends in a return, so the accumulator still holds the number after a skip
            code += [(_JEQ, 0, len(block), numbers[name]), *block]
    return [*code, (_RET, 0, 0, _ALLOW)]


def available() -> bool:
    return platform.system() == "Linux" and platform.machine() in _NUMBERS


def install() -> bool:
    """Filter this process (all its threads) from now on; False where seccomp is not available."""
    if not available():
        return False
    machine = platform.machine()
    instructions = program(machine)
    table = (_Instruction * len(instructions))(*(_Instruction(*i) for i in instructions))
    prog = _Program(len(instructions), table)
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return False
        return libc.syscall(_SECCOMP_SYSCALL[machine], _SET_MODE_FILTER, _FLAG_TSYNC, ctypes.byref(prog)) == 0
    return False
