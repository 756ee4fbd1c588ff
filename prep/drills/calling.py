"""One call of the learner's function on one case's inputs, the way every grading path makes it.

The inputs are the learner's to keep: after the call each argument must be as it was, and no returned array
may share memory with an argument (a caller that edits the result would edit its own input). Both are
checked here, on the very objects the function received (no defensive copy hides an in-place edit).

Inputs cross from the grader to the sandbox by pickle, which turns a NumPy view into a fresh contiguous
array. `encode` keeps a view a view: it sends the array that owns the memory with the view's offset and
strides, and `decode` rebuilds the same view on the other side, so a strided, transposed or sliced input
reaches the learner's function as exactly that.
"""

from __future__ import annotations

import copy
import math
import sys
from dataclasses import dataclass
from typing import Any


@dataclass
class View:
    """A NumPy view, as the array that owns its memory and where in it the view looks."""

    owner: Any
    offset: int
    shape: tuple[int, ...]
    strides: tuple[int, ...]
    dtype: Any


def _owner(array: Any) -> Any:
    import numpy as np

    base = array
    while isinstance(base.base, np.ndarray):
        base = base.base
    return base if base.base is None and base.flags.c_contiguous else None


def encode(value: Any) -> Any:
    """Arguments with every NumPy view (a slice, a transpose, a strided or non-contiguous array) as a View."""
    np = sys.modules.get("numpy")
    if np is not None and isinstance(value, np.ndarray) and value.base is not None and value.size:
        owner = _owner(value)
        if owner is not None:
            start = value.__array_interface__["data"][0] - owner.__array_interface__["data"][0]
            return View(owner, start, value.shape, value.strides, value.dtype)
        return value
    if isinstance(value, tuple):
        return tuple(encode(v) for v in value)
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


def decode(value: Any, _owners: dict[int, Any] | None = None) -> Any:
    """`encode`'s Views back as views (of one owner each, when several views shared it)."""
    owners = {} if _owners is None else _owners
    if isinstance(value, View):
        import numpy as np

        owner = owners.setdefault(id(value.owner), value.owner)
        return np.ndarray(value.shape, value.dtype, buffer=owner, offset=value.offset, strides=value.strides)
    if isinstance(value, tuple):
        return tuple(decode(v, owners) for v in value)
    if isinstance(value, list):
        return [decode(v, owners) for v in value]
    if isinstance(value, dict):
        return {k: decode(v, owners) for k, v in value.items()}
    return value


def fresh(value: Any) -> Any:
    """A copy that keeps views views (for calls in this process: the case's own inputs stay untouched)."""
    return decode(copy.deepcopy(encode(value)))


# ---- unchanged and not aliased --------------------------------------------------------------------


def same_value(before: Any, after: Any) -> bool:
    """Whether an argument is as it was: the same type, shape, dtype, strides and every element (NaN equal to NaN)."""
    np, torch = sys.modules.get("numpy"), sys.modules.get("torch")
    if torch is not None and isinstance(before, torch.Tensor):
        if not isinstance(after, torch.Tensor) or before.shape != after.shape or before.dtype != after.dtype:
            return False
        return bool(torch.equal(before, after) or
                    (before.is_floating_point() and torch.equal(before.isnan(), after.isnan())
                     and torch.equal(torch.nan_to_num(before), torch.nan_to_num(after))))
    if np is not None and isinstance(before, np.ndarray):
        if not isinstance(after, np.ndarray) or before.shape != after.shape or before.dtype != after.dtype:
            return False
        return bool(np.array_equal(before, after, equal_nan=before.dtype.kind in "fc"))
    if isinstance(before, (list, tuple)):
        return (type(after) is type(before) and len(after) == len(before)
                and all(same_value(b, a) for b, a in zip(before, after)))
    if isinstance(before, dict):
        return type(after) is type(before) and before.keys() == after.keys() and all(
            same_value(before[k], after[k]) for k in before)
    if isinstance(before, float) and isinstance(after, float) and math.isnan(before):
        return math.isnan(after)
    return bool(type(after) is type(before) and before == after)


def _arrays(value: Any, found: list[Any], depth: int = 0) -> list[Any]:
    """Every array, tensor, list and dict inside a value (what a caller could edit through it)."""
    np, torch = sys.modules.get("numpy"), sys.modules.get("torch")
    if depth > 20:
        return found
    if (np is not None and isinstance(value, np.ndarray)) or (torch is not None and isinstance(value, torch.Tensor)):
        found.append(value)
    elif isinstance(value, (list, dict)):
        found.append(value)
        for item in (value.values() if isinstance(value, dict) else value):
            _arrays(item, found, depth + 1)
    elif isinstance(value, tuple):
        for item in value:
            _arrays(item, found, depth + 1)
    return found


def _shares(a: Any, b: Any) -> bool:
    if a is b:
        return True
    np, torch = sys.modules.get("numpy"), sys.modules.get("torch")
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        return False
    try:
        if torch is not None and isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor):
            return a.numel() > 0 and b.numel() > 0 and \
                a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()
        if np is not None:
            left = a.numpy() if torch is not None and isinstance(a, torch.Tensor) else a
            right = b.numpy() if torch is not None and isinstance(b, torch.Tensor) else b
            return left.size > 0 and right.size > 0 and bool(np.shares_memory(left, right))
    except (RuntimeError, TypeError, ValueError, AttributeError):  # a tensor numpy cannot see (grad, odd dtype)
        return False
    return False


def call(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, dict[str, list[Any]]]:
    """Call `function` on the inputs as given, then look at them: (the value, {"changed": [...], "aliased": [...]})
    where each list names arguments by position (an int) or keyword (a str)."""
    inputs = [(i, a) for i, a in enumerate(args)] + list(kwargs.items())
    kept = [(where, copy.deepcopy(a)) for where, a in inputs]
    value = function(*args, **kwargs)
    changed = [where for (where, before), (_, after) in zip(kept, inputs) if not same_value(before, after)]
    returned = _arrays(value, [])
    aliased = [where for where, given in inputs
               if any(_shares(out, inner) for inner in _arrays(given, []) for out in returned)]
    return value, {k: v for k, v in (("changed", changed), ("aliased", aliased)) if v}


def misuse(found: dict[str, list[Any]], names: tuple[str, ...]) -> str:
    """The message for edited or aliased inputs, naming arguments as the statement does."""

    def name(where: Any) -> str:
        if isinstance(where, int):
            return f"`{names[where]}`" if where < len(names) else f"argument {where + 1}"
        return f"`{where}`"

    parts = []
    if found.get("changed"):
        parts.append(f"you changed the input {', '.join(map(name, found['changed']))} in place: "
                     "the caller's data must be left as it was (work on a copy)")
    if found.get("aliased"):
        parts.append(f"the result shares memory with the input {', '.join(map(name, found['aliased']))}: "
                     "return new arrays (a caller editing the result would edit its input)")
    return "; ".join(parts)
