"""Known mistakes in bert-masking: wrong solutions people really write, one function each.

Each takes the arguments of `bert_mask` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def always_mask(tokens: np.ndarray, mask_id: int, vocab_size: int, special_ids: list[int], seed: int):
    """Replaces every chosen token by [MASK]: no 10% random, no 10% unchanged"""
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
        inputs[chosen] = mask_id
        return inputs, labels

    return bert_mask(tokens, mask_id, vocab_size, special_ids, seed)


def bernoulli_per_token(tokens: np.ndarray, mask_id: int, vocab_size: int, special_ids: list[int], seed: int):
    """Chooses each non-special token independently with probability 0.15 (as HF's collator does): the count is
    off"""
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
        chosen = candidates[rng.random(len(candidates)) < 0.15]
        count = len(chosen)

        labels = np.full_like(tokens, -100)  # -100: ignored by the loss (F.cross_entropy's ignore_index)
        labels[chosen] = tokens[chosen]  # every chosen position is predicted, even the ones left unchanged

        inputs = tokens.copy()
        draw = rng.random(count)  # one draw per chosen position: 80% [MASK], 10% random token, 10% unchanged
        inputs[chosen[draw < 0.8]] = mask_id
        to_random = chosen[(draw >= 0.8) & (draw < 0.9)]
        ordinary = np.setdiff1d(np.arange(vocab_size), special_ids)  # random replacements are never special
        inputs[to_random] = rng.choice(ordinary, size=len(to_random))
        return inputs, labels

    return bert_mask(tokens, mask_id, vocab_size, special_ids, seed)


def first_positions(tokens: np.ndarray, mask_id: int, vocab_size: int, special_ids: list[int], seed: int):
    """Takes the first 15% of the non-special positions instead of a random sample"""
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
        chosen = candidates[:count]

        labels = np.full_like(tokens, -100)  # -100: ignored by the loss (F.cross_entropy's ignore_index)
        labels[chosen] = tokens[chosen]  # every chosen position is predicted, even the ones left unchanged

        inputs = tokens.copy()
        draw = rng.random(count)  # one draw per chosen position: 80% [MASK], 10% random token, 10% unchanged
        inputs[chosen[draw < 0.8]] = mask_id
        to_random = chosen[(draw >= 0.8) & (draw < 0.9)]
        ordinary = np.setdiff1d(np.arange(vocab_size), special_ids)  # random replacements are never special
        inputs[to_random] = rng.choice(ordinary, size=len(to_random))
        return inputs, labels

    return bert_mask(tokens, mask_id, vocab_size, special_ids, seed)


def ignores_seed(tokens: np.ndarray, mask_id: int, vocab_size: int, special_ids: list[int], seed: int):
    """Uses an unseeded generator: every call gives a different result, whatever the seed"""
    import numpy as np


    def bert_mask(tokens: np.ndarray, mask_id: int, vocab_size: int, special_ids: list[int],
                  seed: int) -> tuple[np.ndarray, np.ndarray]:
        """BERT's masked-LM corruption: (inputs for the model, labels with -100 where there is nothing to predict)."""
        rng = np.random.default_rng()
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

    return bert_mask(tokens, mask_id, vocab_size, special_ids, seed)


def labels_everywhere(tokens: np.ndarray, mask_id: int, vocab_size: int, special_ids: list[int], seed: int):
    """Sets the label at every position (labels = tokens) instead of -100 where nothing was chosen"""
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

        labels = tokens.copy()  # -100: ignored by the loss (F.cross_entropy's ignore_index)
        labels[chosen] = tokens[chosen]  # every chosen position is predicted, even the ones left unchanged

        inputs = tokens.copy()
        draw = rng.random(count)  # one draw per chosen position: 80% [MASK], 10% random token, 10% unchanged
        inputs[chosen[draw < 0.8]] = mask_id
        to_random = chosen[(draw >= 0.8) & (draw < 0.9)]
        ordinary = np.setdiff1d(np.arange(vocab_size), special_ids)  # random replacements are never special
        inputs[to_random] = rng.choice(ordinary, size=len(to_random))
        return inputs, labels

    return bert_mask(tokens, mask_id, vocab_size, special_ids, seed)


def labels_only_where_changed(tokens: np.ndarray, mask_id: int, vocab_size: int, special_ids: list[int], seed: int):
    """Labels only the positions whose input changed: the 10% left unchanged lose their label"""
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
        labels = np.where(inputs != tokens, tokens, -100)
        return inputs, labels

    return bert_mask(tokens, mask_id, vocab_size, special_ids, seed)


def random_token_can_be_special(tokens: np.ndarray, mask_id: int, vocab_size: int, special_ids: list[int], seed: int):
    """Draws the random replacement from the whole vocabulary, special ids included"""
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
        inputs[to_random] = rng.integers(0, vocab_size, size=len(to_random))
        return inputs, labels

    return bert_mask(tokens, mask_id, vocab_size, special_ids, seed)


def random_token_from_input(tokens: np.ndarray, mask_id: int, vocab_size: int, special_ids: list[int], seed: int):
    """Draws the random replacement from the tokens of the input instead of the vocabulary"""
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
        inputs[to_random] = rng.choice(tokens[candidates], size=len(to_random))
        return inputs, labels

    return bert_mask(tokens, mask_id, vocab_size, special_ids, seed)


def specials_can_be_chosen(tokens: np.ndarray, mask_id: int, vocab_size: int, special_ids: list[int], seed: int):
    """Chooses 15% of all positions, special tokens ([CLS], [SEP], [PAD]) included"""
    import numpy as np


    def bert_mask(tokens: np.ndarray, mask_id: int, vocab_size: int, special_ids: list[int],
                  seed: int) -> tuple[np.ndarray, np.ndarray]:
        """BERT's masked-LM corruption: (inputs for the model, labels with -100 where there is nothing to predict)."""
        rng = np.random.default_rng(seed)
        tokens = np.asarray(tokens)
        candidates = np.arange(tokens.size)  # [CLS], [SEP], [PAD], [MASK]... never chosen
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

    return bert_mask(tokens, mask_id, vocab_size, special_ids, seed)


def round_half_even(tokens: np.ndarray, mask_id: int, vocab_size: int, special_ids: list[int], seed: int):
    """Counts round(0.15 * n): Python rounds halves to even, so 30 candidates give 4 instead of 5 (and 0.15 *
    70 = 10.499...)."""
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

    return bert_mask(tokens, mask_id, vocab_size, special_ids, seed)
