"""Time from process start to the first card on screen, against the floor of importing the libraries.

Both figures are taken the same way in one run: a fresh `python` process is started
and the clock stops when it prints "ready": after its imports for the floor; for prep,
when a frame paints the first card of the built-in deck, Enter having been pressed as
soon as the Today screen was painted (Textual's headless driver, 100x30). prep starts
as the `prep` command does, through prep.cli (its arguments, the settings, the check of
the database, the day's backup, the deck and the plan brought up to date). Median of
alternating runs; the database exists already and holds the built-in deck (the first-ever
start, which also creates the schema and imports the deck, is reported on its own).

prep's bytecode is compiled first, as installing a package does (the floor's libraries
come with theirs): a checkout run under PYTHONDONTWRITEBYTECODE would otherwise compile
every module of prep from source on each start, which no user's start does.
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from isolated import isolate

FOLDER = isolate()  # before prep is imported; the children inherit it: no start touches the user's own folders

from common import emit, median

ROOT = Path(__file__).resolve().parents[1]
RUNS = 15  # alternating; the median of each (this machine varies by 10% from one process to the next)
FLOOR = "import textual.app, sqlalchemy, fsrs\nprint('ready', flush=True)"
# The least any Textual app can do: paint one line. It shows how much of the 1.3x budget is Textual's own start.
HELLO = """
import asyncio
import sqlalchemy, fsrs
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("hello")

async def main():
    app = Hello()
    display = app._display
    painted = asyncio.Event()

    def watch(screen, update):
        display(screen, update)
        if update is not None and not painted.is_set():
            print("ready", flush=True)
            painted.set()

    app._display = watch
    async with app.run_test(size=(100, 30)):
        await painted.wait()

asyncio.run(main())
"""

FIRST_CARD = """
import asyncio, sys
from textual import events
from prep import cli
from prep.tui.screens.review import ReviewScreen
from common import frame_text

async def main():
    if len(sys.argv) > 2:  # the first-ever start: the built-in deck is added first, as `prep import --builtin` does
        import contextlib, io
        with contextlib.redirect_stdout(io.StringIO()):
            cli.main(["--db", sys.argv[1], "import", "--builtin"])
    # `prep --db FILE` up to its first screen, as the command does it (prep.cli.start_tui): the settings, the check of
    # the database, the day's backup, the built-in deck brought up to date, the interview plan; then the app, headless.
    service, app = cli.start_tui(["--db", sys.argv[1]])
    shown = asyncio.Event()
    display = app._display

    def watch(screen, update):
        display(screen, update)
        if update is None:
            return
        if isinstance(screen, ReviewScreen):
            if screen.card and screen.card.front.replace("**", "").splitlines()[-1] in frame_text(update):
                print("ready", flush=True)
                shown.set()
        elif not hasattr(app, "_enter_sent"):  # Today is on screen: the user presses Enter at once
            app._enter_sent = True
            key = events.Key("enter", "\\r")
            key.set_sender(app)
            app._driver.send_message(key)

    app._display = watch
    async with app.run_test(size=(100, 30)):
        await asyncio.wait_for(shown.wait(), timeout=30)
    service.close()

asyncio.run(main())
"""

def time_until_ready(code: str, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}"}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait(timeout=60)
    if line.strip() != "ready":
        raise SystemExit(f"benchmark child did not get ready: {line!r}")
    return elapsed


def main() -> None:
    for folder in ("prep", "bench"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    with tempfile.TemporaryDirectory(dir=FOLDER) as folder:
        db = str(Path(folder) / "startup.sqlite3")
        first_ever = time_until_ready(FIRST_CARD, db, "first")
        floor, hello, prep = [], [], []
        for _ in range(RUNS):
            floor.append(time_until_ready(FLOOR))
            hello.append(time_until_ready(HELLO))
            prep.append(time_until_ready(FIRST_CARD, db))
    emit("startup.first_ever_run_to_first_card", first_ever, "s")
    emit("startup.import_floor", median(floor), "s")
    emit("startup.textual_hello_world_painted", median(hello), "s", baseline=median(floor))
    emit("startup.to_first_card", median(prep), "s", baseline=median(floor), target="ratio <= 1.3")


if __name__ == "__main__":
    main()
