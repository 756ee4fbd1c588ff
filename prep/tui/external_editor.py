"""Hand the terminal to the user's $EDITOR for one file, as git does, and say whether the file changed."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from textual.app import App, SuspendNotSupported


def edit_in_external_editor(app: App, path: Path, line: int | None = None) -> bool:
    """Suspend the app, run $EDITOR (vi when unset) on `path`, and return True when its text changed.

    Content rather than mtime: saving without a change must not re-import notes or re-grade a drill.
    """
    editor = shlex.split(os.environ.get("EDITOR") or "vi")
    before = path.read_bytes()
    try:
        with app.suspend():
            subprocess.run([*editor, *([f"+{line}"] if line else []), str(path)], check=False)
    except SuspendNotSupported:
        app.notify("This terminal cannot hand over to an editor.", severity="error")
        return False
    except OSError as error:
        app.notify(f"Cannot start {editor[0]!r} ({error.strerror}); set $EDITOR.", severity="error")
        return False
    return path.read_bytes() != before
