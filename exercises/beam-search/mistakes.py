"""Known mistakes in beam-search: wrong solutions people really write, one function each.

Each takes the arguments of `beam_search` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def beam_not_shrunk(log_probs: np.ndarray, bos: int, eos: int, beam_size: int, max_len: int):
    """You kept beam_size places after hypotheses finished: each finished hypothesis uses up one place, so the beam
    must shrink."""
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
            slots = beam_size  # each finished hypothesis keeps its place in the beam
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

    return beam_search(log_probs, bos, eos, beam_size, max_len)


def drops_finished(log_probs: np.ndarray, bos: int, eos: int, beam_size: int, max_len: int):
    """You set finished hypotheses aside but let only those alive at max_len compete: a hypothesis that finished
    early with the best mean is lost."""
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
        pool = alive or finished
        best = min(pool, key=lambda c: (-c[0] / len(c[1]), c[1]))
        return list(best[1])

    return beam_search(log_probs, bos, eos, beam_size, max_len)


def keeps_expanding_eos(log_probs: np.ndarray, bos: int, eos: int, beam_size: int, max_len: int):
    """You treated eos like any other token: your hypotheses keep growing after eos, and the beam never shrinks."""
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
                alive.append((score, tokens))
            if not alive:  # beam_size hypotheses have finished
                break
        # Finished hypotheses and those cut off by max_len compete on the mean log-probability per token
        # (eos counts as a token): a plain sum would always prefer short outputs.
        pool = finished + alive
        best = min(pool, key=lambda c: (-c[0] / len(c[1]), c[1]))
        return list(best[1])

    return beam_search(log_probs, bos, eos, beam_size, max_len)


def length_squared(log_probs: np.ndarray, bos: int, eos: int, beam_size: int, max_len: int):
    """You divided the sum of log-probs by the length squared: long hypotheses are over-rewarded."""
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
        best = min(pool, key=lambda c: (-c[0] / len(c[1]) ** 2, c[1]))
        return list(best[1])

    return beam_search(log_probs, bos, eos, beam_size, max_len)


def length_without_eos(log_probs: np.ndarray, bos: int, eos: int, beam_size: int, max_len: int):
    """You normalised by the number of tokens before eos: eos counts as a token, so your finished hypotheses are
    scored as if one token shorter."""
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
        best = min(pool, key=lambda c: (-c[0] / max(1, len(c[1]) - (c[1][-1] == eos)), c[1]))
        return list(best[1])

    return beam_search(log_probs, bos, eos, beam_size, max_len)


def no_length_normalisation(log_probs: np.ndarray, bos: int, eos: int, beam_size: int, max_len: int):
    """You picked the final hypothesis by the plain sum of log-probs: short outputs always win."""
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
        best = min(pool, key=lambda c: (-c[0], c[1]))
        return list(best[1])

    return beam_search(log_probs, bos, eos, beam_size, max_len)


def ties_to_higher_id(log_probs: np.ndarray, bos: int, eos: int, beam_size: int, max_len: int):
    """You broke ties toward the higher token id: on equal scores the lexicographically smaller token list must come
    first."""
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
            candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)  # best first; equal scores: smaller token list first
            slots = beam_size - len(finished)  # each finished hypothesis keeps its place in the beam
            alive = []
            for score, tokens in candidates[:slots]:
                (finished if tokens[-1] == eos else alive).append((score, tokens))
            if not alive:  # beam_size hypotheses have finished
                break
        # Finished hypotheses and those cut off by max_len compete on the mean log-probability per token
        # (eos counts as a token): a plain sum would always prefer short outputs.
        pool = finished + alive
        best = max(pool, key=lambda c: (c[0] / len(c[1]), c[1]))
        return list(best[1])

    return beam_search(log_probs, bos, eos, beam_size, max_len)


def ties_in_parent_order(log_probs: np.ndarray, bos: int, eos: int, beam_size: int, max_len: int):
    """You broke score ties at the beam cut in the order the candidates were made (parent, then token id): a tie
    between children of different parents must go to the smaller token list."""
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
            candidates.sort(key=lambda c: -c[0])  # best first; equal scores: smaller token list first
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

    return beam_search(log_probs, bos, eos, beam_size, max_len)


def final_tie_by_sum(log_probs: np.ndarray, bos: int, eos: int, beam_size: int, max_len: int):
    """You broke a tie in the final mean by the summed score: the lexicographically smaller token list must win."""
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
        best = min(pool, key=lambda c: (-c[0] / len(c[1]), c[0]))
        return list(best[1])

    return beam_search(log_probs, bos, eos, beam_size, max_len)
