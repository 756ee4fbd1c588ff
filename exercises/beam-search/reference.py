import numpy as np


def beam_search(log_probs: np.ndarray, bos: int, eos: int, beam_size: int, max_len: int) -> list[int]:
    """The best hypothesis by length-normalised log-probability, found by beam search on a bigram model."""
    vocab = log_probs.shape[0]
    alive: list[tuple[float, tuple[int, ...]]] = [(0.0, ())]  # (sum of log-probs, generated tokens)
    finished: list[tuple[float, tuple[int, ...]]] = []
    for _ in range(max_len):
        # Every alive hypothesis extended by every token. At one step all candidates have the same
        # length, so ranking them by the raw sum is the same as ranking by the normalised score.
        candidates = [
            (score + float(log_probs[tokens[-1] if tokens else bos, token]), tokens + (token,))
            for score, tokens in alive
            for token in range(vocab)
        ]
        candidates.sort(key=lambda c: (-c[0], c[1]))  # best first; equal scores: smaller token list first
        slots = beam_size - len(finished)  # each finished hypothesis keeps its place in the beam
        alive = []
        for score, tokens in candidates[:slots]:
            (finished if tokens[-1] == eos else alive).append((score, tokens))
        if not alive:  # beam_size hypotheses have finished
            break
    # Finished hypotheses and those cut off by max_len compete on the mean log-probability per token
    # (eos counts as a token): a plain sum would always prefer short outputs.
    pool = finished + alive
    best = min(pool, key=lambda c: (-c[0] / len(c[1]), c[1]))
    return list(best[1])
