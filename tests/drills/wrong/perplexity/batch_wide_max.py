# log-softmax shifted by one maximum over the whole input instead of each position's own: small rows give log(0).
import numpy as np


def perplexity(logits, tokens, pad_id=None):
    logits, tokens = np.asarray(logits, dtype=np.float64), np.asarray(tokens)
    batched = logits.ndim == 3
    if not batched:
        logits, tokens = logits[None], tokens[None]
    scores, targets = logits[:, :-1], tokens[:, 1:]
    m = scores.max()
    logp = scores - m - np.log(np.exp(scores - m).sum(axis=-1, keepdims=True))
    nll = -np.take_along_axis(logp, targets[..., None], axis=-1)[..., 0]
    keep = np.ones_like(targets, dtype=bool) if pad_id is None else targets != pad_id
    result = np.exp(np.where(keep, nll, 0.0).sum(axis=-1) / keep.sum(axis=-1))
    return result if batched else float(result[0])
