import numpy as np


def albert_embedding(token_ids, word_embeddings, projection, bias=None):
    """ALBERT's factorised embedding: rows of the V×E table, projected by E×H (+ bias).

    Returns (hidden (..., H), parameters of the factorised embedding, parameters of a V×H table).
    """
    vocab, e = word_embeddings.shape
    h = projection.shape[1]
    rows = word_embeddings[np.asarray(token_ids)]  # (..., E): look up first, in the small space
    hidden = rows @ projection  # (..., H): never the V×H product
    if bias is not None:
        hidden = hidden + bias
    factorised = vocab * e + e * h + (h if bias is not None else 0)
    full = vocab * h
    return hidden.astype(word_embeddings.dtype), factorised, full
