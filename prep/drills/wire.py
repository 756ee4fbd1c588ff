"""Values from the sandbox to the grader as JSON: no pickle, so the child cannot run code in the grader.

Arrays travel as `.npy` bytes read back with allow_pickle=False; tensors arrive as arrays.
"""

from __future__ import annotations

import base64
import io
import json
import math
from typing import Any


def to_plain(value: Any, depth: int = 0) -> Any:
    """In the sandbox: a returned value → JSON-able data. Unknown objects become their repr."""
    if depth > 20:
        return {"__repr__": "(nested too deeply)"}
    module = type(value).__module__
    if module.startswith("torch") and hasattr(value, "detach"):
        value = value.detach().cpu()
        if str(value.dtype) == "torch.bfloat16":
            value = value.float()
        value = value.numpy()
        module = "numpy"
    if module == "numpy":
        import numpy as np

        if isinstance(value, np.ndarray):
            if value.dtype == object:
                return [to_plain(v, depth + 1) for v in value.tolist()]
            buffer = io.BytesIO()
            np.save(buffer, value, allow_pickle=False)
            return {"__ndarray__": base64.b64encode(buffer.getvalue()).decode()}
        if isinstance(value, np.generic):
            value = value.item()
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"__float__": repr(value)}
    if isinstance(value, tuple):
        return {"__tuple__": [to_plain(v, depth + 1) for v in value]}
    if isinstance(value, list):
        return [to_plain(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {"__dict__": [[to_plain(k, depth + 1), to_plain(v, depth + 1)] for k, v in value.items()]}
    return {"__repr__": repr(value)[:200]}


class Opaque:
    """A returned object that could not cross the wire; compares equal to nothing."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def from_plain(data: Any) -> Any:
    """In the grader: JSON data → values. Never unpickles."""
    if isinstance(data, list):
        return [from_plain(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "__ndarray__" in data:
        import numpy as np

        return np.load(io.BytesIO(base64.b64decode(data["__ndarray__"])), allow_pickle=False)
    if "__float__" in data:
        return float(data["__float__"])
    if "__tuple__" in data:
        return tuple(from_plain(v) for v in data["__tuple__"])
    if "__dict__" in data:
        return {_hashable(from_plain(k)): from_plain(v) for k, v in data["__dict__"]}
    return Opaque(str(data.get("__repr__", "?")))


def _hashable(key: Any) -> Any:
    return key if isinstance(key, (str, int, float, bool, tuple, type(None))) else repr(key)


def dumps(message: dict[str, Any]) -> bytes:
    return (json.dumps(message) + "\n").encode()
