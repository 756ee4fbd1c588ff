from collections import Counter
import math


def corpus_bleu(hypotheses: list[str], references: list[list[str]]) -> float:
    """Corpus BLEU (0..100) with clipped 1..4-gram precisions, uniform weights and the brevity penalty.

    references[j][i] is the j-th reference of sentence i (sacrebleu's layout). Tokens: str.split().
    """
    raise NotImplementedError
