import numpy as np


def embedding_lookup(token_ids: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Row token_ids[...] of the table for every id: shape token_ids.shape + (d,), the table's dtype."""
    # Integer-array indexing on the first axis keeps the ids' shape and appends the row axis:
    # the same numbers as one_hot(token_ids, V) @ table, without building a (..., V) matrix.
    return table[np.asarray(token_ids)]
