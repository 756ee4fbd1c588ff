"""Known mistakes in pegasus-gap-sentences: wrong solutions people really write, one function each.

Each takes the arguments of `gap_sentences` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def scored_against_whole_document(sentences: list[str], m: int, mask_token: str='<mask_1>'):
    """You scored each sentence against the whole document, itself included: every sentence overlaps itself, so the
    score no longer says what the rest shares with it."""
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
            rest = total  # every other sentence's tokens (a multiset: repeats count)
            scores.append(_rouge1_f1(own, rest))
        # best first; scores equal within 1e-9 are a tie, won by the earlier sentence
        order = sorted(range(len(sentences)), key=lambda i: (-round(scores[i], 9), i))
        chosen = sorted(order[:m])
        masked = [mask_token if i in chosen else s for i, s in enumerate(sentences)]
        target = " ".join(sentences[i] for i in chosen)
        return chosen, masked, target

    return gap_sentences(sentences, m, mask_token)


def unique_tokens(sentences: list[str], m: int, mask_token: str='<mask_1>'):
    """You counted each distinct word once (Ind-Uniq): Ind-Orig counts repeated words, so a sentence that repeats
    the document's words ranks too low."""
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
        counts = [Counter(set(_tokens(s))) for s in sentences]
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

    return gap_sentences(sentences, m, mask_token)


def ties_to_later_sentence(sentences: list[str], m: int, mask_token: str='<mask_1>'):
    """You sorted (score, index) in reverse: a tie goes to the later sentence instead of the earlier one."""
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
        order = sorted(range(len(sentences)), key=lambda i: (round(scores[i], 9), i), reverse=True)
        chosen = sorted(order[:m])
        masked = [mask_token if i in chosen else s for i, s in enumerate(sentences)]
        target = " ".join(sentences[i] for i in chosen)
        return chosen, masked, target

    return gap_sentences(sentences, m, mask_token)


def float_ties(sentences: list[str], m: int, mask_token: str='<mask_1>'):
    """You compared raw floats: two F1 scores of 1/6 that differ in the last bit are not treated as a tie."""
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
        order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
        chosen = sorted(order[:m])
        masked = [mask_token if i in chosen else s for i, s in enumerate(sentences)]
        target = " ".join(sentences[i] for i in chosen)
        return chosen, masked, target

    return gap_sentences(sentences, m, mask_token)


def rank_order_output(sentences: list[str], m: int, mask_token: str='<mask_1>'):
    """You returned the chosen indices and the target in score order: both must be in document order."""
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
        chosen = order[:m]
        masked = [mask_token if i in chosen else s for i, s in enumerate(sentences)]
        target = " ".join(sentences[i] for i in chosen)
        return chosen, masked, target

    return gap_sentences(sentences, m, mask_token)


def word_regex_tokens(sentences: list[str], m: int, mask_token: str='<mask_1>'):
    r"""You tokenised with \w+: 'snake_case' and 'café' stay whole, while rouge-score splits at every character
    outside a-z and 0-9."""
    from collections import Counter
    import re


    def _tokens(text: str) -> list[str]:
        # rouge-score's tokenizer without stemming: lowercase, and anything but a-z / 0-9 separates tokens
        return re.findall(r"\w+", text.lower())


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

    return gap_sentences(sentences, m, mask_token)


def recall_not_f1(sentences: list[str], m: int, mask_token: str='<mask_1>'):
    """You ranked by ROUGE-1 recall against the rest instead of F1: long sentences win merely for being long."""
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
        return recall


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

    return gap_sentences(sentences, m, mask_token)
