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
    return out / out.sum()  # renormalise what is left
