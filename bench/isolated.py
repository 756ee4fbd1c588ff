"""A benchmark in folders of its own: never the user's collection, settings, cache or state.

`isolate()` is called before prep is imported (prep reads these places when it is first used, and the app's style
cache, the day's backup and the remembered deck are written there): it points XDG_DATA_HOME, XDG_CONFIG_HOME,
XDG_CACHE_HOME, XDG_STATE_HOME and PREP_DB at a fresh temporary folder, which the processes the benchmark starts
inherit, and removes it at exit. bench/common.py calls it, so every script that imports common is isolated; a
second call (a script that isolates itself first, or a child process started by one) keeps the folder it has.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_MARK = "PREP_BENCH_FOLDER"  # set once isolated: the folder this process and its children use
FOLDERS = {"XDG_DATA_HOME": "data", "XDG_CONFIG_HOME": "config", "XDG_CACHE_HOME": "cache", "XDG_STATE_HOME": "state"}


def isolate() -> Path:
    """Point this process and its children at a temporary folder of their own; returns it."""
    if os.environ.get(_MARK):
        return Path(os.environ[_MARK])
    if "prep" in sys.modules:
        raise RuntimeError("isolate() must run before prep is imported")
    import atexit  # here, not above: a child that finds the folder set imports nothing more (bench/startup.py times it)
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="prep-bench-"))
    for variable, name in FOLDERS.items():
        (root / name).mkdir()
        os.environ[variable] = str(root / name)
    os.environ["PREP_DB"] = str(root / "data" / "prep.sqlite3")
    os.environ[_MARK] = str(root)
    atexit.register(shutil.rmtree, root, True)
    return root
