import numpy as np


def permutation_masks(order) -> tuple[np.ndarray, np.ndarray]:
    """XLNet's two-stream attention masks for a factorisation order (one per row if 2-D).

    mask[..., i, j] is True when position i may attend to position j.
    """
    raise NotImplementedError
