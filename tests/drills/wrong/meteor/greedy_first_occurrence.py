# Aligns each hypothesis word to the first free equal reference word: the right number of matches, but not the fewest chunks.
import re


def meteor(hypothesis, reference, alpha=0.9, beta=3.0, gamma=0.5):
    hyp = re.findall(r"[a-z0-9_]+", hypothesis.lower())
    ref = re.findall(r"[a-z0-9_]+", reference.lower())
    used, pairs = set(), []
    for i, word in enumerate(hyp):
        for j, other in enumerate(ref):
            if other == word and j not in used:
                used.add(j)
                pairs.append((i, j))
                break
    m = len(pairs)
    if m == 0:
        return 0.0
    chunks = sum(1 for k, (i, j) in enumerate(pairs) if k == 0 or (i - 1, j - 1) != pairs[k - 1])
    p, r = m / len(hyp), m / len(ref)
    fmean = p * r / (alpha * p + (1 - alpha) * r)
    return fmean * (1 - gamma * (chunks / m) ** beta)
