from collections import Counter
import re


def rouge(candidate: str, reference: str, kind: str) -> dict:
    """ROUGE of a candidate text against a reference text.

    kind: "rouge1" | "rouge2" | "rougeL". Returns {"precision": p, "recall": r, "fmeasure": f}.
    """
    raise NotImplementedError
