"""A benchmark in folders of its own: never the user's collection, settings, cache or state.

`isolate()` is called before prep is imported (prep reads these places when it is first used, and the app's style
cache, the day's backup and the remembered deck are written there): it points XDG_DATA_HOME, XDG_CONFIG_HOME,
XDG_CACHE_HOME, XDG_STATE_HOME and PREP_DB at a fresh temporary folder, which the processes the benchmark starts
inherit, and removes it at exit.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

FOLDERS = {"XDG_DATA_HOME": "data", "XDG_CONFIG_HOME": "config", "XDG_CACHE_HOME": "cache", "XDG_STATE_HOME": "state"}


def isolate() -> Path:
    """Point this process and its children at a temporary folder of their own; returns it."""
    if "prep" in sys.modules:
        raise RuntimeError("isolate() must run before prep is imported")
    root = Path(tempfile.mkdtemp(prefix="prep-bench-"))
    for variable, name in FOLDERS.items():
        (root / name).mkdir()
        os.environ[variable] = str(root / name)
    os.environ["PREP_DB"] = str(root / "data" / "prep.sqlite3")
    atexit.register(shutil.rmtree, root, True)
    return root
