"""Known mistakes in albert-embedding: wrong solutions people really write, one function each.

Each takes the arguments of `albert_embedding` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def bias_not_counted(token_ids, word_embeddings, projection, bias=None):
    """You left the projection's H bias parameters out of the factorised count: with a bias, your count is H too
    small."""
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
        factorised = vocab * e + e * h
        full = vocab * h
        return hidden.astype(word_embeddings.dtype), factorised, full

    return albert_embedding(token_ids, word_embeddings, projection, bias)


def bias_always_counted(token_ids, word_embeddings, projection, bias=None):
    """You counted H bias parameters even when there is no bias: without one, your count is H too large."""
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
        factorised = vocab * e + e * h + h
        full = vocab * h
        return hidden.astype(word_embeddings.dtype), factorised, full

    return albert_embedding(token_ids, word_embeddings, projection, bias)


def bias_not_added(token_ids, word_embeddings, projection, bias=None):
    """You counted the bias but never added it to the hidden vectors: every hidden vector is off by the bias."""
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
            hidden = hidden
        factorised = vocab * e + e * h + (h if bias is not None else 0)
        full = vocab * h
        return hidden.astype(word_embeddings.dtype), factorised, full

    return albert_embedding(token_ids, word_embeddings, projection, bias)


def returns_float64(token_ids, word_embeddings, projection, bias=None):
    """You let a float32 table come back as float64 hidden vectors: the output must keep the table's dtype."""
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
        return hidden.astype(np.float64), factorised, full

    return albert_embedding(token_ids, word_embeddings, projection, bias)


def counts_swapped(token_ids, word_embeddings, projection, bias=None):
    """You returned the two counts in the wrong order: the tuple is (hidden, factorised, full)."""
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
        return hidden.astype(word_embeddings.dtype), full, factorised

    return albert_embedding(token_ids, word_embeddings, projection, bias)


def only_new_parameters_torch(token_ids, word_embeddings, projection, bias=None):
    """You counted only the projection (E·H + H) as the factorised size: the V × E table is a parameter of the
    factorised embedding too."""
    # torch: the right vectors, but the factorised count leaves out the V×E table (only the projection's E·H + H).
    import torch


    def albert_embedding(token_ids, word_embeddings, projection, bias=None):
        table, proj = torch.as_tensor(word_embeddings), torch.as_tensor(projection)
        hidden = table[torch.as_tensor(token_ids).long()] @ proj
        if bias is not None:
            hidden = hidden + torch.as_tensor(bias)
        vocab, e = table.shape
        h = proj.shape[1]
        return hidden, e * h + (h if bias is not None else 0), vocab * h

    return albert_embedding(token_ids, word_embeddings, projection, bias)
