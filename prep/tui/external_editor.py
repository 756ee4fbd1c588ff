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


def notes_to_edit(app: App, source: Path) -> bool:
    """Whether a card's notes file is the learner's to edit: one that is gone, or the built-in deck shipped inside
    prep's install (an edit there is lost at the next upgrade, and prep itself updates it), is said in one line."""
    from prep.settings.paths import builtin_decks_dir

    if not source.is_file():
        app.notify(f"{source} no longer exists.", severity="error")
        return False
    if source.resolve().is_relative_to(builtin_decks_dir().resolve()):
        app.notify("This card is from the built-in deck, which prep ships and keeps up to date: copy "
                   f"{source.name} into your notes and `prep import` it to make the cards your own.", severity="warning",
                   timeout=8)
        return False
    return True
