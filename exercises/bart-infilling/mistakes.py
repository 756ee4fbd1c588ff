"""Known mistakes in bart-infilling: wrong solutions people really write, one function each.

Each takes the arguments of `text_infilling` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def empty_spans_ignored(tokens: list[str], spans: list[tuple[int, int]], mask: str='<mask>'):
    """You skipped the spans of length 0: BART inserts a mask there even though no token is removed."""
    def text_infilling(tokens: list[str], spans: list[tuple[int, int]], mask: str = "<mask>") -> list[str]:
        """BART's text infilling: each span (start, length) becomes a single mask token; a span of
        length 0 inserts a mask before tokens[start]."""
        inserts = [0] * (len(tokens) + 1)  # masks to insert before each position (and at the end)
        replaced = {}  # start -> length of each non-empty span
        for start, length in spans:
            if length == 0:
                pass
            else:
                replaced[start] = length
        out: list[str] = []
        p = 0
        while p <= len(tokens):
            out.extend([mask] * inserts[p])
            if p == len(tokens):
                break
            if p in replaced:
                out.append(mask)  # the whole span: one mask, whatever its length
                p += replaced[p]
            else:
                out.append(tokens[p])
                p += 1
        return out

    return text_infilling(tokens, spans, mask)


def one_mask_per_token(tokens: list[str], spans: list[tuple[int, int]], mask: str='<mask>'):
    """You wrote one mask per token of a span, as BERT does: the masks then give away each span's length, which
    BART's single mask per span hides."""
    def text_infilling(tokens: list[str], spans: list[tuple[int, int]], mask: str = "<mask>") -> list[str]:
        """BART's text infilling: each span (start, length) becomes a single mask token; a span of
        length 0 inserts a mask before tokens[start]."""
        inserts = [0] * (len(tokens) + 1)  # masks to insert before each position (and at the end)
        replaced = {}  # start -> length of each non-empty span
        for start, length in spans:
            if length == 0:
                inserts[start] += 1
            else:
                replaced[start] = length
        out: list[str] = []
        p = 0
        while p <= len(tokens):
            out.extend([mask] * inserts[p])
            if p == len(tokens):
                break
            if p in replaced:
                out.extend([mask] * replaced[p])
                p += replaced[p]
            else:
                out.append(tokens[p])
                p += 1
        return out

    return text_infilling(tokens, spans, mask)


def mask_argument_ignored(tokens: list[str], spans: list[tuple[int, int]], mask: str='<mask>'):
    """You always wrote "<mask>" whatever the mask argument says: a caller's own mask token is ignored."""
    def text_infilling(tokens: list[str], spans: list[tuple[int, int]], mask: str = "<mask>") -> list[str]:
        """BART's text infilling: each span (start, length) becomes a single mask token; a span of
        length 0 inserts a mask before tokens[start]."""
        inserts = [0] * (len(tokens) + 1)  # masks to insert before each position (and at the end)
        replaced = {}  # start -> length of each non-empty span
        for start, length in spans:
            if length == 0:
                inserts[start] += 1
            else:
                replaced[start] = length
        out: list[str] = []
        p = 0
        while p <= len(tokens):
            out.extend(["<mask>"] * inserts[p])
            if p == len(tokens):
                break
            if p in replaced:
                out.append("<mask>")  # the whole span: one mask, whatever its length
                p += replaced[p]
            else:
                out.append(tokens[p])
                p += 1
        return out

    return text_infilling(tokens, spans, mask)


def no_insertion_at_the_end(tokens: list[str], spans: list[tuple[int, int]], mask: str='<mask>'):
    """You stopped at the last token: an empty span at start == len(tokens) never gets its mask."""
    def text_infilling(tokens: list[str], spans: list[tuple[int, int]], mask: str = "<mask>") -> list[str]:
        """BART's text infilling: each span (start, length) becomes a single mask token; a span of
        length 0 inserts a mask before tokens[start]."""
        inserts = [0] * (len(tokens) + 1)  # masks to insert before each position (and at the end)
        replaced = {}  # start -> length of each non-empty span
        for start, length in spans:
            if length == 0:
                inserts[start] += 1
            else:
                replaced[start] = length
        out: list[str] = []
        p = 0
        while p < len(tokens):
            out.extend([mask] * inserts[p])
            if p == len(tokens):
                break
            if p in replaced:
                out.append(mask)  # the whole span: one mask, whatever its length
                p += replaced[p]
            else:
                out.append(tokens[p])
                p += 1
        return out

    return text_infilling(tokens, spans, mask)


def in_place_shifting_indices(tokens: list[str], spans: list[tuple[int, int]], mask: str='<mask>'):
    """You edited the list in place, span after span, in the order given: every edit shifts the indices of the spans
    after it."""
    # Edits the list in place, span after span, in the given order: every edit shifts the later indices.
    def text_infilling(tokens, spans, mask="<mask>"):
        out = list(tokens)
        for start, length in spans:
            out[start:start + length] = [mask]
        return out

    return text_infilling(tokens, spans, mask)


def inserts_after_the_token(tokens: list[str], spans: list[tuple[int, int]], mask: str='<mask>'):
    """You put the mask of an empty span after tokens[start] instead of before it: the mask lands one place too far
    right."""
    # Puts the mask of an empty span after tokens[start] instead of before it.
    def text_infilling(tokens, spans, mask="<mask>"):
        inserts = {}
        replaced = {}
        for start, length in spans:
            if length == 0:
                inserts[start] = inserts.get(start, 0) + 1
            else:
                replaced[start] = length
        out = []
        p = 0
        while p < len(tokens):
            if p in replaced:
                out.append(mask)
                p += replaced[p]
                continue
            out.append(tokens[p])
            out.extend([mask] * inserts.get(p, 0))
            p += 1
        return out + [mask] * inserts.get(len(tokens), 0)

    return text_infilling(tokens, spans, mask)


def edits_the_callers_tokens(tokens: list[str], spans: list[tuple[int, int]], mask: str='<mask>'):
    """You replaced the spans inside the caller's tokens list and returned it: the caller's sentence is gone, and
    the result is the caller's own list."""
    def text_infilling(tokens, spans, mask="<mask>"):
        for start, length in sorted(spans, key=lambda span: (span[0], -span[1]), reverse=True):
            tokens[start:start + length] = [mask]
        return tokens

    return text_infilling(tokens, spans, mask)
