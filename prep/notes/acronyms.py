"""Acronyms and their expansions: `SQuAD` ← `Stanford Question Answering Dataset`."""

from __future__ import annotations

import re


def is_acronym(word: str) -> bool:
    """A short word mostly in capitals: BERT, SQuAD, GPT-2, RoBERTa (not `Model`, not `KV cache`)."""
    letters = re.sub(r"[\W\d_]", "", word)
    capitals = sum(c.isupper() for c in letters)
    return " " not in word.strip() and 2 <= capitals and len(word) <= 10 and capitals * 2 >= len(letters) - 1


def expands(expansion: str, title: str) -> bool:
    """Whether `expansion` spells out the capitals of the acronym `title`, in order."""
    word = title.strip(" ,.;:")
    if not is_acronym(word):
        return False
    if word.lower() in expansion.lower() or len(expansion.split()) < 2 or re.search(r"[а-яё]", expansion, re.IGNORECASE):
        return False
    letters = [c.lower() for c in word if c.isupper()]
    if len(re.findall(r"[^\W\d_]+", expansion)) > 2 * len(letters) + 1:
        return False  # a sentence that happens to hold words with those initials, not the name spelled out
    # Each word gives its first letter, and a capital inside it ("ReAding" → R, A); an acronym inside the text ("GPT2
    # which was trained …") gives only its first: it is another name, not the spelling out of this one.
    initials = []
    for found in re.finditer(r"[^\W\d_]+", expansion):
        part = found[0]
        initials += [part[0].lower()] + ([] if is_acronym(part) else [c.lower() for c in part[1:] if c.isupper()])
    pool = iter(initials)
    return all(letter in pool for letter in letters)
