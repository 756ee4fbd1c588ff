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
    return content, query
