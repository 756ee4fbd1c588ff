# counts round(0.15 * n): Python rounds halves to even, so 30 candidates give 4 instead of 5 (and 0.15 * 70 = 10.499...).
import numpy as np


def bert_mask(tokens, mask_id, vocab_size, special_ids, seed):
    rng = np.random.default_rng(seed)
    tokens = np.asarray(tokens)
    candidates = np.flatnonzero(~np.isin(tokens, special_ids))
    count = max(round(0.15 * len(candidates)), 1) if len(candidates) else 0
    chosen = rng.choice(candidates, size=count, replace=False)
    labels = np.full_like(tokens, -100)
    labels[chosen] = tokens[chosen]
    inputs = tokens.copy()
    draw = rng.random(count)
    inputs[chosen[draw < 0.8]] = mask_id
    to_random = chosen[(draw >= 0.8) & (draw < 0.9)]
    inputs[to_random] = rng.choice(np.setdiff1d(np.arange(vocab_size), special_ids), size=len(to_random))
    return inputs, labels
