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
