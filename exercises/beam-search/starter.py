import numpy as np


def beam_search(log_probs: np.ndarray, bos: int, eos: int, beam_size: int, max_len: int) -> list[int]:
    """The best hypothesis by length-normalised log-probability, found by beam search on a bigram model.

    log_probs[a, b] is the log-probability that token b follows token a; the first token follows bos.
    Returns the generated tokens (bos excluded, eos included if the hypothesis finished).
    """
    raise NotImplementedError
