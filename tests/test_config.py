from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prep.config import Config, load_config
from prep.errors import PrepError


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

    from prep.config import set_value

    path = tmp_path / "prep" / "config.toml"
    assert set_value(path, "interview-date", "2027-01-15").interview_date == date(2027, 1, 15)
    assert set_value(path, "new_per_day", "12").new_per_day == 12
    assert load_config(path) == Config(interview_date=date(2027, 1, 15), new_per_day=12)
    with pytest.raises(PrepError, match="interview-date must be a date"):
        set_value(path, "interview-date", "next week")
    with pytest.raises(PrepError, match="unknown setting 'colour'"):
        set_value(path, "colour", "red")
    assert set_value(path, "interview-date", "none").interview_date is None
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_fsrs_parameters_are_set_and_cleared(tmp_path: Path) -> None:
    from fsrs.scheduler import DEFAULT_PARAMETERS

    from prep.config import set_value

    path = tmp_path / "config.toml"
    listed = "[" + ", ".join(map(repr, DEFAULT_PARAMETERS)) + "]"
    path.write_text(f"fsrs-parameters = {listed}\nnew_per_day = 5\n")
    assert load_config(path).fsrs_parameters == DEFAULT_PARAMETERS
    assert set_value(path, "fsrs_parameters", "none") == Config(new_per_day=5)  # whichever spelling the file uses
    assert set_value(path, "fsrs-parameters", listed) == Config(new_per_day=5, fsrs_parameters=DEFAULT_PARAMETERS)
