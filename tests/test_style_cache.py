"""Parsed stylesheets kept between runs (prep.tui.style_cache): the same rules as a parse, or a parse."""

from __future__ import annotations

import pickle
from datetime import datetime
from pathlib import Path

import pytest
from textual.css import stylesheet
from textual.css.parse import parse
from textual.pilot import Pilot
from textual.theme import BUILTIN_THEMES

from prep.service import PrepService
from prep.tui.app import PrepApp
from prep.tui.screens.review import ReviewScreen
from prep.tui.style_cache import MAX_ENTRIES, CachedStylesheet
from tests.conftest import DECK, ROOT
from tests.pilot import IdleGrader, drive, press

CSS = (ROOT / "prep" / "tui" / "prep.tcss").read_text(encoding="utf-8")
SOURCE = ("prep.tcss", "")
NORD = BUILTIN_THEMES["nord"].to_color_system().generate()  # the variables prep.tcss is parsed with


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Where Textual's own parser was asked to parse from."""
    seen: list[tuple[str, str]] = []

    def counting(scope: str, css: str, read_from: tuple[str, str], *args: object, **kwargs: object) -> object:
        seen.append(read_from)
        return parse(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(stylesheet, "parse", counting)
    return seen


def rules_css(sheet: stylesheet.Stylesheet, css: str = CSS) -> list[str]:
    return [rule.css for rule in sheet._parse_rules(css, SOURCE)]


def test_a_second_run_reads_the_rules_the_first_parsed(tmp_path: Path, parses: list[tuple[str, str]]) -> None:
    path = tmp_path / "styles.pickle"
    first = CachedStylesheet(path, variables=NORD)
    parsed = rules_css(first)
    assert parses == [SOURCE] and not path.exists()  # stored when asked to: the app does it once the card is up
    first.save()
    assert path.exists()

    second = CachedStylesheet(path, variables=NORD)
    assert rules_css(second) == parsed
    assert parses == [SOURCE]  # not parsed again
    assert parsed == rules_css(stylesheet.Stylesheet(variables=NORD))  # and what a plain stylesheet makes of it


def test_a_changed_text_another_theme_or_another_textual_is_parsed_again(tmp_path: Path, parses: list[tuple[str, str]],
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "styles.pickle"
    first = CachedStylesheet(path, variables=NORD)
    rules_css(first)
    first.save()

    edited = CSS.replace("#today", "#today-edited", 1)
    assert "#today-edited" in "".join(rules_css(CachedStylesheet(path, variables=NORD), edited))
    assert len(parses) == 2

    rules_css(CachedStylesheet(path, variables={**NORD, "primary": "#FF0000"}))
    assert len(parses) == 3

    monkeypatch.setattr("prep.tui.style_cache._VERSIONS", ("another textual",))
    rules_css(CachedStylesheet(path, variables=NORD))
    assert len(parses) == 4


def test_a_theme_changed_while_running_does_not_store_the_old_themes_rules(tmp_path: Path, parses: list[tuple[str, str]]) -> None:
    path = tmp_path / "styles.pickle"
    sheet = CachedStylesheet(path, variables=NORD)
    rules_css(sheet)
    other = {**NORD, "primary": "#FF0000"}
    sheet.set_variables(other)
    sheet.save()
    assert not path.exists()  # nothing parsed with the theme now in use
    rules_css(sheet)
    sheet.save()
    rules_css(CachedStylesheet(path, variables=other))
    assert len(parses) == 2


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps("a string"), pickle.dumps((1, 2, 3))])
def test_a_damaged_cache_is_parsed_past_and_replaced(tmp_path: Path, parses: list[tuple[str, str]], content: bytes) -> None:
    path = tmp_path / "styles.pickle"
    path.write_bytes(content)
    sheet = CachedStylesheet(path, variables=NORD)
    assert rules_css(sheet) == rules_css(stylesheet.Stylesheet(variables=NORD))
    sheet.save()
    rules_css(CachedStylesheet(path, variables=NORD))
    assert parses == [SOURCE, SOURCE]  # the damaged file and the plain stylesheet; the new file is read


def test_a_damaged_entry_is_parsed_again(tmp_path: Path, parses: list[tuple[str, str]]) -> None:
    path = tmp_path / "styles.pickle"
    sheet = CachedStylesheet(path, variables=NORD)
    rules_css(sheet)
    sheet.save()
    header, entries = pickle.loads(path.read_bytes())
    path.write_bytes(pickle.dumps((header, {source: (css, b"garbage") for source, (css, _) in entries.items()})))
    assert rules_css(CachedStylesheet(path, variables=NORD)) == rules_css(stylesheet.Stylesheet(variables=NORD))


def test_a_stylesheet_with_errors_is_never_stored(tmp_path: Path) -> None:
    sheet = CachedStylesheet(tmp_path / "styles.pickle", variables=NORD)
    sheet.add_source("Screen { colour: red; }", ("broken.tcss", ""))
    with pytest.raises(stylesheet.StylesheetParseError):
        sheet.parse()
    sheet.save()
    assert not (tmp_path / "styles.pickle").exists()


def test_a_folder_that_cannot_be_written_costs_nothing_but_the_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    sheet = CachedStylesheet(blocker / "prep" / "styles.pickle", variables=NORD)
    rules_css(sheet)
    sheet.save()  # no error
    assert list(tmp_path.iterdir()) == [blocker]


def test_old_sources_are_dropped_once_the_file_holds_too_many(tmp_path: Path) -> None:
    path = tmp_path / "styles.pickle"
    for n in range(MAX_ENTRIES):
        sheet = CachedStylesheet(path, variables=NORD)
        sheet._parse_rules(f"#w{n} {{ width: {n % 50 + 1}; }}", (f"widget-{n}", ""))
        sheet.save()
        assert len(pickle.loads(path.read_bytes())[1]) == n + 1
    sheet = CachedStylesheet(path, variables=NORD)
    sheet._parse_rules("#last { width: 1; }", ("the-last", ""))
    sheet.save()
    assert list(pickle.loads(path.read_bytes())[1]) == [(("the-last", ""), False, 0, "")]


def test_the_app_stores_its_stylesheets_and_the_next_start_parses_none(service: PrepService, now: datetime, tmp_path: Path,
                                                                        parses: list[tuple[str, str]],
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """prep.tcss and every widget's default CSS on the way to the first card come from the cache the second time."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    service.import_paths([DECK], now)

    def run() -> None:
        app = PrepApp(service, lambda: now, grader=IdleGrader())  # type: ignore[arg-type]

        async def scenario(pilot: Pilot) -> None:
            await press(pilot, "enter")
            assert isinstance(app.screen, ReviewScreen) and app.screen.card is not None

        drive(app, scenario)

    run()
    assert any(read_from[0].endswith("prep.tcss") for read_from in parses)
    parses.clear()
    run()
    assert parses == []
    assert (tmp_path / "cache" / "prep" / "styles.pickle").exists()
