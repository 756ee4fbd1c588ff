# Edits the list in place, span after span, in the given order: every edit shifts the later indices.
def text_infilling(tokens, spans, mask="<mask>"):
    out = list(tokens)
    for start, length in spans:
        out[start:start + length] = [mask]
    return out
