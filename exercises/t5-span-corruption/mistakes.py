"""Known mistakes in t5-span-corruption: wrong solutions people really write, one function each.

Each takes the arguments of `span_corruption` and is a whole solution as a learner would write it; its docstring
says what went wrong. prep.drills.mistakes loads them: every one must fail under every seed, and a learner's
failing output that matches one is named in the report.
"""

from __future__ import annotations


def no_final_sentinel(tokens: list[str], spans: list[tuple[int, int]]):
    """You left out the extra sentinel that closes the target: it ends with one sentinel more than there are spans."""
    def span_corruption(tokens: list[str], spans: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
        """T5's span corruption: each span (start, length) becomes one sentinel in the input; the target
        lists every sentinel followed by the tokens it replaced, and ends with one more sentinel."""
        inputs: list[str] = []
        targets: list[str] = []
        cursor = 0
        ordered = sorted(spans, key=lambda span: span[0])  # sentinels are numbered left to right in the text, whatever the given order
        for number, (start, length) in enumerate(ordered):
            sentinel = f"<extra_id_{number}>"
            inputs.extend(tokens[cursor:start])
            inputs.append(sentinel)
            targets.append(sentinel)
            targets.extend(tokens[start:start + length])
            cursor = start + length
        inputs.extend(tokens[cursor:])
      # the final sentinel closes the target
        return inputs, targets

    return span_corruption(tokens, spans)


def span_end_inclusive(tokens: list[str], spans: list[tuple[int, int]]):
    """You read (start, length) as covering start … start + length inclusive: each span takes one token too many."""
    def span_corruption(tokens: list[str], spans: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
        """T5's span corruption: each span (start, length) becomes one sentinel in the input; the target
        lists every sentinel followed by the tokens it replaced, and ends with one more sentinel."""
        inputs: list[str] = []
        targets: list[str] = []
        cursor = 0
        ordered = sorted(spans, key=lambda span: span[0])  # sentinels are numbered left to right in the text, whatever the given order
        for number, (start, length) in enumerate(ordered):
            sentinel = f"<extra_id_{number}>"
            inputs.extend(tokens[cursor:start])
            inputs.append(sentinel)
            targets.append(sentinel)
            targets.extend(tokens[start:start + length + 1])
            cursor = start + length + 1
        inputs.extend(tokens[cursor:])
        targets.append(f"<extra_id_{len(ordered)}>")  # the final sentinel closes the target
        return inputs, targets

    return span_corruption(tokens, spans)


def sentinels_from_one(tokens: list[str], spans: list[tuple[int, int]]):
    """You numbered the sentinels from <extra_id_1>: the first span gets <extra_id_0>."""
    def span_corruption(tokens: list[str], spans: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
        """T5's span corruption: each span (start, length) becomes one sentinel in the input; the target
        lists every sentinel followed by the tokens it replaced, and ends with one more sentinel."""
        inputs: list[str] = []
        targets: list[str] = []
        cursor = 0
        ordered = sorted(spans, key=lambda span: span[0])  # sentinels are numbered left to right in the text, whatever the given order
        for number, (start, length) in enumerate(ordered):
            sentinel = f"<extra_id_{number + 1}>"
            inputs.extend(tokens[cursor:start])
            inputs.append(sentinel)
            targets.append(sentinel)
            targets.extend(tokens[start:start + length])
            cursor = start + length
        inputs.extend(tokens[cursor:])
        targets.append(f"<extra_id_{len(ordered) + 1}>")  # the final sentinel closes the target
        return inputs, targets

    return span_corruption(tokens, spans)


def unsorted_spans(tokens: list[str], spans: list[tuple[int, int]]):
    """You walked the spans in the order given: with spans out of order, text is copied twice or lost."""
    def span_corruption(tokens: list[str], spans: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
        """T5's span corruption: each span (start, length) becomes one sentinel in the input; the target
        lists every sentinel followed by the tokens it replaced, and ends with one more sentinel."""
        inputs: list[str] = []
        targets: list[str] = []
        cursor = 0
        ordered = list(spans)  # sentinels are numbered left to right in the text, whatever the given order
        for number, (start, length) in enumerate(ordered):
            sentinel = f"<extra_id_{number}>"
            inputs.extend(tokens[cursor:start])
            inputs.append(sentinel)
            targets.append(sentinel)
            targets.extend(tokens[start:start + length])
            cursor = start + length
        inputs.extend(tokens[cursor:])
        targets.append(f"<extra_id_{len(ordered)}>")  # the final sentinel closes the target
        return inputs, targets

    return span_corruption(tokens, spans)


def tokens_left_after_the_last_span_dropped(tokens: list[str], spans: list[tuple[int, int]]):
    """You did not copy the tokens after the last span into the input: the end of the sentence is lost."""
    def span_corruption(tokens: list[str], spans: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
        """T5's span corruption: each span (start, length) becomes one sentinel in the input; the target
        lists every sentinel followed by the tokens it replaced, and ends with one more sentinel."""
        inputs: list[str] = []
        targets: list[str] = []
        cursor = 0
        ordered = sorted(spans, key=lambda span: span[0])  # sentinels are numbered left to right in the text, whatever the given order
        for number, (start, length) in enumerate(ordered):
            sentinel = f"<extra_id_{number}>"
            inputs.extend(tokens[cursor:start])
            inputs.append(sentinel)
            targets.append(sentinel)
            targets.extend(tokens[start:start + length])
            cursor = start + length
        targets.append(f"<extra_id_{len(ordered)}>")  # the final sentinel closes the target
        return inputs, targets

    return span_corruption(tokens, spans)


def merges_adjacent_spans(tokens: list[str], spans: list[tuple[int, int]]):
    """You built a noise mask and gave each run of masked tokens one sentinel: two spans that touch merge into one."""
    # Builds a noise mask and gives each run of masked tokens one sentinel, so adjacent spans merge into one.
    def span_corruption(tokens, spans):
        noise = [False] * len(tokens)
        for start, length in spans:
            for p in range(start, start + length):
                noise[p] = True
        inputs, targets, number = [], [], 0
        for p, token in enumerate(tokens):
            if not noise[p]:
                inputs.append(token)
                continue
            if p == 0 or not noise[p - 1]:
                inputs.append(f"<extra_id_{number}>")
                targets.append(f"<extra_id_{number}>")
                number += 1
            targets.append(token)
        return inputs, targets + [f"<extra_id_{number}>"]

    return span_corruption(tokens, spans)


def numbered_in_given_order(tokens: list[str], spans: list[tuple[int, int]]):
    """You numbered each span's sentinel by its place in the given list: sentinels count up from the left of the
    text."""
    # Numbers each span's sentinel by its place in the given list, not by its place in the text.
    def span_corruption(tokens, spans):
        owner = [None] * len(tokens)
        for number, (start, length) in enumerate(spans):
            for p in range(start, start + length):
                owner[p] = number
        inputs, pieces = [], {}
        for p, token in enumerate(tokens):
            if owner[p] is None:
                inputs.append(token)
            elif p == 0 or owner[p - 1] != owner[p]:
                inputs.append(f"<extra_id_{owner[p]}>")
            if owner[p] is not None:
                pieces.setdefault(owner[p], []).append(token)
        targets = []
        for number in range(len(spans)):
            targets += [f"<extra_id_{number}>", *pieces[number]]
        return inputs, targets + [f"<extra_id_{len(spans)}>"]

    return span_corruption(tokens, spans)


def pops_spans_from_the_callers_tokens(tokens: list[str], spans: list[tuple[int, int]]):
    """You cut each span out of the caller's tokens list while building the input: the caller's sentence is changed,
    and the input returned is the caller's own list."""
    def span_corruption(tokens, spans):
        ordered = sorted(spans)
        targets = []
        for number, (start, length) in enumerate(ordered):
            targets.append(f"<extra_id_{number}>")
            targets.extend(tokens[start:start + length])
        targets.append(f"<extra_id_{len(ordered)}>")
        for number, (start, length) in reversed(list(enumerate(ordered))):
            tokens[start:start + length] = [f"<extra_id_{number}>"]
        return tokens, targets

    return span_corruption(tokens, spans)
