"""A rating keypress to the next card rendered, with 10,000 cards and 100,000 reviews stored.

The app runs headless (Textual's test driver) on a real SQLite file. For each of
many cards: reveal the answer, then time from pressing "3" (Good) until the next
card's front is on screen. The answer is committed to disk inside that window.

Then the browser on the same collection: words typed into its search line a key at a time,
and the cursor moved down the list (past its end on screen, so the list scrolls), each key
timed until the screen has painted all it does for it (the last frame before the app is idle
again). A typed key only echoes; the search runs when typing pauses, timed on its own.

It runs in temporary XDG folders and PREP_DB of its own (bench/isolated.py).
"""

from __future__ import annotations

import asyncio
import time

from isolated import isolate

FOLDER = isolate()  # before prep is imported: the user's own collection, settings and state are never touched

from common import NOW, emit, frame_text, median, seed_database
from textual import events
from textual.widgets import Input

from prep.service import PrepService
from prep.settings.config import Config
from prep.tui.app import PrepApp
from prep.tui.screens.browser import SEARCH_PAUSE_S, BrowserScreen
from prep.tui.screens.review import ReviewScreen

CARDS, REVIEWS, ANSWERS = 10_000, 100_000, 60


async def measure(service: PrepService) -> list[float]:
    """Time each "3" keypress until a frame paints the next card's question.

    The pilot's own waits are kept out of the figure: frames are inspected inside
    the app's display hook, and the clock stops at the first frame that contains
    the new card's front text. Meanwhile the benchmark only waits for that frame: the
    pilot's pause, which posts a callback to every widget of the screen and waits for
    each, ran inside the timed window and added its own work to the figure.
    """
    app = PrepApp(service, clock=lambda: NOW)
    timings: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        display = app._display
        answered: list[str] = []  # the id of the card just rated, until the next one is painted
        painted = asyncio.Event()

        def timed_display(screen, renderable) -> None:  # noqa: ANN001 - Textual's internal hook
            display(screen, renderable)
            card = getattr(screen, "card", None)
            if answered and card is not None and card.id != answered[0]:
                question = card.front.replace("**", "").splitlines()[-1]
                if question in frame_text(renderable):
                    timings.append(time.perf_counter() - start)
                    answered.clear()
                    painted.set()

        app._display = timed_display
        for _ in range(ANSWERS):
            screen = app.screen
            assert isinstance(screen, ReviewScreen) and screen.card is not None
            await pilot.press("space")
            await pilot.pause()
            key = events.Key("3", "3")
            key.set_sender(app)
            answered.append(screen.card.id)
            painted.clear()
            start = time.perf_counter()
            app._driver.send_message(key)  # as a terminal keypress arrives
            try:
                await asyncio.wait_for(painted.wait(), timeout=30)
            except TimeoutError:
                raise SystemExit("the next card never appeared") from None
            await pilot.pause()  # what follows the card (its counts) settles before the next one is asked for
    return timings


async def measure_browser(service: PrepService) -> dict[str, list[float]]:
    """Each browser key until its last frame: typing a search a key at a time, then moving down the list.

    A typed key only echoes into the search line; the search runs when typing pauses (SEARCH_PAUSE_S). Its cost is
    timed on its own: from the last key of a word until the list shows its cards ("results", the pause included), and
    from the end of the pause until then ("search").
    """
    app = PrepApp(service, clock=lambda: NOW)
    timings: dict[str, list[float]] = {"type": [], "down": [], "focus": [], "results": [], "search": []}
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        display = app._display
        painted: list[float] = []
        paused: list[float] = []  # when typing was found paused and the search began

        def timed_display(screen, renderable) -> None:  # noqa: ANN001 - Textual's internal hook
            display(screen, renderable)
            if renderable is not None:
                painted.append(time.perf_counter())

        search_typed = screen.search_typed

        def timed_search() -> None:
            paused.append(time.perf_counter())
            search_typed()

        app._display = timed_display
        screen.search_typed = timed_search  # type: ignore[method-assign] # the timer calls it by this name

        async def press(name: str, character: str | None, kind: str) -> float:
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
            return start

        async def results(last_key: float, expected: str) -> None:
            """The list once typing has paused: timed from the last key (`last_key`) and from the pause's end."""
            paused.clear()
            while screen.search_pending:
                await asyncio.sleep(SEARCH_PAUSE_S / 4)
            await pilot.pause()
            await pilot.pause()
            if not paused or query.value != expected:
                raise SystemExit(f"the browser did not search {expected!r} when typing paused")
            timings["results"].append(painted[-1] - last_key)
            timings["search"].append(painted[-1] - paused[0])

        query = screen.query_one("#browse-query", Input)
        for word in ("topic 12", "fact 77", "another", "topic 3"):
            await press("slash", "/", "focus")
            for character in word:
                last = await press("space" if character == " " else character, character, "type")
            await results(last, word)
            for _ in word:
                last = await press("backspace", None, "type")
            await results(last, "")
            await press("escape", None, "focus")  # back to the list
            for _ in range(20):
                await press("down", None, "down")
    return timings


def p90(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.9)]


def main() -> None:
    db = FOLDER / "keypress.sqlite3"
    seed_database(db, CARDS, REVIEWS)
    service = PrepService(db, Config())
    timings = asyncio.run(measure(service))
    browser = asyncio.run(measure_browser(service))
    service.close()
    emit("keypress.rate_to_next_card.median", median(timings) * 1000, "ms")
    emit("keypress.rate_to_next_card.p90", p90(timings) * 1000, "ms", target="< 16 ms")
    emit("keypress.browser_search_typed.p90", p90(browser["type"]) * 1000, "ms", target="< 16 ms")  # the key echoed
    # The list once typing stops: the pause (the baseline) and the search with its frames; then that search alone.
    emit("keypress.browser_results_after_typing_stops.p90", p90(browser["results"]) * 1000, "ms",
         baseline=SEARCH_PAUSE_S * 1000)
    emit("keypress.browser_search_run.p90", p90(browser["search"]) * 1000, "ms")
    emit("keypress.browser_cursor_down.p90", p90(browser["down"]) * 1000, "ms")


if __name__ == "__main__":
    main()
