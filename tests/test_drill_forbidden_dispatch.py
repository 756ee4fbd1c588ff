"""Forbidden means forbidden: every spelling of a forbidden torch API that introspection can find (public and
private attributes of torch's modules, its C namespaces and tensor classes, every overload of the aten ops of
the family) is refused at the dispatcher (prep.drills.forbidden.dispatch_guards), and allowed torch still runs."""

from __future__ import annotations

import pytest

from prep.drills.catalog import all_drills
from prep.drills.forbidden import dispatch_guards, families, reaches
from tests.conftest import ROOT

DRILLS = [d for d in all_drills(ROOT / "exercises") if families(d.forbidden).get("torch")]


class Refused(Exception):
    pass


def _refuse(label: str) -> None:
    raise Refused(label)


# Run in a fresh process, as the sandbox's child does it: find every spelling first, then forbid (attributes
# replaced, aten lookups guarded, the dispatcher guarded), then call each spelling the way user code would reach
# it, by its owner and name, with argument lists that fit the families' signatures.
WALK = """
import inspect, json, sys
import torch, numpy
from prep.drills import sandbox
from prep.drills.forbidden import families, reaches, runtime_sites

names = tuple(json.loads(sys.argv[1]))
sandbox._preload(names)
torch_names = families(names)["torch"]
sites = [(owner, attribute, label) for owner, attribute, label in runtime_sites(names)]
for owner, label in ((torch._C._VariableFunctionsClass, "torch._C._VariableFunctionsClass"),
                     (torch._C.TensorBase, "torch._C.TensorBase"), (torch._C._nn, "torch._C._nn")):
    sites += [(owner, a, f"{label}.{a}") for a in dir(owner) if reaches(a, torch_names)]
aten = [(p, o) for p in dir(torch.ops.aten) if reaches(p, torch_names) for o in getattr(torch.ops.aten, p).overloads()]
reports = []
sandbox._forbid(names, reports.append)

x, w = torch.randn(3, 4), torch.randn(5, 4)
index, target, q = torch.tensor([1, 2]), torch.tensor([0, 1, 3]), torch.randn(1, 2, 3, 4)
probabilities = torch.full((3, 4), 0.25)
samples = [(x,), (x, -1), (x, -1, False), (x, -1, None), (x, [4]), (x, (4,)), (w, index), (index, w), (q, q, q),
           (x, target), (probabilities.log(), probabilities), (x, x), (x, [4], None, None, 1e-5),
           (x.numpy(), x.numpy())]
leaks, refused, total = [], 0, 0

def attempt(label, get):
    global refused, total
    before = len(reports)
    try:
        function = get()
    except Exception:
        refused += len(reports) > before
        total += 1
        return
    if not callable(function) or inspect.isclass(function):
        return
    total += 1
    for arguments in samples:
        before = len(reports)
        try:
            function(*arguments)
        except Exception:
            if len(reports) > before:
                refused += 1
                return
            continue
        leaks.append(label)
        return

for owner, attribute, label in sites:
    if not label.endswith(("_out", ".out")):
        attempt(label, lambda: getattr(owner, attribute))
for packet, overload in aten:
    attempt(f"torch.ops.aten.{packet}.{overload}", lambda: getattr(getattr(torch.ops.aten, packet), overload))
print(json.dumps({"leaks": leaks, "refused": refused, "total": total}))
"""


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.slug)
def test_every_spelling_of_a_forbidden_torch_api_is_refused(drill) -> None:
    import json
    import subprocess
    import sys

    from prep.settings import paths

    done = subprocess.run([sys.executable, "-c", WALK, json.dumps(drill.forbidden)], capture_output=True, text=True,
                          timeout=300, env=paths.child_env(), check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert not found["leaks"], f"{drill.slug}: these spellings ran: {found['leaks']}"
    assert found["total"] >= 3 and found["refused"] >= 3, f"{drill.slug}: {found}"


def test_the_issues_spellings_are_refused() -> None:
    import torch

    x, w, i = torch.randn(3, 4), torch.randn(5, 4), torch.tensor([1, 2])
    q = torch.randn(1, 2, 3, 4)
    cases = [(("torch.softmax",), lambda: torch._C.TensorBase.softmax(x, -1)),
             (("torch.log_softmax",), lambda: torch._C._VariableFunctionsClass.log_softmax(x, -1)),
             (("torch.rms_norm",), lambda: torch._C._VariableFunctionsClass.rms_norm(x, [4])),
             (("torch.embedding",), lambda: torch._C._VariableFunctionsClass.embedding(w, i)),
             (("torch.nn.functional.scaled_dot_product_attention",),
              lambda: torch.ops.aten._scaled_dot_product_attention_math(q, q, q)),
             (("torch.softmax",), lambda: torch.ops.aten._softmax.default(x, -1, False))]
    for names, call in cases:
        guards = dispatch_guards(names, _refuse)
        for guard in guards:
            guard.__enter__()
        try:
            with pytest.raises(Refused):
                call()
            assert torch.exp(x).sum(-1).shape == (3,) and (w[i] + 1).shape == (2, 4)  # allowed torch still runs
        finally:
            for guard in reversed(guards):
                guard.__exit__(None, None, None)


def test_a_family_never_covers_a_backward_or_another_family() -> None:
    assert reaches("aten::_softmax", {"softmax"}) and reaches("_safe_softmax", {"softmax"})
    assert reaches("cross_entropy_loss", {"cross_entropy"}) and reaches("_scaled_dot_product_attention_math",
                                                                        {"scaled_dot_product_attention"})
    assert not reaches("_softmax_backward_data", {"softmax"}) and not reaches("log_softmax", {"softmax"})
    assert not reaches("exp", {"softmax"}) and not reaches("softplus", {"softmax"})
