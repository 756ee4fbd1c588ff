"""Mock interviews: a timed mix of spoken questions, coding drills and a story, and the report after.

The questions are the cards the learner is weakest on by FSRS's predicted recall, taken in turn
from each section of the notes (the first heading of a card's path) so one mock covers many.
Each question is answered aloud, then checked against its answer's key points; the share ticked is
the card's FSRS rating (prep.service.answer records it like any review). The drills are the weakest
drills whose time fits, rated by the drill service as in daily practice. The story is told with a STAR
checklist. Every answer is written to the `mocks` row at once, so leaving early keeps it.
Nothing here reads the clock or imports textual.
"""

from __future__ import annotations

import json
import math
import random
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import select

from prep.errors import PrepError, UsageError
from prep.mock.questions import Question, make_questions
from prep.review.queue import visible
from prep.schedule.memory import NEW, day_end, recall, study_day
from prep.store.models import Attempt, Card, DrillState, Mock
from prep.store.writes import locked

if TYPE_CHECKING:
    from datetime import tzinfo

    import fsrs
    from sqlalchemy.orm import sessionmaker

    from prep.practice.drill_service import DrillService
    from prep.review.answers import Answered
    from prep.settings.config import Config


class Service(Protocol):
    """What a mock uses of the service it is part of (prep.service.PrepService), which passes itself in."""

    config: Config
    tz: tzinfo | None
    _sessions: sessionmaker
    _scheduler: fsrs.Scheduler

    @property
    def drills(self) -> DrillService: ...
    def replan(self, now: datetime) -> None: ...
    def inbox_count(self, deck: str | None = None) -> int: ...
    def answer(self, card_id: str, rating: int, now: datetime, duration_ms: int = 0,
               seen_answers: int | None = None) -> Answered: ...

DEFAULT_MINUTES = 45
QUESTION_SECONDS = 120  # a spoken answer: two minutes, as an interviewer moves on
STORY_SECONDS = 240
STAR = ("Situation", "Task", "Action: what you did yourself", "Result, in numbers", "What you would change")
OPEN, FINISHED, LEFT = "open", "finished", "left"
QUESTION, DRILL, STORY = "question", "drill", "story"
SEP = " › "
STORY_KIND = "story"


# ---- key points and ratings ------------------------------------------------------------------


def _plain(markdown: str) -> str:
    text = re.sub(r"[*_]{1,2}([^*_]+)[*_]{1,2}", r"\1", markdown)
    return " ".join(text.split())


def key_points(back: str) -> list[str]:
    """The answer's points to tick: its list items, else its paragraphs, else its sentences or `;` parts.
    A formula or code answer is one point."""
    text = back.strip()
    if not text:
        return []
    if text.startswith("```") or (text.startswith("`") and text.endswith("`")):
        return [text]
    items = [m.group(1) for m in re.finditer(r"^\s*(?:[-*+]|\d+[.)])\s+(.+)$", text, flags=re.MULTILINE)]
    if len(items) >= 2:
        return [_plain(item) for item in items]
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(paragraphs) >= 2:
        return [_plain(p) for p in paragraphs]
    parts = [p for p in re.split(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁ])|;\s+", _plain(text)) if p.strip()]
    return parts if len(parts) >= 2 else [_plain(text)]


def rating_for(share: float, seconds: float, budget: float) -> int:
    """The rating of a spoken answer from the share of its key points said, over the whole range as a review's
    buttons are: under 40 % Again, under 70 % Hard, more Good, every point Easy (Good when it ran over its time)."""
    if share >= 0.999:
        return 4 if seconds <= budget else 3
    if share >= 0.7:
        return 3
    return 2 if share >= 0.4 else 1


def card_ratings(item_rating: int, cards: list[list[str]], ticked: list[int], new: set[str],
                 whole: list[str] | tuple[str, ...] = ()) -> dict[str, int]:
    """What each card behind a question is rated: a card of a point said gets the answer's rating (at least Hard:
    it was recalled), a card of a point missed Again; a card holding the whole answer (the notes' own question's)
    the answer's rating; a card never studied at most Good, which in FSRS is a learning step, never the long first
    interval Easy would give it."""
    out: dict[str, int] = {}
    rated = [(max(item_rating, 2) if n in ticked else 1, ids) for n, ids in enumerate(cards)] + [(item_rating, list(whole))]
    for rating, ids in rated:
        for card_id in ids:
            rating_here = min(rating, 3) if card_id in new else rating
            out[card_id] = min(out.get(card_id, 4), rating_here)
    return out


# ---- what a mock is made of --------------------------------------------------------------------


@dataclass
class Item:
    kind: str  # question / drill / story
    ref: str  # the heading (a question), the card id (the story) or the drill slug
    section: str
    prompt: str  # the card's question or the drill's title
    points: list[str]
    budget_s: float  # the time it is given
    done: bool = False
    ticked: list[int] = field(default_factory=list)
    seconds: float | None = None
    rating: int | None = None
    outcome: str = ""  # drills: pass / fail / gave-up / skipped
    score: float | None = None  # 0..1
    asks: str = ""  # a question's kind: explain / compare / why / walk through / what breaks if
    cards: list[list[str]] = field(default_factory=list)  # a question's cards behind each point (by source line)
    whole: list[str] = field(default_factory=list)  # the notes' own question: the cards holding its whole answer
    paths: list[str] = field(default_factory=list)  # the headings it is about (two for a comparison)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Item:
        return cls(**data)  # type: ignore[arg-type]


def section_of(path: str, deck: str) -> str:
    """A card's section: the first heading of its path (as the Progress screen's mastery groups them)."""
    return next((p for p in path.split(SEP) if p), deck)


def _matches(path: str, topics: list[str]) -> bool:
    folded = path.casefold()
    return any(topic.casefold() in folded for topic in topics)


def spread(candidates: list[tuple[float, str, str]], count: int) -> list[tuple[float, str, str]]:
    """Up to `count` of (recall, section, id), weakest first, taken in turns across the sections so
    that one section does not fill the mock; the sections take turns from the weakest."""
    by_section: dict[str, list[tuple[float, str, str]]] = {}
    for item in candidates:  # in the caller's order: weakest first
        by_section.setdefault(item[1], []).append(item)
    queues = sorted(by_section.values(), key=lambda q: q[0])
    out: list[tuple[float, str, str]] = []
    while len(out) < count and any(queues):
        for queue in queues:
            if queue and len(out) < count:
                out.append(queue.pop(0))
    return out


def questions_for(cards: list[Card], topics: list[str]) -> list[tuple[Question, list[list[str]], list[str]]]:
    """The interview questions of the notes these cards came from (prep.mock.questions), each with the ids of the
    cards behind each of its points (those made from the point's source line) and, for the notes' own question,
    of the cards made from the question's line (which hold its whole answer). A question is kept when one of
    these is a card here (the cards studied: enabled decks, not suspended) and, with `topics`, when one of its
    headings matches one. Notes that are gone give no questions (their cards stay in the
    review)."""
    by_line: dict[tuple[str, int], list[str]] = {}
    for card in cards:
        if card.kind != STORY_KIND:
            by_line.setdefault((card.source_file, card.source_line), []).append(card.id)
    out = []
    for source in dict.fromkeys(card.source_file for card in cards if card.kind != STORY_KIND):
        for question in _questions_in(source):
            if topics and not any(_matches(h, topics) for h in question.headings):
                continue
            ids = [by_line.get((source, point.line), []) for point in question.points]
            whole = by_line.get((source, question.line), []) if question.line else []
            if any(ids) or whole:
                out.append((question, ids, whole))
    return out


def _questions_in(source: str) -> list[Question]:
    try:
        text = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return _made(text)


@lru_cache(maxsize=8)
def _made(text: str) -> list[Question]:
    return make_questions(text)


def known_headings(cards: list[Card], depth: int = 2) -> list[str]:
    """The headings the cards live under, to the given depth, in the notes' order (for an unknown --topics)."""
    seen: dict[str, None] = {}
    for card in sorted(cards, key=lambda c: (c.deck, c.position)):
        if card.kind == STORY_KIND:
            continue
        for part in [p for p in card.path.split(SEP) if p][:depth]:
            seen.setdefault(part, None)
    return list(seen)


@dataclass(frozen=True)
class MockReport:
    id: int
    day: date
    status: str
    minutes: int  # given
    minutes_used: float
    score: float | None
    sections: dict[str, float]  # section → average score of its items answered
    items: list[dict[str, object]]  # each: kind, prompt, section, seconds, score, rating, outcome, missed points
    weakest: list[str]  # key points missed in the weakest answers
    tomorrow: list[str]  # what comes back tomorrow: cards answered here, and drills, due by tomorrow's end
    unanswered: int
    # Per part (questions / coding / story): answered, total, seconds used, budget, points said of points asked,
    # score, the weakest headings (heading, share said), and what the plan brings forward from it.
    parts: dict[str, dict[str, object]] = field(default_factory=dict)
    missed: list[dict[str, object]] = field(default_factory=list)  # each: point, heading, cards [{id, front}]

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["day"] = self.day.isoformat()
        return data


@dataclass(frozen=True)
class MockSummary:
    """A line of the history: one mock."""

    id: int
    day: date
    status: str
    minutes: int
    score: float | None
    answered: int
    total: int


def fitted_minutes(items: list[Item], minutes: int) -> int:
    """A mock's time: the minutes asked, or, when fewer questions were found than fit (a narrow --topics), its
    items' budgets added up."""
    planned = sum(i.budget_s for i in items)
    return minutes if minutes * 60 - planned < QUESTION_SECONDS else max(1, math.ceil(planned / 60))


def clock_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


PART_NAMES = {"questions": "Questions", "coding": "Coding", "story": "Story"}


def report_text(report: MockReport) -> str:
    """The report as Markdown: the score, then per part its time against its budget, the points said, the weakest
    headings and what comes back; each item with its time; the points missed with their cards."""
    score = "—" if report.score is None else f"{report.score:.0%}"
    ended = "ended early" if report.status == "left" else "finished"
    lines = [f"**Score {score}** · {ended} after {report.minutes_used:g} of {report.minutes} min"
             + (f" · {report.unanswered} not reached" if report.unanswered else "")]
    for name, part in report.parts.items():
        if not part["answered"]:
            why = f"{part['skipped']} skipped" if part.get("skipped") else "not reached"
            lines += ["", f"**{PART_NAMES.get(name, name)}** · {why} ({clock_text(part['budget_all_s'])} planned)"]
            continue
        over = " · over budget" if part["seconds"] > part["budget_s"] else ""
        said = f" · {part['points_said']}/{part['points']} points said" if part["points"] else ""
        value = "" if part["score"] is None else f" · {part['score']:.0%}"
        head = (f"**{PART_NAMES.get(name, name)}** · {part['answered']}/{part['total']} answered · "
                f"{clock_text(part['seconds'])} of {clock_text(part['budget_s'])}{over}{said}{value}")
        if part.get("skipped"):
            head = head.replace(" answered · ", f" answered · {part['skipped']} skipped · ", 1)
        lines += ["", head, ""]
        if part["weakest"]:
            lines.append("- weakest: " + ", ".join(f"{w['heading'].split(SEP)[-1]} {w['score']:.0%}" for w in part["weakest"]))
        lines.append("- brought forward: " + ("; ".join(part["forward"]) if part["forward"] else "nothing"))
    if not report.parts:  # a report stored before parts were kept
        lines += ["", "**By section**", ""] + [f"- {section}: {value:.0%}" for section, value in report.sections.items()]
    lines += ["", "**Time per item**", ""]
    for item in report.items:
        if not item["answered"]:
            continue
        took = clock_text(item["seconds"] or 0)
        result = item["outcome"] or (f"{item['score']:.0%}" if item["score"] is not None else "")
        lines.append(f"- {took} / {clock_text(item['budget_s'])} · {result} · {item['prompt']}")
    if report.missed:
        lines += ["", f"**Missed points** ({len(missed_cards(report))} cards: s studies them now)", ""]
        for miss in report.missed:
            cards = "; ".join(card["front"] for card in miss["cards"]) or "no card"
            lines.append(f"- {miss['point']}  \n  *cards:* {cards}")
    elif report.weakest:
        lines += ["", "**Weakest points**", ""] + [f"- {point}" for point in report.weakest]
    return "\n".join(lines)


def missed_cards(report: MockReport) -> list[str]:
    """The ids of the cards behind the points missed, once each, in the report's order."""
    return list(dict.fromkeys(card["id"] for miss in report.missed for card in miss["cards"]))


class MockService:
    """Mocks over the service's cards, drills and answers (PrepService.mocks)."""

    def __init__(self, service: Service) -> None:
        self.service = service

    @property
    def _sessions(self):
        return self.service._sessions

    def _day(self, now: datetime) -> date:
        return study_day(now, self.service.tz, self.service.config.day_starts_at_hour)

    # ---- drawing a mock --------------------------------------------------------------------

    def start(self, now: datetime, minutes: int = DEFAULT_MINUTES, topics: list[str] | None = None) -> int:
        """Draw and store a new mock; its id. Raises PrepError when there is nothing to ask."""
        if minutes < 5 or minutes > 240:
            raise UsageError(f"--minutes {minutes}: a mock takes from 5 to 240 minutes.")
        topics = [t.strip() for t in (topics or []) if t.strip()]
        self.check_topics(topics, now)
        items = self._draw(now, minutes, topics)
        if not any(i.kind == QUESTION for i in items):
            self.check_ready([], now)
            where = f" on {', '.join(topics)}" if topics else ""
            raise PrepError(f"no heading{where} has three facts with cards to ask about; add notes under it, "
                            "or pick other --topics.")
        with self._sessions.begin() as session:
            for mock in session.scalars(select(Mock).where(Mock.status == OPEN)):
                self._close(session, mock, now, LEFT)  # one mock at a time: an older one left open ends here
            minutes = fitted_minutes(items, minutes)  # what was drawn, when less than asked: the clock says so
            mock = Mock(started_at=now, day=self._day(now), minutes=minutes, topics=" | ".join(topics), status=OPEN,
                        paused_seconds=0.0, items=json.dumps([asdict(i) for i in items], ensure_ascii=False))
            session.add(mock)
            session.flush()
            return mock.id

    def _studied(self, now: datetime) -> list[Card]:
        with self._sessions() as session:
            return list(session.scalars(select(Card).from_statement(visible(self._day(now)))))

    def check_ready(self, topics: list[str], now: datetime) -> None:
        """Cards to ask about, and every --topics a heading of theirs; else one line saying what to do: import notes,
        accept the suggestions waiting in the inbox (what an English Q&A file mostly makes), or pick known headings."""
        if not self._studied(now):
            waiting = self.service.inbox_count()
            if waiting:
                raise PrepError(f"no cards to ask yet: {waiting} suggestions from your notes wait in the inbox; accept "
                                "those you want studied (`prep inbox`, or i on Today), then start the mock.")
            raise PrepError("no cards to ask: import notes first (`prep import`, or `prep import --builtin`).")
        self.check_topics(topics, now)

    def check_topics(self, topics: list[str], now: datetime) -> None:
        """Every --topics names a heading of the cards studied, else one line listing the headings there are."""
        if not topics:
            return
        cards = self._studied(now)
        drills = [t for d in self.service.drills.catalog() for t in d.topics]
        unknown = [t for t in topics if not any(_matches(c.path, [t]) for c in cards if c.kind != STORY_KIND)
                   and not any(_matches(d, [t]) for d in drills)]
        if unknown and cards:
            names = ", ".join(known_headings(cards))
            raise UsageError(f"--topics {' '.join(unknown)}: no such heading in the notes studied; headings: {names}.")

    def _draw(self, now: datetime, minutes: int, topics: list[str]) -> list[Item]:
        scheduler = self.service._scheduler
        day = self._day(now)
        drills = [d for d in self.service.drills.catalog() if not topics or any(_matches(t, topics) for t in d.topics)]
        with self._sessions() as session:
            shown = visible(day)  # the cards a review may show (a Core select)
            cards = list(session.scalars(select(Card).from_statement(shown)))
            states = {s.slug: s for s in session.scalars(select(DrillState))}

        def card_recall(card: Card) -> float:
            if card.state == NEW or card.last_review is None or not card.stability:
                return 1.5  # never studied: after every learned card, which the mock is for
            return recall(scheduler, card.stability, card.last_review, now)

        stories = [c for c in cards if c.kind == STORY_KIND]
        by_id = {c.id: c for c in cards}
        budget = minutes * 60.0
        items: list[Item] = []
        story = min(stories, key=lambda c: (card_recall(c), c.position), default=None)
        if story is not None and budget >= 20 * 60:
            items.append(Item(STORY, story.id, section_of(story.path, story.deck), _plain(story.front), list(STAR), STORY_SECONDS))
            budget -= STORY_SECONDS

        def drill_recall(slug: str) -> float:
            state = states.get(slug)
            if state is None or state.state == NEW or not state.stability or state.last_review is None:
                return 0.0
            return recall(scheduler, state.stability, state.last_review, now)

        # One drill, two when at least half the time is left for ten questions after them.
        for drill in sorted(drills, key=lambda d: (drill_recall(d.slug), d.target_minutes, d.slug)):
            taken = sum(1 for i in items if i.kind == DRILL)
            if taken == 2 or (taken == 1 and budget - drill.target_minutes * 60 < 10 * QUESTION_SECONDS):
                break
            if budget - drill.target_minutes * 60 >= 5 * QUESTION_SECONDS:
                items.append(Item(DRILL, drill.slug, ", ".join(drill.topics) or "coding", drill.title,
                                  [], drill.target_minutes * 60.0))
                budget -= drill.target_minutes * 60
        count = max(1, int(budget // QUESTION_SECONDS))
        # One question per heading: two on one heading give each other away. Ties (headings never studied) are
        # broken at random, seeded by the start, so two mocks differ and a test can repeat one.
        shuffle = random.Random(int(now.timestamp()))
        candidates = []
        for question, ids, whole in questions_for(cards, topics):
            recalls = [card_recall(by_id[i]) for i in [*whole, *(i for point in ids for i in point)]]
            candidates.append((min(recalls), shuffle.random(), question, ids, whole))
        candidates.sort(key=lambda c: (c[0], c[1]))
        taken: set[str] = set()
        chosen: dict[str, tuple[float, str, str]] = {}
        made: dict[str, Item] = {}
        for weakness, _, question, ids, whole in candidates:
            # The notes' own questions are each their own: several under one heading ask different things.
            keys = {f"{question.heading}\n{question.prompt}"} if question.line else set(question.headings)
            if taken & keys:
                continue
            taken.update(keys)
            key = min(keys)
            made[key] = Item(QUESTION, question.heading, question.section or question.heading, question.prompt,
                             [p.text for p in question.points], QUESTION_SECONDS, asks=question.kind, cards=ids,
                             paths=list(question.headings), whole=whole)
            chosen[key] = (weakness, made[key].section, key)
        asked = [made[key] for _, _, key in spread(list(chosen.values()), count)]
        return asked + [i for i in items if i.kind == DRILL] + [i for i in items if i.kind == STORY]

    # ---- the mock in progress --------------------------------------------------------------------

    def _mock(self, session, mock_id: int, lock: bool = False) -> Mock:
        # Locked by a writer: its items are read, changed and written back whole (another machine may write them too).
        mock = locked(session, Mock, mock_id) if lock else session.get(Mock, mock_id)
        if mock is None:
            raise PrepError(f"no mock interview {mock_id}.")
        return mock

    def items(self, mock_id: int) -> list[Item]:
        with self._sessions() as session:
            return [Item.from_dict(i) for i in json.loads(self._mock(session, mock_id).items)]

    def card_back(self, card_id: str) -> str:
        with self._sessions() as session:
            card = session.get(Card, card_id)
            return card.back if card else ""

    def card_front(self, card_id: str) -> str:
        with self._sessions() as session:
            card = session.get(Card, card_id)
            return card.front if card else ""

    def card_path(self, card_id: str) -> str:
        """The headings the card lives under, shown dimmed above the question."""
        with self._sessions() as session:
            card = session.get(Card, card_id)
            return card.path if card else ""

    def elapsed(self, mock_id: int, now: datetime) -> float:
        """Seconds of the mock so far, pauses left out."""
        with self._sessions() as session:
            mock = self._mock(session, mock_id)
            return _elapsed(mock, now)

    def pause(self, mock_id: int, now: datetime) -> None:
        with self._sessions.begin() as session:
            mock = self._mock(session, mock_id, lock=True)
            if mock.status == OPEN and mock.paused_at is None:
                mock.paused_at = now

    def resume(self, mock_id: int, now: datetime) -> None:
        with self._sessions.begin() as session:
            mock = self._mock(session, mock_id, lock=True)
            if mock.paused_at is not None:
                mock.paused_seconds += max(0.0, (now - mock.paused_at).total_seconds())
                mock.paused_at = None

    def _update(self, mock_id: int, index: int, now: datetime, change) -> Item:
        with self._sessions.begin() as session:
            mock = self._mock(session, mock_id, lock=True)
            if mock.status != OPEN:
                raise PrepError(f"mock interview {mock_id} is over; start another with `prep mock`.")
            items = [Item.from_dict(i) for i in json.loads(mock.items)]
            item = items[index]
            change(item)
            item.done = True
            mock.items = json.dumps([asdict(i) for i in items], ensure_ascii=False)
            return item

    def answer(self, mock_id: int, index: int, ticked: list[int], seconds: float, now: datetime) -> Item:
        """A spoken question or the story: the points ticked rate the card, as a review, at once."""
        item = self.items(mock_id)[index]
        if item.kind not in (QUESTION, STORY):
            raise PrepError("only questions and stories are answered with a checklist.")
        ticked = sorted({t for t in ticked if 0 <= t < len(item.points)})
        share = len(ticked) / len(item.points) if item.points else 0.0
        rating = rating_for(share, seconds, item.budget_s)
        if item.kind == STORY:
            self.service.answer(item.ref, rating, now, int(seconds * 1000))
        else:
            ids = [*item.whole, *(i for point in item.cards for i in point)]
            with self._sessions() as session:
                known = {c.id: c for c in session.scalars(select(Card).where(Card.id.in_(ids)))} if ids else {}
            new = {i for i, c in known.items() if c.state == NEW or c.last_review is None}
            rated = {i: r for i, r in card_ratings(rating, item.cards, ticked, new, item.whole).items() if i in known}
            for card_id, card_rating in rated.items():  # the answer's time is shared among its cards
                self.service.answer(card_id, card_rating, now, int(seconds * 1000 / max(1, len(rated))))

        def change(it: Item) -> None:
            it.ticked, it.seconds, it.rating, it.score = ticked, round(seconds, 1), rating, round(share, 3)
        return self._update(mock_id, index, now, change)

    def drill_result(self, mock_id: int, index: int, since: datetime, seconds: float, now: datetime) -> Item:
        """After the drill's screen: its attempts since `since` decide the outcome. Left without a pass
        after a run or past its time, it is given up (rated Again, as in practice); untouched, it is skipped."""
        from prep.practice.drill_service import was_a_typo

        item = self.items(mock_id)[index]
        with self._sessions() as session:
            attempts = [a for a in session.scalars(select(Attempt).where(Attempt.slug == item.ref, Attempt.at >= since)
                                                   .order_by(Attempt.id)) if not was_a_typo(a)]  # a typo is no run
        passed = next((a for a in attempts if a.status == "pass"), None)
        if passed is not None:
            outcome, rating = "pass", passed.rating
            score = {4: 1.0, 3: 1.0, 2: 0.6}.get(passed.rating or 3, 1.0)
        elif any(a.status == "gave-up" for a in attempts):
            outcome, rating, score = "gave-up", 1, 0.0
        elif attempts or seconds >= item.budget_s:
            code = self.service.drills.open(item.ref, now).read_text(encoding="utf-8", errors="replace")
            self.service.drills.give_up(item.ref, code, now)
            outcome, rating, score = "fail" if attempts else "out of time", 1, 0.0
        else:
            outcome, rating, score = "skipped", None, None

        def change(it: Item) -> None:
            it.outcome, it.rating, it.seconds, it.score = outcome, rating, round(seconds, 1), score
        return self._update(mock_id, index, now, change)

    def finish(self, mock_id: int, now: datetime, early: bool = False) -> MockReport | None:
        """End the mock (early or not) and store its report; what was answered stays answered. A mock with nothing
        answered is not kept (None): it would chart a zero and hide the last real one from `prep mock --last`.
        The interview plan is made again first, so the report says what it now brings forward."""
        self.service.replan(now)
        with self._sessions.begin() as session:
            mock = self._mock(session, mock_id, lock=True)
            if mock.status == OPEN:
                self._close(session, mock, now, LEFT if early else FINISHED)
            if mock.report is None:
                return None
            return _report_from(mock)

    def _close(self, session, mock: Mock, now: datetime, status: str) -> None:
        if not any(i["done"] and i.get("outcome") != "skipped" for i in json.loads(mock.items)):
            session.delete(mock)
            session.flush()
            return
        if mock.paused_at is not None:
            mock.paused_seconds += max(0.0, (now - mock.paused_at).total_seconds())
            mock.paused_at = None
        items = [Item.from_dict(i) for i in json.loads(mock.items)]
        scored = [i.score for i in items if i.score is not None]
        mock.status, mock.ended_at = status, now
        mock.score = round(sum(scored) / len(scored), 3) if scored else None
        mock.report = json.dumps(self._report(session, mock, items, now).as_dict(), ensure_ascii=False)

    def _report(self, session, mock: Mock, items: list[Item], now: datetime) -> MockReport:
        sections: dict[str, list[float]] = {}
        for item in items:
            if item.score is not None:
                sections.setdefault(item.section, []).append(item.score)
        tomorrow_end = day_end(self._day(now) + timedelta(days=1), self.service.tz, self.service.config.day_starts_at_hour)
        back: list[str] = []
        forward: dict[str, list[str]] = {QUESTION: [], DRILL: [], STORY: []}
        coming: dict[str, dict[str, dict[str, datetime]]] = {QUESTION: {}, STORY: {}}  # heading → card → when back
        missed: list[dict[str, object]] = []
        for item in items:
            if not item.done:
                continue
            if item.kind == DRILL:
                state = session.get(DrillState, item.ref)
                if state is not None and state.state != NEW and state.due < tomorrow_end:
                    back.append(f"drill: {item.prompt}")
                    forward[DRILL].append(f"{item.prompt}: due {_when(state.due, now)}")
                continue
            ids = [item.ref] if item.kind == STORY else list(dict.fromkeys([*item.whole, *(i for p in item.cards for i in p)]))
            due = {i: when for i, when in ((i, _due(session.get(Card, i))) for i in ids) if when is not None and when < tomorrow_end}
            if due:
                back.append(item.prompt)
                name = item.paths[0].split(SEP)[-1] if item.paths else item.prompt
                coming[item.kind].setdefault(name, {}).update(due)  # one line per heading, its cards once
            if item.kind == QUESTION:
                for n, point in enumerate(item.points):
                    if n in item.ticked or n >= len(item.cards):
                        continue
                    cards = [session.get(Card, i) for i in item.cards[n] or item.whole]  # else the whole answer's
                    missed.append({"point": point, "heading": item.paths[0] if item.paths else item.section,
                                   "cards": [{"id": c.id, "front": _plain(c.front)} for c in cards if c is not None]})
        for kind, headings in coming.items():
            forward[kind] += [f"{name}: {len(due)} card{'s' if len(due) != 1 else ''} due {_when(min(due.values()), now)}"
                              for name, due in headings.items()]
        answered = sorted((i for i in items if i.done and i.score is not None and i.kind != DRILL), key=lambda i: i.score)
        weakest = [f"{i.prompt}: {i.points[n]}" for i in answered if i.score < 1 for n in range(len(i.points))
                   if n not in i.ticked][:8]
        parts = {name: _part([i for i in items if i.kind == kind], forward[kind])
                 for kind, name in ((QUESTION, "questions"), (DRILL, "coding"), (STORY, "story"))
                 if any(i.kind == kind for i in items)}
        return MockReport(
            id=mock.id, day=mock.day, status=mock.status, minutes=mock.minutes,
            minutes_used=round(_elapsed(mock, now) / 60, 1), score=mock.score,
            sections={s: round(sum(v) / len(v), 3) for s, v in sorted(sections.items())},
            items=[{"kind": i.kind, "prompt": i.prompt, "section": i.section, "seconds": i.seconds, "budget_s": i.budget_s,
                    "score": i.score, "rating": i.rating, "outcome": i.outcome, "answered": i.done, "asks": i.asks,
                    "headings": i.paths, "said": len(i.ticked), "points": len(i.points),
                    "missed": [p for n, p in enumerate(i.points) if i.done and n not in i.ticked and i.kind != DRILL]}
                   for i in items],
            weakest=weakest, tomorrow=back, unanswered=sum(not i.done for i in items), parts=parts, missed=missed)

    # ---- after ------------------------------------------------------------------------------------

    def report(self, mock_id: int) -> MockReport:
        with self._sessions() as session:
            mock = self._mock(session, mock_id)
            if mock.report is None:
                raise PrepError(f"mock interview {mock_id} is still going; finish it first.")
            return _report_from(mock)

    def last_report(self) -> MockReport | None:
        """The newest mock that ended, or None."""
        with self._sessions() as session:
            mock = session.scalars(select(Mock).where(Mock.report.is_not(None)).order_by(Mock.id.desc()).limit(1)).first()
            return _report_from(mock) if mock else None

    def history(self, limit: int = 30) -> list[MockSummary]:
        with self._sessions() as session:
            return history(session, limit)


def history(session, limit: int = 30) -> list[MockSummary]:
    """The latest mocks that ended, oldest first (the Progress screen's chart and `prep stats --json`)."""
    mocks = list(session.scalars(select(Mock).where(Mock.status != OPEN).order_by(Mock.id.desc()).limit(limit)))
    out = []
    for mock in reversed(mocks):
        items = json.loads(mock.items)
        out.append(MockSummary(mock.id, mock.day, mock.status, mock.minutes, mock.score,
                               sum(1 for i in items if i["done"]), len(items)))
    return out


def _elapsed(mock: Mock, now: datetime) -> float:
    end = mock.ended_at or mock.paused_at or now
    return max(0.0, (end - mock.started_at).total_seconds() - mock.paused_seconds)


def _due(card: Card | None) -> datetime | None:
    """When a card comes back: its due, or sooner when the interview plan brought it forward."""
    if card is None:
        return None
    return min(card.due, card.planned_due) if card.planned_due is not None else card.due


def _when(due: datetime, now: datetime) -> str:
    """When a card or drill comes back, as the report says it: now, in N min, today, tomorrow."""
    minutes = (due - now).total_seconds() / 60
    if minutes <= 1:
        return "now"
    if minutes < 60:
        return f"in {int(minutes)} min"
    return f"in {minutes / 60:.0f} h" if round(minutes / 60) < 24 else "tomorrow"


def _part(items: list[Item], forward: list[str]) -> dict[str, object]:
    """One part of the report: how much of it was reached, its time against its budget, the points said, its
    weakest headings and what the plan now brings forward from it."""
    done = [i for i in items if i.done and i.outcome != "skipped"]  # a drill opened and left untouched is not answered
    scored = [i.score for i in done if i.score is not None]
    weak: dict[str, float] = {}
    for item in sorted((i for i in done if i.score is not None and i.score < 1), key=lambda i: i.score):
        for heading in item.paths or [item.prompt if item.kind == DRILL else item.section]:  # a drill by its title
            weak.setdefault(heading, item.score)
    return {"answered": len(done), "total": len(items), "skipped": sum(i.outcome == "skipped" for i in items),
            "seconds": round(sum(i.seconds or 0 for i in done), 1),
            "budget_s": round(sum(i.budget_s for i in done), 1),
            "budget_all_s": round(sum(i.budget_s for i in items), 1),
            "points_said": sum(len(i.ticked) for i in done if i.kind != DRILL),
            "points": sum(len(i.points) for i in done if i.kind != DRILL),
            "score": round(sum(scored) / len(scored), 3) if scored else None,
            "weakest": [{"heading": h, "score": v} for h, v in list(weak.items())[:3]],
            "forward": forward}


def _report_from(mock: Mock) -> MockReport:
    data = json.loads(mock.report or "{}")
    data["day"] = date.fromisoformat(data["day"])
    return MockReport(**data)
