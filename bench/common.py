"""Shared bits of the benchmark scripts: JSON-line figures and a large seeded database."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from isolated import isolate  # noqa: E402

isolate()  # before prep is imported: a benchmark never touches the user's collection, settings, cache or state

# Core only: the start-up benchmark's child imports this module for frame_text, and must not load the ORM for it.
from seed import NOW, seed_database  # noqa: E402,F401 - re-exported for the benchmark scripts


def emit(name: str, value: float, unit: str, baseline: float | None = None, target: str | None = None) -> None:
    figure: dict[str, object] = {"name": name, "value": round(value, 4), "unit": unit}
    if baseline is not None:
        figure["baseline"] = round(baseline, 4)
        figure["ratio"] = round(value / baseline, 3)
    if target:
        figure["target"] = target
    print(json.dumps(figure), flush=True)


def timed(action, runs: int) -> float:  # noqa: ANN001 - any callable
    """The median wall time of `runs` calls of `action`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return median(times)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def frame_text(update: object) -> str:
    """The characters a compositor update paints (a full layout or changed chops)."""
    if hasattr(update, "strips"):
        return "\n".join("".join(strip.text for strip in line) for line in update.strips)
    return "\n".join(strip.text for chops in getattr(update, "chops", []) for strip in chops.values() if strip is not None)
