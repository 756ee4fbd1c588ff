"""Parsed stylesheets kept between runs, as Python keeps compiled modules in `.pyc` files.

Textual parses `prep.tcss` and the default CSS of every widget class on each start: about a
third of what prep's own start-up costs on the way to the first card (bench/startup.py). The
parse of a given text, with a given theme, by a given Textual, always gives the same rules, so
the rules are stored in the user's cache folder and read back on the next start.

The file holds what the parses depend on besides their text: the theme's variables and the
Textual and Python that parsed them (another theme or an upgrade and the file is not used);
each entry holds the text it was parsed from (a changed stylesheet is parsed again). A cache
that cannot be read or written is never an error: the stylesheet is parsed as without it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from pathlib import Path

import textual
from textual.css.model import RuleSet
from textual.css.stylesheet import CSSLocation, Stylesheet

FORMAT = 1  # of the file; bumped when its layout changes
MAX_ENTRIES = 400  # prep and the widgets it uses have about 100 sources; more are old texts of them

Source = tuple[CSSLocation, bool, int, str]  # where the text was read from, default CSS?, tie breaker, scope
Entry = tuple[str, bytes]  # the text, its rules pickled


class CachedStylesheet(Stylesheet):
    """Textual's stylesheet, whose parses come from `path` when it has them."""

    def __init__(self, path: Path, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self.path = path
        self._stored: dict[Source, Entry] | None = None  # read on the first parse
        self._added: dict[Source, Entry] = {}  # parsed in this run, not stored yet

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)  # another theme: what was read or parsed with the old one is of no use
        self._stored, self._added = None, {}

    def _parse_rules(self, css: str, read_from: CSSLocation, is_default_rules: bool = False,
                     tie_breaker: int = 0, scope: str = "") -> list[RuleSet]:
        if (css, read_from, is_default_rules, tie_breaker, scope) in self._parse_cache:
            return super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        source = (read_from, is_default_rules, tie_breaker, scope)
        stored = self._read().get(source)
        if stored is not None and stored[0] == css:
            try:
                rules: list[RuleSet] = pickle.loads(stored[1])  # noqa: S301 - written by prep, in the user's own folder
            except Exception:  # noqa: BLE001, S110 - a damaged entry is parsed again
                pass
            else:
                self._parse_cache[(css, *source)] = rules
                return rules
        rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        if not any(rule.errors for rule in rules):  # a stylesheet with errors is reported each time, never stored
            try:
                self._added[source] = (css, pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL))
            except Exception:  # noqa: BLE001, S110 - not storable: parsed each time, as without the cache
                pass
        return rules

    def _header(self) -> tuple[object, ...]:
        return FORMAT, _versions(), sorted(self._variables.items())

    def _read(self) -> dict[Source, Entry]:
        if self._stored is None:
            self._stored = {}
            try:
                with self.path.open("rb") as file:
                    header, entries = pickle.load(file)  # noqa: S301 - see above
                if header == self._header() and isinstance(entries, dict):
                    self._stored = entries
            except Exception:  # noqa: BLE001, S110 - missing, damaged or of another theme or Textual: parse
                pass
        return self._stored

    def save(self) -> None:
        """Store what this run parsed with what was stored; nothing when nothing is new. Never raises."""
        if not self._added:
            return
        entries = {**self._read(), **self._added}
        if len(entries) > MAX_ENTRIES:  # sources of the past: keep this stylesheet's own
            entries = {**{source: entries[source] for source in self._sources() if source in entries}, **self._added}
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with partial.open("wb") as file:
                pickle.dump((self._header(), entries), file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, self.path)  # whole or not at all: another prep reading it sees one or the other
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            return
        self._stored, self._added = entries, {}

    def _sources(self) -> list[Source]:
        return [(read_from, is_default, tie_breaker, scope)
                for read_from, (_css, is_default, tie_breaker, scope) in self.source.items()]


def _versions() -> tuple[str, ...]:
    """This Textual (its installed files: asking the package metadata for its version costs 3 ms) and this Python."""
    global _VERSIONS  # noqa: PLW0603 - read once
    if _VERSIONS is None:
        installed = os.stat(textual.__file__)
        _VERSIONS = (textual.__file__, str(installed.st_mtime_ns), str(installed.st_size), sys.version)
    return _VERSIONS


_VERSIONS: tuple[str, ...] | None = None
