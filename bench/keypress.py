"""A rating keypress to the next card rendered, with 10,000 cards and 100,000 reviews stored.

The app runs headless (Textual's test driver) on a real SQLite file. For each of
many cards: reveal the answer, then time from pressing "3" (Good) until the next
card's front is on screen. The answer is committed to disk inside that window.

Then the browser on the same collection: a word typed into its search line a key at a time,
and the cursor moved down the list, each key timed until the screen has painted all it does
for it (the last frame before the app is idle again).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from common import NOW, emit, frame_text, median, seed_database
from textual import events

from prep.service import PrepService
from prep.settings.config import Config
from prep.tui.app import PrepApp
from prep.tui.screens.browser import BrowserScreen
from prep.tui.screens.review import ReviewScreen

CARDS, REVIEWS, ANSWERS = 10_000, 100_000, 60


async def measure(service: PrepService) -> list[float]:
    """Time each "3" keypress until a frame paints the next card's question.

    The pilot's own waits are kept out of the figure: frames are inspected inside
    the app's display hook, and the clock stops at the first frame that contains
    the new card's front text.
    """
    app = PrepApp(service, clock=lambda: NOW)
    timings: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        display = app._display
        answered: list[str] = []  # the id of the card just rated, until the next one is painted

        def timed_display(screen, renderable) -> None:  # noqa: ANN001 - Textual's internal hook
            display(screen, renderable)
            card = getattr(screen, "card", None)
            if answered and card is not None and card.id != answered[0]:
                question = card.front.replace("**", "").splitlines()[-1]
                if question in frame_text(renderable):
                    timings.append(time.perf_counter() - start)
                    answered.clear()

        app._display = timed_display
        for _ in range(ANSWERS):
            screen = app.screen
            assert isinstance(screen, ReviewScreen) and screen.card is not None
            await pilot.press("space")
            await pilot.pause()
            key = events.Key("3", "3")
            key.set_sender(app)
            answered.append(screen.card.id)
            start = time.perf_counter()
            app._driver.send_message(key)  # as a terminal keypress arrives
            for _ in range(1000):
                if not answered:
                    break
                await pilot.pause()
            else:
                raise SystemExit("the next card never appeared")
    return timings


async def measure_browser(service: PrepService) -> dict[str, list[float]]:
    """Each browser key until its last frame: typing a search a key at a time, then moving down the list."""
    app = PrepApp(service, clock=lambda: NOW)
    timings: dict[str, list[float]] = {"type": [], "down": []}
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)
        display = app._display
        painted: list[float] = []

        def timed_display(screen, renderable) -> None:  # noqa: ANN001 - Textual's internal hook
            display(screen, renderable)
            if renderable is not None:
                painted.append(time.perf_counter())

        app._display = timed_display

        async def press(name: str, character: str | None, kind: str) -> None:
            painted.clear()
            key = events.Key(name, character)
            key.set_sender(app)
            start = time.perf_counter()
            app._driver.send_message(key)  # as a terminal keypress arrives
            await pilot.pause()
            await pilot.pause()
            if not painted:
                raise SystemExit(f"nothing was painted for {name!r}")
            timings[kind].append(painted[-1] - start)

        timings["focus"] = []
        for _ in range(3):
            await press("slash", "/", "focus")
            for character in "topic 12":
                await press("space" if character == " " else character, character, "type")
            for _ in range(8):
                await press("backspace", None, "type")
            await press("escape", None, "focus")  # back to the list
            for _ in range(20):
                await press("down", None, "down")
    return timings


def p90(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.9)]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "keypress.sqlite3"
        seed_database(db, CARDS, REVIEWS)
        service = PrepService(db, Config())
        timings = asyncio.run(measure(service))
        browser = asyncio.run(measure_browser(service))
        service.close()
    emit("keypress.rate_to_next_card.median", median(timings) * 1000, "ms", target="< 16 ms")
    emit("keypress.rate_to_next_card.p90", p90(timings) * 1000, "ms")
    emit("keypress.browser_search_typed.p90", p90(browser["type"]) * 1000, "ms")
    emit("keypress.browser_cursor_down.p90", p90(browser["down"]) * 1000, "ms")


if __name__ == "__main__":
    main()
