"""Pictures of the progress numbers (prep.progress.stats) as Rich renderables, for the TUI and `prep stats` alike.

No Textual here: the command line prints the same charts. Every chart is a pure function
of the Stats parts it draws, within 80 columns.
"""

from __future__ import annotations

import math
import statistics
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from prep.mock.interview import MockSummary
from prep.progress.stats import (
    CardRecall,
    DayActivity,
    DrillSummary,
    ForecastDay,
    Leech,
    Readiness,
    Retention,
    Stats,
    TopicMastery,
)

# The Nord palette the TUI uses; Rich brings it down to what a terminal shows.
CARDS, DRILLS, EXTRA = "#81a1c1", "#b48ead", "#ebcb8b"
GOOD, FAIR, POOR = "#a3be8c", "#ebcb8b", "#bf616a"
MARKER = "bold #d08770"
TRACK, FADED = "#4c566a", "#616e88"
HEAT = ("#4c566a", "#0e4429", "#006d32", "#26a641", "#39d353")  # no study, then the four quartiles of busy days
HEAT_GLYPHS = "·■■■■"
DAY_NAMES = ("Mon", "", "Wed", "", "Fri", "", "")
UP, RIGHT = "▁▂▃▄▅▆▇", "▏▎▍▌▋▊▉"  # eighths of a cell: rising from the bottom, growing from the left


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def grade(value: float | None, target: float) -> str:
    """The colour of a recall next to its target: met, close (within ten points), or short."""
    if value is None:
        return TRACK
    return GOOD if value >= target else FAIR if value >= target - 0.1 else POOR


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# ---- stacked bars, in eighths of a cell ----------------------------------------------------------


def _bounds(values: Iterable[float], scale: float, limit: int) -> list[int]:
    """Where each stacked segment ends, in eighths; a segment with anything in it gets at least one."""
    bounds, end = [], 0
    for value in values:
        end += 0 if value <= 0 else max(1, round(value * scale))
        bounds.append(min(end, limit))
    return bounds


def _cells(bounds: list[int], styles: list[str], count: int, glyphs: str) -> list[tuple[str, str]]:
    """The cells of a stacked bar, from its base. Where a segment ends inside a cell the cell shows
    that segment as the glyph and the next one as its background."""
    out = []
    for low in range(0, count * 8, 8):
        i = next((i for i, end in enumerate(bounds) if end > low), None)
        if i is None:
            out.append((" ", ""))
        elif bounds[i] >= low + 8:
            out.append(("█", styles[i]))
        else:
            above = next((s for end, s in zip(bounds[i + 1:], styles[i + 1:], strict=True) if end > bounds[i]), None)
            out.append((glyphs[bounds[i] - low - 1], f"{styles[i]} on {above}" if above else styles[i]))
    return out


def bar(fraction: float | None, width: int, style: str, solid: float | None = None, marker: float | None = None) -> Text:
    """A horizontal bar of `fraction` of `width` cells. With `solid`, only that much is in `style` and
    the rest of the bar is lighter; `marker` draws a tick at that fraction (a target)."""
    value = fraction or 0
    parts = [value] if solid is None else [min(solid, value), max(0, value - solid)]
    cells = _cells(_bounds(parts, width * 8, width * 8), [style, FADED][:len(parts)], width, RIGHT)
    text = Text()
    for position, (glyph, cell_style) in enumerate(cells):
        if marker is not None and position == min(width - 1, int(marker * width)):
            text.append("┃", MARKER)
        else:
            text.append(*((glyph, cell_style) if cell_style else ("─", TRACK)))
    return text


# ---- activity ---------------------------------------------------------------------------------


def activity_levels(activity: list[DayActivity]) -> list[int]:
    """0 for a day without study, else 1–4 by the quartiles of the days with any: the busiest day is 4."""
    counts = [day.reviews + day.drills for day in activity]
    busy = sorted(count for count in counts if count)
    cuts = statistics.quantiles(busy, n=4, method="inclusive") if len(busy) > 1 else busy * 3
    return [1 + bisect_right(cuts, count) if count else 0 for count in counts]


class Heatmap:
    """A year of study days, GitHub style: a column a week (Monday on top), month names above.

    Whole weeks only, so every row starts in the same column; as many of the latest weeks as
    the width holds (a year needs 57 columns)."""

    def __init__(self, activity: list[DayActivity]) -> None:
        self.activity = activity

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.group(max(1, options.max_width - 4))

    def group(self, most_weeks: int) -> Group:
        return _heatmap(self.activity, most_weeks)


def heatmap(activity: list[DayActivity]) -> Heatmap:
    return Heatmap(activity)


def heatmap_start(activity: list[DayActivity], most_weeks: int = 53) -> date:
    """The Monday of the heatmap's first column: the first whole week, or later when the width is short."""
    first, last = activity[0].day, activity[-1].day
    start = first + timedelta(days=-first.weekday() % 7)  # the first Monday on or after the first day
    weeks = (last - start).days // 7 + 1
    return start + timedelta(weeks=max(0, weeks - most_weeks))


def _heatmap(activity: list[DayActivity], most_weeks: int) -> Group:
    level = {day.day: lvl for day, lvl in zip(activity, activity_levels(activity), strict=True)}
    last = activity[-1].day
    start = heatmap_start(activity, most_weeks)
    first = start
    weeks = (last - start).days // 7 + 1
    rows = []
    for weekday in range(7):
        row = Text.assemble((f"{DAY_NAMES[weekday]:4}", "dim"))
        for week in range(weeks):
            day = start + timedelta(weeks=week, days=weekday)
            shade = level.get(day)
            row.append(" " if shade is None else HEAT_GLYPHS[shade], "" if shade is None else HEAT[shade])
        rows.append(row)
    legend = Text.assemble(("less ", "dim"), *zip(HEAT_GLYPHS, HEAT, strict=True), (" more", "dim"))
    legend.align("right", max(4 + weeks, cell_len(legend.plain)))
    return Group(_month_line(start, first, weeks), *rows, legend)


def _month_line(start: date, first: date, weeks: int) -> Text:
    """Each month's name over the first week it shows in; a name with no room before the next is left out."""
    changes: list[tuple[int, str]] = []
    for week in range(weeks):
        month = max(start + timedelta(weeks=week), first).strftime("%b")
        if not changes or changes[-1][1] != month:
            changes.append((week, month))
    line = [" "] * (weeks + 3)
    for (week, month), (after, _) in zip(changes, changes[1:] + [(weeks + 4, "")], strict=True):
        if after - week >= 4:
            line[week:week + 3] = month
    return Text("    " + "".join(line).rstrip(), style="dim")


def streak_line(current: int, longest: int, activity: list[DayActivity]) -> Text:
    total = sum(day.reviews + day.drills for day in activity)
    return Text.assemble(("streak ", "dim"), (plural(current, "day"), "bold"), (" · longest ", "dim"),
                         plural(longest, "day"), (" · ", "dim"), f"{total} answers in the year")


def minutes_line(activity: list[DayActivity], days: int = 30) -> Text:
    """A sparkline of the minutes studied on each of the last `days` days, and what they add up to."""
    minutes = [day.minutes for day in activity[-days:]]
    top = max(minutes, default=0)
    line = Text()
    for value in minutes:
        line.append(*((UP[min(6, int(value / top * 7))], CARDS) if value else ("▁", TRACK)))
    studied = [value for value in minutes if value]
    average = sum(studied) / len(studied) if studied else 0
    return line.append(f"  {sum(minutes):.0f} min in {days} days · {average:.0f} a study day", "dim")


# ---- the next 30 days -------------------------------------------------------------------------


class ForecastChart:
    """The forecast at the width given: a gap between the days where it fits (68 columns), none below."""

    def __init__(self, days: list[ForecastDay], height: int = 6) -> None:
        self.days, self.height = days, height

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wide = _forecast(self.days, self.height, gap=1)
        yield wide if _width(wide) <= options.max_width else _forecast(self.days, self.height, gap=0)


def _width(group: Group) -> int:
    return max((cell_len(line.plain) for line in group.renderables if isinstance(line, Text)), default=0)


def forecast_chart(days: list[ForecastDay], height: int = 6) -> ForecastChart:
    """Cards and drills due each day, stacked, with the reviews pulled forward for the interview on top."""
    return ForecastChart(days, height)


def _forecast(days: list[ForecastDay], height: int, gap: int) -> Group:
    if not any(day.cards + day.drills + day.extra + day.extra_drills for day in days):
        return Group(Text("Nothing due in the next 30 days.", style="dim"))
    top = max(height, *(day.cards + day.drills + day.extra + day.extra_drills for day in days))  # a row a review at least
    styles = [CARDS, DRILLS, EXTRA]
    columns = [_cells(_bounds((day.cards, day.drills, day.extra + day.extra_drills), height * 8 / top, height * 8), styles,
                      height, UP)
               for day in days]
    gutter = len(str(top)) + 1
    lines = []
    for row in reversed(range(height)):
        line = Text.assemble((f"{top if row == height - 1 else '':>{gutter - 1}} ", "dim"))
        for column in columns:
            line.append(*column[row]).append(" " * gap)
        lines.append(line)
    step = 1 + gap
    labels = [" "] * (step * len(days) + 6)
    for index in range(0, len(days), 7):
        name = "today" if index == 0 else f"{days[index].day.day} {days[index].day:%b}"
        labels[step * index:step * index + len(name)] = name
    lines.append(Text(" " * gutter + "".join(labels).rstrip(), style="dim"))
    keys = [("cards", CARDS, sum(d.cards for d in days)), ("drills", DRILLS, sum(d.drills for d in days)),
            ("for the interview", EXTRA, sum(d.extra + d.extra_drills for d in days))]
    lines.append(Text(" " * gutter).append(Text("   ").join(
        Text.assemble(("■ ", style), f"{name} {count}") for name, style, count in keys if count)))
    return Group(*lines)


# ---- what is known ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BarRow:
    label: str
    value: float | None  # 0–1; None: nothing to measure yet
    numbers: str  # what is printed after the bar
    style: str
    solid: float | None = None  # drawn in full colour up to here, lighter beyond


class BarTable:
    """Labelled horizontal bars that take the width they are given, with an optional target marker."""

    def __init__(self, rows: list[BarRow], marker: float | None = None, longest_bar: int = 40, label_width: int = 22) -> None:
        self.rows, self.marker, self.longest_bar, self.label_width = rows, marker, longest_bar, label_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        label = min(self.label_width, max((cell_len(r.label) for r in self.rows), default=0), options.max_width // 3)
        numbers = max((cell_len(r.numbers) for r in self.rows), default=0)
        width = max(8, min(self.longest_bar, options.max_width - label - numbers - 2))
        table = Table.grid(padding=(0, 1))
        table.add_column(width=label, no_wrap=True, overflow="ellipsis")
        table.add_column(width=width, no_wrap=True)
        table.add_column(no_wrap=True)
        for row in self.rows:
            table.add_row(row.label, bar(row.value, width, row.style, row.solid, self.marker), Text(row.numbers, style="dim"))
        yield table


def retention_bars(periods: list[Retention], desired: float) -> Group:
    """Share of reviews answered right, young and mature cards apart, with the desired retention marked."""
    rows = []
    for period in periods:
        name = "1 year" if period.days == 365 else f"{period.days} days"
        for kind, value, count in (("young", period.young, period.young_reviews), ("mature", period.mature, period.mature_reviews)):
            rows.append(BarRow(f"{name if kind == 'young' else '':8}{kind}", value,
                               f"{percent(value):>4} of {count}", grade(value, desired)))
    key = Text.assemble(("┃", MARKER), (f" desired {percent(desired)} · young: interval < 21 days", "dim"))
    return Group(BarTable(rows, marker=desired), key)


def mastery_bars(topics: list[TopicMastery], target: float, unit: str = "cards") -> Group:
    """Predicted recall now of each topic, of all its items (those never studied at zero); with an interview date,
    the lighter end of the bar is what fades by the day."""
    if not topics:
        return Group(Text("Nothing here yet.", style="dim"))
    on_date = any(t.recall_on_date is not None for t in topics)
    rows = [BarRow(t.topic, t.recall_now, f"{percent(t.recall_now):>4}"
                   + (f" → {percent(t.recall_on_date):>4}" if on_date else "") + f"  of {t.total}  {t.learned} learned",
                   grade(t.recall_on_date if on_date else t.recall_now, target), t.recall_on_date)
            for t in topics]
    share = f"of all its {unit}, never studied at 0"
    key = f"recall now → on the day {share}" if on_date else f"recall now {share}"
    return Group(BarTable(rows, marker=target), Text(key, style="dim"))


def drills_line(summary: DrillSummary) -> Text:
    total = summary.attempted + summary.never_tried
    return Text.assemble(("solved ", "dim"), (f"{summary.solved}/{total}", "bold"), (" · attempted ", "dim"),
                         str(summary.attempted), (" · never tried ", "dim"), str(summary.never_tried),
                         (" · passed first try ", "dim"), percent(summary.first_try_pass_rate),
                         (" · ", "dim"), f"{summary.minutes:.0f} min")


def mock_history(mocks: list[MockSummary]) -> Group:
    """Each mock interview's score, oldest at the top: the trend two weeks before the interview."""
    if not mocks:
        return Group(Text("No mock yet: m on the Today screen, or `prep mock`.", style="dim"))
    rows = [BarRow(f"{m.day:%a} {m.day.day} {m.day:%b} · {m.minutes}m", m.score,
                   f"{percent(m.score):>4}  {m.answered}/{m.total}" + (" left early" if m.status == "left" else ""),
                   grade(m.score, 0.8)) for m in mocks]
    return Group(BarTable(rows, marker=0.8), Text("score · answered/drawn · the mark: 80 %", style="dim"))


# ---- the interview -----------------------------------------------------------------------------


def readiness_gauge(readiness: Readiness) -> Group:
    """How much of the deck is predicted to be recalled on the interview day, against the target."""
    days = "tomorrow" if readiness.days_left == 1 else f"in {readiness.days_left} days"
    style = grade(readiness.overall, readiness.target)
    covered = plural(readiness.total, "card") + (f" and {plural(readiness.drills_total, 'drill')}" if readiness.drills_total else "")
    headline = Text.assemble((f"Interview {days}", "bold"), " · predicted recall on the day ",
                             (percent(readiness.overall), f"bold {style}"), f" of {covered}",
                             f" (target {percent(readiness.target)})")
    rows = [BarRow("on the day", readiness.overall, percent(readiness.overall), style)]
    if readiness.drills_total:  # the overall figure counts both: show each
        rows += [BarRow("cards", readiness.cards, f"{percent(readiness.cards)} of {readiness.total}",
                        grade(readiness.cards, readiness.target)),
                 BarRow("drills", readiness.drills, f"{percent(readiness.drills)} of {readiness.drills_total}",
                        grade(readiness.drills, readiness.target))]
    gauge = BarTable(rows, marker=readiness.target, longest_bar=50)
    extra, pulled = readiness.extra_per_day, readiness.drills_per_day
    plan = (f"+{math.ceil(sum(extra.values()) / len(extra))} reviews/day planned"
            f" ({sum(extra.values())} over {plural(len(extra), 'day')} before the interview)" if extra
            else "No extra reviews planned before the interview.")
    if pulled:
        plan += f" {plural(sum(pulled.values()), 'drill')} pulled forward."
    if readiness.drills_unplaced:
        plan += f" {plural(readiness.drills_unplaced, 'drill')} found no room: raise drills_per_day."
    extra = extra or pulled
    at_risk = (f"{plural(len(readiness.cards_at_risk), 'card')} and {plural(len(readiness.drills_at_risk), 'drill')} "
               f"below the target on the day · {readiness.learned}/{readiness.total} cards learned"
               + (f" · {readiness.drills_known}/{readiness.drills_total} drills known" if readiness.drills_total else ""))
    return Group(headline, gauge, Text(plan, style=EXTRA if extra else "dim"), Text(at_risk, style="dim"))


def recall_table(items: list[CardRecall], target: float) -> RenderableType:
    """Cards or drills with their predicted recall on the day, weakest first."""
    if not items:
        return Text("None: everything is above the target.", style="dim")
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", width=4)
    table.add_column(width=min(18, max(len(item.topic) for item in items)), no_wrap=True, overflow="ellipsis", style="dim")
    table.add_column()  # wrappable as a column, so the table shrinks this one; each front stays one line
    for item in sorted(items, key=lambda item: item.recall):
        table.add_row(Text(percent(item.recall), style=grade(item.recall, target)), item.topic,
                      Text(item.front, no_wrap=True, overflow="ellipsis"))
    return table


def leech_table(leeches: list[Leech]) -> RenderableType:
    if not leeches:
        return Text("None: no card forgotten that often.", style="dim")
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", width=6)
    table.add_column(width=9, style="dim")
    table.add_column()
    for leech in leeches:
        table.add_row(f"{leech.lapses}×", "suspended" if leech.suspended else "", Text(leech.front, no_wrap=True, overflow="ellipsis"))
    return table


# ---- the page ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    body: RenderableType


def sections(stats: Stats) -> list[Section]:
    """The charts of a Stats, titled, in reading order; the interview's only when a date is set."""
    readiness = stats.readiness
    target = readiness.target if readiness else stats.desired_retention  # what recall on the day is held to
    page = []
    if readiness:
        drills = [Text("Drills", style="bold"), recall_table(readiness.drills_at_risk, target)] if readiness.drills_at_risk else []
        page += [Section("interview", "Interview", readiness_gauge(readiness)),
                 Section("at-risk", "Below the target on the day", Group(recall_table(readiness.cards_at_risk, target), *drills))]
    return page + [
        Section("activity", "Activity", Group(heatmap(stats.activity),
                                              streak_line(stats.current_streak, stats.longest_streak, stats.activity))),
        Section("forecast", "Next 30 days", forecast_chart(stats.forecast)),
        Section("minutes", "Minutes a day", minutes_line(stats.activity)),
        Section("retention", "Retention", retention_bars(stats.retention, stats.desired_retention)),
        Section("mastery", "Cards by topic", mastery_bars(readiness.topics if readiness else stats.mastery, target)),
        Section("drill-mastery", "Drills by topic", mastery_bars(stats.drill_mastery, target, "drills")),
        Section("drills", "Drills", drills_line(stats.drills)),
        Section("mocks", "Mock interviews", mock_history(stats.mocks)),
    ]
