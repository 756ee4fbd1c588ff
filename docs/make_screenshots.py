"""Redraw the README's screenshots from the built-in deck: `python docs/make_screenshots.py`."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from prep.config import Config  # noqa: E402
from prep.service import PrepService  # noqa: E402
from prep.tui.app import PrepApp  # noqa: E402

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)


async def shoot(service: PrepService) -> None:
    app = PrepApp(service, clock=lambda: NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.save_screenshot("today.svg", str(ROOT / "docs"))
        await pilot.press("enter", "space")
        await pilot.pause()
        app.save_screenshot("review.svg", str(ROOT / "docs"))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        service = PrepService(Path(folder) / "shots.sqlite3", Config(enable_fuzzing=False), tz=timezone.utc)
        service.sync_builtin(NOW - timedelta(days=3))
        for day in (3, 2, 1):  # a few days of study, so the streak and counts look lived-in
            moment = NOW - timedelta(days=day)
            for _ in range(12):
                card = service.next_card(moment)
                service.answer(card.id, 3, moment, 4000)
        asyncio.run(shoot(service))
        service.close()


if __name__ == "__main__":
    main()
