"""`prep optimize` on a simulated learner who forgets faster than fsrs's default parameters assume."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fsrs
import pytest
from fsrs.scheduler import DEFAULT_PARAMETERS
from textual.pilot import Pilot

from prep.cli import main
from prep.schedule import optimize
from prep.schedule.memory import make_scheduler
from prep.service import PrepService
from prep.settings import paths
from prep.settings.config import Config, load_config
from prep.tui.app import PrepApp
from prep.tui.screens.today import THE_REST_AFTER_S
from tests.conftest import write
from tests.pilot import IdleGrader, drive

# Far lower first stabilities, slower growth of stability on recall, a steeper forgetting curve.
TRUE = (0.05, 0.3, 0.6, 1.5, *DEFAULT_PARAMETERS[4:8], 0.9, *DEFAULT_PARAMETERS[9:20], 0.6)
START = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)
DAYS = 120
CONFIG = Config(schedule_suggestions=True, enable_fuzzing=False, bury_siblings=False)  # no fuzz: the same history on every run


def simulate(service: PrepService, rng: random.Random) -> None:
    """Study each day's queue as the app schedules it (fsrs's defaults), but recall as the TRUE parameters say:
    each answer is Again with the probability of forgetting under TRUE at that moment."""
    truth = fsrs.Scheduler(TRUE, enable_fuzzing=False)
    memory: dict[str, fsrs.Card] = {}  # each card's memory under TRUE
    for day in range(DAYS):
        now = START + timedelta(days=day, minutes=rng.randint(0, 600))  # a different hour each day
        while (card := service.next_card(now)) is not None:
            known = memory.get(card.id)
            if known is None:  # first sight: nothing to recall, a rating as people give them
                rating = rng.choices((1, 2, 3, 4), (0.25, 0.15, 0.5, 0.1))[0]
            elif rng.random() >= truth.get_card_retrievability(known, now):
                rating = 1
            else:
                rating = rng.choices((2, 3, 4), (0.15, 0.75, 0.1))[0]
            service.answer(card.id, rating, now, duration_ms=rng.randint(2000, 15000))
            memory[card.id] = truth.review_card(known or fsrs.Card(card_id=0, due=now), fsrs.Rating(rating), now)[0]
            now += timedelta(seconds=rng.randint(5, 40))


@pytest.fixture(scope="module")
def learner(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with 120 days of one learner's answers on 200 cards (about 3,700 answers)."""
    import torch

    torch.set_num_threads(1)  # fsrs's optimizer works on single numbers: more threads only cost
    folder = tmp_path_factory.mktemp("learner")
    notes = write(folder / "deck.md", "# Deck\n" + "".join(f"- [v] Topic {i}\n  What is topic {i} about? :: fact {i} about topic {i}\n" for i in range(100)))
    service = PrepService(folder / "prep.sqlite3", CONFIG, tz=timezone.utc)
    try:
        service.import_paths([notes], START)
        simulate(service, random.Random(7))
    finally:
        service.close()
    return folder / "prep.sqlite3"


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return paths.config_file()


def history(database: Path) -> list[fsrs.ReviewLog]:
    service = PrepService(database, CONFIG, tz=timezone.utc)
    try:
        return optimize.to_logs(service.review_history())
    finally:
        service.close()


def test_the_fit_predicts_held_out_cards_better_than_the_defaults(learner: Path) -> None:
    logs = history(learner)
    assert optimize.too_few(logs) is None
    fit = optimize.fit_and_check(logs, DEFAULT_PARAMETERS)
    assert fit.better and fit.held_out[0] - fit.held_out[1] > 0.01, fit
    assert fit.train[1] < fit.train[0]
    # Scored as fsrs's optimizer scores itself (a private method, so this pins it as fsrs changes).
    held_out = optimize.split(logs)[1]
    assert optimize.log_loss(held_out, DEFAULT_PARAMETERS) == pytest.approx(
        fsrs.Optimizer(held_out)._compute_batch_loss(parameters=list(DEFAULT_PARAMETERS)), rel=1e-9)


def test_a_dry_run_only_reports_and_a_run_saves_parameters_every_command_uses(
        learner: Path, config_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(learner), "optimize", "--dry-run"]) == 0
    report = capsys.readouterr().out
    assert "held-out cards" in report and "Dry run: not saved" in report
    assert not config_home.exists()

    assert main(["--db", str(learner), "optimize"]) == 0
    assert "Saved as fsrs_parameters" in capsys.readouterr().out
    config = load_config(config_home)
    assert len(config.fsrs_parameters) == 21 and config.fsrs_parameters != DEFAULT_PARAMETERS
    assert make_scheduler(config).parameters == config.fsrs_parameters
    service = PrepService(learner, config, tz=timezone.utc)
    try:
        assert not service.can_optimize()  # fitted: the Today screen stops suggesting it
    finally:
        service.close()


def test_the_today_screen_offers_the_fit_once_there_is_enough_history(
        learner: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("prep.tui.app.GraderClient", IdleGrader)
    service = PrepService(learner, CONFIG, tz=timezone.utc)
    app = PrepApp(service, lambda: START + timedelta(days=DAYS))

    async def scenario(pilot: Pilot) -> None:
        await pilot.pause(THE_REST_AFTER_S)  # with cards due, Today's hints come a moment after the counts
        assert "Enough history to fit the scheduler to you: run `prep optimize`" in str(app.screen.query_one("#today-hint").render())

    try:
        drive(app, scenario)
    finally:
        service.close()


def test_too_few_answers_change_nothing_and_say_why(
        service: PrepService, tmp_path: Path, config_home: Path, now: datetime, capsys: pytest.CaptureFixture[str]) -> None:
    service.import_paths([write(tmp_path / "deck.md", "# D\n- [v] softmax\n  What does softmax compute? :: exp over the sum of exps\n")], now)
    card = service.export_cards()[0]["id"]
    for day in (0, 10, 20):
        service.answer(card, 3, now + timedelta(days=day))
    assert not service.can_optimize()
    # Exit 0: too little history is not an error, only not yet.
    assert main(["--db", str(service.database), "optimize"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Not enough history to fit the scheduler yet: 2 of the 800 answers needed, on 1 of the 50 cards")
    assert "Nothing was changed." in out and not config_home.exists()


def test_the_full_look_at_the_history_is_not_taken_on_every_return_to_today(learner: Path) -> None:
    """At a million answers the look takes seconds; Today asks on every refresh. It is taken again only once
    the history grew by 5%."""
    from sqlalchemy import event

    service = PrepService(learner, CONFIG, tz=timezone.utc)
    looks = []
    event.listen(service._engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_rest: looks.append(statement) if "row_number" in statement else None)
    try:
        assert service.can_optimize() and service.can_optimize() and service.can_optimize()
        assert len(looks) == 1
        service._optimizable = (service._optimizable[0], False)  # as if it had said no: asked again, still no new look
        assert not service.can_optimize() and len(looks) == 1
        service._optimizable = (int(service._optimizable[0] / 1.1), False)  # 10% more answers since: looked again
        assert service.can_optimize() and len(looks) == 2
    finally:
        service.close()
