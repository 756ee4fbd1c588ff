from collections import Counter
import math


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def _bleu(matches: list[int], totals: list[int], hyp_len: int, ref_len: int) -> float:
    """BLEU from n-gram match and total counts and the two lengths. No smoothing: any zero precision gives 0."""
    if min(matches) == 0:
        return 0.0
    log_precision = sum(math.log(m / t) for m, t in zip(matches, totals)) / len(matches)  # uniform weights
    brevity = 1.0 if hyp_len >= ref_len else math.exp(1.0 - ref_len / hyp_len)
    return 100.0 * brevity * math.exp(log_precision)


def corpus_bleu(hypotheses: list[str], references: list[list[str]]) -> float:
    """Corpus BLEU (0..100) with clipped 1..4-gram precisions, uniform weights and the brevity penalty.

    references[j][i] is the j-th reference of sentence i (sacrebleu's layout). Tokens: str.split().
    """
    max_n = 4
    matches, totals = [0] * max_n, [0] * max_n
    hyp_len = ref_len = 0
    for i, hypothesis in enumerate(hypotheses):
        hyp = hypothesis.split()
        refs = [stream[i].split() for stream in references]
        hyp_len += len(hyp)
        # Brevity penalty uses the reference length closest to the hypothesis length; a tie goes to the shorter.
        ref_len += min((abs(len(ref) - len(hyp)), len(ref)) for ref in refs)[1]
        for n in range(1, max_n + 1):
            counts = _ngrams(hyp, n)
            # Clipping: an n-gram matches at most as often as it occurs in any ONE reference.
            most = Counter()
            for ref in refs:
                most |= _ngrams(ref, n)  # | keeps the maximum count of each key
            matches[n - 1] += sum(min(count, most[gram]) for gram, count in counts.items())
            totals[n - 1] += sum(counts.values())
    # Counts are pooled over the corpus before dividing (not an average of sentence scores).
    return _bleu(matches, totals, hyp_len, ref_len)
