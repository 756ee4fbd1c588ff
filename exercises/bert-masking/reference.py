import numpy as np


def bert_mask(tokens: np.ndarray, mask_id: int, vocab_size: int, special_ids: list[int],
              seed: int) -> tuple[np.ndarray, np.ndarray]:
    """BERT's masked-LM corruption: (inputs for the model, labels with -100 where there is nothing to predict)."""
    rng = np.random.default_rng(seed)
    tokens = np.asarray(tokens)
    candidates = np.flatnonzero(~np.isin(tokens, special_ids))  # [CLS], [SEP], [PAD], [MASK]... never chosen
    count = (15 * len(candidates) + 50) // 100  # 15%, rounded half up, in integers
    if len(candidates) and count == 0:
        count = 1
    chosen = rng.choice(candidates, size=count, replace=False)

    labels = np.full_like(tokens, -100)  # -100: ignored by the loss (F.cross_entropy's ignore_index)
    labels[chosen] = tokens[chosen]  # every chosen position is predicted, even the ones left unchanged

    inputs = tokens.copy()
    draw = rng.random(count)  # one draw per chosen position: 80% [MASK], 10% random token, 10% unchanged
    inputs[chosen[draw < 0.8]] = mask_id
    to_random = chosen[(draw >= 0.8) & (draw < 0.9)]
    ordinary = np.setdiff1d(np.arange(vocab_size), special_ids)  # random replacements are never special
    inputs[to_random] = rng.choice(ordinary, size=len(to_random))
    return inputs, labels
