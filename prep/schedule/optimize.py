"""Fit FSRS's parameters to the user's own answers (`prep optimize`), and score parameters as fsrs's optimizer does.

Only `fit` loads torch (through fsrs.Optimizer), so nothing else in prep ever does.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

import fsrs

# fsrs's optimizer learns only from answers given a day or more after the card's previous one (same-day
# learning steps say nothing about forgetting), reads the first 64 answers of each card, and quietly returns
# its defaults below 512 such answers (its mini-batch size).
FIRST_ANSWERS = 64
FSRS_MINIMUM = 512
# A fifth of the cards is held out to check the fit (HELD_OUT_EVERY), so 800 leaves the fit about 640 of
# them, safely above 512; 50 cards keep a few long histories from making the fit or the check.
MIN_REVIEWS = 800
MIN_CARDS = 50
HELD_OUT_EVERY = 5


@dataclass(frozen=True)
class Fit:
    parameters: tuple[float, ...]
    cards: tuple[int, int]  # cards fitted on, cards held out
    train: tuple[float, float]  # log loss of the current and the fitted parameters on the cards fitted on
    held_out: tuple[float, float]  # ... and on the held-out cards, which the fit never saw

    @property
    def better(self) -> bool:
        return self.held_out[1] < self.held_out[0]

    def table(self) -> str:
        rows = [(f"the {self.cards[0]} cards fitted on", self.train), (f"the {self.cards[1]} held-out cards", self.held_out)]
        return "\n".join([f"{'log loss (lower is better)':<30}current   fitted",
                          *(f"  {label:<28}{current:.4f}    {fitted:.4f}" for label, (current, fitted) in rows)])


def to_logs(rows: Iterable[tuple[str, int, datetime, int]]) -> list[fsrs.ReviewLog]:
    """Stored answers (card id, rating, when, duration in ms) as fsrs's review logs.

    fsrs wants whole-number card ids; prep's are 16 hex digits (prep.store.identity.card_id), so the number
    they spell is unique and the same on every run, which keeps the held-out cards the same.
    """
    return [fsrs.ReviewLog(int(card, 16), fsrs.Rating(rating), at, duration) for card, rating, at, duration in rows]


def split(logs: Sequence[fsrs.ReviewLog]) -> tuple[list[fsrs.ReviewLog], list[fsrs.ReviewLog]]:
    """(train, held-out) by card: whole histories, so each is scored from a card's first answer exactly as fsrs
    replays it. Ids are hashes, so every fifth id is a fair fifth of the cards."""
    return [log for log in logs if log.card_id % HELD_OUT_EVERY], [log for log in logs if not log.card_id % HELD_OUT_EVERY]


def _histories(logs: Iterable[fsrs.ReviewLog]) -> list[list[fsrs.ReviewLog]]:
    by_card: dict[int, list[fsrs.ReviewLog]] = defaultdict(list)
    for log in logs:
        by_card[log.card_id].append(log)
    return [sorted(history, key=lambda log: log.review_datetime)[:FIRST_ANSWERS] for history in by_card.values()]


def counted(logs: Iterable[fsrs.ReviewLog]) -> int:
    """The answers fsrs learns from: a whole day or more after the card's previous answer."""
    return sum((b.review_datetime - a.review_datetime).days > 0 for h in _histories(logs) for a, b in pairwise(h))


def describe(logs: Sequence[fsrs.ReviewLog]) -> str:
    cards = len({log.card_id for log in logs})
    return (f"{len(logs)} answers on {cards} cards; fsrs learns from the {counted(logs)} given a day or more after "
            "the card's previous answer.")


def too_few(logs: Sequence[fsrs.ReviewLog]) -> str | None:
    """Why there is not enough history to fit yet, or None when there is."""
    total, cards = counted(logs), len({log.card_id for log in logs})
    train = counted(split(logs)[0])
    if total >= MIN_REVIEWS and cards >= MIN_CARDS and train >= FSRS_MINIMUM:
        return None
    return (f"Not enough history to fit the scheduler yet: {total} of the {MIN_REVIEWS} answers needed, on {cards} of the "
            f"{MIN_CARDS} cards needed. Only answers given a day or more after the card's previous one count: fsrs learns "
            f"the forgetting curve from them and keeps its defaults below {FSRS_MINIMUM}, and a fifth of the cards is held "
            f"out to check the fit (now leaving {train} to fit on). Nothing was changed.")


def _bce(probability: float) -> float:
    return 100.0 if probability <= 0 else min(-math.log(probability), 100.0)  # torch's BCELoss caps each log at -100


def log_loss(logs: Iterable[fsrs.ReviewLog], parameters: Sequence[float]) -> float:
    """Mean binary cross-entropy of predicted recall against recalled (rating above Again), on the answers fsrs
    learns from: Optimizer._compute_batch_loss in plain Python, so checking a fit needs no torch."""
    scheduler = fsrs.Scheduler(parameters, enable_fuzzing=False)
    losses = []
    for history in _histories(logs):
        card = fsrs.Card(card_id=history[0].card_id, due=history[0].review_datetime)
        for log in history:
            if card.last_review and (log.review_datetime - card.last_review).days > 0:
                recall = scheduler.get_card_retrievability(card, log.review_datetime)
                losses.append(_bce(1 - recall if log.rating == fsrs.Rating.Again else recall))
            card, _ = scheduler.review_card(card, log.rating, log.review_datetime)
    return sum(losses) / len(losses) if losses else math.nan  # nothing to score: NaN compares as no better


def fit(logs: Sequence[fsrs.ReviewLog], *, progress: bool = False) -> tuple[float, ...]:
    """fsrs's own optimizer (torch, a few seconds per thousand answers); `progress` draws its bar on stderr."""
    from fsrs import Optimizer

    fitted = Optimizer(logs).compute_optimal_parameters(verbose=progress)
    return tuple(round(value, 4) for value in fitted)  # what the config file keeps; fsrs's bounds have 4 digits at most


def fit_and_check(logs: Sequence[fsrs.ReviewLog], current: Sequence[float], *, progress: bool = False) -> Fit:
    """Fit on four fifths of the cards; score the current and the fitted parameters on both parts."""
    train, held_out = split(logs)
    fitted = fit(train, progress=progress)
    return Fit(fitted, (len({log.card_id for log in train}), len({log.card_id for log in held_out})),
               (log_loss(train, current), log_loss(train, fitted)), (log_loss(held_out, current), log_loss(held_out, fitted)))
