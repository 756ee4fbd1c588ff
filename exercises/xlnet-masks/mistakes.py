"""Known mistakes in xlnet-masks: wrong solutions people really write, one function each.

Each takes the arguments of `permutation_masks` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def order_used_as_rank(order):
    """You treated order[p] as the step of position p: order lists the positions step by step, so this is right only
    when the order is its own inverse."""
    import numpy as np


    def permutation_masks(order) -> tuple[np.ndarray, np.ndarray]:
        """XLNet's two-stream attention masks for a factorisation order (one per row if 2-D).

        mask[..., i, j] is True when position i may attend to position j.
        """
        order = np.asarray(order)
        n = order.shape[-1]
        rank = np.empty_like(order)
        # rank[p] = the step at which position p comes in the order: the inverse permutation.
        rank = order.copy()
        mine = rank[..., :, None]  # (..., n, 1): the attending position i
        theirs = rank[..., None, :]  # (..., 1, n): the attended position j
        content = theirs <= mine  # content stream: itself and everything earlier in the order
        query = theirs < mine  # query stream: only strictly earlier, never its own token
        return content, query

    return permutation_masks(order)


def query_stream_sees_itself(order):
    """You let the query stream attend to its own position: it would see the token it must predict."""
    import numpy as np


    def permutation_masks(order) -> tuple[np.ndarray, np.ndarray]:
        """XLNet's two-stream attention masks for a factorisation order (one per row if 2-D).

        mask[..., i, j] is True when position i may attend to position j.
        """
        order = np.asarray(order)
        n = order.shape[-1]
        rank = np.empty_like(order)
        # rank[p] = the step at which position p comes in the order: the inverse permutation.
        np.put_along_axis(rank, order, np.broadcast_to(np.arange(n), order.shape), axis=-1)
        mine = rank[..., :, None]  # (..., n, 1): the attending position i
        theirs = rank[..., None, :]  # (..., 1, n): the attended position j
        content = theirs <= mine  # content stream: itself and everything earlier in the order
        query = theirs <= mine  # query stream: only strictly earlier, never its own token
        return content, query

    return permutation_masks(order)


def content_stream_without_itself(order):
    """You left the diagonal out of the content stream too: a position's content stream sees its own token."""
    import numpy as np


    def permutation_masks(order) -> tuple[np.ndarray, np.ndarray]:
        """XLNet's two-stream attention masks for a factorisation order (one per row if 2-D).

        mask[..., i, j] is True when position i may attend to position j.
        """
        order = np.asarray(order)
        n = order.shape[-1]
        rank = np.empty_like(order)
        # rank[p] = the step at which position p comes in the order: the inverse permutation.
        np.put_along_axis(rank, order, np.broadcast_to(np.arange(n), order.shape), axis=-1)
        mine = rank[..., :, None]  # (..., n, 1): the attending position i
        theirs = rank[..., None, :]  # (..., 1, n): the attended position j
        content = theirs < mine  # content stream: itself and everything earlier in the order
        query = theirs < mine  # query stream: only strictly earlier, never its own token
        return content, query

    return permutation_masks(order)


def transposed_masks(order):
    """You put the attended position on the rows: mask[i, j] says whether i may attend to j, not j to i."""
    import numpy as np


    def permutation_masks(order) -> tuple[np.ndarray, np.ndarray]:
        """XLNet's two-stream attention masks for a factorisation order (one per row if 2-D).

        mask[..., i, j] is True when position i may attend to position j.
        """
        order = np.asarray(order)
        n = order.shape[-1]
        rank = np.empty_like(order)
        # rank[p] = the step at which position p comes in the order: the inverse permutation.
        np.put_along_axis(rank, order, np.broadcast_to(np.arange(n), order.shape), axis=-1)
        mine = rank[..., :, None]  # (..., n, 1): the attending position i
        theirs = rank[..., None, :]  # (..., 1, n): the attended position j
        content = mine <= theirs  # content stream: itself and everything earlier in the order
        query = mine < theirs  # query stream: only strictly earlier, never its own token
        return content, query

    return permutation_masks(order)


def integer_masks(order):
    """You returned 0/1 integer arrays: the masks must be boolean."""
    import numpy as np


    def permutation_masks(order) -> tuple[np.ndarray, np.ndarray]:
        """XLNet's two-stream attention masks for a factorisation order (one per row if 2-D).

        mask[..., i, j] is True when position i may attend to position j.
        """
        order = np.asarray(order)
        n = order.shape[-1]
        rank = np.empty_like(order)
        # rank[p] = the step at which position p comes in the order: the inverse permutation.
        np.put_along_axis(rank, order, np.broadcast_to(np.arange(n), order.shape), axis=-1)
        mine = rank[..., :, None]  # (..., n, 1): the attending position i
        theirs = rank[..., None, :]  # (..., 1, n): the attended position j
        content = theirs <= mine  # content stream: itself and everything earlier in the order
        query = theirs < mine  # query stream: only strictly earlier, never its own token
        return content.astype(np.int64), query.astype(np.int64)

    return permutation_masks(order)


def argsort_over_the_batch_torch(order):
    """You inverted the order with argsort along dim 0: for a batch of orders that sorts across the examples instead
    of within each one."""
    # torch: inverts the order with argsort along dim 0, which for a batch of orders sorts across examples.
    import torch


    def permutation_masks(order):
        order = torch.as_tensor(order)
        rank = torch.argsort(order, dim=0)
        content = rank.unsqueeze(-2) <= rank.unsqueeze(-1)
        query = rank.unsqueeze(-2) < rank.unsqueeze(-1)
        return content, query

    return permutation_masks(order)
