"""Hidden cases for cross_entropy; the oracle is torch.nn.functional.cross_entropy."""

import numpy as np
import torch

from prep.drills.cases import Case, allclose


def _case(name: str, logits, targets, reduction: str = "mean", ignore_index: int | None = None) -> Case:
    logits = np.asarray(logits, dtype=np.float64) if not isinstance(logits, np.ndarray) else logits
    targets = np.asarray(targets, dtype=np.int64)
    kwargs = {"reduction": reduction}
    if ignore_index is not None:
        kwargs["ignore_index"] = ignore_index
    expected = torch.nn.functional.cross_entropy(
        torch.from_numpy(logits), torch.from_numpy(targets), reduction=reduction,
        ignore_index=-100 if ignore_index is None else ignore_index,
    ).numpy()
    if reduction != "none":
        expected = float(expected)  # a scalar: shown in full when a case fails
    tolerance = (1e-4, 1e-5) if logits.dtype == np.float32 else (1e-7, 1e-9)
    return Case(name, (logits, targets), expected, allclose(rtol=tolerance[0], atol=tolerance[1]), kwargs)


PROMISES = {
    "`logits`: a float array of shape `(N, C)`, float32 or float64": ["three samples, four classes (mean)",
                                                                       "a single sample", "float32 logits"],
    "Entries may be as large as ±10,000.": ["logits of +-1e4 (exp overflows without the max shift)"],
    "`targets`: an int64 array of shape `(N,)`.": ["three samples, four classes (mean)"],
    "Each entry is a class index in `0 ..": ["targets on the first and the last class"],
    "C-1`, or `ignore_index`.": ["ignore_index=-100: the mean is over the other samples"],
    "The loss of sample `i` is `-log softmax(logits[i])[targets[i]]`": ["reduction='none': one loss per sample"],
    "It must be right for logits of ±1e4": ["logits of +-1e4 (exp overflows without the max shift)",
                                           "logits all near -1e4 (exp underflows to 0, log(0) = -inf)",
                                           "rows of very different scales: each row's own max"],
    "`ignore_index`: samples whose target equals it contribute nothing.": [
        "ignore_index=-100: ignored samples are left out of the sum"],
    "It may be a real class id (say 2)": ["ignore_index=2, a real class id"],
    "`\"none\"`: an array of shape `(N,)`": ["reduction='none': one loss per sample",
                                             "ignore_index=-100: ignored samples are 0 with reduction='none'"],
    "`\"sum\"`: the sum of the losses": ["reduction='sum'", "every target ignored: the sum is 0"],
    "`\"mean\"`: that sum divided by the number of samples that are not ignored": [
        "ignore_index=-100: the mean is over the other samples", "rows of very different scales, mean"],
    "If every sample is ignored the mean is `0/0 = nan`": ["every target ignored: the mean is nan (0/0)"],
    "`\"mean\"` and `\"sum\"` return a scalar": ["three samples, four classes (mean)", "reduction='sum'"],
    "With `C = 1` every loss is 0.": ["C=1: a single class, the loss is 0", "C=1 with an ignored sample"],
    "The inputs are yours to read, not to change": ["three samples, four classes (mean)"],
}
NOT_CASES = {"`reduction`:": "a heading: the three items under it are mapped"}

def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(20261128)  # the fixed cases: the same inputs every attempt
    small = np.array([[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, -0.3, 0.0], [-1.0, 0.0, 1.0, 3.0]])
    with_ignored = rng.normal(size=(6, 5))
    out = [
        _case("three samples, four classes (mean)", small, [0, 1, 3]),
        _case("reduction='sum'", small, [0, 1, 3], "sum"),
        _case("reduction='none': one loss per sample", small, [2, 0, 1], "none"),
        _case("targets on the first and the last class", rng.normal(size=(5, 6)), [0, 5, 5, 0, 3], "none"),
        _case("logits of +-1e4 (exp overflows without the max shift)",
              [[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0], [1e4, 1e4, -1e4]], [0, 0, 2], "none"),
        _case("logits all near -1e4 (exp underflows to 0, log(0) = -inf)",
              [[-1e4, -1e4 - 1.0, -1e4 - 2.0], [-1e4 - 5.0, -1e4, -1e4]], [2, 0], "none"),
        _case("logits of +-1e4, mean", [[1e4, -1e4, 0.0], [0.0, 1e4, -1e4]], [1, 2]),
        _case("a single sample", rng.normal(size=(1, 7)), [4]),
        # Each row is shifted by its OWN max: with the batch-wide max (1e4) the small rows underflow to
        # exp(-1e4) = 0 and their loss becomes log(0) = inf.
        _case("rows of very different scales: each row's own max", [[1e4, 1e4 - 1.0, 1e4 - 3.0], [0.5, -0.5, 1.0],
              [-2.0, 3.0, 0.0]], [1, 0, 2], "none"),
        _case("rows of very different scales, mean", np.vstack([rng.normal(scale=1e3, size=(2, 5)),
              rng.normal(size=(3, 5))]), rng.integers(0, 5, 5)),
        _case("C=1 with an ignored sample", rng.normal(size=(3, 1)), [0, -100, 0], "none"),
        _case("C=1: a single class, the loss is 0", rng.normal(size=(4, 1)), [0, 0, 0, 0]),
        _case("ignore_index=-100: the mean is over the other samples", with_ignored, [1, -100, 4, -100, 0, 2]),
        _case("ignore_index=-100: ignored samples are 0 with reduction='none'", with_ignored,
              [1, -100, 4, -100, 0, 2], "none"),
        _case("ignore_index=-100: ignored samples are left out of the sum", with_ignored,
              [-100, 3, 4, -100, 0, -100], "sum"),
        _case("ignore_index=2, a real class id", with_ignored, [2, 3, 2, 1, 0, 2], ignore_index=2),
        _case("every target ignored: the mean is nan (0/0)", with_ignored, [-100] * 6),
        _case("every target ignored: the sum is 0", with_ignored, [-100] * 6, "sum"),
        _case("float32 logits", rng.normal(scale=3.0, size=(8, 10)).astype(np.float32), rng.integers(0, 10, 8)),
        _case("a big batch: 4096 samples x 100 classes", rng.normal(scale=4.0, size=(4096, 100)),
              rng.integers(0, 100, 4096)),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(4):  # random sizes and scales, some targets ignored
        n, c = int(rng.integers(1, 30)), int(rng.integers(2, 40))
        targets = rng.integers(0, c, n)
        targets[rng.random(n) < 0.2] = -100
        targets[0] = rng.integers(0, c)  # at least one counted target
        reduction = ("mean", "sum", "none", "mean")[i]
        scale = 10.0 ** int(rng.integers(-1, 3))
        out.append(_case(f"random {i + 1}: N={n}, C={c}, scale {scale:g}, reduction={reduction!r}",
                         rng.normal(scale=scale, size=(n, c)), targets, reduction))
    return out


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): rows of very different scales, some targets ignored,
    ignore_index sometimes a real class, every reduction, float32 or float64."""
    n, c = int(rng.integers(1, 8)), int(rng.integers(1, 7))
    scales = 10.0 ** rng.integers(-1, 5, size=(n, 1))
    logits = rng.normal(size=(n, c)) * scales + rng.normal(scale=10.0, size=(n, 1)) * (rng.random((n, 1)) < 0.5)
    if rng.random() < 0.3:
        logits = logits.astype(np.float32)
    targets = rng.integers(0, c, n).astype(np.int64)
    kwargs = {"reduction": str(rng.choice(["mean", "sum", "none"]))}
    if rng.random() < 0.3:
        kwargs["ignore_index"] = int(rng.integers(0, c))
    else:
        targets[rng.random(n) < 0.25] = -100
    return (logits, targets), kwargs
