"""Hidden cases for perplexity; the oracle is exp(torch.nn.functional.cross_entropy) on the shifted logits."""

import numpy as np
import torch

from prep.drills.cases import Case, allclose


def _oracle(logits: np.ndarray, tokens: np.ndarray, pad_id: int | None):
    batched = logits.ndim == 3
    lt, tt = torch.from_numpy(logits), torch.from_numpy(tokens)
    if not batched:
        lt, tt = lt[None], tt[None]
    values = []
    for scores, seq in zip(lt, tt):
        # logits at t predict token t+1; targets equal to pad_id are ignored.
        loss = torch.nn.functional.cross_entropy(scores[:-1], seq[1:], ignore_index=-100 if pad_id is None else pad_id)
        values.append(torch.exp(loss.double()).item())
    return np.array(values) if batched else values[0]


def _case(name: str, logits, tokens, pad_id: int | None = None) -> Case:
    logits = logits if isinstance(logits, np.ndarray) else np.asarray(logits, dtype=np.float64)
    tokens = np.asarray(tokens, dtype=np.int64)
    kwargs = {} if pad_id is None else {"pad_id": pad_id}
    tolerance = 1e-4 if logits.dtype == np.float32 else 1e-8
    return Case(name, (logits, tokens), _oracle(logits, tokens, pad_id), allclose(rtol=tolerance, atol=0.0), kwargs)


def _confident(tokens: np.ndarray, vocab: int, margin: float) -> np.ndarray:
    """Logits that put `margin` on the true next token at every position (the last row is unused)."""
    logits = np.zeros((len(tokens), vocab))
    logits[np.arange(len(tokens) - 1), tokens[1:]] = margin
    logits[-1, 0] = margin
    return logits


def _right_padded(rng, batch: int, length: int, vocab: int, pads: list[int], pad_id: int) -> np.ndarray:
    tokens = rng.integers(1, vocab, size=(batch, length))
    for row, count in enumerate(pads):
        if count:
            tokens[row, -count:] = pad_id
    return tokens


PROMISES = {
    "`logits`: float32 or float64, shape `(T, V)` for one sequence or `(B, T, V)` for a batch.": [
        "four tokens, vocabulary of 3", "a batch of 3 sequences: one perplexity each", "float32 logits"],
    "`logits[t]` (`logits[b, t]`) are the model's scores for the token at position `t + 1`.": [
        "logits peaked on the current token, not the next one"],
    "`tokens`: int64, shape `(T,)` or `(B, T)`, values in `0 ..": ["four tokens, vocabulary of 3"],
    "V-1`: the sequence the model read.": ["uniform logits: perplexity equals the vocabulary size 7"],
    "The shift: the prediction at position `t` scores `tokens[t + 1]`": [
        "logits peaked on the current token, not the next one", "two tokens: a single prediction"],
    "T-2]` against `tokens[1 ..": ["two tokens: a single prediction"],
    "T-1]`.": ["four tokens, vocabulary of 3"],
    "The logits at the last position are not used, and `tokens[0]` is never scored.": [
        "logits peaked on the current token, not the next one"],
    "The negative log-likelihood of one prediction is": ["four tokens, vocabulary of 3"],
    "Logits can be as large as 1000": ["a sure and right model (logits 1000): perplexity 1",
                                       "a batch whose sequences differ in scale (logits ~1000 and ~1)",
                                       "positions of very different scales in one sequence"],
    "`pad_id`: when it is not `None`": ["right padding with pad_id=0", "pad_id=3 occurring mid-sequence is skipped as a target",
                                        "pad_id given but no pads in the sequence"],
    "A prediction made *at* a pad position still counts": [
        "left padding: the last pad position's prediction of the first real token counts"],
    "Perplexity = `exp(mean of the counted negative log-likelihoods)`": [
        "uniform logits: perplexity equals the vocabulary size 7", "a batch with different amounts of right padding"],
    "Returns a number (a Python float, NumPy scalar or 0-d tensor) for a single sequence": [
        "four tokens, vocabulary of 3", "a batch of 3 sequences: one perplexity each"],
    "A batch of one sequence gives shape `(1,)`.": ["a batch of one sequence keeps its batch axis: shape (1,)"],
    "Every sequence has `T >= 2` and at least one counted target.": ["two tokens: a single prediction"],
    "The inputs are yours to read, not to change": ["four tokens, vocabulary of 3"],
}
NOT_CASES: dict[str, str] = {}

def cases(seed: int = 20261129) -> list[Case]:
    rng = np.random.default_rng(20261129)  # the fixed cases: the same inputs every attempt
    small_logits = np.array([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0], [1.0, 1.0, 1.0], [0.0, 4.0, 0.0]])
    seq = rng.integers(0, 9, 12)
    out = [
        _case("four tokens, vocabulary of 3", small_logits, [0, 0, 2, 1]),
        _case("uniform logits: perplexity equals the vocabulary size 7", np.zeros((6, 7)), [3, 1, 4, 1, 5, 6]),
        _case("two tokens: a single prediction", [[0.3, -1.2, 2.0, 0.0], [5.0, 5.0, 5.0, 5.0]], [1, 2]),
        _case("a sure and right model (logits 1000): perplexity 1", _confident(seq, 9, 1000.0), seq),
        _case("logits peaked on the current token, not the next one",
              np.eye(6)[[0, 3, 2, 5, 1]] * 3.0, [0, 3, 2, 5, 1]),
        _case("random: 16 tokens, vocabulary of 50", rng.normal(scale=2.0, size=(16, 50)), rng.integers(0, 50, 16)),
        _case("right padding with pad_id=0", rng.normal(size=(7, 9)), [5, 3, 7, 2, 0, 0, 0], pad_id=0),
        _case("pad_id given but no pads in the sequence", rng.normal(size=(6, 9)), [5, 3, 7, 2, 8, 1], pad_id=0),
        _case("left padding: the last pad position's prediction of the first real token counts",
              rng.normal(size=(6, 9)), [0, 0, 0, 5, 3, 7], pad_id=0),
        _case("pad_id=3 occurring mid-sequence is skipped as a target", rng.normal(size=(8, 6)),
              [1, 3, 2, 3, 3, 4, 0, 5], pad_id=3),
        _case("a batch of 3 sequences: one perplexity each", rng.normal(scale=1.5, size=(3, 10, 12)),
              rng.integers(0, 12, (3, 10))),
        _case("a batch with different amounts of right padding", rng.normal(scale=1.5, size=(3, 10, 12)),
              _right_padded(rng, 3, 10, 12, [0, 3, 7], 0), pad_id=0),
        # Each position's log-softmax is shifted by its own max: with a max over the whole batch (or the
        # whole sequence), the positions of small logits underflow to exp(-1000) = 0 and log(0) = -inf.
        _case("a batch whose sequences differ in scale (logits ~1000 and ~1)",
              np.stack([rng.normal(scale=1000.0, size=(5, 6)), rng.normal(size=(5, 6))]), rng.integers(0, 6, (2, 5))),
        _case("positions of very different scales in one sequence",
              rng.normal(size=(6, 5)) * np.array([[1000.0], [1.0], [1000.0], [0.5], [1.0], [1.0]]), rng.integers(0, 5, 6)),
        _case("a batch of one sequence keeps its batch axis: shape (1,)", rng.normal(size=(1, 5, 4)),
              rng.integers(0, 4, (1, 5))),
        _case("float32 logits", rng.normal(scale=2.0, size=(20, 30)).astype(np.float32), rng.integers(0, 30, 20)),
        _case("a longer sequence: 512 tokens, vocabulary of 1000", rng.normal(scale=3.0, size=(512, 1000)),
              rng.integers(0, 1000, 512)),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(3):  # random batches with random right padding
        b, t, v = int(rng.integers(2, 5)), int(rng.integers(3, 15)), int(rng.integers(2, 40))
        pads = [int(rng.integers(0, t - 1)) for _ in range(b)]
        out.append(_case(f"random batch {i + 1}: B={b}, T={t}, V={v}, right padding {pads}",
                         rng.normal(scale=10.0 ** rng.uniform(-1, 1), size=(b, t, v)),
                         _right_padded(rng, b, t, v, pads, 0), pad_id=0))
    return out


def random_inputs(rng: np.random.Generator) -> tuple[tuple, dict]:
    """One random valid input (for the mutation check): one sequence or a batch, pads anywhere, float32 or
    float64, large logits."""
    batch = None if rng.random() < 0.4 else int(rng.integers(1, 4))
    t, v = int(rng.integers(2, 8)), int(rng.integers(2, 7))
    shape = (t,) if batch is None else (batch, t)
    tokens = rng.integers(0, v, size=shape).astype(np.int64)
    logits = rng.normal(scale=10.0 ** rng.uniform(-1, 3), size=(*shape, v))
    if rng.random() < 0.4:  # positions (and sequences) of very different scales
        logits = logits * 10.0 ** rng.integers(-1, 3, size=(*shape, 1))
    if rng.random() < 0.3:
        logits = logits.astype(np.float32)
    kwargs = {}
    if rng.random() < 0.6:
        pad = int(rng.integers(0, v))
        tokens[rng.random(shape) < 0.3] = pad
        rows = tokens.reshape(-1, t)
        for row in rows:  # at least one counted target per sequence
            if np.all(row[1:] == pad):
                row[int(rng.integers(1, t))] = (pad + 1) % v
        kwargs["pad_id"] = pad
    return (logits, tokens), kwargs


def equivalent(args: tuple, kwargs: dict, expected, got) -> bool:
    """The grading tolerance: float32 logits may be worked on in float32 (1e-4), float64 ones to 1e-8."""
    tolerance = 1e-4 if args[0].dtype == np.float32 else 1e-8
    try:
        return bool(np.allclose(np.asarray(got, dtype=float), np.asarray(expected, dtype=float), rtol=tolerance, atol=0.0)
                    and np.shape(got) == np.shape(expected))
    except (TypeError, ValueError):
        return False
