"""The `prep` command as a user runs it: a real process, a real database file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from prep import __version__
from tests.conftest import ROOT, write


def prep(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "prep", *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=60)


def test_help_and_version() -> None:
    assert prep("--version").stdout.strip() == f"prep {__version__}"
    help_text = prep("--help").stdout
    for command in ("import", "export", "review", "--db"):
        assert command in help_text


def test_import_then_export(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    notes = write(tmp_path / "ml.md", "# ML\n- [v] softmax\n  - What does softmax compute? :: exp over the sum of exps\n  - Why shift its inputs by the max? :: stability\n")
    first = prep("--db", str(db), "import", str(notes), "--json")
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert summary["added"] >= 2 and summary["retired"] == 0
    again = prep("--db", str(db), "import", str(notes))
    assert again.stdout.startswith("added 0 · updated 0 · unchanged") and again.returncode == 0
    exported = json.loads(prep("--db", str(db), "export", "--format", "json").stdout)
    assert {"id", "deck", "kind", "front", "back", "source", "tags", "state", "due", "reviews"} <= set(exported[0])
    assert exported[0]["source"] == f"{notes.resolve()}:3" and exported[0]["state"] == "new"  # the first fact's line


def test_prep_db_environment_variable(tmp_path: Path) -> None:
    db = tmp_path / "env.sqlite3"
    notes = write(tmp_path / "n.md", "# N\n- [v] softmax\n  - What does softmax compute? :: exp over the sum of exps\n")
    assert prep("import", str(notes), env={"PREP_DB": str(db)}).returncode == 0
    assert db.exists()
    assert len(json.loads(prep("export", env={"PREP_DB": str(db)}).stdout)) >= 1


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# fine\n\xff\xfe broken\n")
    result = prep("--db", str(tmp_path / "x.sqlite3"), "import", str(bad))
    assert result.returncode == 1
    assert result.stderr.strip() == f"prep: error: {bad}:2: not UTF-8 text (byte 0xff); save the file as UTF-8 and import again."
    broken_config = write(tmp_path / "cfg" / "prep" / "config.toml", "new_per_day = [\n")
    result = prep("--db", str(tmp_path / "x.sqlite3"), "export", env={"XDG_CONFIG_HOME": str(broken_config.parent.parent)})
    assert result.returncode == 1 and "config.toml:1: not valid TOML" in result.stderr and "Traceback" not in result.stderr
    usage = prep("export", "--format", "yaml")
    assert usage.returncode == 2 and "invalid choice" in usage.stderr


def test_stats_as_json_and_as_charts(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    db = str(tmp_path / "stats.sqlite3")
    notes = write(tmp_path / "ml.md", "# ML\n- [v] softmax\n  - What does softmax compute? :: exp over the sum of exps\n  - Why shift its inputs by the max? :: stability\n")
    assert prep("--db", db, "import", str(notes), env=env).returncode == 0
    result = prep("--db", db, "stats", "--json", env=env)
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert {"today", "activity", "current_streak", "longest_streak", "forecast", "retention", "desired_retention",
            "mastery", "drill_mastery", "weakest", "drills", "leeches", "readiness"} <= set(stats)
    assert len(stats["activity"]) == 365 and stats["readiness"] is None and stats["mastery"][0]["topic"] == "ML"
    charts = prep("--db", db, "stats", env=env)
    assert charts.returncode == 0, charts.stderr
    for title in ("Activity", "Next 30 days", "Minutes a day", "Retention", "Cards by topic", "Drills", "Leeches"):
        assert f"{title} ─" in charts.stdout
    assert max(len(line) for line in charts.stdout.splitlines()) <= 80


def test_config_set_and_show(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    db = str(tmp_path / "config.sqlite3")
    assert "# interview_date = (not set)" in prep("config", "show", env=env).stdout
    result = prep("--db", db, "config", "set", "interview_date", "2027-01-15", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("interview_date = 2027-01-15")
    assert "interview_date = 2027-01-15" in (tmp_path / "config" / "prep" / "config.toml").read_text()
    shown = prep("config", "show", env=env).stdout
    assert "interview_date = 2027-01-15" in shown and "new_per_day = 20" in shown and 'learning_steps = ["1m", "10m"]' in shown
    assert "-" not in "".join(line.split(" = ")[0] for line in shown.splitlines()[1:])  # one spelling: the file's
    assert prep("--db", db, "config", "set", "interview_date", "none", env=env).stdout.strip() == "interview_date cleared"
    assert "# interview_date = (not set)" in prep("config", "show", env=env).stdout
    bad = prep("config", "set", "new_per_day", "lots", env=env)
    assert bad.returncode == 2 and bad.stderr == "prep: error: new_per_day must be a whole number from 0 to 9999.\n"  # usage: 2
    for typo in ("1e3", "2o0"):  # never read as 1000, 13 or 20
        assert prep("config", "set", "new_per_day", typo, env=env).stderr == bad.stderr
    # the older, hyphenated spelling still names the same setting, answered in the file's
    older = prep("config", "set", "new-per-day", "12", env=env)
    assert older.returncode == 0 and older.stdout == "new_per_day = 12\n"
    assert prep("config", "set", "learning_steps", "1m 5m 20m", env=env).stdout == 'learning_steps = ["1m", "5m", "20m"]\n'


def test_export_csv_apkg_and_backup_then_import_backup(tmp_path: Path) -> None:
    db, fresh = str(tmp_path / "cli.sqlite3"), str(tmp_path / "fresh.sqlite3")
    notes = write(tmp_path / "ml.md", "# ML\n- [v] softmax\n  - What does softmax compute? :: exp over the sum of exps\n  - Why shift its inputs by the max? :: stability\n")
    assert prep("--db", db, "import", str(notes)).returncode == 0
    table = prep("--db", db, "export", "--format", "csv")
    assert table.returncode == 0 and table.stdout.startswith("id,deck,kind,front,back,source,tags,state,due,reviews,")
    package = prep("--db", db, "export", "--format", "apkg", "-o", str(tmp_path / "ml.apkg"))
    assert package.returncode == 0 and package.stdout.startswith(f"wrote {tmp_path / 'ml.apkg'}: notes ")
    assert prep("--db", db, "export", "--format", "apkg").stderr.startswith("prep: error: an Anki package is not text")
    assert prep("--db", db, "export", "--format", "backup", "-o", str(tmp_path / "b.json")).returncode == 0
    restored = prep("--db", fresh, "import-backup", str(tmp_path / "b.json"))
    assert restored.returncode == 0 and "cards " in restored.stdout, restored.stderr
    assert prep("--db", fresh, "export").stdout == prep("--db", db, "export").stdout
    refused = prep("--db", fresh, "import-backup", str(tmp_path / "b.json"))
    assert refused.returncode == 1 and "pass --replace" in refused.stderr
    replaced = prep("--db", fresh, "import-backup", str(tmp_path / "b.json"), "--replace")
    assert replaced.returncode == 0 and "the database as it was is kept in " in replaced.stdout


def test_decks_list_enable_disable_and_limit(tmp_path: Path) -> None:
    db = str(tmp_path / "p.sqlite3")
    write(tmp_path / "notes" / "ml.md", "# M\n\nWhat is BLEU? :: n-gram precision\nWhat is ROUGE? :: n-gram recall\n")
    missing = prep("--db", db, "decks")  # a list never starts a collection (tests/test_missing_collection.py)
    assert missing.returncode == 1 and "no collection there" in missing.stderr and "prep import" in missing.stderr
    assert prep("--db", db, "import", str(tmp_path / "notes")).returncode == 0
    listing = prep("--db", db, "decks").stdout
    assert "ml" in listing and "nlp-interview-notes" not in listing  # the built-in deck is not added by itself
    assert prep("--db", db, "import", "--builtin").returncode == 0
    rows = {row["name"]: row for row in json.loads(prep("--db", db, "decks", "--json").stdout)}
    assert rows["ml"]["cards"] == 2 and rows["ml"]["new"] == 2 and rows["nlp-interview-notes.ru"]["builtin"]
    assert prep("--db", db, "decks", "disable", "nlp-interview-notes.ru").stdout.strip() == "nlp-interview-notes.ru: disabled"
    assert prep("--db", db, "decks", "limit", "ml", "1").returncode == 0
    rows = {row["name"]: row for row in json.loads(prep("--db", db, "decks", "--json").stdout)}
    assert not rows["nlp-interview-notes.ru"]["enabled"] and rows["ml"]["new_per_day"] == 1
    unknown = prep("--db", db, "decks", "enable", "nope")
    assert unknown.returncode == 2 and "no deck named 'nope'" in unknown.stderr and "Traceback" not in unknown.stderr
    bad = prep("--db", db, "decks", "limit", "ml", "lots")
    assert bad.returncode == 2 and "'lots' is not a number" in bad.stderr
    missing = prep("--db", db, "review", "--deck", "nope")
    assert missing.returncode == 2 and "no deck 'nope' to study" in missing.stderr


def test_a_long_list_of_notes_to_write_up_is_cut_with_a_pointer(tmp_path: Path) -> None:
    notes = write(tmp_path / "todo.md", "# Todo\n" + "".join(f"\n## Empty {i}\n" for i in range(25)))
    done = prep("--db", str(tmp_path / "t.sqlite3"), "import", str(notes))
    assert done.returncode == 0 and "25 notes to write up:" in done.stdout
    assert done.stdout.count("heading with nothing under it") == 20
    assert "… and 5 more notes to write up: `prep import --dry-run PATH`" in done.stdout


@pytest.mark.parametrize("argv", [[], ["--db", "x.sqlite3"], ["--db=x.sqlite3"], ["--db", ""], ["--db="], ["--db", "postgresql://u@h/d"], ["review"], ["--db", "x", "review", "--deck", "d"],
                                  ["stats", "--json"], ["--db", "x", "decks"], ["import", "--builtin"]])
def test_the_quick_reading_of_the_command_line_agrees_with_the_whole_parser(argv: list[str]) -> None:
    """`prep` and `prep --db PATH` are read without building every command's parser (prep.cli.parse_args)."""
    from prep import cli

    assert vars(cli.parse_args(argv)) == vars(cli._parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["--db"], ["--bogus"], ["--db", "x", "nonsense"], ["-h"], ["--db", "-x"]])
def test_what_the_quick_reading_cannot_take_the_whole_parser_answers(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    from prep import cli

    with pytest.raises(SystemExit) as whole:
        cli._parser().parse_args(argv)
    expected = capsys.readouterr()
    with pytest.raises(SystemExit) as quick:
        cli.parse_args(argv)
    assert quick.value.code == whole.value.code and capsys.readouterr() == expected


def test_usage_errors_exit_2_and_say_what_to_give(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    for args in (("config", "set", "no_such_setting", "5"), ("config", "set", "desired_retention", "2"), ("import",)):
        result = prep("--db", str(tmp_path / "p.sqlite3"), *args, env=env)
        assert result.returncode == 2 and result.stderr.startswith("prep: error: ") and result.stderr.count("\n") == 1, args
    assert not (tmp_path / "p.sqlite3").exists(), "a command line that asks for nothing starts no collection"
