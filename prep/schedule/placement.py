"""Placing reviews pulled forward for the interview into the days before it (cards: prep.schedule.plan, drills:
prep.schedule.drill_plan), within each day's room."""

from __future__ import annotations

from datetime import date, timedelta


def place(wanted: list[tuple[date, str]], room: dict[date, int], window_start: date, today: date,
          last: date) -> tuple[dict[str, date], dict[date, int], int]:
    """Give each wanted item (earliest useful day, id) a day from its earliest to `last`, within `room`.

    First an even share of the final days each, so the eve of the interview is not a wall of
    reviews; then what is left takes any room, latest days first. Returns the day of each
    item placed, how many each day took, and how many found no room.
    """
    room = dict(room)
    planned: dict[str, date] = {}
    placed: dict[date, int] = {}
    queue = [item for _earliest, item in sorted(wanted, reverse=True)]  # the narrowest windows first
    final_days = [last - timedelta(days=i) for i in range((last - window_start).days + 1)]
    every_day = [last - timedelta(days=i) for i in range((last - today).days + 1)]
    share = -(-len(queue) // len(final_days)) if final_days else 0
    for days, cap in ((final_days, share), (every_day, None)):
        for day in days:
            take = room[day] if cap is None else min(room[day], cap - placed.get(day, 0))
            for item in queue[:take]:
                planned[item] = day
            placed[day] = placed.get(day, 0) + len(queue[:take])
            room[day] -= len(queue[:take])
            queue = queue[take:]
    return planned, placed, len(queue)
