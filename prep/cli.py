"""The `prep` command: the TUI by default, plus import, export, progress and settings for the shell."""

from __future__ import annotations

import gc
import json
import os
import sys
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from prep import __version__
from prep.errors import PrepError, UsageError
from prep.settings import paths
from prep.store import health
from prep.store.backups import (
    backup_dir,
    backup_line,
    clean_partials,
    daily_backup,
    describe,
    interrupted_restore,
    make_backup,
    study_backup,
)
from prep.store.location import database_path

if TYPE_CHECKING:
    import argparse

# The check before a command writes: quick_check in full up to this many seconds (it takes 0.5 s at
# 1,000,000 reviews, bench/backups.py); past it the start goes on and the copy each backup checks is the net.
FAST_CHECK_SECONDS = 3.0
SOLUTION_LIMIT = 256 << 10  # bytes: a drill's solution is a page or two; `prep check` refuses more before grading


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _parser() -> argparse.ArgumentParser:
    import argparse  # loaded for any command line but `prep` alone or with --db PATH (parse_args)

    parser = argparse.ArgumentParser(prog="prep", description="Flashcards from your notes, reviewed daily with FSRS.")
    parser.add_argument("--version", action="version", version=f"prep {__version__}")
    parser.add_argument("--db", metavar="PATH|URL", help="the collection: a SQLite file, or postgresql://USER@HOST/DBNAME "
                        "for one shared by several machines (default: $PREP_DB, else a file in the user data dir)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    reviewing = commands.add_parser("review", help="open the TUI (the default)")
    reviewing.add_argument("--deck", metavar="NAME", help="study this deck alone (`prep decks` lists them)")
    importing = commands.add_parser("import", help="add cards from Markdown notes (files or folders)")
    importing.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    importing.add_argument("--builtin", action="store_true", help="add the shipped deck (NLP/LLM interview notes, Russian)")
    importing.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    importing.add_argument("--dry-run", action="store_true",
                           help="print the cards it would make and the suggestions, by source line; store nothing (--json: one object)")
    inbox = commands.add_parser("inbox", help="the suggested cards, which are not scheduled until you accept them")
    inbox_actions = inbox.add_subparsers(dest="action", metavar="ACTION")
    accepting = inbox_actions.add_parser("accept", help="make the suggestion a card (as it is, or with --front/--back)")
    accepting.add_argument("id", metavar="ID", help="the suggestion's id, or its first characters")
    accepting.add_argument("--front", metavar="TEXT", help="the question, in your words")
    accepting.add_argument("--back", metavar="TEXT", help="the answer, in your words")
    inbox_actions.add_parser("drop", help="never offer this suggestion again").add_argument("id", metavar="ID")
    inbox.add_argument("--deck", metavar="NAME", help="only this deck's suggestions")
    inbox.add_argument("--json", action="store_true", help="print the suggestions as one JSON list")
    linting = commands.add_parser("lint", help="print each generated card's faults as FILE:LINE, to improve your notes")
    linting.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    linting.add_argument("--json", action="store_true", help="print the faults as JSON lines")
    exporting = commands.add_parser("export", help="every card as JSON or CSV, an Anki package, or a full backup")
    exporting.add_argument("--format", choices=["json", "csv", "apkg", "backup"], default="json")
    exporting.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE, not stdout (needed for apkg)")
    importing_backup = commands.add_parser("import-backup", help="restore a backup written by `prep export --format backup`")
    importing_backup.add_argument("file", type=Path, metavar="FILE")
    importing_backup.add_argument("--replace", action="store_true", help="replace what the database holds (a copy is kept first)")
    backing_up = commands.add_parser("backup", help="copy the database into the backups folder beside it")
    backing_up.add_argument("--list", action="store_true", help="list the backups, newest first")
    restoring = commands.add_parser("restore", help="put a backup in place of the database (the current one is kept)")
    restoring.add_argument("file", type=Path, metavar="FILE")
    copying = commands.add_parser("copy", help="copy a whole collection, e.g. from its SQLite file to a PostgreSQL server")
    copying.add_argument("source", metavar="SOURCE", help="a SQLite file or postgresql://USER@HOST/DBNAME")
    copying.add_argument("target", metavar="TARGET", help="a new or empty SQLite file or PostgreSQL database")
    copying.add_argument("--replace", action="store_true", help="replace a target that holds a collection (a backup of it is kept first)")
    decks = commands.add_parser("decks", help="list the decks; enable, disable or limit one")
    deck_actions = decks.add_subparsers(dest="action", metavar="ACTION")
    for action, text in (("enable", "study the deck again"), ("disable", "leave the deck out of the daily queue")):
        deck_actions.add_parser(action, help=text).add_argument("name", metavar="NAME")
    limiting = deck_actions.add_parser("limit", help="the deck's new cards a day (`default`: the new_per_day setting)")
    limiting.add_argument("name", metavar="NAME")
    limiting.add_argument("new_per_day", metavar="N")
    decks.add_argument("--json", action="store_true", help="print the list as JSON")
    listing = commands.add_parser("drills", help="list the coding drills and where you stand")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    checking = commands.add_parser("check", help="grade a drill solution (exit 0 pass, 1 fail, 2 usage or setup error)")
    checking.add_argument("slug", metavar="SLUG")
    checking.add_argument("file", nargs="?", type=Path, metavar="FILE", help="default: your workspace file for the drill")
    checking.add_argument("--json", action="store_true", help="print the report as one JSON object")
    checking.add_argument("--seed", type=int, metavar="N",
                          help="draw the random cases from seed N (a report shows its seed): reproduces that run")
    mocking = commands.add_parser("mock", help="a timed mock interview in the TUI; --last prints the last report")
    mocking.add_argument("--minutes", type=int, default=45, metavar="N", help="the time it takes (default 45)")
    mocking.add_argument("--topics", nargs="+", default=[], metavar="TOPIC", help="draw only from these headings of the notes")
    mocking.add_argument("--last", action="store_true", help="print the report of the last mock, not start one")
    mocking.add_argument("--json", action="store_true", help="with --last: print the report as one JSON object")
    progress = commands.add_parser("stats", help="progress: activity, forecast, retention, mastery, the interview")
    progress.add_argument("--json", action="store_true", help="print the numbers as one JSON object")
    optimizing = commands.add_parser("optimize", help="fit the scheduler to your answers (exit 0 even when nothing changes)")
    optimizing.add_argument("--dry-run", action="store_true", help="report the fit without saving it")
    configuring = commands.add_parser("config", help="show or change the settings")
    actions = configuring.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("show", help="print the settings in effect")
    setting = actions.add_parser("set", help="change one setting, e.g. `prep config set interview_date 2027-01-15`")
    setting.add_argument("key", metavar="KEY")
    setting.add_argument("value", metavar="VALUE", help='for interview_date, "" or none clears it')
    return parser


def _service(args: argparse.Namespace, checked: bool = False):  # noqa: ANN202 - imported late so `--help` stays instant
    from prep.service import PrepService
    from prep.settings.config import load_config

    config = load_config(paths.config_file())
    database = database_path(args.db)
    health.check_path(database)  # a path that cannot be a database says so first
    if isinstance(database, Path) and not database.exists() and _only_reads(args):
        raise _missing(database, args)
    if not checked and args.command != "export":  # export only reads: it may still save what a damaged file holds
        health.ensure_intact(database, FAST_CHECK_SECONDS)  # a damaged file is never written to
    return PrepService(database, config)


def _only_reads(args: argparse.Namespace) -> bool:
    """Commands with nothing to do on a collection that is not there (the lists, their actions on what is listed,
    stats, export, optimize): a missing one is reported, not created empty (a mistyped --db). A collection is started
    only by what adds to it: import, import-backup, check (it keeps the run), restore, and the TUI's first start."""
    return (args.command in ("export", "stats", "decks", "inbox", "drills", "optimize")
            or args.command == "mock" and bool(getattr(args, "last", False)))


def _missing(database: Path, args: argparse.Namespace) -> PrepError:
    return PrepError(f"{database}: no collection there (looked at {_whence(args)}); nothing was made. Pass --db "
                     "(or PREP_DB) the collection's file, or `prep import` notes to start one.")


def _whence(args: argparse.Namespace) -> str:
    return "--db" if args.db else "PREP_DB" if os.environ.get("PREP_DB") else "the default place"


def _print_import(report: dict[str, object], as_json: bool) -> None:
    if as_json:
        print(json.dumps(report, ensure_ascii=False))
        return
    print("added {added} · updated {updated} · unchanged {unchanged} · moved {moved} · retired {retired}".format(**report)
          + (" · {suggested} suggested: not scheduled until you accept them (`prep inbox`, or `i` on Today)".format(**report)
             if report.get("suggested") else ""))
    gaps = report["gaps"]
    if gaps:
        print(f"{len(gaps)} notes to write up:")  # type: ignore[arg-type]
        for gap in gaps[:LISTED]:  # type: ignore[index]
            print(f"  {gap['source']}  {gap['where']} ({gap['reason']})")
        _more(len(gaps), "notes to write up")  # type: ignore[arg-type]
    reading = report.get("reading") or []
    if reading:
        print(f"{len(reading)} to read:")  # type: ignore[arg-type]
        for item in reading[:LISTED]:  # type: ignore[index]
            print(f"  {item['source']}  {item['text']}  {item['url']}".rstrip())
        _more(len(reading), "to read")  # type: ignore[arg-type]


LISTED = 20  # a long list is a wall, not a to-do list: the rest is one command away


def _more(count: int, what: str) -> None:
    if count > LISTED:
        print(f"  … and {count - LISTED} more {what}: `prep import --dry-run PATH` lists them all, `--json` too")


def _inbox(service, args: argparse.Namespace) -> None:  # noqa: ANN001 - the PrepService
    if args.action == "accept":
        card = service.accept_suggestion(args.id, utc_now(), args.front, args.back)
        print(f"accepted: card {card} is new in its deck's queue")
        return
    if args.action == "drop":
        service.drop_suggestion(args.id, utc_now())
        print("dropped: it will not be offered again")
        return
    offered = service.inbox(args.deck)
    if args.json:
        print(json.dumps([{**item._asdict(), "source": item.source, "doubt": item.doubt(), "to_write": item.to_write}
                          for item in offered], ensure_ascii=False))
        return
    for item in offered:
        print(f"{item.id[:8]}  {item.source}  [{item.deck}] {item.path}")
        print(f"          Q: {item.front.splitlines()[0] if item.front else '(to write: --front TEXT)' if item.to_write else ''}")
        print(f"          A: {item.back.splitlines()[0] if item.back else ''}")
        if (doubt := item.doubt()) is not None:
            print(f"          ⚠ {doubt}")
    writes = sum(item.to_write for item in offered)
    print(f"{len(offered) - writes} suggestions" + (f", {writes} facts to write a question for" if writes else "")
          + (": `prep inbox accept ID` or `prep inbox drop ID`, or `i` on Today" if offered
             else "; nothing waits in the inbox"))


def _decks(service, args: argparse.Namespace) -> None:  # noqa: ANN001 - the PrepService
    if args.action in ("enable", "disable"):
        service.decks.set_enabled(args.name, args.action == "enable")
        print(f"{args.name}: {args.action}d")
        return
    if args.action == "limit":
        from prep.decks.studied import parse_limit

        limit = parse_limit(args.new_per_day)
        service.decks.set_limit(args.name, limit)
        print(f"{args.name}: {'the default limit' if limit is None else f'{limit} new cards a day'}")
        return
    rows = service.decks.rows(utc_now())
    if args.json:
        print(json.dumps([row._asdict() for row in rows], ensure_ascii=False))
        return
    if not rows:
        print("No decks yet. Add your notes with `prep import PATH`, or the shipped deck with `prep import --builtin`.")
        return
    width = max(len(row.name) for row in rows)
    print(f"{'deck':{width}}  {'cards':>5}  {'new':>5}  {'learn':>5}  {'review':>6}  {'due':>5}  {'susp.':>5}  new/day")
    for r in rows:
        state = "" if r.enabled else "  (disabled)"
        limit = f"{r.new_per_day}" + ("" if r.own_limit else " (default)")
        print(f"{r.name:{width}}  {r.cards:>5}  {r.new:>5}  {r.learning:>5}  {r.review:>6}  {r.due:>5}  {r.suspended:>5}  {limit}{state}")


def _print_drills(rows: list, as_json: bool) -> None:  # noqa: ANN001 - rows are prep.practice.drill_service.DrillRow
    if as_json:
        print(json.dumps([{**asdict(r), "due": r.due.isoformat() if r.due else None} for r in rows], ensure_ascii=False))
        return
    width = max([len("drill"), *(len(r.slug) for r in rows)])  # whole names: a drill is run by its name
    last = max([6, *(len(r.last_result) for r in rows)])  # "12/16", "gave up", "syntax error"
    print(f"{'drill':{width}} {'level':7} {'status':7} {'last':>{last}}  due")
    for r in rows:
        due = r.due.isoformat() if r.due else ""
        print(f"{r.slug:{width}} {r.difficulty:7} {r.status:7} {r.last_result:>{last}}  {due}")


def _grade(drill, source: Path, seed: int | None, protect: tuple[Path, ...],  # noqa: ANN001, ANN202 - a Drill, a Report
           warm: bool = True):
    """With the warm grader when one runs or can be left behind (a check in a row is not a cold start), else here."""
    from prep.drills.client import warm_check

    seed = _seed(seed)
    report = warm_check(drill.slug, source.resolve(), drill.folder.parent, seed, protect) if warm else None
    if report is not None:
        return report
    from prep.drills.grader import Grader

    grader = Grader(protect=protect)
    grader.start()
    try:
        return grader.check(drill, source, seed=seed)
    finally:
        grader.close()


def _begin_check(args: argparse.Namespace):  # noqa: ANN202 - an EarlyCheck or None
    """Before the collection opens: grade the file given (one the checks below would refuse is not sent), or, for
    the workspace, whose path needs the collection, start the grader: neither waits for the database layer to load."""
    from prep.drills.catalog import get_drill
    from prep.drills.client import EarlyCheck, start_warm_grader

    source: Path | None = args.file
    try:
        slug = get_drill(args.slug).slug
        if source is None:
            start_warm_grader()  # it loads torch meanwhile
            return None
        _check_solution(source)  # a file it refuses waits for the check itself to say so, in its place
        database = database_path(args.db)
        return EarlyCheck(slug, source, None, _seed(args.seed), (database,) if isinstance(database, Path) else ())
    except (OSError, PrepError):  # said as it always is, by the check itself
        return None


def _seed(seed: int | None) -> int | None:
    if seed is None and os.environ.get("PREP_DRILL_SEED", "").strip():  # pinned in this shell, not the grader's
        from prep.drills.grader import new_seed

        return new_seed()
    return seed


def _check_solution(source: Path) -> None:
    """A file that cannot be a solution: one line, nothing graded or stored."""
    if source.is_dir():
        raise PrepError(f"{source}: this is a folder; give the path of your solution file.")
    if source.exists() and not source.is_file():
        raise PrepError(f"{source}: not a regular file (a pipe or a device); give the path of your solution file.")
    if not source.is_file():
        raise PrepError(f"{source}: no such file; give the path of your solution.")
    if source.stat().st_size > SOLUTION_LIMIT:  # it is kept with each attempt, in the collection and every backup
        raise PrepError(f"{source}: {source.stat().st_size:,} bytes is more than a solution can be "
                        f"({SOLUTION_LIMIT:,}); nothing was graded or stored.")


def _before_a_first_check(args: argparse.Namespace) -> None:
    """`prep check` on a collection not there yet: the drill and the file given are checked first, so a mistyped one
    is one line that starts no collection (a check that grades starts one: it keeps the run)."""
    from prep.drills.catalog import get_drill

    database = database_path(args.db)
    if isinstance(database, Path) and not database.exists():
        get_drill(args.slug)
        if args.file is not None:
            _check_solution(args.file)


def _check(service, args: argparse.Namespace, early=None) -> int:  # noqa: ANN001 - the PrepService, an EarlyCheck
    from prep.drills.report import PASS, render

    now = utc_now()
    drill = service.drills.drill(args.slug)
    source = args.file or service.drills.open(drill.slug, now)
    _check_solution(source)
    database = database_path(args.db)
    report = early.report(source, _seed(args.seed)) if early is not None else None
    report = report or _grade(drill, source, args.seed, (database,) if isinstance(database, Path) else (), early is None)
    recorded = service.drills.record(drill.slug, report, source.read_text(encoding="utf-8", errors="replace"), now)
    outcome = recorded.describe(report.status == PASS, service.drills.row(drill.slug, now).due)
    if args.json:
        print(json.dumps({**report.as_dict(), "file": str(source), "rating": recorded.rating, "practice": recorded.practice,
                          "outcome": outcome}, ensure_ascii=False))
    else:
        print(f"Graded {source}\n{render(report)}" + (f"\n{outcome}" if outcome else ""))
    return 0 if report.status == PASS else 1


def _print_stats(stats) -> None:  # noqa: ANN001 - a prep.progress.stats.Stats
    from rich.console import Console

    from prep.progress.charts import TRACK, leech_table, sections

    console = Console(highlight=False)
    for section in sections(stats):
        console.rule(f"[bold]{section.title}", align="left", style=TRACK)
        console.print(section.body)
    console.rule("[bold]Leeches", align="left", style=TRACK)
    console.print(leech_table(stats.leeches))


def _check_mock_args(args: argparse.Namespace) -> None:
    """`prep mock`'s options that cannot go together or are out of bounds: usage errors (exit 2), before any screen."""
    if args.json and not args.last:
        raise UsageError("--json prints a report: use it with --last (`prep mock --last --json`); a mock runs in the TUI.")
    if args.last and args.topics:
        raise UsageError("--topics picks the headings of a new mock; --last prints the last report as it was.")
    if not args.last and not 5 <= args.minutes <= 240:
        raise UsageError(f"--minutes {args.minutes}: a mock takes from 5 to 240 minutes.")


def _last_mock(service, as_json: bool) -> int:  # noqa: ANN001 - the PrepService
    report = service.mocks.last_report()
    if report is None:
        if as_json:
            print("null")
            return 0
        raise PrepError("no mock interview yet; `prep mock` starts one (m on the Today screen).")
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        from rich.console import Console
        from rich.markdown import Markdown

        from prep.mock.interview import report_text

        Console(highlight=False).print(Markdown(report_text(report)))
    return 0


def _optimize(service, dry_run: bool) -> None:  # noqa: ANN001 - the PrepService
    from prep.schedule import optimize
    from prep.schedule.memory import make_scheduler
    from prep.settings.config import set_value

    logs = optimize.to_logs(service.review_history())
    reason = optimize.too_few(logs)
    if reason:  # not an error: exit 0, as when a fit is not better
        print(reason)
        return
    print(optimize.describe(logs), flush=True)  # before the progress bar on stderr
    fit = optimize.fit_and_check(logs, make_scheduler(service.config).parameters, progress=True)
    print(fit.table())
    if not fit.better:
        print("Not saved: the fitted parameters predict the held-out cards no better than the current ones.")
    elif dry_run:
        print("Dry run: not saved; `prep optimize` would save them.")
    else:
        set_value(paths.config_file(), "fsrs_parameters", "[" + ", ".join(map(repr, fit.parameters)) + "]")
        print(f"Saved as fsrs_parameters in {paths.config_file()}; every command and the TUI schedule with them now "
              "(`prep config set fsrs_parameters none` goes back to fsrs's defaults).")


def _config(args: argparse.Namespace) -> None:
    from prep.settings.config import SETTINGS, load_config, set_value, setting_name, setting_text

    path = paths.config_file()
    if args.action == "show":
        print(f"# {path}{'' if path.exists() else ' (not written yet: all defaults)'}")
        config = load_config(path)
        for key in SETTINGS:
            value = getattr(config, key)
            print(f"# {key} = (not set)" if value is None else f"{key} = {setting_text(value)}")
        return
    config = set_value(path, args.key, args.value)
    key = setting_name(args.key)  # the file's spelling, whichever was typed
    value = getattr(config, key)
    print(f"{key} = {setting_text(value)}" if value is not None else f"{key} cleared")
    if config.interview_date or key == "interview_date":  # the plan for the interview is made again (or cleared)
        from prep.service import PrepService

        health.ensure_intact(database_path(args.db), FAST_CHECK_SECONDS)  # the plan is written to the database
        service = PrepService(database_path(args.db), config)
        try:
            plan = service.plan(utc_now())
        finally:
            service.close()
        if plan.extra_per_day:
            print(f"interview plan: {sum(plan.extra_per_day.values())} reviews added over {len(plan.extra_per_day)} days")
        if plan.unplaced:
            print(f"{plan.unplaced} cards found no room under reviews_per_day; raise it to review them before the interview")
        if plan.drills_per_day:
            print(f"interview plan: {sum(plan.drills_per_day.values())} drills pulled forward over {len(plan.drills_per_day)} days")
        if plan.drills_unplaced:
            print(f"{plan.drills_unplaced} drills found no room under drills_per_day; raise it to solve them before the interview")


def _backups(args: argparse.Namespace) -> int:
    database = database_path(args.db)
    health.check_path(database)
    if args.command == "restore":
        from prep.store.restore import restore

        replaced = restore(database, args.file)
        print(f"restored {database} from {args.file}"
              + (f"; the replaced database is kept as {replaced.kept}" if replaced.kept else "")
              + (f"; the damaged database was moved aside as {replaced.moved_aside}" if replaced.moved_aside else ""))
    elif args.list:
        found = describe(database, full=True)  # each checked again: one damaged since it was made shows as damaged
        for info in found:
            print(f"{info.path}  {backup_line(info)}")
        if not found:
            print(f"no backups yet in {backup_dir(database)}")
    else:
        if isinstance(database, Path) and not database.exists():
            raise _missing(database, args)  # a mistyped --db is not "nothing to back up yet"
        made = make_backup(database, "manual")
        print(made if made else f"{database}: nothing to back up yet.")
    return 0


def _preview(args: argparse.Namespace) -> int:
    from prep.decks import preview

    if args.command == "import":
        if args.json:
            print(json.dumps(preview.dry_run_json(args.paths), ensure_ascii=False))
            return 0
        for line in preview.dry_run(args.paths):
            print(line)
        return 0
    lines, total, faulty = preview.lint(args.paths, args.json)
    for line in lines:
        print(line)
    if not args.json:
        print(f"{total - faulty} of {total} cards clean ({(total - faulty) / total:.0%})" if total else "no cards")
    return 1 if faulty else 0


def _recover(args: argparse.Namespace) -> None:
    """The TUI's start: a database that fails the check gets the restore screen, and nothing is written to it."""
    database = database_path(args.db)
    health.check_path(database)
    found = health.check(database, FAST_CHECK_SECONDS)
    if found.ok:
        return
    from prep.tui.screens.restore import RecoveryApp

    gc.enable()  # the restore screen may stay up for a while (see _open_tui)
    if RecoveryApp(database, found.problem or "the database is damaged").run() is None:
        raise health.DamagedDatabase(health.damage_message(database, found.problem or "the database is damaged"))


def _tui_app(service, args: argparse.Namespace):  # noqa: ANN001, ANN202 - the PrepService and the PrepApp, imported late
    """The TUI on `service`, once the day's backup is there, the built-in deck is up to date and the interview plan
    is made again (each from the cards' new states)."""
    from prep.tui.app import PrepApp

    if isinstance(service.database, Path):  # a server's is taken in the background by the TUI (prep.tui.app)
        daily_backup(service.database)
    service.sync_builtin(utc_now())
    service.replan(utc_now())
    deck = getattr(args, "deck", None)
    if deck is not None and deck not in service.decks.enabled_names():
        known = ", ".join(service.decks.enabled_names()) or "none yet"
        raise UsageError(f"no deck {deck!r} to study; studied decks: {known}. `prep decks` lists them all.")
    mock = (args.minutes, args.topics) if args.command == "mock" else None
    if mock is not None:
        service.mocks.check_ready(args.topics, utc_now())  # nothing to ask, an unknown heading: one line, no screen
    return PrepApp(service, clock=utc_now, deck=deck, mock=mock)


def _open_tui(args: argparse.Namespace):  # noqa: ANN202 - (PrepService, PrepApp), imported late
    """`prep` (or review, or mock) up to its first screen: the settings read, the database checked (a damaged one
    gets the restore screen), opened, and the app made (_tui_app).

    Python's cyclic garbage collector waits from here until a moment after the first screen (the app turns it back on:
    prep.tui.app): what starting builds (Textual's and SQLAlchemy's modules, styles, statements) lives as long as the
    process, and collecting on the way walks it for nothing (a few ms)."""
    from prep.settings.config import load_config

    gc.disable()
    service = None
    try:
        load_config(paths.config_file())  # a setting out of bounds is one line before any screen
        _recover(args)
        service = _service(args, checked=True)
        return service, _tui_app(service, args)
    except BaseException:
        gc.enable()
        if service is not None:
            service.close()
        raise


def start_tui(argv: list[str]):  # noqa: ANN201 - (PrepService, PrepApp), imported late
    """What `prep` with these arguments does before its first screen, as `run` does it, and the app it would then run:
    bench/startup.py starts prep this way, so that it times all that a user waits for."""
    args = parse_args(argv)
    clean_partials(database_path(args.db))
    return _open_tui(args)


def _run_tui(service, app) -> int:  # noqa: ANN001 - the PrepService and the PrepApp
    app.run()
    crashed = None
    if app.crashes:  # one line (main prints it), the tracebacks in a file: what the TUI showed as saved is saved
        first, report = app.crashes[0], app.crash_report()
        crashed = PrepError(f"the TUI stopped on an unexpected error ({type(first).__name__}: {first}); every answer it "
                            "showed as saved is saved. " + (f"The details are in {report}; please report them with it."
                                                            if report else "Please report it."))
    if app.damaged and crashed is None:
        raise health.DamagedDatabase(app.damaged)
    if app.pending.waiting:  # the server went away (or another program held the file): nothing is lost, and where it waits is said
        kept = len(app.pending.waiting)
        away = "was held by another program" if isinstance(service.database, Path) else "could not be reached"
        print(f"prep: {kept} answer{'s' if kept != 1 else ''} not saved yet: {service.database} {away}. "
              f"They are kept in {app.pending.journal.path} and saved when prep next starts.", file=sys.stderr)
        if crashed is None:
            return 1
    if crashed is not None:
        raise crashed
    study_backup(service.database, utc_now(), session_ended=True)  # like Anki, a backup on closing after study
    return 0


def run(args: argparse.Namespace) -> int:
    if args.command == "config":
        _config(args)
        return 0
    if args.command == "copy":
        from prep.store.copy import copy_collection
        from prep.store.location import parse

        print(copy_collection(parse(args.source), parse(args.target), replace=args.replace).line())
        return 0
    clean_partials(database_path(args.db))  # what a killed backup or restore left behind
    if args.command != "restore":  # a restore killed on the way: said before anything opens the collection
        interrupted_restore(database_path(args.db))
    if args.command in ("backup", "restore"):
        return _backups(args)
    if args.command == "lint" or (args.command == "import" and getattr(args, "dry_run", False)):
        return _preview(args)
    if args.command == "mock":
        _check_mock_args(args)
    if args.command in (None, "review") or (args.command == "mock" and not args.last):
        service, app = _open_tui(args)
        try:
            if args.command == "mock" and not (sys.stdin.isatty() and sys.stdout.isatty()):
                raise UsageError("a mock interview runs in a terminal; `prep mock --last --json` prints the last report.")
            return _run_tui(service, app)
        finally:
            service.close()
    if args.command == "check":
        _before_a_first_check(args)
    if args.command == "import" and not args.paths and not args.builtin:  # before a collection is started for it
        raise UsageError("give the notes to import (Markdown files or folders), or --builtin for the shipped deck.")
    early = _begin_check(args) if args.command == "check" else None  # grading starts while the collection opens
    service = _service(args)
    try:
        if args.command == "import":
            if args.builtin:
                _print_import(service.add_builtin(utc_now()).as_dict(), args.json)
            if args.paths:
                _print_import(service.import_paths(args.paths, utc_now()).as_dict(), args.json)
        elif args.command == "decks":
            _decks(service, args)
        elif args.command == "inbox":
            _inbox(service, args)
        elif args.command in ("export", "import-backup"):
            from prep import interop

            done = (interop.export(service, args.format, args.output, utc_now()) if args.command == "export"
                    else interop.restore(service, args.file, args.replace, utc_now()))
            if done:
                print(done)
        elif args.command == "drills":
            _print_drills(service.drills.rows(utc_now()), args.json)
        elif args.command == "check":
            return _check(service, args, early)
        elif args.command == "mock" and args.last:
            return _last_mock(service, args.json)
        elif args.command == "optimize":
            _optimize(service, args.dry_run)
        elif args.command == "stats":
            now = utc_now()
            service.plan(now)  # so the forecast shows the reviews planned for the interview
            stats = service.stats(now)
            if args.json:
                print(json.dumps(stats.as_dict(), ensure_ascii=False))
            else:
                _print_stats(stats)
    finally:
        service.close()
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line. `prep` alone, or with --db PATH, is most runs (the TUI): it is read by hand, and argparse and
    the parser of every command (3-5 ms of each start, bench/startup.py) are loaded only to read anything else."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        return SimpleNamespace(db=None, command=None)  # type: ignore[return-value] # what argparse gives
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return SimpleNamespace(db=argv[1], command=None)  # type: ignore[return-value]
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > len("--db="):
        return SimpleNamespace(db=argv[0][len("--db="):], command=None)  # type: ignore[return-value]
    return _parser().parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except PrepError as error:
        from prep.store.location import scrub, secrets

        # No password reaches the screen from any part of a URL or PGPASSWORD, whatever said the line.
        hidden = secrets(getattr(args, "db", None), os.environ.get("PREP_DB"), getattr(args, "source", None),
                         getattr(args, "target", None))
        print(f"prep: error: {scrub(str(error), hidden)}", file=sys.stderr)
        return 2 if args.command == "check" or isinstance(error, UsageError) else 1  # check's codes: 1 is a failing solution
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `prep export | head` closed the pipe early: not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's final flush quiet
        return 0
