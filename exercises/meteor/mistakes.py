"""Known mistakes in meteor: wrong solutions people really write, one function each.

Each takes the arguments of `meteor` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def precision_weighted(hypothesis: str, reference: str, alpha: float=0.9, beta: float=3.0, gamma: float=0.5):
    """You swapped the weights in the denominator of Fmean: it becomes precision-heavy instead of recall-heavy."""
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
        fmean = precision * recall / (alpha * recall + (1 - alpha) * precision)
        penalty = gamma * (chunks / matches) ** beta
        return fmean * (1 - penalty)

    return meteor(hypothesis, reference, alpha, beta, gamma)


def chunks_over_hypothesis_length(hypothesis: str, reference: str, alpha: float=0.9, beta: float=3.0, gamma: float=0.5):
    """You divided the chunks by the hypothesis length instead of by the number of matches: the fragmentation
    penalty comes out too small."""
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
        penalty = gamma * (chunks / len(hyp)) ** beta
        return fmean * (1 - penalty)

    return meteor(hypothesis, reference, alpha, beta, gamma)


def chunk_by_hypothesis_adjacency(hypothesis: str, reference: str, alpha: float=0.9, beta: float=3.0, gamma: float=0.5):
    """You started a new chunk only when the hypothesis positions jump: a chunk also needs adjacent reference
    positions, so you count too few chunks."""
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
                options.append(best(i + 1, used | 1 << j, j) + (previous == -2))
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

    return meteor(hypothesis, reference, alpha, beta, gamma)


def whitespace_tokens(hypothesis: str, reference: str, alpha: float=0.9, beta: float=3.0, gamma: float=0.5):
    """You tokenised with str.split() on the original text: 'The' and 'the', 'mat.' and 'mat' no longer match."""
    from collections import Counter
    import functools
    import re


    def _tokens(text: str) -> list[str]:
        # lowercase; a token is a run of a-z, 0-9 and underscore, everything else separates
        return text.split()


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

    return meteor(hypothesis, reference, alpha, beta, gamma)


def underscore_splits(hypothesis: str, reference: str, alpha: float=0.9, beta: float=3.0, gamma: float=0.5):
    """You treated the underscore as a separator, as ROUGE's tokenizer does: 'snake_case' becomes two tokens."""
    from collections import Counter
    import functools
    import re


    def _tokens(text: str) -> list[str]:
        # lowercase; a token is a run of a-z, 0-9 and underscore, everything else separates
        return re.findall(r"[a-z0-9]+", text.lower())


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

    return meteor(hypothesis, reference, alpha, beta, gamma)


def greedy_first_occurrence(hypothesis: str, reference: str, alpha: float=0.9, beta: float=3.0, gamma: float=0.5):
    """You aligned each hypothesis word to the first free equal reference word: the number of matches is right, but
    not the fewest chunks."""
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

    return meteor(hypothesis, reference, alpha, beta, gamma)


def greedy_by_reference_order(hypothesis: str, reference: str, alpha: float=0.9, beta: float=3.0, gamma: float=0.5):
    """You aligned each reference word to the first free equal hypothesis word: the matches are right but the chunks
    are not the fewest, so 'a on a' against 'on a mat' scores 0.333 instead of 0.625."""
    import re


    def meteor(hypothesis, reference, alpha=0.9, beta=3.0, gamma=0.5):
        hyp = re.findall(r"[a-z0-9_]+", hypothesis.lower())
        ref = re.findall(r"[a-z0-9_]+", reference.lower())
        taken, pairs = set(), []
        for j, word in enumerate(ref):
            for i, other in enumerate(hyp):
                if other == word and i not in taken:
                    taken.add(i)
                    pairs.append((i, j))
                    break
        pairs.sort()
        m = len(pairs)
        if m == 0:
            return 0.0
        chunks = sum(1 for k, (i, j) in enumerate(pairs) if k == 0 or (i - 1, j - 1) != pairs[k - 1])
        p, r = m / len(hyp), m / len(ref)
        fmean = p * r / (alpha * p + (1 - alpha) * r)
        return fmean * (1 - gamma * (chunks / m) ** beta)

    return meteor(hypothesis, reference, alpha, beta, gamma)
