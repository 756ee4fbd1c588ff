from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prep.errors import PrepError
from prep.settings.config import Config, load_config


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.toml") == Config()


def test_values_are_read(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('desired_retention = 0.85\nlearning-steps = ["2m", "1h"]\nnew_per_day = 5\nenable_fuzzing = false\n')
    config = load_config(path)
    assert config.desired_retention == 0.85 and config.learning_steps == (timedelta(minutes=2), timedelta(hours=1))
    assert config.new_per_day == 5 and config.enable_fuzzing is False


@pytest.mark.parametrize(("text", "message"), [
    ("new_per_day = -1\n", "c.toml:1: new_per_day must be a whole number"),
    ("\n\ndesired_retention = 2\n", "c.toml:3: desired_retention must be a number between"),
    ("colour = 'red'\n", "c.toml:1: unknown setting 'colour'"),
    ('learning_steps = ["soon"]\n', "c.toml:1: learning_steps 'soon' is not a step"),
    ("x = \n", "c.toml:1: not valid TOML"),
    ("fsrs_parameters = [1, 2]\n", "c.toml:1: fsrs_parameters are not valid FSRS parameters: Expected 21 parameters, got 2."),
    (f"fsrs_parameters = [200{', 0.5' * 20}]\n",
     "c.toml:1: fsrs_parameters are not valid FSRS parameters: One or more parameters are out of bounds: parameters.0. = 200"),
    ('fsrs_parameters = "fast"\n', "c.toml:1: fsrs_parameters must be a list of numbers"),
])
def test_bad_values_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(text)
    with pytest.raises(PrepError, match=message.replace("(", r"\(")):
        load_config(path)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_config_or_a_named_error(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        path.write_bytes(data)
        try:
            assert isinstance(load_config(path), Config)
        except PrepError as error:
            assert re.match(rf"{re.escape(str(path))}:\d+: ", str(error)), str(error)  # the file and the line


def test_set_value_checks_and_writes_atomically(tmp_path: Path) -> None:
    from datetime import date

    from prep.settings.config import set_value

    path = tmp_path / "prep" / "config.toml"
    assert set_value(path, "interview-date", "2027-01-15").interview_date == date(2027, 1, 15)
    assert set_value(path, "new_per_day", "12").new_per_day == 12
    assert load_config(path) == Config(interview_date=date(2027, 1, 15), new_per_day=12)
    with pytest.raises(PrepError, match="interview_date must be a date"):  # named in the file's spelling, whichever was typed
        set_value(path, "interview-date", "next week")
    with pytest.raises(PrepError, match="unknown setting 'colour'"):
        set_value(path, "colour", "red")
    assert set_value(path, "interview-date", "none").interview_date is None
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_fsrs_parameters_are_set_and_cleared(tmp_path: Path) -> None:
    from fsrs.scheduler import DEFAULT_PARAMETERS

    from prep.settings.config import set_value

    path = tmp_path / "config.toml"
    listed = "[" + ", ".join(map(repr, DEFAULT_PARAMETERS)) + "]"
    path.write_text(f"fsrs-parameters = {listed}\nnew_per_day = 5\n")
    assert load_config(path).fsrs_parameters == DEFAULT_PARAMETERS
    assert set_value(path, "fsrs_parameters", "none") == Config(new_per_day=5)  # whichever spelling the file uses
    assert set_value(path, "fsrs-parameters", listed) == Config(new_per_day=5, fsrs_parameters=DEFAULT_PARAMETERS)


# ---- every setting within bounds ------------------------------------------------------------------

from datetime import date, datetime, timezone  # noqa: E402

import tomli_w  # noqa: E402

from prep.settings.config import BOUNDS, INTERVIEW_DATES, MAX_STEPS, STEP_SECONDS, set_value  # noqa: E402

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RETENTIONS = {"desired_retention", "interview_retention"}


def _outcome(path: Path, name: str, value: object) -> Config | str:
    path.write_text(f"# my settings\n{tomli_w.dumps({name: value})}", encoding="utf-8")
    try:
        return load_config(path)
    except PrepError as error:
        return str(error)


def _one_line_about(error: str, path: Path, name: str) -> None:
    assert error.startswith(f"{path}:2: {name} ") and "\n" not in error, error


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(BOUNDS)),
       st.one_of(st.integers(-10**30, 10**30), st.integers(-5, 40_000), st.floats(allow_nan=True, allow_infinity=True),
                 st.floats(0.5, 1.2), st.booleans()))
def test_every_number_setting_takes_its_range_and_nothing_else(name: str, value: object) -> None:
    import tempfile

    least, most = BOUNDS[name]
    kinds = (int, float) if name in _RETENTIONS else (int,)
    fits = isinstance(value, kinds) and not isinstance(value, bool) and least <= value <= most  # type: ignore[operator]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        found = _outcome(path, name, value)
        if fits:
            assert isinstance(found, Config) and getattr(found, name) == value
        else:
            assert isinstance(found, str), (name, value)
            _one_line_about(found, path, name)
            key = name.replace("_", "-")
            with pytest.raises(PrepError, match=rf"^{name} must be [^\n]*\.$"):  # the file's spelling, whichever was typed
                set_value(path.with_name("other.toml"), key, tomli_w.dumps({"v": value})[4:].strip())


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["learning_steps", "relearning_steps"]),
       st.lists(st.tuples(st.one_of(st.integers(0, 10**22), st.integers(0, 500)), st.sampled_from(sorted(_UNITS))), max_size=25))
def test_learning_steps_are_from_a_second_to_a_year(name: str, steps: list[tuple[int, str]]) -> None:
    import tempfile

    fits = len(steps) <= MAX_STEPS and all(STEP_SECONDS[0] <= n * _UNITS[u] <= STEP_SECONDS[1] for n, u in steps)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        found = _outcome(path, name, [f"{n}{u}" for n, u in steps])
        if fits:
            assert isinstance(found, Config) and getattr(found, name) == tuple(timedelta(seconds=n * _UNITS[u]) for n, u in steps)
        else:
            assert isinstance(found, str)
            _one_line_about(found, path, name)


@settings(max_examples=200, deadline=None)
@given(st.dates())
def test_the_interview_date_is_one_a_person_could_mean(day: date) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        found = _outcome(path, "interview_date", day)
        if INTERVIEW_DATES[0] <= day <= INTERVIEW_DATES[1]:
            assert isinstance(found, Config) and found.interview_date == day
        else:
            assert isinstance(found, str)
            _one_line_about(found, path, "interview_date")


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 20), st.sampled_from([float("nan"), float("inf"), float("-inf")]))
def test_fsrs_parameters_are_finite(position: int, bad: float) -> None:
    import tempfile

    from fsrs.scheduler import DEFAULT_PARAMETERS

    parameters = list(DEFAULT_PARAMETERS)
    parameters[position] = bad
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        found = _outcome(path, "fsrs_parameters", parameters)
        assert isinstance(found, str)
        _one_line_about(found, path, "fsrs_parameters")


_EXTREMES = [(name, bound) for name in sorted(BOUNDS) for bound in BOUNDS[name]] + [
    ("learning_steps", ("1s",)), ("learning_steps", ("365d",) * MAX_STEPS), ("relearning_steps", ()),
    ("relearning_steps", ("365d",)), ("interview_date", INTERVIEW_DATES[0]), ("interview_date", INTERVIEW_DATES[1]),
]


@pytest.mark.parametrize(("name", "value"), _EXTREMES, ids=[f"{n}={v}" for n, v in _EXTREMES])
def test_every_setting_at_its_bounds_runs_a_study_day(tmp_path: Path, name: str, value: object) -> None:
    """What the config accepts, prep can use: no OverflowError at the edges (the TUI's calls, on a real database)."""
    from prep.service import PrepService
    from tests.conftest import DECK

    path = tmp_path / "config.toml"
    config = _outcome(path, name, list(value) if isinstance(value, tuple) else value)
    assert isinstance(config, Config), config
    now = datetime(2026, 11, 27, 9, tzinfo=timezone.utc)
    service = PrepService(tmp_path / "edge.sqlite3", config, tz=timezone.utc)
    try:
        service.import_paths([DECK], now)
        for _ in range(3):
            card = service.next_card(now)
            if card is None:
                break
            service.answer(card.id, 1, now)
            now += timedelta(minutes=1)
        service.today(now)
        service.remaining(now)
        service.plan(now)
        service.stats(now)
        service.drills.rows(now)
    finally:
        service.close()
