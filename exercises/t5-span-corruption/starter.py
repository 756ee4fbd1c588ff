def span_corruption(tokens: list[str], spans: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
    """T5's span corruption: each span (start, length) becomes one sentinel in the input; the target
    lists every sentinel followed by the tokens it replaced, and ends with one more sentinel."""
    raise NotImplementedError
