"""Known mistakes: the wrong solutions people really write for a drill, kept as code in its `mistakes.py`.

Every public function of `exercises/<slug>/mistakes.py` is one mistake, written as the learner would write it
(same signature as the entry point); its docstring's first paragraph says what went wrong, in the words an
interviewer would use ("you took the row max before masking: ..."). They serve twice:

- tests/test_drill_mistakes.py grades each one under 50 seeds and requires a failure under every one:
  the verdict on a mistake must never depend on the seed;
- when a learner's failing output is what a known mistake gives on that case, the report names the mistake.

Mistakes are the drill's own trusted code: they run in the grading process, never in the sandbox.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import inspect
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from prep.drills import calling
from prep.drills.cases import Case, allclose
from prep.drills.catalog import Drill


@dataclass(frozen=True)
class Mistake:
    name: str
    says: str  # what the report tells the learner
    function: Callable[..., Any]


def mistakes_file(drill: Drill) -> Path:
    return drill.folder / "mistakes.py"


_loaded: dict[str, tuple[float, list[Mistake]]] = {}


def known_mistakes(drill: Drill) -> list[Mistake]:
    """The drill's mistakes in file order (none when it has no mistakes.py); loaded again when the file changes."""
    path = mistakes_file(drill)
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return []
    cached = _loaded.get(str(path))
    if cached and cached[0] == stamp:
        return cached[1]
    spec = importlib.util.spec_from_file_location(f"prep_drill_mistakes_{drill.slug.replace('-', '_')}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = [Mistake(name, _first_paragraph(function), function) for name, function in vars(module).items()
             if inspect.isfunction(function) and not name.startswith("_") and function.__module__ == module.__name__]
    _loaded[str(path)] = (stamp, found)
    return found


def _first_paragraph(function: Callable[..., Any]) -> str:
    doc = inspect.getdoc(function) or function.__name__.replace("_", " ")
    return " ".join(doc.split("\n\n", 1)[0].split())


@cache
def argument_names(reference: Path, entry: str) -> tuple[str, ...]:
    """The entry point's parameter names, read from the reference without running it."""
    try:
        tree = ast.parse(reference.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return ()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == entry:
            arguments = node.args
            return tuple(a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs])
    return ()


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    import numpy as np

    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def run_case(function: Callable[..., Any], case: Case, names: tuple[str, ...] = ()) -> tuple[str, Any]:
    """Grade one call in this process as the grader would: ("" or why it fails, the value or the error's text)."""
    import json

    from prep.drills.wire import from_plain, to_plain

    args, kwargs = calling.fresh(case.args), calling.fresh(case.kwargs)
    try:
        with _quiet():
            value, misuse = calling.call(function, args, kwargs)
    except Exception as error:  # noqa: BLE001 - a mistake may raise anything, as the learner's code may
        return f"{type(error).__name__}: {error}", error
    got = from_plain(json.loads(json.dumps(to_plain(value))))
    with _quiet():
        message = (case.check or allclose())(case, got) or ""
    if misuse:
        message = message or calling.misuse(misuse, names)
    return message, got


def failing_cases(function: Callable[..., Any], cases: list[Case], names: tuple[str, ...] = ()) -> list[str]:
    """The names of the cases `function` fails."""
    return [case.name for case in cases if run_case(function, case, names)[0]]


def name_the_mistake(drill: Drill, case: Case, got: Any, error: str | None) -> str:
    """What the report says when the learner's failing result on `case` is what a known mistake gives: its
    explanation, or "" when none matches. A mistake counts only where it is wrong too (it fails the case)."""
    names = argument_names(drill.reference, drill.entry)
    for mistake in known_mistakes(drill):
        reason, value = run_case(mistake.function, case, names)
        if not reason:
            continue
        if error is not None or isinstance(value, Exception):
            # The same exception with the same first words: "RuntimeError: view size is not compatible..."
            head = f"{type(value).__name__}: {str(value).splitlines()[0][:40]}" if str(value) else type(value).__name__
            if error is not None and isinstance(value, Exception) and error.startswith(head):
                return mistake.says
            continue
        as_expected = Case(case.name, case.args, value, case.check, case.kwargs)
        with contextlib.suppress(Exception), _quiet():
            if not (case.check or allclose())(as_expected, got):
                return mistake.says
    return ""
