import numpy as np


def next_token_distribution(logits: np.ndarray, method: str, k: int | None = None, p: float | None = None,
                            temperature: float = 1.0) -> np.ndarray:
    """The distribution the next token is drawn from: "greedy", "temperature", "top_k" or "top_p"."""
    raise NotImplementedError
