from collections import Counter
import re


def _tokens(text: str) -> list[str]:
    # rouge-score's tokenizer without stemming: lowercase, and anything but a-z / 0-9 separates tokens
    return re.findall(r"[a-z0-9]+", text.lower())


def _rouge1_f1(a: Counter, b: Counter) -> float:
    overlap = sum((a & b).values())  # clipped unigram matches
    if overlap == 0:
        return 0.0
    precision, recall = overlap / sum(a.values()), overlap / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def gap_sentences(sentences: list[str], m: int, mask_token: str = "<mask_1>"):
    """Pegasus gap-sentence selection (Ind-Orig): the m sentences with the highest ROUGE-1 F1 against the rest.

    Returns (selected indices in document order, the document with them replaced by mask_token, the target text).
    """
    counts = [Counter(_tokens(s)) for s in sentences]
    total = sum(counts, Counter())
    scores = []
    for i, own in enumerate(counts):
        rest = total - own  # every other sentence's tokens (a multiset: repeats count)
        scores.append(_rouge1_f1(own, rest))
    # best first; scores equal within 1e-9 are a tie, won by the earlier sentence
    order = sorted(range(len(sentences)), key=lambda i: (-round(scores[i], 9), i))
    chosen = sorted(order[:m])
    masked = [mask_token if i in chosen else s for i, s in enumerate(sentences)]
    target = " ".join(sentences[i] for i in chosen)
    return chosen, masked, target
