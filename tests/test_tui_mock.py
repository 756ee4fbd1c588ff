"""A whole mock interview in the TUI, driven by a pilot on a real SQLite file, a clock the test moves,
and the real grader process on the shipped softmax drill: the clock on every screen, over budget, a pause,
leaving early, leaving with nothing answered, the points missed studied from the report; and snapshots."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from textual.pilot import Pilot

from prep import cli
from prep.drills.client import GraderClient
from prep.mock.interview import DRILL, QUESTION, STORY, clock_text, missed_cards, report_text
from prep.mock.questions import KINDS, interview_like
from prep.service import PrepService
from prep.store.models import Attempt, Card, Mock
from prep.tui.app import PrepApp
from prep.tui.screens.mock import MockDrillScreen, MockScreen, both_paths
from prep.tui.screens.mock_study import MockStudyScreen
from tests.conftest import ROOT
from tests.pilot import IdleGrader, drive, notices, press

REFERENCE = (ROOT / "exercises" / "softmax" / "reference.py").read_text()


@pytest.fixture(scope="module")
def grader() -> Iterator[GraderClient]:
    client = GraderClient()
    client.start()
    yield client
    client.close()


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def reviews(service: PrepService) -> int:
    return len(service.review_history())


def clock_of(screen) -> tuple[str, bool]:
    widget = screen.query_one("#mock-clock" if isinstance(screen, MockScreen) else "#drill-meta")
    return str(widget.render()), widget.has_class("-over")


def test_a_whole_mock_questions_a_drill_a_story_and_the_report(service: PrepService, now: datetime, grader, tmp_path: Path,
                                                               capsys) -> None:
    service.add_builtin(now)
    clock = Clock(now)
    app = PrepApp(service, clock, grader=grader, mock=(25, ["softmax", "RoBERTa"]))
    seen: list[str] = []

    async def scenario(pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, MockScreen)
        kinds = [item.kind for item in screen.items]
        assert kinds[0] == QUESTION and kinds.count(DRILL) == 1 and kinds[-1] == STORY
        while screen.phase != "report":
            item = screen.items[screen.index]
            seen.append(item.kind)
            if item.kind == DRILL:
                await press(pilot, "enter")
                drill = app.screen
                assert isinstance(drill, MockDrillScreen) and drill.drill.slug == "softmax"
                line, over = clock_of(drill)
                number = f"{screen.index + 1}/{len(screen.items)}"
                assert number in line and "left" in line and f"0:00 / {clock_text(item.budget_s)}" in line and not over
                clock.wait(240)
                drill.editor.load_text(REFERENCE)
                await press(pilot, "ctrl+r")
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert "Rated" in str(drill.query_one("#results-text").render())
                await press(pilot, "escape", "escape")  # out of the editor, then back to the mock
                assert app.screen is screen
                continue
            assert str(screen.query_one("#mock-checklist").render()) == ""  # the answer is not shown before it is said
            line, over = clock_of(screen)
            assert f"{screen.index + 1}/{len(screen.items)} · 0:00 / " in line and "left" in line and not over
            if item.kind == QUESTION:
                assert item.asks in KINDS and interview_like(item.prompt) and 3 <= len(item.points) <= 6
                assert screen.query_one("#mock-prompt").source == item.prompt
            clock.wait(70)
            screen.update_clock()
            assert "1:10 / 2:00" in clock_of(screen)[0] or item.kind == STORY
            await press(pilot, "enter")
            shown = screen.query_one("#mock-checklist").content
            assert item.points[0] in [str(row) for column in shown.renderables[1].columns for row in column._cells]
            if item.kind == STORY:
                await press(pilot, "1", "2", "3")  # situation, task, action: three of the five STAR points
            elif len(seen) % 2 == 0:
                await press(pilot, "a")  # every point said
            else:
                await press(pilot, "1")  # one point of 3-6: Again
            await press(pilot, "enter")
        report_shown = screen.report_markdown
        assert "Score" in report_shown and "**Questions**" in report_shown and "**Coding**" in report_shown
        assert "points said" in report_shown and "brought forward" in report_shown and "Missed points" in report_shown
        footer = {b.binding.description for b in screen.active_bindings.values() if b.enabled and b.binding.show}
        assert "Next" not in footer and "Back" in footer  # Enter goes back, and says so
        await press(pilot, "s")  # the cards of the points missed, now
        study = app.screen
        assert isinstance(study, MockStudyScreen) and study.card_ids == missed_cards(screen.report)
        before = reviews(service)
        await press(pilot, "enter", "3")
        assert reviews(service) == before + 1
        await press(pilot, "escape")
        assert app.screen is screen
        await press(pilot, "enter")
        assert not isinstance(app.screen, MockScreen)

    drive(app, scenario, size=(100, 32))
    report = service.mocks.last_report()
    assert report is not None and report.status == "finished" and report.unanswered == 0
    questions = [i for i in report.items if i["kind"] == QUESTION]
    drill = next(i for i in report.items if i["kind"] == DRILL)
    story = next(i for i in report.items if i["kind"] == STORY)
    assert drill["outcome"] == "pass" and drill["seconds"] == 240
    assert story["score"] == 0.6 and story["rating"] == 2 and story["missed"] == ["Result, in numbers", "What you would change"]
    assert all(q["seconds"] == 70 for q in questions)
    assert all(q["rating"] == (4 if q["score"] == 1 else 1) for q in questions)  # all said in time: Easy; one: Again
    assert {q["said"] for q in questions if q["score"] < 1} == {1}
    assert report.tomorrow and report.missed  # the questions missed come back, their points listed with their cards
    assert all(m["cards"] for m in report.missed)
    parts = report.parts
    assert parts["questions"]["answered"] == len(questions) and parts["questions"]["seconds"] == 70 * len(questions)
    assert parts["questions"]["budget_s"] == 120 * len(questions)
    assert parts["questions"]["points"] == sum(q["points"] for q in questions)
    assert parts["questions"]["weakest"] and parts["questions"]["forward"]
    assert parts["coding"]["seconds"] == 240 and parts["story"]["points_said"] == 3
    # stored: `prep mock --last --json` prints it, and stats carry the history
    assert cli.main(["--db", str(service.database), "mock", "--last", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(report.as_dict())) and printed["parts"]["questions"]["weakest"]
    history = service.stats(clock()).as_dict()["mocks"]
    assert [(m["id"], m["status"], m["answered"]) for m in history] == [(report.id, "finished", len(report.items))]


def test_leaving_early_keeps_what_was_answered(service: PrepService, now: datetime) -> None:
    service.add_builtin(now)
    clock = Clock(now)
    app = PrepApp(service, clock, grader=IdleGrader())
    behind: set[str] = set()

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "m")
        screen = app.screen
        assert isinstance(screen, MockScreen) and len(screen.items) > 3
        behind.update(i for point in screen.items[0].cards for i in point)
        clock.wait(30)
        await press(pilot, "enter", "a", "enter")  # one question answered, all points said
        await press(pilot, "p")  # a pause: its ten minutes do not count
        frozen, _ = clock_of(screen)
        assert "paused" in frozen and "2/" in frozen and "44:30 left" in frozen
        clock.wait(600)
        screen.update_clock()
        assert clock_of(screen)[0] == frozen  # the clock on screen stands still
        await press(pilot, "enter")  # nothing moves while paused
        assert screen.index == 1 and screen.phase == "ask"
        await press(pilot, "p")
        clock.wait(130)  # over the question's two minutes: the clock turns to the warning colour
        screen.update_clock()
        line, over = clock_of(screen)
        assert over and "2:10 / 2:00" in line and "42:20 left" in line
        clock.wait(-110)
        await press(pilot, "escape", "y")
        assert screen.phase == "report"
        assert "ended early" in screen.report_markdown

    drive(app, scenario, size=(100, 32))
    report = service.mocks.last_report()
    assert report.status == "left" and report.unanswered == len(report.items) - 1
    assert report.minutes_used == round(50 / 60, 1)
    assert report.parts["questions"]["answered"] == 1 and report.parts["questions"]["seconds"] == 30
    first = report.items[0]
    assert first["answered"] and first["score"] == 1.0 and first["rating"] == 4  # all said in 30 s: Easy
    assert behind and reviews(service) == len(behind)  # each card behind its points was reviewed
    # never studied before, so a learning step (minutes), not the long interval Easy gives a first answer
    with service._sessions() as session:
        due = [session.get(Card, i).due for i in behind]
    assert all(when < clock() + timedelta(hours=1) for when in due)


# ---- snapshots: the question with its clock, its checklist over budget, a pause, and the report ----------------

SIZES = [(60, 20), (100, 30)]


def snapshot_app(service: PrepService, now: datetime) -> tuple[PrepApp, Clock]:
    service.add_builtin(now)
    clock = Clock(now)
    return PrepApp(service, clock, grader=IdleGrader(), mock=(20, ["Encoder"])), clock


async def over_budget(pilot: Pilot, clock: Clock) -> None:
    clock.wait(150)  # over the two minutes: the clock in the warning colour
    await press(pilot, "enter", "1", "3")


async def paused(pilot: Pilot, clock: Clock) -> None:
    clock.wait(40)
    await press(pilot, "p")
    clock.wait(300)  # the clock on screen stays at 0:40


async def report(pilot: Pilot, clock: Clock) -> None:
    for keys in (("2",), ("a",)):
        clock.wait(90)
        await press(pilot, "enter", *keys, "enter")
    clock.wait(30)
    await press(pilot, "escape", "y")


@pytest.mark.parametrize("state", [over_budget, paused, report], ids=lambda state: state.__name__)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_snapshot(service: PrepService, now: datetime, snap_compare, size: tuple[int, int], state) -> None:  # noqa: ANN001
    app, clock = snapshot_app(service, now)

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await state(pilot, clock)
        if isinstance(app.screen, MockScreen):
            app.screen.update_clock()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


# ---- the coding part: its clock at any width, a pause there, a drill left untouched ---------------------------


def footer_keys(screen) -> set[str]:
    return {b.binding.description for b in screen.active_bindings.values() if b.enabled and b.binding.show}


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_drill_shows_the_whole_clock_pauses_and_a_drill_left_untouched_is_skipped(
        service: PrepService, now: datetime, size: tuple[int, int]) -> None:
    service.add_builtin(now)
    clock = Clock(now)
    app = PrepApp(service, clock, grader=IdleGrader(), mock=(25, ["softmax", "RoBERTa"]))

    async def scenario(pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, MockScreen)
        screen.index = next(n for n, item in enumerate(screen.items) if item.kind == DRILL)
        screen.show_item()
        await press(pilot, "enter")
        drill = app.screen
        assert isinstance(drill, MockDrillScreen)
        clock.wait(65)
        drill.tick()
        await pilot.pause()
        meta = drill.query_one("#drill-meta")
        line = str(meta.render())
        assert f"{screen.index + 1}/{len(screen.items)} · 1:05 / 10:00 · " in line and line.endswith(" left")
        # the whole clock is on screen, whatever the title's length: the title gives way to it
        assert meta.region.width >= len(line) and meta.region.right <= size[0]
        assert "Pause" not in footer_keys(drill)  # p is a letter while typing
        await press(pilot, "escape", "p")  # out of the editor, then pause
        assert screen.paused and not drill.query_one("#workbench").display and drill.query_one("#mock-drill-paused").display
        assert "Resume" in footer_keys(drill) and "Pause" not in footer_keys(drill)
        frozen = str(drill.query_one("#drill-meta").render())
        assert "paused" in frozen and "1:05 / 10:00" in frozen
        clock.wait(600)
        drill.tick()
        assert str(drill.query_one("#drill-meta").render()) == frozen
        await press(pilot, "ctrl+r")  # nothing is run while paused
        await press(pilot, "p")
        assert not screen.paused and drill.query_one("#workbench").display and drill.editor.has_focus
        clock.wait(5)
        await press(pilot, "escape", "escape")  # left untouched: skipped, not answered
        assert app.screen is screen

    drive(app, scenario, size=size)
    with service._sessions() as session:
        row = session.scalars(select(Mock)).one()  # still open: only the drill was reached
        drill = next(i for i in json.loads(row.items) if i["kind"] == DRILL)
        assert session.scalar(select(func.count()).select_from(Attempt)) == 0  # ctrl+r ran nothing while paused
    assert drill["outcome"] == "skipped" and drill["seconds"] == 70  # 65 + 5 s: the ten minutes paused left out


def test_a_drill_skipped_or_failed_in_the_report(service: PrepService, now: datetime) -> None:
    service.add_builtin(now)
    mock = service.mocks.start(now, 45)
    items = service.mocks.items(mock)
    drills = [n for n, item in enumerate(items) if item.kind == DRILL]
    assert len(drills) == 2
    service.mocks.answer(mock, 0, [0], 60, now + timedelta(minutes=1))
    failed = service.mocks.drill_result(mock, drills[0], now, items[drills[0]].budget_s, now + timedelta(minutes=11))
    skipped = service.mocks.drill_result(mock, drills[1], now, 20, now + timedelta(minutes=12))
    assert (failed.outcome, skipped.outcome) == ("out of time", "skipped")
    report = service.mocks.finish(mock, now + timedelta(minutes=13), early=True)
    coding = report.parts["coding"]
    assert coding["answered"] == 1 and coding["skipped"] == 1 and coding["budget_s"] == items[drills[0]].budget_s
    assert coding["weakest"] == [{"heading": items[drills[0]].prompt, "score": 0.0}]  # the drill by its title
    text = report_text(report)
    assert "**Coding** · 1/2 answered · 1 skipped · " in text and f"weakest: {items[drills[0]].prompt} 0%" in text


def test_a_comparison_names_the_shared_headings_once() -> None:
    assert both_paths(["Metrics › BLEU", "Metrics › ROUGE"]) == "Metrics › BLEU & ROUGE"
    assert both_paths(["Models › Encoder › BERT", "Models › Decoder › GPT"]) == "Models › Encoder › BERT & Decoder › GPT"
    assert both_paths(["A › B"]) == "A › B" and both_paths(["BERT", "GPT"]) == "BERT & GPT"


def test_when_the_mocks_time_is_up_the_clock_says_so_and_the_next_answer_ends_it(service: PrepService, now: datetime) -> None:
    service.add_builtin(now)
    clock = Clock(now)
    app = PrepApp(service, clock, grader=IdleGrader(), mock=(10, []))

    async def scenario(pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, MockScreen) and len(screen.items) == 5  # ten minutes: five questions of two
        clock.wait(60)
        await press(pilot, "enter", "a", "enter")
        clock.wait(545)  # the first answer's minute and nine more: 5 s past the mock's ten minutes
        screen.update_clock()
        line, over = clock_of(screen)
        assert over and line.startswith("2/5 · 9:05 / 2:00 · ") and line.endswith("time is up")
        await press(pilot, "enter", "1", "enter")  # the answer under way is kept, then the mock ends
        assert screen.phase == "report"
        assert any("Time is up" in notice for notice in notices(app))
        assert "3 not reached" in screen.report_markdown and "finished after 10.1 of 10 min" in screen.report_markdown

    drive(app, scenario, size=(80, 24))
    report = service.mocks.last_report()
    assert report.status == "finished" and report.unanswered == 3
    assert [i["seconds"] for i in report.items[:2]] == [60, 545] and report.items[1]["rating"] == 1


def test_a_mock_with_fewer_questions_than_fit_takes_their_time(service: PrepService, now: datetime) -> None:
    service.add_builtin(now)
    clock = Clock(now)
    app = PrepApp(service, clock, grader=IdleGrader(), mock=(45, ["perplexity"]))

    async def scenario(pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, MockScreen)
        planned = sum(item.budget_s for item in screen.items)
        assert planned <= 30 * 60 and screen.minutes == -(-planned // 60)  # not 45 minutes with most of them empty
        assert any(f"it takes {screen.minutes} minutes, not 45" in notice for notice in notices(app))
        assert clock_of(screen)[0].endswith(f"{clock_text(screen.minutes * 60)} left")
        minutes.append(screen.minutes)
        await press(pilot, "enter", "a", "enter", "escape", "y")

    minutes: list[int] = []
    drive(app, scenario, size=(80, 24))
    assert service.mocks.last_report().minutes == minutes[0]  # stored as shown
    full = service.mocks.start(now + timedelta(hours=1), 45)  # the whole deck fills the time asked
    with service._sessions() as session:
        assert session.get(Mock, full).minutes == 45
