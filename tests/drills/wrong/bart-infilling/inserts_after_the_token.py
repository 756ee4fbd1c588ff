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
