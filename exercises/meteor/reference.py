from collections import Counter
import functools
import re


def _tokens(text: str) -> list[str]:
    # lowercase; a token is a run of a-z, 0-9 and underscore, everything else separates
    return re.findall(r"[a-z0-9_]+", text.lower())


def _fewest_chunks(hyp: list[str], ref: list[str]) -> int:
    """The fewest chunks over the alignments with the most exact matches (a search over hypothesis positions)."""
    ahead = [Counter(hyp[i:]) for i in range(len(hyp) + 1)]  # how often each word occurs from position i on
    places = {word: [j for j, r in enumerate(ref) if r == word] for word in set(ref)}

    @functools.cache
    def best(i: int, used: int, previous: int) -> int:
        # previous: the reference position aligned to hyp[i - 1], or -2 when hyp[i - 1] is unaligned
        if i == len(hyp):
            return 0
        free = [j for j in places.get(hyp[i], []) if not used >> j & 1]
        options = []
        if len(free) < ahead[i][hyp[i]]:  # more copies ahead than free partners: leaving this one out loses no match
            options.append(best(i + 1, used, -2))
        for j in free:  # a pair continues the chunk when it follows the previous pair in both texts
            options.append(best(i + 1, used | 1 << j, j) + (j != previous + 1))
        return min(options)

    return best(0, 0, -2)


def meteor(hypothesis: str, reference: str, alpha: float = 0.9, beta: float = 3.0, gamma: float = 0.5) -> float:
    """METEOR with exact matches only: Fmean(P, R) weighted towards recall, times 1 - the fragmentation penalty."""
    hyp, ref = _tokens(hypothesis), _tokens(reference)
    matches = sum((Counter(hyp) & Counter(ref)).values())  # the most pairs any one-to-one alignment can have
    if matches == 0:
        return 0.0
    chunks = _fewest_chunks(hyp, ref)
    precision, recall = matches / len(hyp), matches / len(ref)
    fmean = precision * recall / (alpha * precision + (1 - alpha) * recall)
    penalty = gamma * (chunks / matches) ** beta
    return fmean * (1 - penalty)
