from collections import Counter
import re


def _tokens(text: str) -> list[str]:
    # rouge-score's default tokenizer without stemming: lowercase, then every run of characters
    # other than a-z and 0-9 separates tokens.
    return re.findall(r"[a-z0-9]+", text.lower())


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def _lcs_length(a: list[str], b: list[str]) -> int:
    """Longest common subsequence (order kept, gaps allowed), one row of the DP table at a time."""
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, start=1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def _score(hits: int, candidate_total: int, reference_total: int) -> dict:
    precision = hits / candidate_total if candidate_total else 0.0
    recall = hits / reference_total if reference_total else 0.0
    f = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0  # harmonic mean
    return {"precision": precision, "recall": recall, "fmeasure": f}


def rouge(candidate: str, reference: str, kind: str) -> dict:
    """ROUGE of a candidate text against a reference text.

    kind: "rouge1" | "rouge2" | "rougeL". Returns {"precision": p, "recall": r, "fmeasure": f}.
    """
    cand, ref = _tokens(candidate), _tokens(reference)
    if kind == "rougeL":
        if not cand or not ref:
            return _score(0, 0, 0)
        return _score(_lcs_length(cand, ref), len(cand), len(ref))
    if kind in ("rouge1", "rouge2"):
        n = int(kind[-1])
        c, r = _ngrams(cand, n), _ngrams(ref, n)
        hits = sum((c & r).values())  # clipped: each n-gram counts min(count in candidate, count in reference)
        return _score(hits, sum(c.values()), sum(r.values()))
    raise ValueError(f"unknown kind {kind!r}")
