"""User settings from a TOML file in the user config dir; every key is optional."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from pathlib import Path

import fsrs

from prep.errors import PrepError, UsageError

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
    drills_per_day: int = 3  # before the interview, drills are pulled forward up to this many a day (due ones included)
    # Like Anki, a study day starts at 4 am local time, so a late-night session counts for the day before.
    day_starts_at_hour: int = 4
    bury_siblings: bool = True  # answering a card hides the other cards of its fact (cloze blanks, a reversed pair) until tomorrow
    interview_date: date | None = None  # reviews are planned so that recall on this day meets interview_retention
    # Higher than desired_retention on purpose: FSRS already keeps every card above that every day.
    interview_retention: float = 0.95
    final_review_days: int = 7  # before the interview, every card is seen once in this many last days
    leech_lapses: int = 8  # a card forgotten this many times is a leech
    space_rates_good: bool = True  # like Anki: space or enter on a shown answer rates it Good
    # Cards prep reads out of prose wait in the inbox until accepted (prep.store.inbox); true schedules them all at
    # once, as before the inbox: most of them are cards a strong learner would not keep (tests/judged/).
    schedule_suggestions: bool = False
    fsrs_parameters: tuple[float, ...] | None = None  # fitted to the user by `prep optimize`; None: fsrs's defaults


# Every setting within a range a person could mean (Anki's own limits where it has one): a value past
# these is a typo, and would overflow SQLite's integers or Python's dates further on.
BOUNDS: dict[str, tuple[float, float]] = {
    "desired_retention": (0.7, 0.99),
    "interview_retention": (0.7, 0.99),
    "maximum_interval_days": (1, 36500),  # 100 years, as in Anki
    "new_per_day": (0, 9999),
    "reviews_per_day": (0, 9999),
    "new_drills_per_day": (0, 100),
    "drills_per_day": (0, 100),
    "day_starts_at_hour": (0, 23),
    "final_review_days": (0, 365),
    "leech_lapses": (1, 999),
}
_SWITCHES = frozenset(f.name for f in fields(Config) if f.type in ("bool", bool))  # true or false, nothing else
STEP_SECONDS = (1, 365 * 86400)  # a learning step from a second to a year
MAX_STEPS = 20
INTERVIEW_DATES = (date(2000, 1, 1), date(2099, 12, 31))


def parse_step(text: str) -> timedelta:
    match = _STEP.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a step like '1m', '10m', '1h' or '1d'")
    seconds = int(match[1]) * _UNIT_SECONDS[match[2]]
    if not STEP_SECONDS[0] <= seconds <= STEP_SECONDS[1]:
        raise ValueError(f"{text!r} is not a step from 1s to 365d")
    return timedelta(seconds=seconds)


def _check(name: str, value: object) -> object:
    if name in ("learning_steps", "relearning_steps"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("must be a list of steps like [\"1m\", \"10m\"]")
        if len(value) > MAX_STEPS:
            raise ValueError(f"must be at most {MAX_STEPS} steps")
        return tuple(parse_step(v) for v in value)
    if name in ("desired_retention", "interview_retention"):
        least, most = BOUNDS[name]
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not least <= value <= most:
            raise ValueError(f"must be a number between {least} and {most}")
        return float(value)
    if name == "interview_date":
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                raise ValueError("must be a date like 2027-01-15") from None
        if not isinstance(value, date) or isinstance(value, datetime):
            raise ValueError("must be a date like 2027-01-15")
        if not INTERVIEW_DATES[0] <= value <= INTERVIEW_DATES[1]:
            raise ValueError(f"must be a date from {INTERVIEW_DATES[0]} to {INTERVIEW_DATES[1]}")
        return value
    if name == "fsrs_parameters":
        return _parameters(value)
    if name in _SWITCHES:
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    least, most = (int(bound) for bound in BOUNDS[name])
    if not isinstance(value, int) or isinstance(value, bool) or not least <= value <= most:
        raise ValueError(f"must be {'an hour' if name == 'day_starts_at_hour' else 'a whole number'} from {least} to {most}")
    return value


def _parameters(value: object) -> tuple[float, ...]:
    if not isinstance(value, list) or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        raise ValueError("must be a list of numbers, as `prep optimize` writes it")
    if not all(math.isfinite(v) for v in value):
        raise ValueError("must be finite numbers (no nan or inf)")
    try:
        fsrs.Scheduler(parameters=value)  # fsrs's own checks: how many, and each within its bounds
    except ValueError as error:
        raise ValueError(f"are not valid FSRS parameters: {' '.join(str(error).split()).rstrip('.')}") from None
    return tuple(float(v) for v in value)


def load_config(path: Path) -> Config:
    """Read the config file; a missing file means the defaults."""
    text, raw = _read(path)
    return _validated(path, text, raw)


def _validated(path: Path, text: str, raw: dict[str, object]) -> Config:
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


def _read(path: Path) -> tuple[str, dict[str, object]]:
    """The config file's text and its TOML table; ("", {}) when there is no file."""
    if path.is_dir():
        raise PrepError(f"{path}: this is a folder, not the config file; remove or rename it so prep can write its settings "
                        "there.")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return "", {}
    except OSError as error:
        raise PrepError(f"{path}: cannot read the config file ({error.strerror}); fix or delete it.") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PrepError(f"{path}:{line}: not UTF-8 text; save the config file as UTF-8 or delete it.") from None
    import tomllib  # only with a file to read: the defaults need no parser

    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"at line (\d+)", str(error))
        raise PrepError(f"{path}:{where[1] if where else 1}: not valid TOML: {error}. Fix the file or delete it to use the defaults.") from None


# One spelling of each name, the file's (and the settings screen's): `prep config set` also takes the older
# hyphenated spelling (desired-retention) and means the same setting.
SETTINGS = tuple(f.name for f in fields(Config))
_OPTIONAL = {f.name for f in fields(Config) if f.default is None}
_STEPS = ("learning_steps", "relearning_steps")


def setting_name(key: str) -> str:
    """The setting a key names, in either spelling; an unknown one is one line listing them."""
    name = key.strip().replace("-", "_")
    if name not in SETTINGS:
        raise UsageError(f"unknown setting {key!r}; settings: {', '.join(SETTINGS)}.")
    return name


def parse_setting(key: str, text: str) -> tuple[str, object]:
    """A setting's value as typed on the command line or the settings screen, checked as the loader checks the file:
    (its name, the value to write; None clears an optional one). A bad value is one line naming the setting and
    what it takes, the same wherever it was typed: `new_per_day must be a whole number from 0 to 9999.`"""
    import tomllib

    name = setting_name(key)
    text = text.strip()
    if text.lower() in ("", "none", "off") and name in _OPTIONAL:
        return name, None
    try:
        value: object = tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        value = text  # a bare word or date string: let the checks decide
    if name in _STEPS and isinstance(value, str):  # steps as they are read aloud: 1m 10m (or 1m, 10m)
        value = text.replace(",", " ").split()
    try:
        _check(name, value)
    except ValueError as error:
        raise UsageError(f"{name} {error}.") from None
    return name, value


def setting_text(value: object) -> str:
    """A setting as TOML would write it (steps as `prep config set` takes them, fsrs parameters as numbers)."""
    if isinstance(value, tuple):
        return "[" + ", ".join(f'"{_step_text(v)}"' if isinstance(v, timedelta) else str(v) for v in value) + "]"
    if isinstance(value, bool):
        return str(value).lower()
    return "" if value is None else str(value)


def _step_text(step: timedelta) -> str:
    seconds = int(step.total_seconds())
    unit, size = next((unit, size) for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)) if seconds % size == 0)
    return f"{seconds // size}{unit}"


def set_value(path: Path, key: str, text: str) -> Config:
    """`prep config set KEY VALUE`: check the value as the loader would, then rewrite the file."""
    import tomli_w

    name = setting_name(key)
    written, current = _read(path)
    current = {k: v for k, v in current.items() if k.replace("-", "_") != name}  # either spelling
    _validated(path, written, current)  # the rest of a broken file is reported before it is rewritten; this key is being fixed
    name, value = parse_setting(name, text)
    if value is not None:
        current[name] = value
    from prep.settings.files import replacing

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(path, encoding="utf-8") as out:  # never a half-written config; a symlink stays a symlink
            out.write(tomli_w.dumps(current))
    except OSError as error:
        raise PrepError(f"{path}: cannot write the config file ({error.strerror}); check the folder and its "
                        "permissions.") from None
    return load_config(path)


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(key):
            return number
    return 1
