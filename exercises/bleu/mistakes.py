"""Known mistakes in bleu: wrong solutions people really write, one function each.

Each takes the arguments of `corpus_bleu` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def clip_by_summed_references(hypotheses: list[str], references: list[list[str]]):
    """You merged the references by adding their counts (Counter +) instead of taking the max (|): the clipping
    becomes too loose."""
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
                    most += _ngrams(ref, n)  # | keeps the maximum count of each key
                matches[n - 1] += sum(min(count, most[gram]) for gram, count in counts.items())
                totals[n - 1] += sum(counts.values())
        # Counts are pooled over the corpus before dividing (not an average of sentence scores).
        return _bleu(matches, totals, hyp_len, ref_len)

    return corpus_bleu(hypotheses, references)


def longest_reference_bp(hypotheses: list[str], references: list[list[str]]):
    """You took the longest reference's length for the brevity penalty instead of the one closest to the hypothesis:
    hypotheses are penalised too hard."""
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
            ref_len += max(len(ref) for ref in refs)
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

    return corpus_bleu(hypotheses, references)


def no_brevity_penalty(hypotheses: list[str], references: list[list[str]]):
    """You left out the brevity penalty: a short hypothesis made only of reference words scores 100."""
    from collections import Counter
    import math


    def _ngrams(tokens: list[str], n: int) -> Counter:
        return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


    def _bleu(matches: list[int], totals: list[int], hyp_len: int, ref_len: int) -> float:
        """BLEU from n-gram match and total counts and the two lengths. No smoothing: any zero precision gives 0."""
        if min(matches) == 0:
            return 0.0
        log_precision = sum(math.log(m / t) for m, t in zip(matches, totals)) / len(matches)  # uniform weights
        brevity = 1.0
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

    return corpus_bleu(hypotheses, references)


def no_clipping(hypotheses: list[str], references: list[list[str]]):
    """You did not clip the n-gram counts: a hypothesis that repeats a reference word counts every repeat as a
    match."""
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
                matches[n - 1] += sum(count for gram, count in counts.items() if gram in most)
                totals[n - 1] += sum(counts.values())
        # Counts are pooled over the corpus before dividing (not an average of sentence scores).
        return _bleu(matches, totals, hyp_len, ref_len)

    return corpus_bleu(hypotheses, references)


def sentence_average(hypotheses: list[str], references: list[list[str]]):
    """You averaged sentence-level BLEU scores: corpus BLEU pools the n-gram counts and lengths over all sentences
    first."""
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
        scores = []
        for i, hypothesis in enumerate(hypotheses):
            matches, totals = [0] * max_n, [0] * max_n
            hyp_len = ref_len = 0
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
            scores.append(_bleu(matches, totals, hyp_len, ref_len))
        return sum(scores) / len(scores)

    return corpus_bleu(hypotheses, references)


def word_characters(hypotheses: list[str], references: list[list[str]]):
    r"""You tokenised with \w+ instead of str.split(): punctuation is dropped, so 'mat.' becomes 'mat' and ','
    vanishes."""
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

    return corpus_bleu(hypotheses, references)


def shortest_reference_bp(hypotheses: list[str], references: list[list[str]]):
    """You took the shortest reference's length for the brevity penalty instead of the closest one: a hypothesis
    between a short and a long reference escapes its penalty."""
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
            ref_len += min(len(ref) for ref in refs)
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

    return corpus_bleu(hypotheses, references)
