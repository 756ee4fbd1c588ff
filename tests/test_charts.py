"""The charts as pure functions of the Stats parts, rendered in 80 columns and read back cell by cell."""

from __future__ import annotations

from datetime import date, timedelta

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.segment import Segment

from prep.progress import charts
from prep.progress.stats import DayActivity, DrillSummary, ForecastDay, Readiness, Retention, Stats, TopicMastery

TODAY = date(2026, 11, 27)  # a Friday


def render(renderable: RenderableType, width: int = 80) -> list[list[Segment]]:
    console = Console(width=width, record=True, color_system="truecolor")
    return console.render_lines(renderable, console.options, pad=False)


def text(lines: list[list[Segment]]) -> list[str]:
    return ["".join(segment.text for segment in line).rstrip() for line in lines]


def cell(line: list[Segment], column: int) -> Segment:
    """The one-cell segment at `column` of a rendered line."""
    at = 0
    for segment in line:
        if column < at + cell_len(segment.text):
            return Segment(segment.text[column - at], segment.style)
        at += cell_len(segment.text)
    raise IndexError(column)


def colour(segment: Segment) -> str:
    return segment.style.color.triplet.hex if segment.style and segment.style.color else ""


def year(counts: dict[int, int]) -> list[DayActivity]:
    """365 days ending today; `counts` maps days-ago to reviews."""
    return [DayActivity(TODAY - timedelta(days=ago), counts.get(ago, 0), 0, counts.get(ago, 0) / 2)
            for ago in reversed(range(365))]


def test_heatmap_is_seven_day_rows_of_whole_weeks_within_80_columns() -> None:
    lines = text(render(charts.heatmap(year({ago: ago % 5 for ago in range(300)}))))
    assert len(lines) == 9  # months, Monday to Sunday, legend
    assert max(map(cell_len, lines)) <= 80
    days = lines[1:8]
    assert [line[:4].strip() for line in days] == ["Mon", "", "Wed", "", "Fri", "", ""]
    assert max(len(line) - 4 for line in days) == 52  # the year's whole weeks, up to today (a Friday)
    assert all(line[4] != " " for line in days)  # every row starts in the same column
    assert "Dec" in lines[0] and "Nov" in lines[0]
    assert lines[-1].strip().startswith("less") and lines[-1].endswith("more")


def test_the_busiest_day_gets_the_darkest_shade_and_an_idle_day_none() -> None:
    busiest_ago = 40
    activity = year({**{ago: 3 + ago % 7 for ago in range(1, 200)}, busiest_ago: 90})
    lines = render(charts.heatmap(activity))
    start = charts.heatmap_start(activity)

    def shade(day: date) -> Segment:
        return cell(lines[1 + day.weekday()], 4 + (day - start).days // 7)

    busiest = shade(TODAY - timedelta(days=busiest_ago))
    assert busiest.text == "■" and colour(busiest) == charts.HEAT[-1]
    assert colour(shade(TODAY - timedelta(days=42))) == charts.HEAT[1]  # 3 reviews, the least of any day studied
    idle = shade(TODAY - timedelta(days=300))
    assert idle.text == "·" and colour(idle) == charts.HEAT[0]


def test_activity_levels_are_quartiles_of_the_days_studied() -> None:
    assert charts.activity_levels(year({})) == [0] * 365
    levels = charts.activity_levels(year({1: 1, 2: 2, 3: 3, 4: 4, 5: 100}))
    assert levels[-6:] == [4, 4, 3, 2, 1, 0]  # oldest first: 100, 4, 3, 2, 1 reviews, then today's none
    assert set(charts.activity_levels(year({1: 7, 2: 7}))[-3:]) == {4, 0}  # the same every day: all darkest


def forecast(extra_from: int = 99) -> list[ForecastDay]:
    return [ForecastDay(TODAY + timedelta(days=i), cards=10 + i % 3, drills=1 if i % 5 == 0 else 0,
                        extra=5 if i >= extra_from else 0) for i in range(30)]


def test_forecast_stacks_cards_drills_and_the_interviews_extra_reviews() -> None:
    lines = render(charts.forecast_chart(forecast(extra_from=20), height=6))
    rows, labels, legend = lines[:6], text(lines)[6], text(lines)[7]
    assert max(map(cell_len, text(lines))) <= 80
    gutter = len("18 ")  # the busiest day, 12 cards, a drill and 5 extra, labels the top row
    assert text(rows)[0].startswith("18 ")

    def column(day: int) -> list[Segment]:
        return [cell(row, gutter + 2 * day) for row in reversed(rows)]  # from the base up

    assert colour(column(1)[0]) == charts.CARDS
    top_of_extra_day = [c for c in column(21) if c.text.strip()][-1]
    assert colour(top_of_extra_day) == charts.EXTRA
    assert not any(colour(c) == charts.EXTRA for day in range(20) for c in column(day))
    assert all(cell(row, gutter + 2 * 21 + 1).text == " " for row in rows)  # a gap between bars
    assert labels[gutter:].startswith("today") and labels[gutter + 14:].startswith("4 Dec")
    assert "cards 330" in legend and "drills 6" in legend and "for the interview 50" in legend


def test_a_quiet_month_says_so() -> None:
    empty = [ForecastDay(TODAY + timedelta(days=i), 0, 0, 0) for i in range(30)]
    assert text(render(charts.forecast_chart(empty))) == ["Nothing due in the next 30 days."]


def filled_eighths(line: list[Segment]) -> int:
    blocks = "▏▎▍▌▋▊▉█"
    return sum(blocks.index(segment.text) + 1 for segment in (cell(line, i) for i in range(cell_len("".join(s.text for s in line))))
               if segment.text in blocks)


def test_mastery_bars_are_proportional_to_recall() -> None:
    topics = [TopicMastery("quarter", 0.25, 4, 4), TopicMastery("half", 0.5, 4, 8), TopicMastery("full", 1.0, 2, 2),
              TopicMastery("unlearned", None, 0, 3)]
    lines = render(charts.mastery_bars(topics, target=0.9))
    quarter, half, full, unlearned = (filled_eighths(line) for line in lines[:4])
    assert full == 39 * 8  # the longest bar, where 80 columns allow it, less the cell of the target's marker
    assert half == 40 * 8 / 2 and quarter == 40 * 8 / 4
    assert unlearned == 0
    assert text(lines)[0].endswith("25%  of 4  4 learned") and text(lines)[3].endswith("—  of 3  0 learned")
    assert max(map(cell_len, text(lines))) <= 80
    assert text(render(charts.mastery_bars([], target=0.9))) == ["Nothing here yet."]


def test_mastery_on_the_interview_day_lightens_what_fades_by_then() -> None:
    lines = render(charts.mastery_bars([TopicMastery("attention", 0.8, 5, 5, recall_on_date=0.6)], target=0.9))
    [line, key] = text(lines)
    assert line.endswith("80% →  60%  of 5  5 learned") and "on the day of all its cards" in key
    colours = [colour(cell(lines[0], i)) for i in range(len(line)) if cell(lines[0], i).text == "█"]
    assert colours.count(charts.FADED) / len(colours) == 0.25  # 60% solid, the 20 points lost by the day lighter


def test_retention_marks_the_desired_retention() -> None:
    periods = [Retention(7, 0.95, 40, None, 0), Retention(30, 0.8, 300, 0.7, 20), Retention(365, 0.8, 300, 0.7, 20)]
    lines = text(render(charts.retention_bars(periods, desired=0.9)))
    assert len(lines) == 7 and all("┃" in line for line in lines)
    markers = {line.index("┃") for line in lines[:6]}
    assert len(markers) == 1  # the same column on every bar
    assert lines[0].startswith("7 days  young") and lines[0].endswith("95% of 40")
    assert lines[1].strip().startswith("mature") and lines[1].endswith("— of 0")


def readiness(extra: dict[date, int]) -> Readiness:
    return Readiness(date=TODAY + timedelta(days=23), days_left=23, target=0.9, overall=0.72, learned=40, total=48,
                     topics=[TopicMastery("Models", 0.93, 40, 48, 0.7)], cards_at_risk=[], drills_at_risk=[],
                     extra_per_day=extra)


def test_readiness_gauge_says_the_days_left_the_prediction_and_the_plan() -> None:
    lines = text(render(charts.readiness_gauge(readiness({TODAY + timedelta(days=d): 3 for d in range(16, 23)}))))
    assert lines[0] == "Interview in 23 days · predicted recall on the day 72% of 48 cards (target 90%)"
    assert "┃" in lines[1] and lines[1].endswith("72%")
    assert lines[2].startswith("+3 reviews/day planned (21 over 7 days")
    assert text(render(charts.readiness_gauge(readiness({}))))[2] == "No extra reviews planned before the interview."


def stats(with_readiness: Readiness | None) -> Stats:
    return Stats(today=TODAY, activity=year({1: 5, 3: 8}), current_streak=1, longest_streak=1, forecast=forecast(),
                 retention=[Retention(days, None, 0, None, 0) for days in (7, 30, 365)], desired_retention=0.9,
                 mastery=[TopicMastery("Models", 0.93, 40, 48)], drill_mastery=[TopicMastery("attention", None, 0, 3)],
                 weakest=[], drills=DrillSummary(1, 2, 14, 0.5, {}, 12.0), leeches=[], readiness=with_readiness)


def test_the_page_has_the_interview_only_with_a_date_and_fits_80_columns() -> None:
    assert "interview" not in [s.id for s in charts.sections(stats(None))]
    page = charts.sections(stats(readiness({})))
    assert [s.id for s in page][:2] == ["interview", "at-risk"]
    for section in page:
        assert max(map(cell_len, text(render(section.body)))) <= 80, section.id
    drills = text(render(next(s.body for s in page if s.id == "drills")))
    assert drills == ["solved 1/16 · attempted 2 · never tried 14 · passed first try 50% · 12 min"]


def test_the_sunday_row_starts_with_the_others_whatever_day_the_year_starts() -> None:
    """The first, partial week put a lone Sunday a column left of every other row."""
    for weekday_offset in range(7):
        today = TODAY + timedelta(days=weekday_offset)
        activity = [DayActivity(today - timedelta(days=ago), 1, 0, 1) for ago in reversed(range(365))]
        days = text(render(charts.heatmap(activity)))[1:8]
        assert {len(line) - len(line[4:].lstrip()) for line in days} == {4}, (today, days)


def test_the_heatmap_keeps_to_a_narrow_width_by_showing_the_latest_weeks() -> None:
    """At 60 columns the year wrapped into garbage."""
    activity = year({ago: 1 for ago in range(0, 365, 3)})
    for width in (40, 54, 56):
        lines = text(render(charts.heatmap(activity), width=width))
        assert len(lines) == 9 and max(map(cell_len, lines)) <= width, (width, lines)
        days = lines[1:8]
        assert all(line[4] != " " for line in days)
        assert days[TODAY.weekday()].endswith("■")  # today, studied, is in the last column


def test_the_forecast_keeps_to_a_narrow_width() -> None:
    """At 60 columns (54 inside the progress screen's panels) the forecast wrapped."""
    for width in (54, 80):
        lines = text(render(charts.forecast_chart(forecast(extra_from=20), height=6), width=width))
        assert max(map(cell_len, lines)) <= width and len(lines) == 6 + 2, (width, lines)
        assert lines[-2].lstrip().startswith("today")
