"""User settings from a TOML file in the user config dir; every key is optional."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from datetime import timedelta
from pathlib import Path

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
    if name == "desired_retention":
        if not isinstance(value, (int, float)) or not 0.7 <= value <= 0.99:
            raise ValueError("must be a number between 0.7 and 0.99")
        return float(value)
    if name in ("enable_fuzzing", "bury_siblings"):
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("must be a whole number, 0 or more")
    if name == "day_starts_at_hour" and value > 23:
        raise ValueError("must be an hour from 0 to 23")
    return value


def load_config(path: Path) -> Config:
    """Read the config file; a missing file means the defaults."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as error:
        raise PrepError(f"{path}: cannot read the config file ({error}); fix or delete it.") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PrepError(f"{path}: not valid TOML: {error}. Fix the file or delete it to use the defaults.") from None
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


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(key):
            return number
    return 1
