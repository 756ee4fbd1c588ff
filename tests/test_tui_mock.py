"""A whole mock interview in the TUI, driven by a pilot on a real SQLite file, a clock the test moves,
and the real grader process on the shipped softmax drill; and a mock left early."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from prep import cli
from prep.drills.client import GraderClient
from prep.mock.interview import DRILL, QUESTION, STORY
from prep.service import PrepService
from prep.tui.app import PrepApp
from prep.tui.screens.mock import MockDrillScreen, MockScreen
from tests.conftest import ROOT
from tests.pilot import IdleGrader, drive, press

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


def test_a_whole_mock_questions_a_drill_a_story_and_the_report(service: PrepService, now: datetime, grader, tmp_path: Path,
                                                               capsys) -> None:
    service.add_builtin(now)
    clock = Clock(now)
    app = PrepApp(service, clock, grader=grader, mock=(25, ["softmax"]))
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
                assert "left" in str(drill.query_one("#drill-meta").render())
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
            clock.wait(70)
            await press(pilot, "enter")
            checklist = str(screen.query_one("#mock-checklist").render())
            assert item.points[0][:10] in checklist
            if item.kind == STORY:
                await press(pilot, "1", "2", "3")  # situation, task, action: three of the five STAR points
            elif len(seen) % 2:
                await press(pilot, "a")  # every point said
            await press(pilot, "enter")
        report_shown = screen.query_one("#mock-prompt").source
        assert "Score" in report_shown and "By section" in report_shown and "Back tomorrow" in report_shown
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
    assert {q["score"] for q in questions} <= {0.0, 1.0} and all(q["seconds"] == 70 for q in questions)
    assert all(q["rating"] == (3 if q["score"] == 1 else 1) for q in questions)  # all said in 70 s of 120: Good
    assert reviews(service) == len(questions) + 1  # each spoken answer was a review of its card
    assert report.tomorrow  # the questions missed come back tomorrow
    assert set(report.sections) >= {q["section"] for q in questions}
    # stored: `prep mock --last --json` prints it, and stats carry the history
    assert cli.main(["--db", str(service.database), "mock", "--last", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(report.as_dict()))
    history = service.stats(clock()).as_dict()["mocks"]
    assert [(m["id"], m["status"], m["answered"]) for m in history] == [(report.id, "finished", len(report.items))]


def test_leaving_early_keeps_what_was_answered(service: PrepService, now: datetime) -> None:
    service.add_builtin(now)
    clock = Clock(now)
    app = PrepApp(service, clock, grader=IdleGrader())

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "m")
        screen = app.screen
        assert isinstance(screen, MockScreen) and len(screen.items) > 3
        clock.wait(30)
        await press(pilot, "enter", "a", "enter")  # one question answered, all points said
        await press(pilot, "p")  # a pause: its ten minutes do not count
        assert "paused" in str(screen.query_one("#mock-clock").render())
        clock.wait(600)
        await press(pilot, "enter")  # nothing moves while paused
        assert screen.index == 1 and screen.phase == "ask"
        await press(pilot, "p")
        clock.wait(20)
        await press(pilot, "escape", "y")
        assert screen.phase == "report"
        assert "ended early" in screen.query_one("#mock-prompt").source

    drive(app, scenario, size=(100, 32))
    report = service.mocks.last_report()
    assert report.status == "left" and report.unanswered == len(report.items) - 1
    assert report.minutes_used == round(50 / 60, 1)
    first = report.items[0]
    assert first["answered"] and first["score"] == 1.0 and first["rating"] == 4  # all said in 30 s: Easy
    assert reviews(service) == 1
