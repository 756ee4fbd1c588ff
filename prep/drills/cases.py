"""What a drill's hidden `cases.py` builds: inputs, the trusted expected output, and how to compare.

`cases.py` runs only in the grading process; the user's code never sees it or its answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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


def _as_array(value: Any) -> Any:
    import numpy as np

    return np.asarray(value, dtype=float)


def max_abs_error(expected: Any, got: Any) -> float | None:
    """The largest absolute difference, when both sides are numbers of one shape (matching infinities count as 0)."""
    import numpy as np

    try:
        want, have = _as_array(expected), _as_array(got)
    except (TypeError, ValueError):
        return None
    if want.shape != have.shape or want.size == 0:
        return None if want.shape != have.shape else 0.0
    with np.errstate(invalid="ignore"):
        difference = np.abs(want - have)
    difference[(want == have) | (np.isnan(want) & np.isnan(have))] = 0.0
    return float(np.max(difference))


def allclose(rtol: float = 1e-5, atol: float = 1e-6, dtype: bool = False) -> Check:
    """Numbers (arrays, tensors converted by the sandbox) equal within tolerance and of the same shape."""
    import numpy as np

    def check(case: Case, got: Any) -> str | None:
        if got is None:
            return "returned None"
        try:
            have = _as_array(got)
        except (TypeError, ValueError):
            return f"returned {type(got).__name__}, not numbers"
        want = _as_array(case.expected)
        if have.shape != want.shape:
            return f"shape {have.shape}, expected {want.shape}"
        if dtype and np.asarray(got).dtype != np.asarray(case.expected).dtype:
            return f"dtype {np.asarray(got).dtype}, expected {np.asarray(case.expected).dtype}"
        if not np.allclose(have, want, rtol=rtol, atol=atol, equal_nan=True):
            return "values differ"
        return None

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
                return f"returned {type(got).__name__}"
            if have.shape != np.asarray(want).shape:
                return f"shape {have.shape}, expected {np.asarray(want).shape}"
            return None if np.array_equal(have, want) else "values differ"
        return None if got == want else "values differ"

    return check


def named(prefix: str, cases: Iterable[Case]) -> list[Case]:
    return [Case(f"{prefix}: {c.name}", c.args, c.expected, c.check, c.kwargs) for c in cases]
