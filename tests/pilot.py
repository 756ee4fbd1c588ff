"""Helpers for driving PrepApp with Textual pilots in the TUI tests."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from prep.tui.app import PrepApp


def drive(app: PrepApp, scenario: Callable[[Pilot], Awaitable[None]], size: tuple[int, int] = (80, 24)) -> None:
    async def run() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(run())


async def press(pilot: Pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def searched(pilot: Pilot) -> None:
    """The browser's list once it follows what was typed: it waits for typing to pause (prep.tui.screens.browser)."""
    await pilot.pause()  # the change of the search line is taken in: the wait for the pause begins
    for _ in range(200):
        if not getattr(pilot.app.screen, "search_pending", False):
            break
        await pilot.pause(0.05)
    else:
        raise AssertionError("the browser never searched what was typed")
    await pilot.pause()


def footer_composes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The screens whose footer composes its keys from now on, in order (a list that grows)."""
    from textual.widgets import Footer

    composed: list[str] = []
    recompose = Footer.recompose

    async def counting(self: Footer) -> None:
        composed.append(type(self.screen).__name__)
        await recompose(self)

    monkeypatch.setattr(Footer, "recompose", counting)
    return composed


def notices(app: PrepApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


class IdleGrader:
    """Stands in for GraderClient where nothing is graded: no grader process, so no torch to load."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def start(self) -> None:
        self.calls.append("start")

    def close(self) -> None:
        self.calls.append("close")
