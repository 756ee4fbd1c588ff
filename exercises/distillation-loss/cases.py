"""Hidden cases for distillation_loss.

Oracle: torch.nn.functional.kl_div(log_softmax(student / T), softmax(teacher / T), reduction="batchmean") * T²
(DistilBERT's own formula, on the rows whose label is not ignored) and torch.nn.functional.cross_entropy
(ignore_index=...) for the hard term.
"""

import numpy as np
import torch
import torch.nn.functional as F

from prep.drills.cases import Case, allclose


def _oracle(student: np.ndarray, teacher: np.ndarray, labels: np.ndarray, temperature: float, alpha: float,
            ignore_index: int) -> float:
    s, t, y = (torch.from_numpy(a) for a in (student, teacher, labels))
    keep = y != ignore_index
    soft = F.kl_div(F.log_softmax(s[keep] / temperature, dim=-1), F.softmax(t[keep] / temperature, dim=-1),
                    reduction="batchmean") * temperature ** 2
    hard = F.cross_entropy(s, y, ignore_index=ignore_index)
    return float(alpha * soft + (1 - alpha) * hard)


def _case(name: str, student, teacher, labels, temperature: float | None = None, alpha: float | None = None,
          ignore_index: int | None = None) -> Case:
    student = student if isinstance(student, np.ndarray) else np.asarray(student, dtype=np.float64)
    teacher = teacher if isinstance(teacher, np.ndarray) else np.asarray(teacher, dtype=student.dtype)
    labels = np.asarray(labels, dtype=np.int64)
    kwargs = {key: value for key, value in
              (("temperature", temperature), ("alpha", alpha), ("ignore_index", ignore_index)) if value is not None}
    expected = _oracle(student, teacher, labels, 2.0 if temperature is None else temperature,
                       0.5 if alpha is None else alpha, -100 if ignore_index is None else ignore_index)
    assert np.isfinite(expected), name
    tolerance = (2e-4, 1e-5) if student.dtype == np.float32 else (1e-7, 1e-9)
    return Case(name, (student, teacher, labels), expected, allclose(rtol=tolerance[0], atol=tolerance[1]), kwargs)


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    n, c = int(rng.integers(1, 10)), int(rng.integers(1, 8))
    scale = 10.0 ** float(rng.uniform(-1, 2.5))
    student = rng.normal(scale=scale, size=(n, c)) + rng.normal(scale=scale * 5, size=(n, 1))
    teacher = rng.normal(scale=scale, size=(n, c)) + rng.normal(scale=scale * 5, size=(n, 1))
    if rng.random() < 0.3:
        student, teacher = student.astype(np.float32), teacher.astype(np.float32)
    ignore = -100 if rng.random() < 0.7 else int(rng.integers(0, c))
    labels = rng.integers(0, c, n)
    labels[rng.random(n) < 0.3] = ignore
    kept = int(rng.integers(0, n))
    labels[kept] = (ignore + 1) % c if ignore >= 0 else int(rng.integers(0, c))
    if labels[kept] == ignore:  # C = 1 and ignore_index 0: nothing could be kept
        ignore = -100
    kwargs = {"temperature": float(rng.choice([1.0, 2.0, 0.5, float(rng.uniform(0.2, 10.0))])),
              "alpha": float(rng.choice([0.0, 1.0, float(rng.random())])), "ignore_index": ignore}
    return (student, teacher, labels), kwargs


PROMISES = {
    "`student_logits`, `teacher_logits`: float arrays of shape `(N, C)`": [
        "the worked example (defaults T=2, alpha=0.5)", "a single row", "float32 logits", "logits of +-1e4 for both models"],
    "`labels`: an int64 array of shape `(N,)`, class ids in `0 ..": ["the worked example: the hard cross-entropy alone (alpha=0)"],
    "C-1` or `ignore_index`; at least one label is not `ignore_index`.": ["ignored rows are left out of both terms",
                                                                          "ignore_index=3, a real class id"],
    "`temperature` `T > 0` (it may be below 1); `alpha` in `[0, 1]`.": [
        "alpha=1, T=0.5: a temperature below 1 sharpens", "alpha weighs the soft term, 1 - alpha the hard one"],
    "Rows whose label equals `ignore_index` are left out of both terms": [
        "ignored rows are left out of the soft term's average", "ignored rows are left out of the hard term's average"],
    "Let `K` be the number of rows kept.": ["ignored rows are left out of both terms"],
    "Soft term: `p = softmax(teacher / T)`": [
        "alpha=1 and T=4: the soft term is multiplied by T^2", "KL(teacher || student), not KL(student || teacher)",
        "both distributions are softened by T, the teacher's too",
        "'batchmean': summed over classes, averaged over rows (not rows x classes)",
        "a student equal to the teacher has no soft loss"],
    "A teacher probability that underflows to 0 contributes exactly 0": [
        "a teacher probability that underflows to 0 contributes 0 (not nan)"],
    "Hard term: the ordinary cross-entropy of the student at temperature 1": [
        "the hard term uses the student at T=1, not T", "the hard term scores the student, not the teacher"],
    "Returns the scalar `alpha · soft + (1 - alpha) · hard`": ["the worked example (defaults T=2, alpha=0.5)",
                                                              "C=1: both terms are 0"],
    "Numerically stable": ["logits of +-1e4 for both models",
                           "rows of very different scale: each row is shifted by its own max"],
    "The inputs are yours to read, not to change": ["the worked example (defaults T=2, alpha=0.5)"],
}
NOT_CASES: dict[str, str] = {}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(20261128)  # the hand-made cases: the same inputs under every seed
    student = np.array([[2.0, 1.0, 0.0], [0.0, 3.0, -1.0], [1.0, 1.0, 1.0]])
    teacher = np.array([[3.0, 0.5, -1.0], [0.0, 2.0, 0.0], [5.0, 0.0, 0.0]])
    labels = np.array([0, 1, -100])
    s6, t6 = rng.normal(size=(6, 5)), rng.normal(scale=2.0, size=(6, 5))
    out = [
        _case("the worked example (defaults T=2, alpha=0.5)", student, teacher, labels),
        _case("the worked example: the KL alone (T=1, alpha=1)", student, teacher, labels, 1.0, 1.0),
        _case("the worked example: the hard cross-entropy alone (alpha=0)", student, teacher, labels, None, 0.0),
        _case("alpha=1 and T=4: the soft term is multiplied by T^2", s6, t6, [0, 1, 2, 3, 4, 0], 4.0, 1.0),
        _case("alpha=1, T=0.5: a temperature below 1 sharpens", s6, t6, [0, 1, 2, 3, 4, 0], 0.5, 1.0),
        _case("KL(teacher || student), not KL(student || teacher)",
              [[4.0, 0.0, 0.0, -2.0], [0.0, 0.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 0.0], [3.0, -1.0, 0.0, 2.0]], [0, 0], 1.0, 1.0),
        _case("both distributions are softened by T, the teacher's too", s6, 3.0 * t6, [4, 3, 2, 1, 0, 4], 3.0, 1.0),
        _case("the hard term uses the student at T=1, not T", s6, t6, [1, 1, 2, 2, 0, 0], 5.0, 0.0),
        _case("the hard term scores the student, not the teacher", s6, t6, [3, 1, 0, 2, 4, 3], 2.0, 0.0),
        _case("alpha weighs the soft term, 1 - alpha the hard one", s6, t6, [3, 1, 0, 2, 4, 3], 3.0, 0.2),
        _case("'batchmean': summed over classes, averaged over rows (not rows x classes)",
              rng.normal(size=(3, 9)), rng.normal(size=(3, 9)), [8, 0, 4], 2.0, 1.0),
        _case("a student equal to the teacher has no soft loss", s6, s6.copy(), [0, 1, 2, 3, 4, 0], 2.0, 1.0),
        _case("ignored rows are left out of both terms", s6, t6, [0, -100, 2, -100, 4, 0], 2.0, 0.5),
        _case("ignored rows are left out of the soft term's average", s6, t6, [-100, -100, 2, -100, 4, 0], 2.0, 1.0),
        _case("ignored rows are left out of the hard term's average", s6, t6, [-100, 1, -100, -100, 4, 0], 2.0, 0.0),
        _case("ignore_index=3, a real class id", s6, t6, [3, 1, 3, 0, 4, 3], 2.0, 0.5, ignore_index=3),
        _case("a teacher probability that underflows to 0 contributes 0 (not nan)",
              [[0.5, -0.5, 0.0], [1.0, 0.0, -1.0]], [[1e4, -1e4, 0.0], [-1e4, 5.0, -1e4]], [0, 1], 1.0, 1.0),
        _case("logits of +-1e4 for both models", [[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0]],
              [[1e4, 0.0, -1e4], [0.0, 1e4, -1e4]], [0, 2], 2.0, 0.5),
        _case("rows of very different scale: each row is shifted by its own max",
              [[1e4, 1e4 - 2.0, 1e4 - 1.0], [0.5, -0.5, 0.0], [-1e4, -1e4 + 2.0, -1e4 + 1.0]],
              [[1e4 - 1.0, 1e4, 1e4 - 3.0], [0.0, 1.0, -1.0], [-1e4 + 1.0, -1e4, -1e4 + 3.0]], [0, 1, 2], 1.0, 0.5),
        _case("a single row", rng.normal(size=(1, 7)), rng.normal(size=(1, 7)), [6], 2.0, 0.7),
        _case("C=1: both terms are 0", rng.normal(size=(3, 1)), rng.normal(size=(3, 1)), [0, 0, 0], 2.0, 0.5),
        _case("float32 logits", rng.normal(scale=3.0, size=(8, 10)).astype(np.float32),
              rng.normal(scale=3.0, size=(8, 10)).astype(np.float32), rng.integers(0, 10, 8), 2.0, 0.5),
        _case("a batch of 512 rows x 1000 classes", rng.normal(scale=3.0, size=(512, 1000)),
              rng.normal(scale=3.0, size=(512, 1000)), rng.integers(0, 1000, 512), 2.0, 0.5),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(6):  # random sizes, scales, temperatures and weights
        n, c = int(rng.integers(1, 20)), int(rng.integers(2, 30))
        scale = 10.0 ** int(rng.integers(-1, 4))
        labels = rng.integers(0, c, n)
        labels[rng.random(n) < 0.25] = -100
        labels[0] = rng.integers(0, c)
        temperature, alpha = round(float(rng.uniform(0.3, 8.0)), 3), round(float(rng.random()), 3)
        out.append(_case(f"random {i + 1}: N={n}, C={c}, scale {scale:g}, T={temperature}, alpha={alpha}",
                         rng.normal(scale=scale, size=(n, c)) + rng.normal(scale=scale * 10, size=(n, 1)),
                         rng.normal(scale=scale, size=(n, c)) + rng.normal(scale=scale * 10, size=(n, 1)),
                         labels, temperature, alpha))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
