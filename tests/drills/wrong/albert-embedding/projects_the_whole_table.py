# computes the V×H product table @ projection and then looks up: same numbers, but 819 MB for V=200,000, H=1024
import numpy as np


def albert_embedding(token_ids, word_embeddings, projection, bias=None):
    """ALBERT's factorised embedding: rows of the V×E table, projected by E×H (+ bias).

    Returns (hidden (..., H), parameters of the factorised embedding, parameters of a V×H table).
    """
    vocab, e = word_embeddings.shape
    h = projection.shape[1]
    full_table = word_embeddings @ projection  # (..., E): look up first, in the small space
    hidden = full_table[np.asarray(token_ids)]  # (..., H): never the V×H product
    if bias is not None:
        hidden = hidden + bias
    factorised = vocab * e + e * h + (h if bias is not None else 0)
    full = vocab * h
    return hidden.astype(word_embeddings.dtype), factorised, full
