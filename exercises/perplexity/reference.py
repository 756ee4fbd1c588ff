import numpy as np


def perplexity(logits: np.ndarray, tokens: np.ndarray, pad_id: int | None = None):
    """exp(mean negative log-likelihood) of `tokens` under a causal LM's `logits`.

    logits: (T, V) or (B, T, V); the logits at position t predict tokens[t + 1].
    tokens: (T,) or (B, T) int64. Targets equal to pad_id are not counted.
    Returns a float for one sequence, an array of shape (B,) for a batch.
    """
    logits, tokens = np.asarray(logits, dtype=np.float64), np.asarray(tokens)
    batched = logits.ndim == 3
    if not batched:
        logits, tokens = logits[None], tokens[None]
    # The shift: the prediction made at position t scores token t + 1, so the last
    # position's logits are unused and the first token is never scored.
    scores, targets = logits[:, :-1, :], tokens[:, 1:]
    # Stable log-softmax over the vocabulary.
    m = scores.max(axis=-1, keepdims=True)
    logp = scores - m - np.log(np.exp(scores - m).sum(axis=-1, keepdims=True))
    nll = -np.take_along_axis(logp, targets[..., None], axis=-1)[..., 0]  # (B, T-1)
    keep = np.ones_like(targets, dtype=bool) if pad_id is None else targets != pad_id
    # Average the log-likelihoods (not the probabilities) over the counted targets, then exp.
    mean_nll = np.where(keep, nll, 0.0).sum(axis=-1) / keep.sum(axis=-1)
    result = np.exp(mean_nll)
    return result if batched else float(result[0])
