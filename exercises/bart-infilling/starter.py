def text_infilling(tokens: list[str], spans: list[tuple[int, int]], mask: str = "<mask>") -> list[str]:
    """BART's text infilling: each span (start, length) becomes a single mask token; a span of
    length 0 inserts a mask before tokens[start]."""
    raise NotImplementedError
