"""`prep --db postgresql://…` from the command line, on the suite's real server: every command works as on a
file, and the URL's password is never printed, in output or in errors."""

from __future__ import annotations

import json

import pytest

from prep.store.location import ServerURL, parse
from tests.test_cli import prep

SECRET = "s3cret-Passw0rd"


def with_password(location: ServerURL) -> str:
    """The test server trusts local logins, so a password in the URL is accepted and must still never show."""
    url = location.url.set(drivername="postgresql", password=SECRET)
    return url.render_as_string(hide_password=False)


@pytest.fixture
def server_db(pg_server, tmp_path):
    location = pg_server.create_database()
    yield with_password(location)
    pg_server.drop_database(location)


def test_commands_run_on_a_server_and_never_print_the_password(server_db: str, tmp_path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    runs = [prep("--db", server_db, "import", "--builtin", env=env), prep("--db", server_db, "stats", "--json", env=env),
            prep("--db", server_db, "decks", env=env), prep("--db", server_db, "drills", env=env),
            prep("stats", env={**env, "PREP_DB": server_db})]
    for result in runs:
        assert result.returncode == 0, result.stderr
        assert SECRET not in result.stdout + result.stderr
    assert json.loads(runs[1].stdout)["today"]
    assert "nlp-interview-notes.ru" in runs[2].stdout


def test_a_server_problem_is_one_line_naming_the_server_without_the_password(pg_server, tmp_path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    missing = with_password(pg_server.location("no_such_db"))
    nobody = f"postgresql://me:{SECRET}@127.0.0.1:1/prep"  # nothing listens on port 1
    for url, says in ((missing, "no such database"), (nobody, "not reachable")):
        result = prep("--db", url, "stats", env=env)
        assert result.returncode == 1 and result.stdout == ""
        [line] = result.stderr.splitlines()
        assert says in line and "Traceback" not in line and SECRET not in line
        assert line.startswith(f"prep: error: {parse(url)}")


@pytest.mark.parametrize("raw, says", [
    ("postgresql://me@host/", "name the database"),
    ("postgresql://me:pw@host:notaport/db", "not a database URL"),
])
def test_bad_urls_are_one_line(raw: str, says: str, tmp_path) -> None:
    result = prep("--db", raw, "stats", env={"XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert result.returncode == 2 and says in result.stderr and len(result.stderr.splitlines()) == 1
    assert "pw@" not in result.stderr


# ---- a URL of another kind is never a file path; a password is never printed ---------------------------------

HARD = "p@ss:w/rd-S3cret"  # the characters that split a URL: @ : /


@pytest.mark.parametrize("raw", [f"postgressql://learner:{HARD}@host/prep", f"mysql://learner:{HARD}@host/prep",
                                 f"postgresql+asyncpg://learner:{HARD}@host/prep", "sqlite:///tmp/prep.sqlite3",
                                 f"http://host/prep?password={HARD}", f"Postgresql://learner:{HARD}@host/prep"])
@pytest.mark.parametrize("command", [[], ["stats"], ["import", "--builtin"], ["export"], ["backup"]])
def test_a_url_of_another_kind_is_one_line_exit_2_and_creates_nothing(raw: str, command: list[str], tmp_path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    result = prep("--db", raw, *command, env=env, cwd=work)
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "PostgreSQL" in line and "Traceback" not in line
    assert HARD not in line and "S3cret" not in line
    assert list(work.iterdir()) == [] and not (tmp_path / "data").exists()  # no folder, no collection made


def _every_command(url: str, backup: str, tmp_path) -> list[list[str]]:
    out = str(tmp_path / "out.json")
    return [["--db", url], ["--db", url, "stats"], ["--db", url, "stats", "--json"], ["--db", url, "decks"],
            ["--db", url, "drills"], ["--db", url, "inbox"], ["--db", url, "import", "--builtin"],
            ["--db", url, "export"], ["--db", url, "export", "--format", "backup", "-o", out],
            ["--db", url, "import-backup", "--replace", out], ["--db", url, "backup"], ["--db", url, "backup", "--list"],
            ["--db", url, "restore", backup], ["--db", url, "mock", "--last"], ["--db", url, "optimize", "--dry-run"],
            ["--db", url, "config", "set", "interview-date", "2027-01-15"],
            ["copy", url, str(tmp_path / "copy.sqlite3")], ["copy", backup, url, "--replace"], ["copy", url, url]]


@pytest.mark.parametrize("spelling", ["userinfo", "query", "PGPASSWORD"])
def test_no_command_prints_the_password_on_a_server_that_works(pg_server, tmp_path, spelling: str) -> None:
    location = pg_server.create_database()
    try:
        url = {"userinfo": location.url.set(drivername="postgresql", password=HARD).render_as_string(hide_password=False)
               .replace("%40", "@").replace("%3A", ":").replace("%2F", "/"),
               "query": pg_server.uri(location.url.database) + f"&password={HARD}",
               "PGPASSWORD": pg_server.uri(location.url.database)}[spelling]
        env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
               **({"PGPASSWORD": HARD} if spelling == "PGPASSWORD" else {})}
        assert prep("--db", url, "import", "--builtin", env=env).returncode == 0
        made = prep("--db", url, "backup", env=env)
        assert made.returncode == 0, made.stderr
        backup = made.stdout.strip()
        for argv in _every_command(url, backup, tmp_path)[1:]:  # not the TUI: it would wait for keys
            result = prep(*argv, env=env)
            shown = result.stdout + result.stderr
            assert HARD not in shown and "S3cret" not in shown, (argv, shown)
            assert "Traceback" not in shown, (argv, shown)
    finally:
        pg_server.drop_database(location)


@pytest.mark.parametrize("spelling", ["userinfo", "query", "PGPASSWORD"])
def test_no_error_prints_the_password_of_a_server_that_is_not_there(tmp_path, spelling: str) -> None:
    url = {"userinfo": f"postgresql://me:{HARD}@127.0.0.1:1/prep", "query": f"postgresql://me@127.0.0.1:1/prep?password={HARD}",
           "PGPASSWORD": "postgresql://me@127.0.0.1:1/prep"}[spelling]  # nothing listens on port 1
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           **({"PGPASSWORD": HARD} if spelling == "PGPASSWORD" else {})}
    backup = tmp_path / "backup.sqlite3"
    backup.write_bytes(b"")
    for argv in _every_command(url, str(backup), tmp_path):
        result = prep(*argv, env=env)
        shown = result.stdout + result.stderr
        assert HARD not in shown and "S3cret" not in shown and "Traceback" not in shown, (argv, shown)
        assert result.returncode == 0 or len(result.stderr.splitlines()) == 1, (argv, shown)  # --list reads local files
