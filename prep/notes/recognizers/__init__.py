"""Recognizers: each reads one fact in its context and proposes cards for it.

The pipeline tries them in order and the first that proposes a card that fits
wins the fact; adding a question form is adding a module here. Forms that span
several facts (a question with the bullets under it, problem → solution pairs, a
short closed list, the branch a model sits in) are in prep.notes.topics.
"""

from __future__ import annotations

from prep.notes.recognizers import (
    action,
    aspect,
    cause,
    code,
    comparison,
    definition,
    explicit,
    formula,
    function,
    number,
    question,
    reverse,
    role,
    table,
    term,
)

PIPELINE = (explicit, question, table, code, formula, comparison, role, aspect, cause, definition, function, number, reverse, term, action)
