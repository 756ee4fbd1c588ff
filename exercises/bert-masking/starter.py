import numpy as np


def bert_mask(tokens: np.ndarray, mask_id: int, vocab_size: int, special_ids: list[int],
              seed: int) -> tuple[np.ndarray, np.ndarray]:
    """BERT's masked-LM corruption: (inputs for the model, labels with -100 where there is nothing to predict)."""
    raise NotImplementedError
