"""Known mistakes in sampling: wrong solutions people really write, one function each.

Each takes the arguments of `next_token_distribution` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def power_without_renormalising(logits: np.ndarray, method: str, k: int | None=None, p: float | None=None, temperature: float=1.0):
    """You applied the temperature after the softmax as p ** (1 / T) and did not renormalise: your result does not
    sum to 1."""
    import numpy as np


    def next_token_distribution(logits: np.ndarray, method: str, k: int | None = None, p: float | None = None,
                                temperature: float = 1.0) -> np.ndarray:
        """The distribution the next token is drawn from: greedy, temperature, top-k or top-p (nucleus)."""
        logits = np.asarray(logits, dtype=np.float64)
        if method == "greedy":
            out = np.zeros_like(logits)
            out[np.argmax(logits)] = 1.0  # argmax returns the first maximum: the lowest index on ties
            return out

        scaled = logits  # temperature scales the logits, before softmax and before any filtering
        probs = np.exp(scaled - scaled.max())
        probs /= probs.sum()
        probs = probs ** (1.0 / temperature)
        if method == "temperature":
            return probs

        order = np.argsort(-probs, kind="stable")  # most probable first; ties: lower index first
        if method == "top_k":
            keep = order[:k]  # exactly min(k, V) tokens, even when there are ties at the boundary
        elif method == "top_p":
            before = np.cumsum(probs[order]) - probs[order]  # mass of the tokens ranked above each one
            keep = order[before < p]  # the token that crosses p is kept; the first token always is
        else:
            raise ValueError(f"unknown method {method!r}")
        out = np.zeros_like(probs)
        out[keep] = probs[keep]
        return out / out.sum()  # renormalise what is left

    return next_token_distribution(logits, method, k, p, temperature)


def temperature_after_filtering(logits: np.ndarray, method: str, k: int | None=None, p: float | None=None, temperature: float=1.0):
    """You chose the top-k or top-p tokens from the untempered distribution and applied the temperature afterwards:
    the temperature comes first and changes the nucleus."""
    import numpy as np


    def next_token_distribution(logits: np.ndarray, method: str, k: int | None = None, p: float | None = None,
                                temperature: float = 1.0) -> np.ndarray:
        """The distribution the next token is drawn from: greedy, temperature, top-k or top-p (nucleus)."""
        logits = np.asarray(logits, dtype=np.float64)
        if method == "greedy":
            out = np.zeros_like(logits)
            out[np.argmax(logits)] = 1.0  # argmax returns the first maximum: the lowest index on ties
            return out

        scaled = logits / temperature if method == "temperature" else logits  # temperature scales the logits, before softmax and before any filtering
        probs = np.exp(scaled - scaled.max())
        probs /= probs.sum()
        if method == "temperature":
            return probs

        order = np.argsort(-probs, kind="stable")  # most probable first; ties: lower index first
        if method == "top_k":
            keep = order[:k]  # exactly min(k, V) tokens, even when there are ties at the boundary
        elif method == "top_p":
            before = np.cumsum(probs[order]) - probs[order]  # mass of the tokens ranked above each one
            keep = order[before < p]  # the token that crosses p is kept; the first token always is
        else:
            raise ValueError(f"unknown method {method!r}")
        out = np.zeros_like(probs)
        out[keep] = np.exp((logits[keep] - logits[keep].max()) / temperature)
        return out / out.sum()  # renormalise what is left

    return next_token_distribution(logits, method, k, p, temperature)


def temperature_divides_probabilities(logits: np.ndarray, method: str, k: int | None=None, p: float | None=None, temperature: float=1.0):
    """You divided the probabilities by the temperature instead of the logits: after renormalising, the temperature
    has no effect."""
    import numpy as np


    def next_token_distribution(logits: np.ndarray, method: str, k: int | None = None, p: float | None = None,
                                temperature: float = 1.0) -> np.ndarray:
        """The distribution the next token is drawn from: greedy, temperature, top-k or top-p (nucleus)."""
        logits = np.asarray(logits, dtype=np.float64)
        if method == "greedy":
            out = np.zeros_like(logits)
            out[np.argmax(logits)] = 1.0  # argmax returns the first maximum: the lowest index on ties
            return out

        scaled = logits  # temperature scales the logits, before softmax and before any filtering
        probs = np.exp(scaled - scaled.max())
        probs /= probs.sum()
        probs = probs / temperature
        probs /= probs.sum()
        if method == "temperature":
            return probs

        order = np.argsort(-probs, kind="stable")  # most probable first; ties: lower index first
        if method == "top_k":
            keep = order[:k]  # exactly min(k, V) tokens, even when there are ties at the boundary
        elif method == "top_p":
            before = np.cumsum(probs[order]) - probs[order]  # mass of the tokens ranked above each one
            keep = order[before < p]  # the token that crosses p is kept; the first token always is
        else:
            raise ValueError(f"unknown method {method!r}")
        out = np.zeros_like(probs)
        out[keep] = probs[keep]
        return out / out.sum()  # renormalise what is left

    return next_token_distribution(logits, method, k, p, temperature)


def top_k_keeps_ties(logits: np.ndarray, method: str, k: int | None=None, p: float | None=None, temperature: float=1.0):
    """You kept every token at least as probable as the k-th: on ties at the boundary you keep more than k tokens."""
    import numpy as np


    def next_token_distribution(logits: np.ndarray, method: str, k: int | None = None, p: float | None = None,
                                temperature: float = 1.0) -> np.ndarray:
        """The distribution the next token is drawn from: greedy, temperature, top-k or top-p (nucleus)."""
        logits = np.asarray(logits, dtype=np.float64)
        if method == "greedy":
            out = np.zeros_like(logits)
            out[np.argmax(logits)] = 1.0  # argmax returns the first maximum: the lowest index on ties
            return out

        scaled = logits / temperature  # temperature scales the logits, before softmax and before any filtering
        probs = np.exp(scaled - scaled.max())
        probs /= probs.sum()
        if method == "temperature":
            return probs

        order = np.argsort(-probs, kind="stable")  # most probable first; ties: lower index first
        if method == "top_k":
            keep = np.flatnonzero(probs >= probs[order[min(k, len(probs)) - 1]])  # exactly min(k, V) tokens, even when there are ties at the boundary
        elif method == "top_p":
            before = np.cumsum(probs[order]) - probs[order]  # mass of the tokens ranked above each one
            keep = order[before < p]  # the token that crosses p is kept; the first token always is
        else:
            raise ValueError(f"unknown method {method!r}")
        out = np.zeros_like(probs)
        out[keep] = probs[keep]
        return out / out.sum()  # renormalise what is left

    return next_token_distribution(logits, method, k, p, temperature)


def top_k_not_renormalised(logits: np.ndarray, method: str, k: int | None=None, p: float | None=None, temperature: float=1.0):
    """You zeroed the tokens outside the top k but did not renormalise the ones left: your result does not sum to 1."""
    import numpy as np


    def next_token_distribution(logits: np.ndarray, method: str, k: int | None = None, p: float | None = None,
                                temperature: float = 1.0) -> np.ndarray:
        """The distribution the next token is drawn from: greedy, temperature, top-k or top-p (nucleus)."""
        logits = np.asarray(logits, dtype=np.float64)
        if method == "greedy":
            out = np.zeros_like(logits)
            out[np.argmax(logits)] = 1.0  # argmax returns the first maximum: the lowest index on ties
            return out

        scaled = logits / temperature  # temperature scales the logits, before softmax and before any filtering
        probs = np.exp(scaled - scaled.max())
        probs /= probs.sum()
        if method == "temperature":
            return probs

        order = np.argsort(-probs, kind="stable")  # most probable first; ties: lower index first
        if method == "top_k":
            keep = order[:k]  # exactly min(k, V) tokens, even when there are ties at the boundary
        elif method == "top_p":
            before = np.cumsum(probs[order]) - probs[order]  # mass of the tokens ranked above each one
            keep = order[before < p]  # the token that crosses p is kept; the first token always is
        else:
            raise ValueError(f"unknown method {method!r}")
        out = np.zeros_like(probs)
        out[keep] = probs[keep]
        return out if method == "top_k" else out / out.sum()  # renormalise what is left

    return next_token_distribution(logits, method, k, p, temperature)


def top_p_drops_crossing_token(logits: np.ndarray, method: str, k: int | None=None, p: float | None=None, temperature: float=1.0):
    """You kept only the tokens whose cumulative probability stays at or below p: the token that crosses p must be
    kept too."""
    import numpy as np


    def next_token_distribution(logits: np.ndarray, method: str, k: int | None = None, p: float | None = None,
                                temperature: float = 1.0) -> np.ndarray:
        """The distribution the next token is drawn from: greedy, temperature, top-k or top-p (nucleus)."""
        logits = np.asarray(logits, dtype=np.float64)
        if method == "greedy":
            out = np.zeros_like(logits)
            out[np.argmax(logits)] = 1.0  # argmax returns the first maximum: the lowest index on ties
            return out

        scaled = logits / temperature  # temperature scales the logits, before softmax and before any filtering
        probs = np.exp(scaled - scaled.max())
        probs /= probs.sum()
        if method == "temperature":
            return probs

        order = np.argsort(-probs, kind="stable")  # most probable first; ties: lower index first
        if method == "top_k":
            keep = order[:k]  # exactly min(k, V) tokens, even when there are ties at the boundary
        elif method == "top_p":
            before = np.cumsum(probs[order]) - probs[order]  # mass of the tokens ranked above each one
            keep = order[: max(1, int(np.sum(np.cumsum(probs[order]) <= p)))]  # the token that crosses p is kept; the first token always is
        else:
            raise ValueError(f"unknown method {method!r}")
        out = np.zeros_like(probs)
        out[keep] = probs[keep]
        return out / out.sum()  # renormalise what is left

    return next_token_distribution(logits, method, k, p, temperature)


def unstable_ranking(logits: np.ndarray, method: str, k: int | None=None, p: float | None=None, temperature: float=1.0):
    """You ranked the tokens with np.argsort's default sort, which is not stable: among tied probabilities the kept
    ones are not the lowest ids."""
    # ranks tokens with np.argsort's default (not stable) sort: among many tied probabilities the kept ones are not the lowest ids.
    import numpy as np


    def next_token_distribution(logits, method, k=None, p=None, temperature=1.0):
        logits = np.asarray(logits, dtype=np.float64)
        if method == "greedy":
            out = np.zeros_like(logits)
            out[np.argmax(logits)] = 1.0
            return out
        scaled = logits / temperature
        probs = np.exp(scaled - scaled.max())
        probs /= probs.sum()
        if method == "temperature":
            return probs
        order = np.argsort(-probs)
        if method == "top_k":
            keep = order[:k]
        else:
            keep = order[np.cumsum(probs[order]) - probs[order] < p]
        out = np.zeros_like(probs)
        out[keep] = probs[keep]
        return out / out.sum()

    return next_token_distribution(logits, method, k, p, temperature)
