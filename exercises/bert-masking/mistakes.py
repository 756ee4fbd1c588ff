"""Known mistakes in bert-masking: wrong solutions people really write, one function each.

Each takes the arguments of `bert_mask` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def always_mask(tokens: np.ndarray, mask_id: int, vocab_size: int, special_ids: list[int], seed: int):
    """You replaced every chosen token by [MASK]: 10% of them must get a random token and 10% stay as they are."""
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
    """You chose each token with probability 0.15, as Hugging Face's collator does: the number chosen then varies,
    but the statement fixes it exactly."""
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
    """You took the first 15% of the candidate positions instead of a random sample: the end of a sequence is never
    masked."""
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
    """You drew from an unseeded generator: every call masks differently, so the same seed no longer gives the same
    result."""
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
    """You set a label at every position: positions that were not chosen must be -100 so the loss skips them."""
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
    """You labelled only the positions whose input changed: the chosen tokens left unchanged lose their label."""
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
    """You drew the random replacement from the whole vocabulary: a special id such as [CLS] or [PAD] can then
    appear in the middle of the text."""
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
    """You drew the random replacement from the tokens of the input instead of the vocabulary: the replacements only
    repeat words already there."""
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
    """You chose 15% of all positions, special tokens included: [CLS], [SEP] and [PAD] must never be chosen."""
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
    """You counted with round(0.15 * n): Python rounds halves to even, so 30 candidates give 4 instead of 5 (and
    0.15 * 70 is 10.499…)."""
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
