"""Nothing lost when prep replaces a file: exports, restores and settings are written beside their target and swapped
in whole (kill -9 at each step, on real files); a restore never loses the backup it reads, refuses while another prep
has the collection open, and one killed on the way is reported, never an empty collection; prep's files are private."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from prep.store import health
from prep.store.backups import backups, make_backup
from prep.store.restore import restore
from tests.conftest import DECK, ROOT, write
from tests.test_backups import START, answers, big, cut_in_half, damage_pages, history, leftovers, one_line_error  # noqa: F401 - big and history: fixtures
from tests.test_cli import prep


def partials(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if ".partial" in p.name or ".work-" in p.name]


# ---- restore: the chosen backup is never lost -------------------------------------------------------------


def test_restoring_the_oldest_of_twelve_or_more_backups_keeps_it_and_restores_it(history: Path) -> None:  # noqa: F811 - the fixture imported above
    for hour in range(12):  # the rotation is full: the next backup (the one kept before the restore) rotates
        make_backup(history, "manual", START + timedelta(days=4, hours=hour))
    oldest = backups(history)[-1]
    held = answers(oldest)
    assert len(backups(history)) >= 12 and held < answers(history)
    result = prep("--db", str(history), "restore", str(oldest))
    assert result.returncode == 0, result.stderr
    assert answers(history) == held and oldest.exists()  # restored, and the file it was restored from is still there
    assert health.check(history).ok and leftovers(history) == []


def test_a_restore_over_a_damaged_file_of_the_oldest_backup_keeps_it(history: Path) -> None:  # noqa: F811 - the fixture imported above
    for hour in range(12):
        make_backup(history, "manual", START + timedelta(days=4, hours=hour))
    oldest = backups(history)[-1]
    held = answers(oldest)
    damage_pages(history)
    replaced = restore(history, oldest, START + timedelta(days=6))
    assert replaced.moved_aside is not None and oldest.exists() and answers(history) == held


# ---- restore: another prep has the collection open ----------------------------------------------------------

HOLD = """
import sys, time
from pathlib import Path
from prep.service import PrepService
from prep.settings.config import Config
service = PrepService(Path(sys.argv[1]), Config())
service.decks.rows(__import__("datetime").datetime.now(__import__("datetime").timezone.utc))
print("open", flush=True)
sys.stdin.readline()
service.close()
"""


def test_a_restore_refuses_while_another_prep_has_the_collection_open(history: Path) -> None:  # noqa: F811 - the fixture imported above
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(history)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env=env)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = history.read_bytes()
        error = one_line_error(prep("--db", str(history), "restore", str(backups(history)[-1])))
        assert "another prep has this collection open" in error and "Nothing was changed" in error
        assert history.read_bytes() == before and answers(history) == 40
    finally:
        holder.communicate("\n", timeout=60)
    assert prep("--db", str(history), "restore", str(backups(history)[-1])).returncode == 0  # closed: it goes on
    assert answers(history) == 10


def test_a_killed_prep_never_blocks_a_restore(history: Path) -> None:  # noqa: F811 - the fixture imported above
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(history)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env=env)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=30)
    assert prep("--db", str(history), "restore", str(backups(history)[-1])).returncode == 0


# ---- kill -9 at every step ---------------------------------------------------------------------------------

RESTORE_LOOP = """
import sys
from pathlib import Path
from prep.store.restore import restore
database, backup = Path(sys.argv[1]), Path(sys.argv[2])
print("ready", flush=True)
while True:
    restore(database, backup)
"""


@pytest.mark.parametrize("damaged", [False, True])
def test_kill_9_during_a_restore_leaves_the_collection_or_says_where_it_is(big: Path, damaged: bool) -> None:  # noqa: F811 - the fixture imported above
    backup = make_backup(big, "manual")
    assert backup is not None
    reviews = answers(big)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(5)
    reported = 0
    for _ in range(6):
        if damaged:
            cut_in_half(big)
        process = subprocess.Popen([sys.executable, "-c", RESTORE_LOOP, str(big), str(backup)], stdout=subprocess.PIPE,
                                   text=True, env=env)
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.6))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        assert big.exists()  # never a moment with nothing at the path
        result = prep("--db", str(big), "stats", "--json")  # the next start
        if result.returncode == 0:
            assert answers(big) == reviews  # never an empty collection in its place
        else:
            error = one_line_error(result)
            assert "was interrupted" in error or "damaged" in error, error
            reported += "was interrupted" in error
            assert prep("--db", str(big), "restore", str(backup)).returncode == 0  # the way out it names
            assert answers(big) == reviews
        assert partials(big.parent) == []
    assert backup.exists()


EXPORT_LOOP = """
import sys
from prep.cli import main
print("ready", flush=True)
while True:
    main(["--db", sys.argv[1], "export", "--format", sys.argv[2], "-o", sys.argv[3]])
"""


def whole(path: Path, kind: str) -> bool:
    if kind == "apkg":
        with zipfile.ZipFile(path) as package:
            return package.testzip() is None
    return json.loads(path.read_bytes())["format"] == "prep-backup"


@pytest.mark.parametrize("kind", ["backup", "apkg"])
def test_kill_9_during_an_export_leaves_the_earlier_file_whole_and_no_temporary(big: Path, tmp_path: Path, kind: str) -> None:  # noqa: F811 - the fixture imported above
    out = tmp_path / "out" / f"export.{kind}"
    out.parent.mkdir()
    assert prep("--db", str(big), "export", "--format", kind, "-o", str(out)).returncode == 0
    earlier = out.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(11)
    caught = 0
    for _ in range(5):
        process = subprocess.Popen([sys.executable, "-c", EXPORT_LOOP, str(big), kind, str(out)], stdout=subprocess.PIPE,
                                   text=True, env=env)
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        waited = 0
        while not partials(out.parent) and waited < 20_000:  # wait for an export to be under way, however slow the machine
            time.sleep(0.001)
            waited += 1
        time.sleep(rng.uniform(0, 0.02))  # then kill it somewhere in its writing
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        assert out.read_bytes() == earlier or whole(out, kind)  # never emptied, never half written
        caught += bool(partials(out.parent))
        assert prep("--db", str(big), "backup", "--list").returncode == 0  # the next start
        assert partials(out.parent) == []
    assert caught >= 1  # the kills did land in the middle of an export


def test_an_export_that_fails_leaves_the_earlier_file(history: Path, tmp_path: Path) -> None:  # noqa: F811 - the fixture imported above
    out = tmp_path / "cards.json"
    out.write_text("the earlier export\n", encoding="utf-8")
    cut_in_half(history)
    result = prep("--db", str(history), "export", "-o", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == "the earlier export\n" and partials(tmp_path) == []


# ---- symlinks are followed, not replaced -------------------------------------------------------------------


def test_config_export_and_restore_write_through_a_symlink(history: Path, tmp_path: Path) -> None:  # noqa: F811 - the fixture imported above
    real_config = tmp_path / "dotfiles" / "prep.toml"
    real_config.parent.mkdir()
    real_config.write_text("new_per_day = 5\n", encoding="utf-8")
    link = tmp_path / "config" / "prep" / "config.toml"
    link.parent.mkdir(parents=True)
    link.symlink_to(real_config)
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    assert prep("config", "set", "new-per-day", "7", env=env).returncode == 0
    assert link.is_symlink() and "new_per_day = 7" in real_config.read_text(encoding="utf-8")

    out_real, out_link = tmp_path / "exports" / "cards.json", tmp_path / "cards.json"
    out_real.parent.mkdir()
    out_real.write_text("[]", encoding="utf-8")
    out_link.symlink_to(out_real)
    assert prep("--db", str(history), "export", "-o", str(out_link)).returncode == 0
    assert out_link.is_symlink() and len(json.loads(out_real.read_text(encoding="utf-8"))) > 100

    moved = tmp_path / "elsewhere" / "prep.sqlite3"
    moved.parent.mkdir()
    history.replace(moved)
    history.symlink_to(moved)
    cut_in_half(moved)  # a damaged collection: the restore swaps a new file in
    assert prep("--db", str(history), "restore", str(backups(history)[0])).returncode == 0
    assert history.is_symlink() and answers(moved) == 40


# ---- backup --list checks again -----------------------------------------------------------------------------


def test_backup_list_shows_a_backup_damaged_since_it_was_made(history: Path) -> None:  # noqa: F811 - the fixture imported above
    newest = backups(history)[0]
    damage_pages(newest)
    listed = prep("--db", str(history), "backup", "--list")
    assert listed.returncode == 0
    line = next(line for line in listed.stdout.splitlines() if line.startswith(str(newest)))
    assert "damaged" in line


# ---- a missing collection is created only by commands that write ----------------------------------------


@pytest.mark.parametrize("command", [["export"], ["export", "--format", "backup", "-o", "out.json"], ["stats"],
                                     ["mock", "--last"]])
def test_a_command_that_only_reads_does_not_create_a_missing_collection(tmp_path: Path, command: list[str]) -> None:
    typo = tmp_path / "prpe.sqlite3"
    error = one_line_error(prep("--db", str(typo), *command, cwd=tmp_path))
    assert str(typo) in error and "no collection there" in error
    assert not typo.exists() and not (tmp_path / "out.json").exists()


# ---- private files ------------------------------------------------------------------------------------------


def test_the_collection_backups_and_exports_of_a_backup_are_the_users_alone(tmp_path: Path) -> None:
    database = tmp_path / "data" / "prep.sqlite3"
    old = os.umask(0o022)
    try:
        assert prep("--db", str(database), "import", str(DECK)).returncode == 0
        assert prep("--db", str(database), "backup").returncode == 0
        assert prep("--db", str(database), "export", "--format", "backup", "-o", str(tmp_path / "full.json")).returncode == 0
    finally:
        os.umask(old)
    made = [database, *backups(database), database.parent / "backups", tmp_path / "full.json"]
    for path in made:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, (path, oct(mode))


def test_a_journal_of_unsaved_answers_is_private(tmp_path: Path) -> None:
    from prep.review.pending import Journal

    journal = Journal(tmp_path / "journal", "collection")
    journal._own()
    assert stat.S_IMODE(journal.path.stat().st_mode) & 0o077 == 0
    assert stat.S_IMODE((tmp_path / "journal").stat().st_mode) & 0o077 == 0


# ---- bounded inputs ----------------------------------------------------------------------------------------


def test_a_notes_file_with_a_huge_line_is_refused_by_file_and_line(tmp_path: Path) -> None:
    notes = write(tmp_path / "long.md", "# Topic\n\nWhat? :: that\n" + "x" * 2_000_000 + "\n")
    error = one_line_error(prep("--db", str(tmp_path / "p.sqlite3"), "import", str(notes)))
    assert f"{notes}:4:" in error and "line" in error


def test_utf16_notes_are_read_and_a_pipe_is_named_as_one(tmp_path: Path) -> None:
    notes = tmp_path / "utf16.md"
    notes.write_bytes("# Тема\n\nЧто такое BLEU? :: n-gram precision\n".encode("utf-16"))
    done = prep("--db", str(tmp_path / "p.sqlite3"), "import", str(notes))
    assert done.returncode == 0 and "added 1" in done.stdout, done.stderr
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    error = one_line_error(prep("--db", str(tmp_path / "p.sqlite3"), "import", str(pipe)))
    assert "not a regular file" in error


def test_prep_check_refuses_a_huge_solution_before_grading_and_stores_nothing(tmp_path: Path) -> None:
    database = tmp_path / "p.sqlite3"
    huge = write(tmp_path / "solution.py", "x = 1\n" + "#" * (1 << 20) + "\n")
    assert prep("--db", str(database), "import", str(write(tmp_path / "n.md", "# N\n\nWhat is BLEU? :: n-gram precision\n"))).returncode == 0
    slug = json.loads(prep("--db", str(database), "drills", "--json").stdout)[0]["slug"]
    result = prep("--db", str(database), "check", slug, str(huge))
    assert result.returncode == 2 and "more than a solution can be" in result.stderr and "Traceback" not in result.stderr
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM attempts").fetchone()[0] == 0
    connection.close()
    folder = prep("--db", str(database), "check", slug, str(tmp_path))
    assert folder.returncode == 2 and "this is a folder" in folder.stderr


# ---- a read-only folder is read-only, not damage -------------------------------------------------------------


def _read_only_mount_works(folder: Path) -> bool:
    probe = subprocess.run(["unshare", "-m", "sh", "-c", f"mount --bind -o ro '{folder}' '{folder}' && ! touch '{folder}/x'"],
                           capture_output=True, check=False)
    return probe.returncode == 0


def test_an_intact_collection_in_a_read_only_folder_is_called_read_only_not_damaged(history: Path) -> None:  # noqa: F811 - the fixture imported above
    folder = history.parent
    if not _read_only_mount_works(folder):  # as root, only a read-only mount makes a folder read-only
        pytest.skip("no mount namespace to make a read-only folder in")
    for command in (["stats"], ["backup"], ["export"]):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        inner = " ".join(f"'{part}'" for part in (sys.executable, "-m", "prep", "--db", str(history), *command))
        result = subprocess.run(["unshare", "-m", "sh", "-c", f"mount --bind -o ro '{folder}' '{folder}' && {inner}"],
                                capture_output=True, text=True, env=env, timeout=60, check=False)
        assert result.returncode == 1 and len(result.stderr.splitlines()) == 1, result.stderr
        assert "read-only" in result.stderr and "damaged;" not in result.stderr and "restore a backup" not in result.stderr
    assert health.check(history).ok and answers(history) == 40
