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
            out.append(mask)  # the whole span: one mask, whatever its length
            p += replaced[p]
        else:
            out.append(tokens[p])
            p += 1
    return out
