"""Mutation proof of the hidden cases: do they catch small bugs in a right solution?

For every drill in exercises/ (the new ones too, by just existing), each `reference.py` is mutated one
small edit at a time by an AST mutator: arithmetic and comparison operators, constants and their
off-by-ones, axes and keyword arguments, min/max-style swaps, dropped terms, calls and statements,
slice bounds. A mutant is run in this process on:

1. the hidden cases (`cases(seed)`), checked as the grader checks them: a failing case kills it;
2. if it survives, a few thousand random valid inputs from the drill's `random_inputs(rng)` in cases.py,
   compared with the reference: a mutant that agrees with the reference on all of them is *equivalent*
   (it computes the same function, so no case can kill it) and is dropped. "Agrees" is `same()` below (the
   loosest grading tolerance; a list and a tuple alike), or the drill's own `equivalent(args, kwargs,
   expected, got) -> bool` in cases.py when its statement allows more than one right answer.

kill rate = killed / (killed + non-equivalent survivors). Every drill must reach 95% (tests/drills/
test_mutation.py checks it on a sample of mutants; this script runs them all). One JSON line per drill:
name, value (kill rate, %), unit, plus the counts and each survivor's description.

Run: python bench/mutants.py [SLUG ...] [--inputs N] [--sample N]
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import importlib.util
import json
import math
import signal
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from prep.drills.cases import Case, allclose  # noqa: E402
from prep.drills.catalog import Drill, all_drills  # noqa: E402
from prep.drills.hidden import load_cases  # noqa: E402
from prep.drills.wire import from_plain, to_plain  # noqa: E402

TARGET = 95.0
CALL_SECONDS = 5.0  # a mutant that loops (a changed loop bound) is stopped and counts as different

# ---- the mutator --------------------------------------------------------------------------------

_BINOP_SWAPS: dict[type, tuple[type, ...]] = {
    ast.Add: (ast.Sub,), ast.Sub: (ast.Add,), ast.Mult: (ast.Div,), ast.Div: (ast.Mult, ast.FloorDiv),
    ast.FloorDiv: (ast.Div, ast.Mult), ast.Pow: (ast.Mult,), ast.Mod: (ast.FloorDiv,),
    ast.BitAnd: (ast.BitOr,), ast.BitOr: (ast.BitAnd,), ast.MatMult: (ast.Mult,),
}
_COMPARE_SWAPS: dict[type, tuple[type, ...]] = {
    ast.Lt: (ast.LtE, ast.Gt), ast.LtE: (ast.Lt, ast.GtE), ast.Gt: (ast.GtE, ast.Lt), ast.GtE: (ast.Gt, ast.LtE),
    ast.Eq: (ast.NotEq,), ast.NotEq: (ast.Eq,), ast.Is: (ast.IsNot,), ast.IsNot: (ast.Is,),
    ast.In: (ast.NotIn,), ast.NotIn: (ast.In,),
}
_NAME_SWAPS = {
    "max": "min", "min": "max", "amax": "amin", "amin": "amax", "argmax": "argmin", "argmin": "argmax",
    "maximum": "minimum", "minimum": "maximum", "sum": "mean", "mean": "sum", "tril": "triu", "triu": "tril",
    "sin": "cos", "cos": "sin", "exp": "log", "log": "exp", "all": "any", "any": "all", "floor": "ceil",
    "ceil": "floor", "cumsum": "cumprod", "flatnonzero": "argsort", "isin": "equal", "setdiff1d": "intersect1d",
    "intersect1d": "setdiff1d", "ones": "zeros", "zeros": "ones", "ones_like": "zeros_like", "zeros_like": "ones_like",
    "sorted": "reversed", "swapaxes": "transpose", "log1p": "log", "var": "std", "std": "var",
}


@dataclass
class Mutant:
    description: str  # "line 7: + → -"
    source: str


def _describe(node: ast.AST) -> str:
    with contextlib.suppress(Exception):
        text = ast.unparse(node)
        return text if len(text) <= 60 else text[:57] + "..."
    return type(node).__name__


def _replacements(node: ast.AST, parent: ast.AST | None) -> Iterator[tuple[str, ast.AST | None]]:
    """(what changes, the new node; None deletes a statement) for one node."""
    if isinstance(node, ast.BinOp):
        for new in _BINOP_SWAPS.get(type(node.op), ()):
            yield f"{type(node.op).__name__} → {new.__name__}", ast.BinOp(node.left, new(), node.right)
        if isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)):
            yield f"drop the right term of {_describe(node)}", node.left
        if isinstance(node.op, (ast.Add, ast.Mult)):
            yield f"drop the left term of {_describe(node)}", node.right
    elif isinstance(node, ast.AugAssign):
        for new in _BINOP_SWAPS.get(type(node.op), ()):
            yield f"{type(node.op).__name__}= → {new.__name__}=", ast.AugAssign(node.target, new(), node.value)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.Not, ast.Invert)):
        yield f"drop the {type(node.op).__name__} of {_describe(node)}", node.operand
    elif isinstance(node, ast.Compare) and len(node.ops) == 1:
        for new in _COMPARE_SWAPS.get(type(node.ops[0]), ()):
            yield f"{type(node.ops[0]).__name__} → {new.__name__}", ast.Compare(node.left, [new()], node.comparators)
    elif isinstance(node, ast.BoolOp):
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield f"{type(node.op).__name__} → {type(other).__name__}", ast.BoolOp(other, node.values)
        for index in range(len(node.values)):
            rest = [v for i, v in enumerate(node.values) if i != index]
            yield f"drop {_describe(node.values[index])} from {_describe(node)}", rest[0] if len(rest) == 1 else ast.BoolOp(node.op, rest)
    elif isinstance(node, ast.Constant) and not isinstance(parent, ast.Expr):
        value = node.value
        if isinstance(value, bool):
            yield f"{value} → {not value}", ast.Constant(not value)
        elif isinstance(value, int):
            yield f"{value} → {value + 1}", ast.Constant(value + 1)
            yield f"{value} → {value - 1}", ast.Constant(value - 1)
        elif isinstance(value, float) and math.isfinite(value):
            yield f"{value} → {value * 2 if value else 1.0}", ast.Constant(value * 2 if value else 1.0)
            if value:
                yield f"{value} → {value / 2}", ast.Constant(value / 2)
    elif isinstance(node, ast.Call):
        for index, keyword in enumerate(node.keywords):
            if keyword.arg is not None:
                rest = node.keywords[:index] + node.keywords[index + 1:]
                yield f"drop {keyword.arg}= from {_describe(node)}", ast.Call(node.func, node.args, rest)
        name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id if isinstance(node.func, ast.Name) else None
        if name in _NAME_SWAPS:
            swapped = _NAME_SWAPS[name]
            func = (ast.Attribute(node.func.value, swapped, ast.Load()) if isinstance(node.func, ast.Attribute)
                    else ast.Name(swapped, ast.Load()))
            yield f"{name}() → {swapped}()", ast.Call(func, node.args, node.keywords)
        if len(node.args) == 1 and not node.keywords and not isinstance(node.args[0], ast.Starred):
            yield f"drop the call {_describe(node.func)}(...)", node.args[0]
        if isinstance(node.func, ast.Attribute) and not node.args and not node.keywords:
            yield f"drop the method call .{node.func.attr}()", node.func.value
    elif isinstance(node, ast.Slice):
        if node.lower is not None:
            yield f"drop the slice start of {_describe(node)}", ast.Slice(None, node.upper, node.step)
        if node.upper is not None:
            yield f"drop the slice end of {_describe(node)}", ast.Slice(node.lower, None, node.step)
    elif isinstance(node, ast.Subscript) and not isinstance(node.slice, (ast.Slice, ast.Tuple, ast.Constant)):
        for delta, op in ((1, ast.Add()), (-1, ast.Sub())):
            shifted = ast.BinOp(node.slice, op, ast.Constant(1))
            yield f"off by one: {_describe(node)} → index {'+' if delta > 0 else '-'} 1", ast.Subscript(node.value, shifted, node.ctx)
    elif isinstance(node, ast.If):
        yield f"negate the condition {_describe(node.test)}", ast.If(ast.UnaryOp(ast.Not(), node.test), node.body, node.orelse)
    if isinstance(node, (ast.AugAssign, ast.Expr)) or (
            isinstance(node, ast.Assign) and any(isinstance(t, ast.Subscript) for t in node.targets)):
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):  # not a docstring
            yield f"delete the statement {_describe(node)}", None


def _parents(tree: ast.AST) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _replace(parent: ast.AST, old: ast.AST, new: ast.AST | None) -> None:
    for name, value in ast.iter_fields(parent):
        if value is old:
            setattr(parent, name, new)
            return
        if isinstance(value, list):
            for index, item in enumerate(value):
                if item is old:
                    if new is None:
                        del value[index]
                        if not value:
                            value.append(ast.Pass())
                    else:
                        value[index] = new
                    return


def mutants(source: str) -> list[Mutant]:
    """Every single-edit mutant of `source` that still compiles, skipping imports and docstrings."""
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.arguments)) or (
                isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
            skip.update(id(n) for n in ast.walk(node.returns))  # an annotation changes nothing at run time
        if isinstance(node, ast.AnnAssign):
            skip.update(id(n) for n in ast.walk(node.annotation))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "ValueError":
            skip.update(id(n) for n in ast.walk(node))  # the message of an error for invalid input
    originals = list(ast.walk(tree))
    parents = _parents(tree)
    found: list[Mutant] = []
    seen: set[str] = set()
    for index, node in enumerate(originals):
        if id(node) in skip:
            continue
        for description, _ in _replacements(node, parents.get(id(node))):
            copy_tree = copy.deepcopy(tree)
            target = list(ast.walk(copy_tree))[index]
            copy_parents = _parents(copy_tree)
            replacement = next(r for d, r in _replacements(target, copy_parents.get(id(target))) if d == description)
            parent = copy_parents.get(id(target))
            if parent is None:
                continue
            _replace(parent, target, replacement)
            ast.fix_missing_locations(copy_tree)
            try:
                text = ast.unparse(copy_tree)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # a mutant may be odd code ("generator is not subscriptable")
                    compile(text, "<mutant>", "exec")
            except (SyntaxError, ValueError, TypeError, RecursionError):
                continue
            if text in seen:
                continue
            seen.add(text)
            found.append(Mutant(f"line {getattr(node, 'lineno', '?')}: {description}", text))
    return found


# ---- running functions in this process ------------------------------------------------------------


class _Timeout(Exception):
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise _Timeout


def call(function: Callable[..., Any], args: tuple, kwargs: dict) -> tuple[bool, Any]:
    """(True, the value as the grader would receive it) or (False, the exception's name)."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, CALL_SECONDS)
    try:
        with open_errstate():
            value = function(*copy.deepcopy(args), **copy.deepcopy(kwargs))
        return True, from_plain(json.loads(json.dumps(to_plain(value))))
    except Exception as error:  # noqa: BLE001 - a mutant may raise anything
        return False, type(error).__name__
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def open_errstate() -> Iterator[None]:
    import numpy as np

    with np.errstate(all="ignore"), contextlib.suppress():
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield


RTOL, ATOL = 1e-5, 1e-8  # the loosest tolerance a drill grades with: differences below it cannot fail a case


def same(a: Any, b: Any) -> bool:
    """Equal as the statements define outputs: the same structure, shapes and (for arrays) dtypes, numbers within
    the grading tolerance; a list and a tuple, or a 0-d array and a number, are the same answer."""
    import numpy as np

    if isinstance(a, np.ndarray) and a.ndim == 0:
        a = a.item()
    if isinstance(b, np.ndarray) and b.ndim == 0:
        b = b.item()
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
            return False
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        if a.dtype.kind in "fc":
            return bool(np.allclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True))
        return bool(np.array_equal(a, b))
    if isinstance(a, float) or isinstance(b, float):
        if not isinstance(a, (int, float)) or not isinstance(b, (int, float)) or isinstance(a, bool) != isinstance(b, bool):
            return False
        return math.isclose(a, b, rel_tol=RTOL, abs_tol=ATOL) or (math.isnan(a) and math.isnan(b))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def load(path: Path, name: str, source: str | None = None) -> ModuleType:
    module = ModuleType(name)
    module.__file__ = str(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        code = compile(source if source is not None else path.read_text(encoding="utf-8"), str(path), "exec")
    exec(code, module.__dict__)  # noqa: S102
    return module


def cases_module(drill: Drill) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"prep_mutation_cases_{drill.slug.replace('-', '_')}", drill.cases)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fails(function: Callable[..., Any], case: Case) -> bool:
    ok, value = call(function, case.args, case.kwargs)
    if not ok:
        return True
    return bool((case.check or allclose())(case, value))


# ---- one drill ---------------------------------------------------------------------------------------


@dataclass
class Result:
    slug: str
    mutants: int = 0
    killed: int = 0
    equivalent: int = 0
    survivors: list[str] = field(default_factory=list)
    equivalents: list[str] = field(default_factory=list)  # dropped: they agree with the reference on every input
    seconds: float = 0.0
    problem: str = ""

    @property
    def kill_rate(self) -> float:
        alive = self.killed + len(self.survivors)
        return 100.0 * self.killed / alive if alive else 100.0

    def line(self) -> dict[str, Any]:
        return {"name": f"mutation kill rate: {self.slug}", "value": round(self.kill_rate, 2), "unit": "%",
                "target": f">= {TARGET:g}", "mutants": self.mutants, "killed": self.killed,
                "equivalent": self.equivalent, "survived": len(self.survivors), "survivors": self.survivors,
                "equivalents": self.equivalents,
                "seconds": round(self.seconds, 1), **({"problem": self.problem} if self.problem else {})}


def analyse(drill: Drill, inputs: int = 2000, sample: int | None = None, seed: int | None = None) -> Result:
    """Mutate the drill's reference; count the mutants its hidden cases kill (see the module's docstring)."""
    import numpy as np

    started = time.perf_counter()
    result = Result(drill.slug)
    module = cases_module(drill)
    generate = getattr(module, "random_inputs", None)
    if generate is None:
        result.problem = "cases.py has no random_inputs(rng) -> (args, kwargs): equivalent mutants cannot be told apart"
        return result
    hidden = load_cases(drill, seed)
    agree = getattr(module, "equivalent", None) or (lambda _args, _kwargs, want, got: same(want, got))
    source = drill.reference.read_text(encoding="utf-8")
    reference = getattr(load(drill.reference, f"reference_{drill.slug}"), drill.entry)
    broken = [case.name for case in hidden if fails(reference, case)]
    if broken:
        result.problem = f"the reference fails its own hidden cases: {broken[:3]}"
        return result
    rng = np.random.default_rng(12345)
    pool = [generate(rng) for _ in range(inputs)]
    answers = [call(reference, args, kwargs) for args, kwargs in pool]
    if not all(ok for ok, _ in answers):
        bad = next(i for i, (ok, _) in enumerate(answers) if not ok)
        result.problem = f"the reference raised {answers[bad][1]} on random input {bad}: random_inputs must give valid input"
        return result
    found = mutants(source)
    if sample is not None and len(found) > sample:
        picks = np.random.default_rng(len(found)).choice(len(found), size=sample, replace=False)
        found = [found[i] for i in sorted(picks)]
    result.mutants = len(found)
    for mutant in found:
        try:
            function = getattr(load(drill.reference, f"mutant_{drill.slug}", mutant.source), drill.entry)
        except Exception:  # noqa: BLE001 - it does not even load: any case kills it
            result.killed += 1
            continue
        if any(fails(function, case) for case in hidden):
            result.killed += 1
            continue
        differs = False
        for (args, kwargs), (_, want) in zip(pool, answers):
            ok, got = call(function, args, kwargs)
            if not ok or not agree(args, kwargs, want, got):
                differs = True
                break
        if differs:
            result.survivors.append(mutant.description)
        else:
            result.equivalent += 1
            result.equivalents.append(mutant.description)
    result.seconds = time.perf_counter() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*")
    parser.add_argument("--inputs", type=int, default=2000, help="random inputs that decide equivalence")
    parser.add_argument("--sample", type=int, default=None, help="at most this many mutants per drill")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(1)
    failing = []
    for drill in all_drills(ROOT / "exercises"):
        if args.slugs and drill.slug not in args.slugs:
            continue
        result = analyse(drill, args.inputs, args.sample)
        print(json.dumps(result.line()), flush=True)
        if result.problem or result.kill_rate < TARGET:
            failing.append(drill.slug)
    if failing:
        print(json.dumps({"name": "mutation: drills below target", "value": len(failing), "unit": "drills",
                          "drills": failing}), flush=True)


if __name__ == "__main__":
    main()
