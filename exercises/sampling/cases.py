"""Hidden cases for next-token distributions.

Oracle: the definitions written with torch (softmax of logits / T, a stable descending sort, a
cumulative sum), cross-checked against the Hugging Face warpers' formulation (top-k as a threshold
on the k-th largest logit, top-p as "drop the least probable tokens whose cumulative mass is at most
1 - p") wherever there are no ties for them to disagree on, and against hand-computed numbers.
"""

import math

import numpy as np
import torch

from prep.drills.cases import Case, allclose


def _oracle(logits: np.ndarray, method: str, k, p, temperature: float) -> np.ndarray:
    x = torch.from_numpy(logits).double()
    if method == "greedy":
        return torch.nn.functional.one_hot(torch.argmax(x), x.numel()).double().numpy()  # first maximum
    probs = torch.softmax(x / temperature, dim=-1)
    if method == "temperature":
        return probs.numpy()
    sorted_probs, order = torch.sort(probs, descending=True, stable=True)
    if method == "top_k":
        kept = order[: min(k, x.numel())]
    else:
        mass_before = torch.cat([torch.zeros(1, dtype=torch.float64), torch.cumsum(sorted_probs, 0)[:-1]])
        # p must not sit on a boundary, or rounding would decide which tokens are kept
        assert torch.all((mass_before - p).abs() > 1e-6), "p too close to a cumulative sum"
        kept = order[mass_before < p]
    out = torch.zeros_like(probs)
    out[kept] = probs[kept]
    return (out / out.sum()).numpy()


def _hf_style(logits: np.ndarray, method: str, k, p, temperature: float) -> np.ndarray:
    """The same filters as Hugging Face's TopKLogitsWarper / TopPLogitsWarper, on the scaled logits."""
    scores = torch.from_numpy(logits).double() / temperature
    if method == "top_k":
        kth = torch.topk(scores, min(k, scores.numel())).values[-1]
        scores = scores.masked_fill(scores < kth, -math.inf)
    else:
        sorted_logits, sorted_indices = torch.sort(scores, descending=False)
        cumulative = sorted_logits.softmax(dim=-1).cumsum(dim=-1)
        remove = cumulative <= (1 - p)
        remove[-1] = False  # keep at least one token
        scores = scores.masked_fill(remove.scatter(0, sorted_indices, remove), -math.inf)
    return torch.softmax(scores, dim=-1).numpy()


def _case(name: str, logits, method: str, k=None, p=None, temperature: float = 1.0, expected=None) -> Case:
    logits = np.asarray(logits, dtype=np.float64)
    answer = _oracle(logits, method, k, p, temperature)
    if expected is not None:  # hand-computed
        assert np.allclose(answer, expected, rtol=0, atol=1e-12), (name, answer, expected)
    distinct = len(np.unique(logits)) == logits.size
    if method in ("top_k", "top_p") and distinct:
        assert np.allclose(answer, _hf_style(logits, method, k, p, temperature), rtol=0, atol=1e-12), name
    return Case(name, (logits, method, k, p, temperature), answer, _check)


_close = allclose(rtol=1e-5, atol=1e-8)


def _check(case: Case, got) -> str | None:
    problem = _close(case, got)
    if problem is None:
        return _not_exactly_zero(case, got)
    try:
        have = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return problem
    if have.shape != case.expected.shape:
        return problem
    total = float(have.sum())
    if abs(total - 1.0) > 1e-6:
        return f"{problem}; yours sums to {total:.4g}, not 1"
    kept, expected_kept = int(np.sum(have > 1e-8)), int(np.sum(case.expected > 1e-8))
    if kept != expected_kept:
        return f"{problem}; {kept} token{'s' * (kept != 1)} with probability > 0, expected {expected_kept}"
    return problem


def _not_exactly_zero(case: Case, got) -> str | None:
    """A filtered token (every other one, for greedy) is exactly 0, not nearly: close is not enough there."""
    if case.args[1] == "temperature":
        return None
    have = np.asarray(got, dtype=float)
    leaked = np.flatnonzero((case.expected == 0) & (have != 0))
    if not leaked.size:
        return None
    return (f"token {int(leaked[0])} has probability {have[leaked[0]]:.3g}, expected exactly 0: a filtered token "
            "gets 0, not a tiny probability")


TIED = np.array([0.0] * 12 + [1.0] * 3 + [0.0] * 25)  # 3 leaders, 37 ties (more than a stable small sort sees)


PROMISES = {
    "`logits`: float64 array of shape `(V,)`, all finite (they may be as large as ±1e4).": [
        "logits of +-1e4 with top_p=0.9 (no overflow)", "logits of +-1e4 with top_k=2 (no overflow)"],
    "the logits are divided by it before softmax and before any filtering": [
        "top_p=0.85 with temperature=0.5: a sharper nucleus", "top_p=0.8 with temperature=3: a wider nucleus",
        "top_k=2 with temperature=0.5"],
    "Below 1 it sharpens the distribution, above 1 it flattens it.": [
        "temperature=0.5 sharpens", "temperature=2 flattens", "temperature=0.01 on logits of +-10 (scaled logits of +-1000)"],
    "Returns a float array of shape `(V,)`: non-negative, summing to 1, exactly 0 for filtered tokens.": [
        "top_k=2 renormalises what is left", "top_p=0.7: the token that crosses p is kept", "greedy: one-hot at the argmax"],
    "`\"greedy\"`: one-hot at the argmax of `logits`; on a tie, the lowest index.": [
        "greedy: one-hot at the argmax", "greedy with a tie for the max: the lowest index"],
    "Temperature, `k` and `p` are ignored.": ["greedy ignores temperature=0.3",
                                              "greedy ignores k=2, p=0.5 and temperature=2 when they are given"],
    "`\"temperature\"`: `softmax(logits / temperature)`, nothing filtered.": [
        "temperature=1: plain softmax", "temperature=2 flattens"],
    "keep the `k` most probable tokens of `probs`": [
        "top_k=2 renormalises what is left", "top_k=1 is greedy", "top_k equal to the vocabulary size keeps everything",
        "top_k larger than the vocabulary keeps everything"],
    "Exactly `min(k, V)` tokens are kept: on ties at the boundary, the lower indices win.": [
        "top_k=2 with three tied logits: exactly 2 kept, lowest indices", "top_k=2 with a tie at the boundary: exactly 2 kept",
        "top_k=10 among 40 logits with 30 tied at the boundary: the lowest indices"],
    "rank the tokens by `probs`, most probable first, ties by lower index first.": [
        "top_p=0.6 with tied probabilities: the lower index is kept",
        "top_p=0.5 among 40 logits with many tied: the lowest indices first"],
    "Keep the smallest prefix of that ranking whose total probability is `≥ p`": [
        "top_p=0.7: the token that crosses p is kept", "top_p=0.55 on [0.5, 0.3, 0.2]"],
    "So the token that crosses `p` is kept, and the top token always is.": [
        "top_p=0.7: the token that crosses p is kept", "top_p smaller than the top probability keeps one token"],
    "`0 < p ≤ 1`.": ["top_p=1.0 keeps everything", "top_p smaller than the top probability keeps one token"],
    "Set the others to 0, renormalise.": ["top_p=0.55 on [0.5, 0.3, 0.2]", "top_p=0.7: the token that crosses p is kept"],
    "The inputs are yours to read, not to change": ["top_k=2 renormalises what is left", "temperature=2 flattens"],
}
NOT_CASES = {"(The tests never put `p` within 1e-6 of a cumulative sum, so float32 is safe.)":
             "a promise about the cases, which _oracle asserts for every one of them"}


def cases(seed: int = 20261127) -> list[Case]:
    log = np.log
    out = [
        _case("greedy: one-hot at the argmax", [0.5, 2.0, -1.0, 1.5], "greedy", expected=[0, 1, 0, 0]),
        _case("greedy with a tie for the max: the lowest index", [1.0, 3.0, 0.0, 3.0, 3.0], "greedy",
              expected=[0, 1, 0, 0, 0]),
        _case("greedy ignores temperature=0.3", [2.0, -1.0, 2.5], "greedy", temperature=0.3, expected=[0, 0, 1]),
        _case("greedy ignores k=2, p=0.5 and temperature=2 when they are given", [0.2, -1.0, 0.1], "greedy", k=2,
              p=0.5, temperature=2.0, expected=[1, 0, 0]),
        _case("temperature=1: plain softmax", log([0.5, 0.3, 0.2]), "temperature", expected=[0.5, 0.3, 0.2]),
        # p ** (1 / T), renormalised: 0.25, 0.09, 0.04 over 0.38
        _case("temperature=0.5 sharpens", log([0.5, 0.3, 0.2]), "temperature", temperature=0.5,
              expected=np.array([0.25, 0.09, 0.04]) / 0.38),
        _case("temperature=2 flattens", [2.0, 0.0, -2.0, 1.0], "temperature", temperature=2.0),
        _case("temperature=0.01 on logits of +-10 (scaled logits of +-1000)", [10.0, 9.99, -10.0, 3.0],
              "temperature", temperature=0.01),
        _case("top_k=2 renormalises what is left", log([0.5, 0.3, 0.2]), "top_k", k=2, expected=[0.625, 0.375, 0]),
        _case("top_k=1 is greedy", [0.3, -0.2, 1.7, 1.1], "top_k", k=1, expected=[0, 0, 1, 0]),
        _case("top_k=2 with three tied logits: exactly 2 kept, lowest indices", [1.0, 2.0, 0.5, 2.0, 2.0], "top_k",
              k=2, expected=[0, 0.5, 0, 0.5, 0]),
        _case("top_k=2 with a tie at the boundary: exactly 2 kept", log([0.1, 0.4, 0.2, 0.2, 0.1]), "top_k", k=2,
              expected=np.array([0, 0.4, 0.2, 0, 0]) / 0.6),
        _case("top_k equal to the vocabulary size keeps everything", [0.1, 0.9, -0.4], "top_k", k=3),
        _case("top_k larger than the vocabulary keeps everything", [0.1, 0.9, -0.4, 2.2], "top_k", k=10),
        _case("top_k=2 with temperature=0.5", [1.0, 3.0, 2.0, -1.0], "top_k", k=2, temperature=0.5),
        # sorted mass before each token: 0, 0.5, 0.8 -> the token that crosses p=0.7 (0.3) is kept
        _case("top_p=0.7: the token that crosses p is kept", log([0.3, 0.5, 0.2]), "top_p", p=0.7,
              expected=[0.375, 0.625, 0]),
        _case("top_p=0.55 on [0.5, 0.3, 0.2]", log([0.5, 0.3, 0.2]), "top_p", p=0.55, expected=[0.625, 0.375, 0]),
        _case("top_p smaller than the top probability keeps one token", log([0.2, 0.5, 0.3]), "top_p", p=0.3,
              expected=[0, 1, 0]),
        _case("top_p=1.0 keeps everything", [0.0, 1.0, -1.0, 0.5], "top_p", p=1.0),
        # equal probabilities 0.3: the lower index is ranked first, so it is the one kept
        _case("top_p=0.6 with tied probabilities: the lower index is kept", log([0.3, 0.4, 0.3]), "top_p", p=0.6,
              expected=[3 / 7, 4 / 7, 0]),
        # T=1 keeps 3 tokens (mass before: 0, 0.5, 0.75, 0.9); T=0.5 keeps 2 (0, 0.725, 0.906, 0.971)
        _case("top_p=0.85 with temperature=0.5: a sharper nucleus", log([0.5, 0.25, 0.15, 0.1]), "top_p", p=0.85,
              temperature=0.5),
        # T=1 keeps 2 tokens (mass before: 0, 0.6, 0.85); T=3 keeps 3
        _case("top_p=0.8 with temperature=3: a wider nucleus", log([0.6, 0.25, 0.1, 0.05]), "top_p", p=0.8,
              temperature=3.0),
        # 40 tokens, many tied: only a stable ranking (ties by lower index) gives the statement's answer.
        _case("top_k=10 among 40 logits with 30 tied at the boundary: the lowest indices", TIED, "top_k", k=10),
        _case("top_p=0.5 among 40 logits with many tied: the lowest indices first", TIED, "top_p", p=0.5),
        _case("logits of +-1e4 with top_p=0.9 (no overflow)", [1e4, 1e4 - 1.0, -1e4, 1e4 - 2.0], "top_p", p=0.9),
        _case("logits of +-1e4 with top_k=2 (no overflow)", [-1e4, 1e4, 1e4 - 0.5, 0.0], "top_k", k=2),
    ]
    rng = np.random.default_rng(seed)  # the random inputs of this attempt
    for i in range(6):
        size = int(rng.integers(20, 200))
        logits = rng.normal(scale=float(rng.uniform(0.5, 4.0)), size=size)
        temperature = float(rng.choice([0.5, 0.8, 1.0, 1.5]))
        if i % 2 == 0:
            k = int(rng.integers(1, size))
            out.append(_case(f"random {i + 1}: V={size}, top_k={k}, temperature={temperature}", logits, "top_k",
                             k=k, temperature=temperature))
        else:
            while True:  # p away from every cumulative sum
                p = round(float(rng.uniform(0.3, 0.97)), 3)
                try:
                    out.append(_case(f"random {i + 1}: V={size}, top_p={p}, temperature={temperature}", logits,
                                     "top_p", p=p, temperature=temperature))
                    break
                except AssertionError:
                    continue
    return out


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): every method, ties (rounded logits), any k, p away
    from the cumulative sums, temperatures below and above 1, large logits."""
    size = int(rng.integers(1, 9))
    logits = rng.normal(scale=float(rng.choice([0.5, 2.0, 1000.0])), size=size)
    if rng.random() < 0.5:
        logits = np.round(logits)
    method = str(rng.choice(["greedy", "temperature", "top_k", "top_p"]))
    temperature = float(rng.choice([0.3, 0.7, 1.0, 1.6, 3.0]))
    k = int(rng.integers(1, size + 3)) if method == "top_k" else None
    p = None
    if method == "top_p":
        scaled = logits / temperature
        probs = np.exp(scaled - scaled.max())
        probs /= probs.sum()
        before = np.cumsum(np.sort(probs)[::-1]) - np.sort(probs)[::-1]
        while True:
            p = round(float(rng.uniform(0.05, 1.0)), 3)
            if np.all(np.abs(before - p) > 1e-6):
                break
    return (logits, method, k, p, temperature), {}
