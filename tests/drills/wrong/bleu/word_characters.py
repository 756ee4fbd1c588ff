# tokenises with \w+ instead of str.split(): punctuation is dropped ("mat." becomes "mat") and "," vanishes.
import math
import re
from collections import Counter


def corpus_bleu(hypotheses, references):
    matches, totals, c, r = [0] * 4, [0] * 4, 0, 0
    for i, hypothesis in enumerate(hypotheses):
        hyp = re.findall(r"\w+", hypothesis)
        refs = [re.findall(r"\w+", stream[i]) for stream in references]
        c += len(hyp)
        r += min((abs(len(ref) - len(hyp)), len(ref)) for ref in refs)[1]
        for n in range(1, 5):
            counts = Counter(tuple(hyp[j:j + n]) for j in range(len(hyp) - n + 1))
            most = Counter()
            for ref in refs:
                most |= Counter(tuple(ref[j:j + n]) for j in range(len(ref) - n + 1))
            matches[n - 1] += sum(min(k, most[g]) for g, k in counts.items())
            totals[n - 1] += sum(counts.values())
    if min(matches) == 0:
        return 0.0
    bp = 1.0 if c >= r else math.exp(1 - r / c)
    return 100 * bp * math.exp(sum(math.log(m / t) for m, t in zip(matches, totals)) / 4)
