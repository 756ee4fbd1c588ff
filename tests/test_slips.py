"""The small lies and slips of the second round of daily use, each with its test: a cloze's answer is its
sentence filled in, `prep drills` has a header and whole names, a built-in card is not edited inside the install,
Today says what a newcomer needs first and the interview countdown every day, the built-in deck's notice names it."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from prep.service import PrepService
from prep.settings.config import Config
from prep.tui.app import PrepApp
from prep.tui.card_text import answer_text
from prep.tui.widgets import CardText
from tests.conftest import ROOT, write
from tests.pilot import IdleGrader, drive, notices, press


@pytest.fixture(autouse=True)
def idle_grader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("prep.tui.app.GraderClient", IdleGrader)


@pytest.mark.parametrize(("front", "back", "shown"), [
    ("**DistilBERT** · на […] меньше параметров", "40%", "**DistilBERT** · на **40%** меньше параметров"),
    ("[…] — переход от токенов к векторам", "**Embedding**", "**Embedding** — переход от токенов к векторам"),
    ("[…] turns […hint] into probabilities", "softmax · logits", "**softmax** turns **logits** into probabilities"),
    ("What does BLEU measure?", "n-gram precision", "n-gram precision"),  # not a cloze: the back as written
    ("[…] and […]", "one answer", "one answer"),  # blanks and answers that do not pair up: the back as written
])
def test_a_clozes_answer_is_its_sentence_filled_in(front: str, back: str, shown: str) -> None:
    assert answer_text(front, back) == shown


def test_the_review_shows_a_cloze_filled_in(service: PrepService, tmp_path: Path, now: datetime) -> None:
    service.import_paths([write(tmp_path / "c.md", "# Attention\n\n- {{c1::Softmax}} turns scores into weights\n")], now)
    app = PrepApp(service, lambda: now)

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter", "space")
        assert "**Softmax** turns scores into weights" in app.screen.query_one("#back", CardText).source

    drive(app, scenario)


def test_prep_drills_has_a_header_and_whole_names(tmp_path: Path) -> None:
    env = {**os.environ, "PREP_DB": str(tmp_path / "p.sqlite3")}
    subprocess.run([sys.executable, "-m", "prep", "import", str(write(tmp_path / "n.md", "# T\n\nA? :: B\n"))],
                   cwd=tmp_path, env=env, check=True, capture_output=True)
    out = subprocess.run([sys.executable, "-m", "prep", "drills"], cwd=tmp_path, env=env, check=True,
                         capture_output=True, text=True).stdout.splitlines()
    assert out[0].split() == ["drill", "level", "status", "last", "due"]
    slugs = [line.split()[0] for line in out[1:]]
    assert slugs and all(path.name in slugs for path in (ROOT / "exercises").iterdir() if (path / "drill.toml").is_file())


def test_a_built_in_card_is_not_edited_inside_the_install(service: PrepService, now: datetime,
                                                           monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    opened = tmp_path / "editor-ran"
    monkeypatch.setenv("EDITOR", f"touch {opened}")
    service.add_builtin(now)
    app = PrepApp(service, lambda: now)

    async def scenario(pilot: Pilot) -> None:
        await press(pilot, "enter")
        await press(pilot, "e")
        assert not opened.exists() and any("built-in deck" in n and "prep import" in n for n in notices(app))
        await press(pilot, "escape", "b", "e")
        assert not opened.exists() and sum("built-in deck" in n for n in notices(app)) == 2

    drive(app, scenario)


def test_a_first_start_says_how_to_add_cards_before_the_drills(service: PrepService, now: datetime) -> None:
    app = PrepApp(service, lambda: now)

    async def scenario(pilot: Pilot) -> None:
        await pilot.pause(0.3)
        hint = str(app.screen.query_one("#today-hint").render())
        assert hint.startswith("No cards yet.") and hint.index("No cards yet") < hint.index("drills are waiting")
        await press(pilot, "a")
        hint = str(app.screen.query_one("#today-hint").render())
        names = ", ".join(sorted(service.decks.builtin_names()))
        assert hint.startswith(f"Built-in deck {names} added: ") and "`" not in hint and not notices(app)

    drive(app, scenario)


def test_today_counts_down_to_the_interview_every_day(database, tmp_path: Path, now: datetime) -> None:
    config = Config(enable_fuzzing=False, schedule_suggestions=True, new_drills_per_day=0,
                    interview_date=(now + timedelta(days=12)).date())
    service = PrepService(database, config)
    service.import_paths([write(tmp_path / "n.md", "# T\n\nA? :: B\nC? :: D\n")], now)
    app = PrepApp(service, lambda: now)

    async def scenario(pilot: Pilot) -> None:
        await pilot.pause(0.3)
        hint = str(app.screen.query_one("#today-hint").render())
        assert "Enter: start review" in hint and "Interview in 12 days." in hint  # with cards still to do

    try:
        drive(app, scenario)
    finally:
        service.close()
