"""The house: rooms named after what the learner does, each saying its one job, and no two rooms that need each other.

Imports are read from the code (every `import` and `from … import`, at module level, in functions and under
TYPE_CHECKING alike): a cycle is two pieces that cannot be understood apart, whichever way it is spelled.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "prep"
ROOT_MODULES = {"__init__", "__main__", "cli", "service", "errors"}  # the command, the core's one face, the one error type


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py") if "_bundled" not in p.parts}


def import_graph() -> dict[str, set[str]]:
    """Module → the prep modules it imports."""
    modules = _modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
            for target in targets:
                while target not in modules and "." in target:
                    target = target.rpartition(".")[0]
                if target in modules and target != name and target.startswith("prep"):
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            part = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                part.append(other)
                if other == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(set(graph) | {n for targets in graph.values() for n in targets}):
        if node not in index:
            visit(node)
    return found


def rooms(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The same graph between rooms: prep.review.queue is in prep.review; a root module is a room of its own."""
    def room(name: str) -> str:
        return ".".join(name.split(".")[:2])

    between: dict[str, set[str]] = defaultdict(set)
    for name, targets in graph.items():
        between[room(name)] |= {room(t) for t in targets if room(t) != room(name)}
    return between


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}}) == []


def test_no_two_modules_import_each_other() -> None:
    assert cycles(import_graph()) == []


def test_no_two_rooms_need_each_other() -> None:
    assert cycles(rooms(import_graph())) == []


def test_the_root_holds_the_command_the_face_of_the_core_and_rooms() -> None:
    loose = {p.stem for p in PACKAGE.glob("*.py")} - ROOT_MODULES
    assert not loose, f"modules at prep/'s root that belong in a room: {sorted(loose)}"


def test_each_room_opens_with_its_job() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 5, f"{init.relative_to(ROOT)}: say in a docstring what this room is for"


def test_the_screens_and_the_command_reach_the_collection_only_through_the_service() -> None:
    """prep.tui and prep.cli read and write cards, answers and drills through prep.service, never by opening the
    database, its tables or its ORM themselves (a damaged file's check and restore, before any service, are
    prep.store's own: health, backups, restore)."""
    inner = {"prep.store.database", "prep.store.models", "prep.store.tables", "prep.store.writes", "prep.store.sql",
             "prep.store.importer", "prep.store.daily", "prep.store.snapshot"}
    graph = import_graph()
    reached = sorted((name, target) for name, targets in graph.items() if name == "prep.cli" or name.startswith("prep.tui")
                     for target in targets & inner)
    assert reached == []
