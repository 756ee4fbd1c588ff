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
    ("mysql://me@host/db", None),  # not a server URL prep knows: taken as a file path, which is refused or created
])
def test_bad_urls_are_one_line(raw: str, says: str | None, tmp_path) -> None:
    if says is None:
        assert not isinstance(parse(raw), ServerURL)
        return
    result = prep("--db", raw, "stats", env={"XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert result.returncode == 1 and says in result.stderr and len(result.stderr.splitlines()) == 1
    assert "pw@" not in result.stderr
