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
    targets.append(f"<extra_id_{len(ordered)}>")  # the final sentinel closes the target
    return inputs, targets
