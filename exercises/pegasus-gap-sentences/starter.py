from collections import Counter
import re


def gap_sentences(sentences: list[str], m: int, mask_token: str = "<mask_1>"):
    """Pegasus gap-sentence selection (Ind-Orig): the m sentences with the highest ROUGE-1 F1 against the rest.

    Returns (selected indices in document order, the document with them replaced by mask_token, the target text).
    """
    raise NotImplementedError
