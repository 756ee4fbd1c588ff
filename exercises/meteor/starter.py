from collections import Counter
import re


def meteor(hypothesis: str, reference: str, alpha: float = 0.9, beta: float = 3.0, gamma: float = 0.5) -> float:
    """METEOR with exact matches only: Fmean(P, R) weighted towards recall, times 1 - the fragmentation penalty."""
    raise NotImplementedError
