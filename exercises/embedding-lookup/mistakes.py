"""Known mistakes in embedding-lookup: wrong solutions people really write, one function each.

Each takes the arguments of `embedding_lookup` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def casts_to_float32(token_ids: np.ndarray, table: np.ndarray):
    """You cast the result to float32, as a torch habit would: a float64 table loses precision."""
    import numpy as np


    def embedding_lookup(token_ids: np.ndarray, table: np.ndarray) -> np.ndarray:
        """Row token_ids[...] of the table for every id: shape token_ids.shape + (d,), the table's dtype."""
        # Integer-array indexing on the first axis keeps the ids' shape and appends the row axis:
        # the same numbers as one_hot(token_ids, V) @ table, without building a (..., V) matrix.
        return table[np.asarray(token_ids)].astype(np.float32)

    return embedding_lookup(token_ids, table)


def flattens_batch(token_ids: np.ndarray, table: np.ndarray):
    """You flattened the ids first: a (B, T) batch comes back as (B*T, d) and a scalar id as (1, d), not as the ids'
    shape plus d."""
    import numpy as np


    def embedding_lookup(token_ids: np.ndarray, table: np.ndarray) -> np.ndarray:
        """Row token_ids[...] of the table for every id: shape token_ids.shape + (d,), the table's dtype."""
        # Integer-array indexing on the first axis keeps the ids' shape and appends the row axis:
        # the same numbers as one_hot(token_ids, V) @ table, without building a (..., V) matrix.
        return table[np.asarray(token_ids).reshape(-1)]

    return embedding_lookup(token_ids, table)


def indexes_columns(token_ids: np.ndarray, table: np.ndarray):
    """You took columns instead of rows, table[:, ids]: each id selects a row of the table."""
    import numpy as np


    def embedding_lookup(token_ids: np.ndarray, table: np.ndarray) -> np.ndarray:
        """Row token_ids[...] of the table for every id: shape token_ids.shape + (d,), the table's dtype."""
        # Integer-array indexing on the first axis keeps the ids' shape and appends the row axis:
        # the same numbers as one_hot(token_ids, V) @ table, without building a (..., V) matrix.
        return table[:, np.asarray(token_ids)]

    return embedding_lookup(token_ids, table)


def one_hot_float64(token_ids: np.ndarray, table: np.ndarray):
    """You built a one-hot matrix with np.eye(V) and multiplied: the output becomes float64, and the one-hot takes a
    row of V numbers per id."""
    import numpy as np


    def embedding_lookup(token_ids: np.ndarray, table: np.ndarray) -> np.ndarray:
        """Row token_ids[...] of the table for every id: shape token_ids.shape + (d,), the table's dtype."""
        # Integer-array indexing on the first axis keeps the ids' shape and appends the row axis:
        # the same numbers as one_hot(token_ids, V) @ table, without building a (..., V) matrix.
        return np.eye(table.shape[0])[np.asarray(token_ids)] @ table

    return embedding_lookup(token_ids, table)


def one_hot_wrong_axis(token_ids: np.ndarray, table: np.ndarray):
    """You built the one-hot with the ids along the columns and transposed it: the batch axes come out reversed."""
    import numpy as np


    def embedding_lookup(token_ids: np.ndarray, table: np.ndarray) -> np.ndarray:
        """Row token_ids[...] of the table for every id: shape token_ids.shape + (d,), the table's dtype."""
        # Integer-array indexing on the first axis keeps the ids' shape and appends the row axis:
        # the same numbers as one_hot(token_ids, V) @ table, without building a (..., V) matrix.
        return np.eye(table.shape[0], dtype=table.dtype)[:, np.asarray(token_ids)].T @ table

    return embedding_lookup(token_ids, table)


def stacks_rows_in_a_loop(token_ids: np.ndarray, table: np.ndarray):
    """You stacked the rows in a loop over the ids: that breaks on a scalar id and on an empty list."""
    import numpy as np


    def embedding_lookup(token_ids: np.ndarray, table: np.ndarray) -> np.ndarray:
        """Row token_ids[...] of the table for every id: shape token_ids.shape + (d,), the table's dtype."""
        # Integer-array indexing on the first axis keeps the ids' shape and appends the row axis:
        # the same numbers as one_hot(token_ids, V) @ table, without building a (..., V) matrix.
        return np.stack([table[i] for i in token_ids])

    return embedding_lookup(token_ids, table)
