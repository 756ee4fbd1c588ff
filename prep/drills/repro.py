""""Copy as code": Python source that rebuilds a failing case's inputs exactly and calls the user's function.

Values are written out in full (floats by their round-trip repr, arrays with their dtype and shape), so what
the snippet builds is bit for bit what the grader passed. Inputs too large to print are rebuilt by prep itself
from the attempt's seed (`case_inputs`).
"""

from __future__ import annotations

import ast
import math
from pathlib import Path
from typing import Any

from prep.drills.cases import Case
from prep.drills.catalog import Drill

LITERAL_LIMIT = 20_000  # characters of literals; past it the snippet asks prep to rebuild the inputs from the seed


class _Unprintable(Exception):
    pass


def _float(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)


def _nested(value: Any) -> str:
    """A nested list of numbers or strings (an array's tolist()) as source."""
    if isinstance(value, list):
        return "[" + ", ".join(_nested(v) for v in value) + "]"
    if isinstance(value, float):
        return _float(value)
    return repr(value)


def _array(array: Any, library: str, dtype: str, needs: set[str]) -> str:
    """`np.array([...], dtype=...)` or `torch.tensor([...], dtype=...)`; zeros of the shape when empty."""
    import numpy as np

    if array.dtype.kind == "f" and not np.isfinite(array).all():
        needs.add("inf-nan")
    if array.size == 0:
        return f"{library}.zeros({tuple(array.shape)}, dtype={dtype})"
    return f"{library}.{'tensor' if library == 'torch' else 'array'}({_nested(array.tolist())}, dtype={dtype})"


def literal(value: Any, needs: set[str]) -> str:
    """Exact Python source for `value`; `needs` collects the imports and names the source uses."""
    import numpy as np

    module = type(value).__module__
    if module.startswith("torch") and hasattr(value, "detach"):
        needs.add("torch")
        return _array(value.detach().cpu().numpy(), "torch", str(value.dtype), needs)
    if isinstance(value, np.ndarray):
        needs.add("numpy")
        if value.dtype == object:
            raise _Unprintable
        return _array(value, "np", f"np.{value.dtype.name}" if value.dtype.kind in "biuf" else repr(value.dtype.str), needs)
    if isinstance(value, np.generic):
        needs.add("numpy")
        return f"np.{value.dtype.name}({_nested(value.item())})"
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return repr(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return f"float({_float(value)!r})"
        return repr(value)
    if isinstance(value, tuple):
        inner = ", ".join(literal(v, needs) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v, needs) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k, needs)}: {literal(v, needs)}" for k, v in value.items()) + "}"
    raise _Unprintable


def parameter_names(drill: Drill) -> list[str]:
    """The entry function's parameters, read from the starter (never imported)."""
    try:
        tree = ast.parse(drill.starter.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == drill.entry:
            return [a.arg for a in node.args.posonlyargs + node.args.args]
    return []


def _module_name(source: Path | None) -> str:
    stem = source.stem if source else ""
    return stem if stem.isidentifier() else "solution"


def snippet(drill: Drill, case: Case, seed: int | None, source: Path | None = None) -> str:
    """Python that rebuilds `case`'s inputs and calls the solution on them, keyword arguments by name."""
    names = parameter_names(drill)
    variables = [names[i] if i < len(names) else f"arg{i}" for i in range(len(case.args))]
    call = ", ".join([*variables, *(f"{k}={k}" for k in case.kwargs)])
    header = [f"# {drill.slug}: case {case.name!r}" + (f", seed {seed}" if seed is not None else "")]
    needs: set[str] = set()
    try:
        lines = [f"{name} = {literal(value, needs)}" for name, value in zip(variables, case.args)]
        lines += [f"{key} = {literal(value, needs)}" for key, value in case.kwargs.items()]
        if sum(len(line) for line in lines) > LITERAL_LIMIT:
            raise _Unprintable
    except _Unprintable:
        targets = ", ".join(variables) + ("," if len(variables) == 1 else "")
        seed_arg = f", seed={seed}" if seed is not None else ""
        lines = ["# the inputs are too large to print: prep rebuilds them from the attempt's seed",
                 "from prep.drills.repro import case_inputs",
                 f"({targets}), kwargs = case_inputs({drill.slug!r}, {case.name!r}{seed_arg})",
                 *(f"{key} = kwargs[{key!r}]" for key in case.kwargs)]
        needs = set()
    imports = []
    if "numpy" in needs:
        imports.append("import numpy as np")
    if "inf-nan" in needs:
        imports.append("from numpy import inf, nan")
    if "torch" in needs:
        imports.append("import torch")
    imports.append(f"from {_module_name(source)} import {drill.entry}  # your solution")
    return "\n".join([*header, *imports, "", *lines, f"got = {drill.entry}({call})", ""])


def case_inputs(slug: str, case: str, seed: int | None = None, exercises: Path | None = None) -> tuple[tuple, dict]:
    """The inputs of one hidden case of `slug`, drawn with `seed`: what a too-large snippet calls."""
    from prep.drills.catalog import get_drill
    from prep.drills.hidden import load_cases

    for found in load_cases(get_drill(slug, exercises), seed):
        if found.name == case:
            return found.args, dict(found.kwargs)
    raise KeyError(f"{slug} has no case {case!r}")
