"""Redraw the README's screenshots from the built-in deck: `python docs/make_screenshots.py`."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from prep.service import PrepService  # noqa: E402
from prep.settings.config import Config  # noqa: E402
from prep.tui.app import PrepApp  # noqa: E402
from tests.pilot import IdleGrader  # noqa: E402

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)


async def shoot(service: PrepService) -> None:
    app = PrepApp(service, clock=lambda: NOW, grader=IdleGrader())  # no drill is graded here
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.save_screenshot("today.svg", str(ROOT / "docs"))
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot("stats.svg", str(ROOT / "docs"))
        await pilot.press("escape", "enter", "space")
        await pilot.pause()
        app.save_screenshot("review.svg", str(ROOT / "docs"))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        service = PrepService(Path(folder) / "shots.sqlite3", Config(enable_fuzzing=False), tz=timezone.utc)
        service.add_builtin(NOW - timedelta(days=20))
        for day in range(20, 0, -1):  # a few weeks of study, so the streak and charts look lived-in
            moment = NOW - timedelta(days=day)
            for _ in range(8 + day % 5):
                card = service.next_card(moment)
                if card is None:
                    break
                service.answer(card.id, 1 if (day + len(card.id)) % 6 == 0 else 3, moment, 4000)
        asyncio.run(shoot(service))
        service.close()


if __name__ == "__main__":
    main()
