"""What a drill's hidden `cases.py` builds: inputs, the trusted expected output, and how to compare.

`cases.py` runs only in the grading process; the user's code never sees it or its answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

# check(case, got) → None when `got` is right, else a short reason.
Check = Callable[["Case", Any], "str | None"]


@dataclass
class Case:
    name: str
    args: tuple[Any, ...]
    expected: Any = None
    check: Check | None = None  # default: allclose()
    kwargs: dict[str, Any] = field(default_factory=dict)


def kind_of(value: Any) -> str:
    """The type of a returned value as the user wrote it (an object that could not cross the wire keeps its name)."""
    name = getattr(value, "type_name", "") if type(value).__name__ == "Opaque" else ""
    return name or type(value).__name__


def _as_array(value: Any) -> Any:
    import numpy as np

    return np.asarray(value, dtype=float)


def max_abs_error(expected: Any, got: Any) -> float | None:
    """The largest absolute difference, when both sides are numbers of one shape (matching infinities count as 0).

    For a tuple of arrays, the largest over its elements."""
    import numpy as np

    if isinstance(expected, tuple) and isinstance(got, (tuple, list)) and len(expected) == len(got):
        errors = [max_abs_error(want, have) for want, have in zip(expected, got)]
        return None if None in errors else max(errors, default=0.0)  # type: ignore[type-var]
    try:
        want, have = np.atleast_1d(_as_array(expected)), np.atleast_1d(_as_array(got))
    except (TypeError, ValueError):
        return None
    if want.shape != have.shape or want.size == 0:
        return None if want.shape != have.shape else 0.0
    with np.errstate(invalid="ignore"):
        difference = np.abs(want - have)
    difference[(want == have) | (np.isnan(want) & np.isnan(have))] = 0.0
    return float(np.max(difference))


def max_rel_error(expected: Any, got: Any) -> float | None:
    """The largest |expected - got| / |expected| over elements where expected is not 0 (None when it cannot be told)."""
    import numpy as np

    if isinstance(expected, tuple) and isinstance(got, (tuple, list)) and len(expected) == len(got):
        errors = [max_rel_error(want, have) for want, have in zip(expected, got)]
        known = [e for e in errors if e is not None]
        return max(known) if known else None
    try:
        want, have = np.atleast_1d(_as_array(expected)), np.atleast_1d(_as_array(got))
    except (TypeError, ValueError):
        return None
    if want.shape != have.shape:
        return None
    with np.errstate(invalid="ignore", divide="ignore"):
        relative = np.abs(want - have) / np.abs(want)
    relative = relative[np.isfinite(relative)]
    return float(relative.max()) if relative.size else None


def digits(want: float, have: float) -> tuple[str, str]:
    """Two numbers with as many significant digits as it takes to see that they differ (6 at least, 17 at most)."""
    for precision in range(6, 18):
        left, right = f"{want:#.{precision}g}", f"{have:#.{precision}g}"  # as many digits each: 2.334881 vs 2.334880
        if left != right:
            while left[-1:] == right[-1:] == "0" and "e" not in left + right:
                left, right = left[:-1], right[:-1]
            return left.rstrip("."), right.rstrip(".")
    return repr(float(want)), repr(float(have))


def _close(want: Any, got: Any, rtol: float, atol: float, dtype: bool, label: str) -> str | None:
    import math

    import numpy as np

    if got is None:
        return f"{label}returned None"
    try:
        have = _as_array(got)
    except (TypeError, ValueError):
        return f"{label}returned {kind_of(got)}, not numbers"
    expected = _as_array(want)
    if have.shape != expected.shape:
        return f"{label}shape {have.shape}, expected {expected.shape}"
    if dtype and np.asarray(got).dtype != np.asarray(want).dtype:
        return f"{label}dtype {np.asarray(got).dtype}, expected {np.asarray(want).dtype}"
    wrong = ~np.isclose(have, expected, rtol=rtol, atol=atol, equal_nan=True)
    if not wrong.any():
        return None
    with np.errstate(invalid="ignore"):
        error = np.where(wrong, np.nan_to_num(np.abs(have - expected), nan=np.inf), -1.0)
    where = tuple(int(i) for i in np.unravel_index(np.argmax(error), error.shape))
    at = f" at index {where}" if where else ""
    left, right = digits(float(expected[where]), float(have[where]))
    error = abs(float(expected[where]) - float(have[where]))
    if not math.isfinite(error):
        return f"{label}wrong{at}: expected {left}, got {right}"
    relative = f", rel error {error / abs(float(expected[where])):.2g}" if float(expected[where]) != 0 else ""
    return f"{label}wrong{at}: expected {left}, got {right} (abs error {error:.2g}{relative})"


def allclose(rtol: float = 1e-5, atol: float = 1e-6, dtype: bool = False,
             names: tuple[str, ...] | None = None, order: tuple[int, ...] | None = None) -> Check:
    """Numbers (arrays, tensors converted by the sandbox) of the expected shape, equal within tolerance.

    The reason names the worst wrong element. For a tuple result give `names` (one per element),
    and `order` to look at some elements first (attention weights explain a wrong output best).
    """

    def check(case: Case, got: Any) -> str | None:
        if names is None:
            return _close(case.expected, got, rtol, atol, dtype, "")
        if not isinstance(got, (tuple, list)) or len(got) != len(names):
            return f"return a tuple ({', '.join(names)}), not {kind_of(got)}"
        # Every output that differs, the ones that explain the others best first.
        order_first = list(order or ())
        ranked = order_first + [i for i in range(len(names)) if i not in order_first]
        reasons = [_close(case.expected[i], got[i], rtol, atol, dtype, f"{names[i]}: ") for i in ranked]
        return "; ".join(r for r in reasons if r) or None

    return check


def close_fields(keys: Sequence[str], rel_tol: float, abs_tol: float, floats: bool = False) -> Check:
    """A dict of named numbers (ROUGE's precision/recall/fmeasure, SQuAD's EM/F1), each within tolerance; every
    wrong field is named with both values. `floats`: a bool or an int is refused where the statement promises floats."""
    import math

    def check(case: Case, got: Any) -> str | None:
        if not isinstance(got, dict):
            return f"returned {kind_of(got)}, expected a dict with keys {', '.join(keys)}"
        missing = [key for key in keys if key not in got]
        if missing:
            return f"missing key(s) {', '.join(missing)}"
        wrong = []
        for key in keys:
            if floats and not isinstance(got[key], float):  # numpy's float64 is a float
                return f"{key} is {type(got[key]).__name__} {got[key]!r}, expected a float"
            try:
                value = float(got[key])
            except (TypeError, ValueError):
                return f"{key} is {type(got[key]).__name__}, not a number"
            if not math.isclose(value, case.expected[key], rel_tol=rel_tol, abs_tol=abs_tol):
                wrong.append(f"{key}: expected {case.expected[key]!r}, got {value!r}")
        return "; ".join(wrong) or None

    return check


def equal() -> Check:
    """Exactly equal: integers, strings, lists of them, boolean arrays."""
    import numpy as np

    def check(case: Case, got: Any) -> str | None:
        want = case.expected
        if isinstance(want, np.ndarray) or isinstance(got, np.ndarray):
            try:
                have = np.asarray(got)
            except (TypeError, ValueError):
                return f"returned {kind_of(got)}"
            if have.shape != np.asarray(want).shape:
                return f"shape {have.shape}, expected {np.asarray(want).shape}"
            return None if np.array_equal(have, want) else "values differ"
        return None if got == want else "values differ"

    return check


def named(prefix: str, cases: Iterable[Case]) -> list[Case]:
    return [Case(f"{prefix}: {c.name}", c.args, c.expected, c.check, c.kwargs) for c in cases]


def noisy_copy(rng: Any, words: Sequence[str], edits: int, vocabulary: Sequence[str]) -> list[str]:
    """A copy of `words` after `edits` random edits, each a substitution, a deletion or an insertion of a word
    drawn from `vocabulary` (a deletion never empties the list): a text close to, but not the same as, `words`.

    `rng` is a numpy Generator, so a seeded one gives the same copy every time.
    """
    words = list(words)
    for _ in range(edits):
        kind, at = int(rng.integers(3)), int(rng.integers(len(words) + 1))
        if kind == 0 and at < len(words):
            words[at] = str(rng.choice(vocabulary))
        elif kind == 1 and at < len(words) and len(words) > 1:
            del words[at]
        else:
            words.insert(at, str(rng.choice(vocabulary)))
    return words
