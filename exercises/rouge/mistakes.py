"""Known mistakes in rouge: wrong solutions people really write, one function each.

Each takes the arguments of `rouge` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def arithmetic_mean_f(candidate: str, reference: str, kind: str):
    """You took the arithmetic mean (P + R) / 2 as the F-measure instead of the harmonic mean: a low precision or
    recall is not punished enough."""
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
        f = (precision + recall) / 2  # harmonic mean
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

    return rouge(candidate, reference, kind)


def longest_common_substring(candidate: str, reference: str, kind: str):
    """You computed ROUGE-L from the longest common substring instead of the longest common subsequence: words in
    order but with gaps no longer count."""
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
        best = 0
        for x in a:
            current = [0]
            for j, y in enumerate(b, start=1):
                current.append(previous[j - 1] + 1 if x == y else 0)
            previous = current
            best = max(best, *current)
        return best


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

    return rouge(candidate, reference, kind)


def precision_recall_swapped(candidate: str, reference: str, kind: str):
    """You swapped precision and recall: precision divides the overlap by the candidate's count, recall by the
    reference's."""
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
        precision = hits / reference_total if reference_total else 0.0
        recall = hits / candidate_total if candidate_total else 0.0
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

    return rouge(candidate, reference, kind)


def unclipped_overlap(candidate: str, reference: str, kind: str):
    """You did not clip the overlap: a candidate n-gram counts every time it occurs, even more often than the
    reference has it."""
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
            hits = sum(count for gram, count in c.items() if gram in r)  # clipped: each n-gram counts min(count in candidate, count in reference)
            return _score(hits, sum(c.values()), sum(r.values()))
        raise ValueError(f"unknown kind {kind!r}")

    return rouge(candidate, reference, kind)


def whitespace_split(candidate: str, reference: str, kind: str):
    """You tokenised with str.split(): case and punctuation stay, so 'Cat,' does not match 'cat'."""
    from collections import Counter
    import re


    def _tokens(text: str) -> list[str]:
        # rouge-score's default tokenizer without stemming: lowercase, then every run of characters
        # other than a-z and 0-9 separates tokens.
        return text.split()


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

    return rouge(candidate, reference, kind)


def word_character_tokens(candidate: str, reference: str, kind: str):
    r"""You tokenised with \w+, which keeps underscores inside tokens: 'foo_bar' is one token instead of 'foo' and
    'bar'."""
    from collections import Counter
    import re


    def _tokens(text: str) -> list[str]:
        # rouge-score's default tokenizer without stemming: lowercase, then every run of characters
        # other than a-z and 0-9 separates tokens.
        return re.findall(r"\w+", text.lower())


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

    return rouge(candidate, reference, kind)


def lcs_reuses_tokens(candidate: str, reference: str, kind: str):
    """You added 1 to the cell above instead of the diagonal one on a match in the LCS table: one reference word can
    then match many candidate words."""
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
                current.append(previous[j] + 1 if x == y else max(previous[j], current[j - 1]))
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

    return rouge(candidate, reference, kind)
