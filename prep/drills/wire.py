"""Values from the sandbox to the grader as JSON: no pickle, so the child cannot run code in the grader.

Arrays travel as `.npy` bytes read back with allow_pickle=False; tensors arrive as arrays.
"""

from __future__ import annotations

import base64
import io
import json
import math
import sys
from typing import Any


def _numpy_and_torch() -> tuple[Any, Any]:
    return sys.modules.get("numpy"), sys.modules.get("torch")


def to_plain(value: Any, depth: int = 0) -> Any:
    """In the sandbox: a returned value → JSON-able data. Subclasses of arrays and tensors travel as what they
    are underneath; unknown objects become their type name and repr."""
    if depth > 20:
        return {"__repr__": "(nested too deeply)", "__type__": type(value).__name__}
    np, torch = _numpy_and_torch()
    if torch is not None and isinstance(value, torch.Tensor):
        value = torch.Tensor.detach(value).cpu()
        if value.dtype == torch.bfloat16:
            value = value.float()
        value = np.asarray(torch.Tensor.numpy(value)) if np is not None else value.tolist()
    if np is not None:
        if isinstance(value, np.ndarray):
            value = np.asarray(value)  # an ndarray subclass (np.matrix, a user's own) as a plain array
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
    try:
        text = repr(value)[:200]
    except Exception:  # noqa: BLE001 - a user's __repr__ may raise; the type name is enough
        text = "?"
    return {"__repr__": text, "__type__": type(value).__name__}


class Opaque:
    """A returned object that could not cross the wire; compares equal to nothing."""

    def __init__(self, text: str, type_name: str = "") -> None:
        self.text = text
        self.type_name = type_name

    def __repr__(self) -> str:
        return self.text

    def describe(self) -> str:
        """What the user returned, in their words: its type and repr."""
        return f"a {self.type_name} object: {self.text}" if self.type_name else self.text


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
    return Opaque(str(data.get("__repr__", "?")), str(data.get("__type__", "")))


def _hashable(key: Any) -> Any:
    return key if isinstance(key, (str, int, float, bool, tuple, type(None))) else repr(key)


def dumps(message: dict[str, Any]) -> bytes:
    return (json.dumps(message) + "\n").encode()
