"""Known mistakes in squad-metrics: wrong solutions people really write, one function each.

Each takes the arguments of `squad_scores` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def punctuation_to_space(prediction: str, answers: list[str]):
    """You replaced punctuation by a space instead of deleting it: 'state-of-the-art' becomes 'state of art' instead
    of 'stateoftheart'."""
    from collections import Counter
    import re
    import string

    _PUNCTUATION = str.maketrans(string.punctuation, " " * len(string.punctuation))  # the 32 ASCII punctuation characters, deleted
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

    return squad_scores(prediction, answers)


def articles_before_punctuation(prediction: str, answers: list[str]):
    """You dropped the articles before deleting punctuation: 'The.' is not recognised as an article and stays as
    'the'."""
    from collections import Counter
    import re
    import string

    _PUNCTUATION = str.maketrans("", "", string.punctuation)  # the 32 ASCII punctuation characters, deleted
    _ARTICLE = re.compile(r"\b(?:a|an|the)\b")


    def _normalise(text: str) -> list[str]:
        """Lowercase, delete punctuation, drop the articles a/an/the, split on whitespace."""
        text = _ARTICLE.sub(" ", text.lower())  # punctuation first: "The." becomes the article "the"
        return text.translate(_PUNCTUATION).split()


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

    return squad_scores(prediction, answers)


def keeps_empty_gold_answers(prediction: str, answers: list[str]):
    """You kept gold answers that normalise to nothing: an empty prediction then matches the gold answer 'a'
    exactly."""
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
        golds = list(map(_normalise, answers))
        if not golds:
            golds = [[]]  # unanswerable: the only right answer is the empty string
        predicted = _normalise(prediction)
        return {"exact_match": max(float(gold == predicted) for gold in golds),
                "f1": max(_f1(gold, predicted) for gold in golds)}

    return squad_scores(prediction, answers)


def empty_f1_is_zero(prediction: str, answers: list[str]):
    """You used SQuAD 1.1's F1 of 0 for empty token lists: an unanswerable question answered with nothing then gets
    EM 1 but F1 0."""
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
            return 0.0  # a no-answer scores 1 only against a no-answer
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

    return squad_scores(prediction, answers)


def articles_as_substrings(prediction: str, answers: list[str]):
    """You removed 'a', 'an' and 'the' anywhere, as str.replace does: 'theatre' loses its 'the'."""
    from collections import Counter
    import re
    import string

    _PUNCTUATION = str.maketrans("", "", string.punctuation)  # the 32 ASCII punctuation characters, deleted
    _ARTICLE = re.compile(r"(?:an|a|the)")


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

    return squad_scores(prediction, answers)


def unicode_word_regex(prediction: str, answers: list[str]):
    r"""You stripped punctuation with the regex [^\w\s]: it keeps the underscore, a word character, and deletes
    non-ASCII punctuation such as «», which the official script keeps."""
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

    return squad_scores(prediction, answers)


def articles_per_whitespace_token(prediction: str, answers: list[str]):
    """You dropped the articles token by token after splitting on whitespace: the official script removes them as
    regex words, so 'the' glued to non-ASCII punctuation ('the—end', 'the’s', '«the»') goes too."""
    from collections import Counter
    import re
    import string

    _PUNCTUATION = str.maketrans("", "", string.punctuation)  # the 32 ASCII punctuation characters, deleted
    _ARTICLE = re.compile(r"\b(?:a|an|the)\b")


    def _normalise(text: str) -> list[str]:
        """Lowercase, delete punctuation, drop the articles a/an/the, split on whitespace."""
        text = text.lower().translate(_PUNCTUATION)  # punctuation first: "The." becomes the article "the"
        return [token for token in text.split() if token not in ("a", "an", "the")]


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

    return squad_scores(prediction, answers)
