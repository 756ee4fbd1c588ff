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
