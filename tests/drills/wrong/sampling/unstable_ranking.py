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
