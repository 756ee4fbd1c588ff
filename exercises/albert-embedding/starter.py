import numpy as np


def albert_embedding(token_ids, word_embeddings, projection, bias=None):
    """ALBERT's factorised embedding: rows of the V×E table, projected by E×H (+ bias).

    Returns (hidden (..., H), parameters of the factorised embedding, parameters of a V×H table).
    """
    raise NotImplementedError
