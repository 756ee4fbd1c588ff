# Strips punctuation with re.sub(r"[^\w\s]", ""): keeps the underscore (a \w character) and deletes non-ASCII punctuation like «».
import re
from collections import Counter


def _tokens(text):
    text = re.sub(r"[^\w\s]", "", text.lower())
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return text.split()


def _f1(gold, pred):
    if not gold or not pred:
        return float(gold == pred)
    same = sum((Counter(gold) & Counter(pred)).values())
    if same == 0:
        return 0.0
    p, r = same / len(pred), same / len(gold)
    return 2 * p * r / (p + r)


def squad_scores(prediction, answers):
    golds = [t for t in map(_tokens, answers) if t] or [[]]
    pred = _tokens(prediction)
    return {"exact_match": max(float(g == pred) for g in golds), "f1": max(_f1(g, pred) for g in golds)}
