from collections import Counter
import re
import string

_PUNCTUATION = str.maketrans("", "", string.punctuation)  # the 32 ASCII punctuation characters, deleted
_ARTICLE = re.compile(r"\b(?:a|an|the)\b")


def _normalise(text: str) -> list[str]:
    """Lowercase, delete punctuation, drop the articles a/an/the, split on whitespace."""
    text = text.lower().translate(_PUNCTUATION)  # punctuation first: "The." becomes the article "the"
    return _ARTICLE.sub(" ", text).split()


def _f1(gold: list[str], predicted: list[str]) -> float:
    if not gold or not predicted:
        return float(gold == predicted)  # a no-answer scores 1 only against a no-answer
    same = sum((Counter(gold) & Counter(predicted)).values())  # clipped token overlap
    if same == 0:
        return 0.0
    precision, recall = same / len(predicted), same / len(gold)
    return 2 * precision * recall / (precision + recall)


def squad_scores(prediction: str, answers: list[str]) -> dict:
    """SQuAD exact match and token F1 of one prediction, the best over the gold answers."""
    golds = [tokens for tokens in map(_normalise, answers) if tokens]
    if not golds:
        golds = [[]]  # unanswerable: the only right answer is the empty string
    predicted = _normalise(prediction)
    return {"exact_match": max(float(gold == predicted) for gold in golds),
            "f1": max(_f1(gold, predicted) for gold in golds)}
