import numpy as np


def perplexity(logits: np.ndarray, tokens: np.ndarray, pad_id: int | None = None):
    """exp(mean negative log-likelihood) of `tokens` under a causal LM's `logits`.

    logits: (T, V) or (B, T, V); the logits at position t predict tokens[t + 1].
    tokens: (T,) or (B, T) int64. Targets equal to pad_id are not counted.
    Returns a float for one sequence, an array of shape (B,) for a batch.
    """
    raise NotImplementedError
