"""Hidden cases for label_smoothed_cross_entropy; the oracle is torch.nn.functional.cross_entropy(label_smoothing=ε)."""

import numpy as np
import torch

from prep.drills.cases import Case, allclose

REDUCTIONS = ("mean", "sum", "none")


def _oracle(logits: np.ndarray, targets: np.ndarray, smoothing: float, reduction: str, ignore_index: int):
    value = torch.nn.functional.cross_entropy(torch.from_numpy(logits), torch.from_numpy(targets), reduction=reduction,
                                              ignore_index=ignore_index, label_smoothing=smoothing).numpy()
    return value if reduction == "none" else float(value)


def _case(name: str, logits, targets, smoothing: float | None = 0.1, reduction: str | None = "mean",
          ignore_index: int | None = None) -> Case:
    logits = logits if isinstance(logits, np.ndarray) else np.asarray(logits, dtype=np.float64)
    targets = np.asarray(targets, dtype=np.int64)
    kwargs: dict = {}
    if smoothing is not None:
        kwargs["smoothing"] = smoothing
    if reduction is not None:
        kwargs["reduction"] = reduction
    if ignore_index is not None:
        kwargs["ignore_index"] = ignore_index
    expected = _oracle(logits, targets, 0.1 if smoothing is None else smoothing, reduction or "mean",
                       -100 if ignore_index is None else ignore_index)
    tolerance = (1e-4, 1e-5) if logits.dtype == np.float32 else (1e-7, 1e-9)
    # the per-sample array keeps the dtype of the logits; a reduced scalar may be a Python float
    return Case(name, (logits, targets), expected,
                allclose(rtol=tolerance[0], atol=tolerance[1], dtype=reduction == "none"), kwargs)


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    n, c = int(rng.integers(1, 12)), int(rng.integers(1, 9))
    scale = 10.0 ** float(rng.uniform(-1, 3))
    logits = rng.normal(scale=scale, size=(n, c)) + rng.normal(scale=scale * 10, size=(n, 1))
    if rng.random() < 0.3:
        logits = logits.astype(np.float32)
    targets = rng.integers(0, c, n)
    ignore = -100 if rng.random() < 0.7 else int(rng.integers(0, c))
    targets[rng.random(n) < 0.25] = ignore
    kwargs = {"smoothing": float(rng.choice([0.0, 1.0, rng.random()])), "reduction": str(rng.choice(REDUCTIONS)),
              "ignore_index": ignore}
    return (logits, targets), kwargs


PROMISES = {
    "`logits`: a float array of shape `(N, C)`, float32 or float64": ["the worked example (mean)", "a single sample",
                                                                       "float32 logits, mean"],
    "Entries may be as large as ±10,000.": ["logits of +-1e4 (exp overflows without the max shift)"],
    "`targets`: an int64 array of shape `(N,)`: class indices in `0 ..": ["the worked example (mean)"],
    "C-1`, or `ignore_index`.": ["ignored samples are left out of both terms of the mean"],
    "`smoothing`: ε, a float in `[0, 1]`.": ["smoothing=0 is the plain cross-entropy", "smoothing=1: the mean of -log p over the classes"],
    "The smoothed target of sample `i` puts `1 - ε + ε/C` on its class": [
        "smoothing goes to every class, the true one too (eps/C, not eps/(C-1))"],
    "Its loss is the cross-entropy against that target": ["the worked example, reduction='none'"],
    "With ε = 0 it is the plain cross-entropy": ["smoothing=0 is the plain cross-entropy",
                                                 "smoothing=1: the mean of -log p over the classes"],
    "`log p` must be right for logits of ±1e4": ["logits of +-1e4 (exp overflows without the max shift)",
                                                 "logits all near -1e4 (log(0) without the max shift)"],
    "Shift each row by its own maximum, not the batch's.": ["rows of very different scale: each row is shifted by its own max"],
    "`ignore_index`: samples whose target equals it contribute nothing (neither term).": [
        "ignored samples are left out of both terms of the mean", "ignored samples are left out of the sum"],
    "It may be a real class id, say 2": ["ignore_index=2, a real class id", "ignore_index=2 with reduction='none'"],
    "`\"none\"`: an array of shape `(N,)`": ["ignored samples are 0 with reduction='none'"],
    "`\"sum\"`: the sum over the samples that are not ignored": ["reduction='sum'", "every target ignored: the sum is 0"],
    "`\"mean\"`: that sum divided by the number of samples that are not ignored": [
        "ignored samples are left out of both terms of the mean", "every target ignored: the mean is nan (0/0)"],
    "`\"mean\"` and `\"sum\"` return a scalar": ["the worked example (mean)", "reduction='sum'"],
    "The per-sample array of `\"none\"` keeps the dtype of `logits`": ["float32 logits stay float32 (reduction='none')"],
    "The inputs are yours to read, not to change": ["the worked example (mean)"],
}
NOT_CASES = {"`reduction`:": "a heading: the three items under it are mapped"}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(20261128)  # the hand-made cases: the same inputs under every seed
    small = np.array([[2.0, 0.0, -1.0], [1e4, -1e4, 0.0], [0.3, 0.2, 0.1]])
    with_ignored = rng.normal(size=(6, 5))
    out = [
        _case("the worked example (mean)", small, [0, 0, -100]),
        _case("the worked example, reduction='none'", small, [0, 0, -100], 0.1, "none"),
        _case("defaults: smoothing=0.1, reduction='mean', ignore_index=-100", small, [2, 1, 0], None, None),
        _case("smoothing goes to every class, the true one too (eps/C, not eps/(C-1))",
              [[3.0, 1.0, 0.0, -2.0], [0.0, 0.5, 1.0, 4.0]], [0, 3], 0.3, "none"),
        _case("smoothing=0 is the plain cross-entropy", rng.normal(size=(4, 6)), [1, 5, 0, 2], 0.0, "none"),
        _case("smoothing=1: the mean of -log p over the classes", rng.normal(size=(4, 6)), [1, 5, 0, 2], 1.0, "none"),
        _case("reduction='sum'", rng.normal(size=(5, 4)), [3, 0, 1, 2, 1], 0.2, "sum"),
        _case("logits of +-1e4 (exp overflows without the max shift)",
              [[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0], [1e4, 1e4, -1e4]], [0, 0, 2], 0.1, "none"),
        _case("logits all near -1e4 (log(0) without the max shift)",
              [[-1e4, -1e4 - 1.0, -1e4 - 2.0], [-1e4 - 5.0, -1e4, -1e4]], [2, 0], 0.25, "none"),
        _case("rows of very different scale: each row is shifted by its own max",
              [[1e4, 1e4 - 3.0, 1e4 - 1.0], [0.5, -0.5, 0.0], [-1e4, -1e4 + 2.0, -1e4 + 1.0]], [1, 0, 2], 0.1, "none"),
        _case("a single sample", rng.normal(size=(1, 7)), [4], 0.15),
        _case("C=1: a single class, the loss is 0", rng.normal(size=(4, 1)), [0, 0, 0, 0], 0.1, "none"),
        _case("C=1 with ignored samples", rng.normal(size=(4, 1)), [0, -100, 0, -100], 0.3, "sum"),
        _case("ignored samples are left out of both terms of the mean", with_ignored, [1, -100, 4, -100, 0, 2], 0.4),
        _case("ignored samples are 0 with reduction='none'", with_ignored, [1, -100, 4, -100, 0, 2], 0.4, "none"),
        _case("ignored samples are left out of the sum", with_ignored, [-100, 3, 4, -100, 0, -100], 0.4, "sum"),
        _case("ignore_index=2, a real class id", with_ignored, [2, 3, 2, 1, 0, 2], 0.1, "mean", ignore_index=2),
        _case("ignore_index=2 with reduction='none'", with_ignored, [2, 3, 2, 1, 0, 2], 0.1, "none", ignore_index=2),
        _case("every target ignored: the mean is nan (0/0)", with_ignored, [-100] * 6, 0.1),
        _case("every target ignored: the sum is 0", with_ignored, [-100] * 6, 0.1, "sum"),
        _case("float32 logits stay float32 (reduction='none')",
              rng.normal(scale=3.0, size=(8, 10)).astype(np.float32), rng.integers(0, 10, 8), 0.1, "none"),
        _case("float32 logits, mean", rng.normal(scale=3.0, size=(8, 10)).astype(np.float32), rng.integers(0, 10, 8)),
        _case("a big batch: 2048 samples x 100 classes", rng.normal(scale=4.0, size=(2048, 100)),
              rng.integers(0, 100, 2048), 0.1),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(6):  # random sizes, scales and smoothing, some targets ignored
        n, c = int(rng.integers(1, 30)), int(rng.integers(2, 40))
        targets = rng.integers(0, c, n)
        targets[rng.random(n) < 0.2] = -100
        targets[0] = rng.integers(0, c)
        reduction = REDUCTIONS[i % 3]
        scale = 10.0 ** int(rng.integers(-1, 4))
        smoothing = round(float(rng.random()), 3)
        logits = rng.normal(scale=scale, size=(n, c)) + rng.normal(scale=scale * 10, size=(n, 1))  # rows apart
        out.append(_case(f"random {i + 1}: N={n}, C={c}, scale {scale:g}, smoothing={smoothing}, reduction={reduction!r}",
                         logits, targets, smoothing, reduction))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
