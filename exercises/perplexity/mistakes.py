"""Known mistakes in perplexity: wrong solutions people really write, one function each.

Each takes the arguments of `perplexity` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def counts_pads(logits: np.ndarray, tokens: np.ndarray, pad_id: int | None=None):
    """You ignored pad_id: the predictions at pad tokens are averaged in like real tokens."""
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
        keep = np.ones_like(targets, dtype=bool)
        # Average the log-likelihoods (not the probabilities) over the counted targets, then exp.
        mean_nll = np.where(keep, nll, 0.0).sum(axis=-1) / keep.sum(axis=-1)
        result = np.exp(mean_nll)
        return result if batched else float(result[0])

    return perplexity(logits, tokens, pad_id)


def exp_of_sum(logits: np.ndarray, tokens: np.ndarray, pad_id: int | None=None):
    """You took the exp of the sum of the negative log-likelihoods instead of their mean: your perplexity grows with
    the length of the text."""
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
        mean_nll = np.where(keep, nll, 0.0).sum(axis=-1)
        result = np.exp(mean_nll)
        return result if batched else float(result[0])

    return perplexity(logits, tokens, pad_id)


def mean_of_probabilities(logits: np.ndarray, tokens: np.ndarray, pad_id: int | None=None):
    """You averaged the targets' probabilities and inverted that: perplexity averages the log-probabilities (a
    geometric mean)."""
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
        mean_p = np.where(keep, np.exp(-nll), 0.0).sum(axis=-1) / keep.sum(axis=-1)
        result = 1.0 / mean_p
        return result if batched else float(result[0])

    return perplexity(logits, tokens, pad_id)


def no_shift(logits: np.ndarray, tokens: np.ndarray, pad_id: int | None=None):
    """You scored token t with the logits at position t instead of those at t − 1: the model is credited for
    predicting what it already saw."""
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
        scores, targets = logits, tokens
        # Stable log-softmax over the vocabulary.
        m = scores.max(axis=-1, keepdims=True)
        logp = scores - m - np.log(np.exp(scores - m).sum(axis=-1, keepdims=True))
        nll = -np.take_along_axis(logp, targets[..., None], axis=-1)[..., 0]  # (B, T-1)
        keep = np.ones_like(targets, dtype=bool) if pad_id is None else targets != pad_id
        # Average the log-likelihoods (not the probabilities) over the counted targets, then exp.
        mean_nll = np.where(keep, nll, 0.0).sum(axis=-1) / keep.sum(axis=-1)
        result = np.exp(mean_nll)
        return result if batched else float(result[0])

    return perplexity(logits, tokens, pad_id)


def pads_zeroed_but_counted(logits: np.ndarray, tokens: np.ndarray, pad_id: int | None=None):
    """You zeroed the loss at pad targets but still divided by every position: the pads pull your perplexity down."""
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
        mean_nll = np.where(keep, nll, 0.0).sum(axis=-1) / targets.shape[-1]
        result = np.exp(mean_nll)
        return result if batched else float(result[0])

    return perplexity(logits, tokens, pad_id)


def pooled_batch(logits: np.ndarray, tokens: np.ndarray, pad_id: int | None=None):
    """You pooled every token of the batch into one average: you return a single number instead of one per sequence."""
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
        return float(np.exp(nll[keep].mean()))

    return perplexity(logits, tokens, pad_id)


def batch_wide_max(logits: np.ndarray, tokens: np.ndarray, pad_id: int | None=None):
    """You shifted the log-softmax by one maximum over the whole input instead of each position's own: positions far
    below it give log(0)."""
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

    return perplexity(logits, tokens, pad_id)
