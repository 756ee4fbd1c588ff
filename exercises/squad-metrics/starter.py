from collections import Counter
import re
import string


def squad_scores(prediction: str, answers: list[str]) -> dict:
    """SQuAD exact match and token F1 of one prediction, the best over the gold answers."""
    raise NotImplementedError
