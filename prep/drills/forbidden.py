"""A drill's forbidden APIs and every other spelling of them.

`forbidden = ["torch.softmax", ...]` in drill.toml names a *family*: `softmax`. Under the same library
(`torch`) the family also covers private and alternative spellings: `torch._softmax`, `torch.special.softmax`,
`torch._C._VariableFunctions._safe_softmax`, `torch.ops.aten._softmax`, `torch.sparse.softmax`, the tensor
method `x.softmax()`, the module `nn.Softmax`. The learner's own names are never covered: their own
`softmax` function, or an object of theirs with a `.softmax` method, is theirs.

Two checks use this: a static one before the code runs (named calls, for a message that points at the line),
and the sandbox child's run-time block (what the code reaches by any route, `getattr` included).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable
from typing import Any

_PREFIXES = ("special_", "native_", "masked_", "safe_", "sparse_", "nested_", "fused_")


def normalize(name: str) -> str:
    """The family a name belongs to: `_safe_softmax` → `softmax`, `special_log_softmax` → `log_softmax`."""
    name = name.lower().lstrip("_")
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if name.startswith(prefix):
                name, changed = name[len(prefix):], True
    return name.rstrip("_")


def families(forbidden: Iterable[str]) -> dict[str, set[str]]:
    """library root → the forbidden families under it: {"torch": {"softmax", "log_softmax"}, ...}."""
    found: dict[str, set[str]] = {}
    for dotted in forbidden:
        root, *_, last = dotted.split(".")
        found.setdefault(root, set()).add(normalize(last))
    return found


def tensor_methods(forbidden: Iterable[str]) -> dict[str, str]:
    """Method name → the forbidden API it spells, for the families with a tensor or array method."""
    return {dotted.rsplit(".", 1)[1]: dotted for dotted in forbidden if ".Tensor." in dotted or ".ndarray." in dotted}


def covers(dotted: str, forbidden: tuple[str, ...]) -> bool:
    """Whether a library name (`torch._softmax`, `torch.special.softmax`) spells a forbidden API."""
    if dotted in forbidden:
        return True
    root, _, rest = dotted.partition(".")
    return bool(rest) and normalize(rest.rsplit(".", 1)[-1]) in families(forbidden).get(root, set())


# ---- the static check ----------------------------------------------------------------------------


def _dotted(node: ast.AST, aliases: dict[str, str]) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([aliases.get(node.id, node.id), *reversed(parts)])


def _own_attributes(tree: ast.AST) -> set[str]:
    """Attribute names the code gives its own objects: methods of its classes, `self.name = ...`."""
    own: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    own.add(item.name)
                elif isinstance(item, ast.Assign):
                    own.update(t.id for t in item.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            own.add(node.attr)
    return own


def forbidden_uses(code: str, forbidden: tuple[str, ...]) -> list[tuple[str, int]]:
    """Each forbidden API the code names, with its line: `F.softmax`, `from torch import softmax`, `torch._softmax`,
    `x.softmax()` (unless the code's own objects have a `softmax`)."""
    if not forbidden:
        return []
    tree = ast.parse(code)
    aliases: dict[str, str] = {}
    hits: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                aliases[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                aliases[alias.asname or alias.name] = full
                if covers(full, forbidden):
                    hits.append((full, node.lineno))
    modules = {value.split(".")[0] for value in aliases.values()}
    methods = {name: dotted for name, dotted in tensor_methods(forbidden).items() if name not in _own_attributes(tree)}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Attribute, ast.Name)):
            name = _dotted(node, aliases)
            if name is not None and name.split(".")[0] in modules and covers(name, forbidden):
                hits.append((name, node.lineno))
            elif isinstance(node, ast.Attribute) and node.attr in methods and (name is None or name.split(".")[0] not in modules):
                hits.append((methods[node.attr], node.lineno))
    return sorted(set(hits), key=lambda hit: hit[1])


# ---- the run-time sites -------------------------------------------------------------------------------


def _namespaces(root: str) -> list[tuple[str, Any]]:
    """Every loaded module of the library, and torch's C-level namespaces and tensor classes."""
    found = [(name, module) for name, module in list(sys.modules.items())
             if module is not None and (name == root or name.startswith(root + "."))]
    if root == "torch" and "torch" in sys.modules:
        torch = sys.modules["torch"]
        C = getattr(torch, "_C", None)
        for name in ("_VariableFunctions", "_nn", "_special", "_linalg", "_fft", "_sparse", "_nested"):
            if hasattr(C, name):
                found.append((f"torch._C.{name}", getattr(C, name)))
        for name in ("TensorBase", "_TensorBase"):
            if hasattr(C, name):
                found.append((f"torch._C.{name}", getattr(C, name)))
        found.append(("torch.Tensor", torch.Tensor))
        aten = getattr(getattr(torch, "ops", None), "aten", None)
        if aten is not None:
            found.append(("torch.ops.aten", aten))
    return found


def runtime_sites(forbidden: tuple[str, ...]) -> list[tuple[Any, str, str]]:
    """(owner, attribute, name to report) for every loaded spelling of a forbidden API."""
    sites: dict[tuple[int, str], tuple[Any, str, str]] = {}
    for root, names in families(forbidden).items():
        for label, owner in _namespaces(root):
            try:
                entries = list(vars(owner))
            except TypeError:
                continue
            for attribute in entries:
                if normalize(attribute) in names and not attribute.endswith(("_backward", "_backward_data")):
                    sites.setdefault((id(owner), attribute), (owner, attribute, f"{label}.{attribute}"))
    return list(sites.values())


# ---- the dispatcher ---------------------------------------------------------------------------------


def reaches(name: str, names: set[str]) -> bool:
    """Whether a torch function or aten op name belongs to a forbidden family: the family itself or a variant of
    it (`_softmax`, `_safe_softmax`, `cross_entropy_loss`, `_scaled_dot_product_attention_math`), never a
    backward."""
    family = normalize(name.split("::")[-1].split(".")[0])
    if "backward" in family:
        return False
    return any(family == f or family.startswith(f + "_") for f in names)


# What would take the guard off: popping or disabling the modes. Sealed in the sandbox child, which never exits them.
_UNGUARD = ("_pop_torch_function_stack", "_pop_torch_dispatch_stack", "_set_torch_function_mode",
            "_unset_dispatch_mode", "_set_dispatch_mode", "DisableTorchFunction", "_DisableTorchDispatch",
            "_disabled_torch_function_impl", "_disabled_torch_dispatch_impl")


def dispatch_guards(names: tuple[str, ...], refuse: Any) -> list[Any]:
    """A TorchFunctionMode and a TorchDispatchMode that call `refuse(label)` (which raises) for every torch function
    and every aten op of a forbidden family: a call is refused where torch runs it, by whatever spelling it came
    (`torch._C.TensorBase.softmax`, `torch._C._VariableFunctionsClass.rms_norm`, `torch.ops.aten._softmax`, the
    math kernel behind `scaled_dot_product_attention`), not by replacing attributes one spelling at a time."""
    from torch.overrides import TorchFunctionMode
    from torch.utils._python_dispatch import TorchDispatchMode

    torch_names = families(names).get("torch", set())

    class RefuseFunctions(TorchFunctionMode):
        def __torch_function__(self, func: Any, types: Any, args: Any = (), kwargs: Any = None) -> Any:
            name = getattr(func, "__name__", "") or str(func)
            if reaches(name, torch_names):
                refuse(f"torch.{name.lstrip('.')}" if "." not in name else name)
            return func(*args, **(kwargs or {}))

    class RefuseOps(TorchDispatchMode):
        def __torch_dispatch__(self, func: Any, types: Any, args: Any = (), kwargs: Any = None) -> Any:
            name = func._schema.name  # "aten::_softmax"
            if reaches(name, torch_names):
                refuse("torch.ops." + name.replace("::", "."))
            return func(*args, **(kwargs or {}))

    # torch wraps a mode's __torch_dispatch__ to import torch._dynamo on its first call (3 s, and in the child after
    # the forbidden attributes are gone): this mode has nothing to compile, so the wrapper calls it as it is.
    original = getattr(RefuseOps.__dict__["__torch_dispatch__"], "__wrapped__", None)
    if original is not None:
        setattr(original, "__dynamo_disable", original)
    return [RefuseFunctions(), RefuseOps()]


def guard_dispatch(names: tuple[str, ...], report: Any) -> None:
    """In the sandbox child: enter the guards for good (the child ends with the job) and seal the ways out."""
    if not families(names).get("torch"):
        return
    import torch

    def refuse(label: str) -> None:
        report({"forbidden": label})
        raise RuntimeError(f"{label} is not allowed in this drill: implement it yourself")

    for guard in dispatch_guards(names, refuse):
        guard.__enter__()

    def sealed(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("the grader's guard on forbidden calls cannot be taken off")

    owners = [torch._C, sys.modules.get("torch.overrides"), sys.modules.get("torch.utils._python_dispatch"),
              sys.modules.get("torch._C._functorch")]
    for owner in owners:
        for attribute in (*_UNGUARD, "_pop_mode", "_pop_mode_temporarily", "_disable_current_modes",
                          "_push_mode", "_len_torch_function_stack"):
            if owner is not None and hasattr(owner, attribute) and attribute != "_len_torch_function_stack":
                try:
                    setattr(owner, attribute, sealed)
                except (AttributeError, TypeError):
                    pass
