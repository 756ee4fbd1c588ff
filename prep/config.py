"""User settings from a TOML file in the user config dir; every key is optional."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from pathlib import Path

import fsrs

from prep.errors import PrepError

_STEP = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Config:
    desired_retention: float = 0.9
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    maximum_interval_days: int = 36500
    enable_fuzzing: bool = True
    new_per_day: int = 20
    reviews_per_day: int = 200
    new_drills_per_day: int = 2
    # Like Anki, a study day starts at 4 am local time, so a late-night session counts for the day before.
    day_starts_at_hour: int = 4
    bury_siblings: bool = True  # answering a card hides the other cards of its topic until tomorrow
    interview_date: date | None = None  # reviews are planned so that recall on this day meets interview_retention
    # Higher than desired_retention on purpose: FSRS already keeps every card above that every day.
    interview_retention: float = 0.95
    final_review_days: int = 7  # before the interview, every card is seen once in this many last days
    leech_lapses: int = 8  # a card forgotten this many times is a leech
    space_rates_good: bool = True  # like Anki: space or enter on a shown answer rates it Good
    fsrs_parameters: tuple[float, ...] | None = None  # fitted to the user by `prep optimize`; None: fsrs's defaults


def parse_step(text: str) -> timedelta:
    match = _STEP.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a step like '1m', '10m', '1h' or '1d'")
    return timedelta(seconds=int(match[1]) * _UNIT_SECONDS[match[2]])


def _check(name: str, value: object) -> object:
    if name in ("learning_steps", "relearning_steps"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("must be a list of steps like [\"1m\", \"10m\"]")
        return tuple(parse_step(v) for v in value)
    if name in ("desired_retention", "interview_retention"):
        if not isinstance(value, (int, float)) or not 0.7 <= value <= 0.99:
            raise ValueError("must be a number between 0.7 and 0.99")
        return float(value)
    if name == "interview_date":
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                raise ValueError("must be a date like 2027-01-15") from None
        if not isinstance(value, date) or isinstance(value, datetime):
            raise ValueError("must be a date like 2027-01-15")
        return value
    if name == "fsrs_parameters":
        return _parameters(value)
    if name in ("enable_fuzzing", "bury_siblings", "space_rates_good"):
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("must be a whole number, 0 or more")
    if name == "day_starts_at_hour" and value > 23:
        raise ValueError("must be an hour from 0 to 23")
    return value


def _parameters(value: object) -> tuple[float, ...]:
    if not isinstance(value, list) or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        raise ValueError("must be a list of numbers, as `prep optimize` writes it")
    try:
        fsrs.Scheduler(parameters=value)  # fsrs's own checks: how many, and each within its bounds
    except ValueError as error:
        raise ValueError(f"are not valid FSRS parameters: {' '.join(str(error).split()).rstrip('.')}") from None
    return tuple(float(v) for v in value)


def load_config(path: Path) -> Config:
    """Read the config file; a missing file means the defaults."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as error:
        raise PrepError(f"{path}: cannot read the config file ({error.strerror}); fix or delete it.") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PrepError(f"{path}:{line}: not UTF-8 text; save the config file as UTF-8 or delete it.") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"at line (\d+)", str(error))
        raise PrepError(f"{path}:{where[1] if where else 1}: not valid TOML: {error}. Fix the file or delete it to use the defaults.") from None
    known = {f.name for f in fields(Config)}
    values = {}
    for name, value in raw.items():
        key = name.replace("-", "_")
        if key not in known:
            raise PrepError(f"{path}:{_line_of(text, name)}: unknown setting {name!r}; known: {', '.join(sorted(known))}.")
        try:
            values[key] = _check(key, value)
        except ValueError as error:
            raise PrepError(f"{path}:{_line_of(text, name)}: {name} {error}.") from None
    return Config(**values)


SETTABLE = {f.name.replace("_", "-"): f.name for f in fields(Config)}
_OPTIONAL = {f.name for f in fields(Config) if f.default is None}


def set_value(path: Path, key: str, text: str) -> Config:
    """`prep config set KEY VALUE`: check the value as the loader would, then rewrite the file."""
    import tomli_w

    name = SETTABLE.get(key) or SETTABLE.get(key.replace("_", "-"))
    if name is None:
        raise PrepError(f"unknown setting {key!r}; settings: {', '.join(sorted(SETTABLE))}.")
    current = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    load_config(path)  # a broken file is reported before it is rewritten
    try:
        value: object = tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        value = text  # a bare word or date string: let the checks decide
    current = {k: v for k, v in current.items() if k.replace("-", "_") != name}  # either spelling
    if not (text in ("", "none", "off") and name in _OPTIONAL):  # those clear an optional setting
        try:
            _check(name, value)
        except ValueError as error:
            raise PrepError(f"{key} {error}.") from None
        current[name] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".toml.tmp")
    temporary.write_text(tomli_w.dumps(current), encoding="utf-8")
    temporary.replace(path)  # never a half-written config
    return load_config(path)


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(key):
            return number
    return 1
