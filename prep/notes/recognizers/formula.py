"""Formulas: a `$$…$$` block, or a formula in a fact (`$…$` or backticks with operators), hidden in a cloze.

`Для 1 наблюдения `- Sum(y_true[i] * log(y_pred[i]))`` → "**Cross-entropy** · Для 1 наблюдения […]" → the formula.
A block formula is asked by the line that introduces it, else by its topic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from prep.notes import words
from prep.notes.inline import plain
from prep.notes.model import Context, Fact, Proposal
from prep.notes.recognizers._common import CLAUSE_AFTER, IN_LIST, fits, trim, with_aside, without_parens, worked_example
from prep.notes.texts import TEXTS

_CODE = re.compile(r"`([^`]+)`")
_EXAMPLE = re.compile(r"\b(?:for example|for instance|e\.g\.|such as|like this|например|к примеру|скажем)\b", re.IGNORECASE)
# `Sensitivity = TP / (TP + FN)`: a name equal to an expression; in prose also a function of its arguments
# (`sigmoid(z) = 1/(1+e^(-z))`, `Loss(ŷ, y) = -(y log ŷ + …)`), which in code marks is asked by its context instead
_PLAIN_FORMULA = re.compile(r"^(?P<left>[\w\-’' ]{1,30}?)\s*=\s*(?P<right>[^=]*[/*+^()−-][^=]*)$")
_PLAIN_CALL = re.compile(r"^(?P<left>[\w\-’' ]{1,30}?\([^()=]{1,20}\))\s*=\s*(?P<right>[^=]*[/*+^()−-][^=]*)$")
_OPERATORS = re.compile(r"[*+/=^·×√∑∏]|\w\(|_\{?\w")
# A name in code (`show_heatmaps`, `lru_cache`, `celsiusToFahrenheit()`, `np.dot(`) is not a formula: a card hiding it
# asks for a helper of the author's code. Nor is a setting's value (`B = 3`, `learning_rate = 0.1`, `Y1 = "The cat …"`).
_NAME_IN_CODE = re.compile(r"[A-Za-z_][\w.]*(?:\(\)?)?")
_LITERAL = re.compile(r"""^\s*(?:[-+]?\d[\d.,_]*\s*(?:\([^)]*\))?|["'“«].*|True|False|None)\s*[.;,]?\s*$""")
_PROSE_AFTER = re.compile(r"\s+(?=(?:is|are|was|were|gives|means|which|where|so|but|and then)\s+[a-z])")  # a formula's end
_WORDS_AFTER = re.compile(r"(?<=[)\]}])\s+(?:[^\W\d_]{2,}\s*){2,}[.,;]?$")
_LETTER = re.compile(r"[^\W\d_]")  # `(1 - 2) ^ 2` has none: an example's arithmetic, not a formula to recall
# `x = (x^(1), …, x^(d))`, `B = x_(1…m)`: a letter named for the pages after it, notation rather than a formula to recall
_NOTATION = re.compile(r"^\s*[A-Za-zα-ωΑ-Ω]\s*=\s*(?:\(.*,.*\)|\{.*,.*\}|\[.*,.*\]|\w+_\(?\d+\s*(?:\.\.\.|…|,).*)\s*[.,;]?\s*$")
# `μ̂ = 1/10 ∑ x_i = 0.4`: the formula worked out on an example's numbers; the number is the example's, and so is the card
_EVALUATED = re.compile(r"[=≈]\s*[-+]?\d[\d.,]*\s*[.;,]?\s*$")


def _lists(right: str) -> bool:
    """The right side of `left = right` lists items instead of computing one: `(x_1, …, x_d)`, `[x^1 x^2 x^3 x^m]`,
    `{(x^1, y^1), (x^2, y^2), …}`: notation for the pages after it."""
    bare = re.sub(r"_(?:\([^()]*\)|\{[^{}]*\}|\w+)", "", right)
    operation = re.search(r"[+\-−*/·×∑∏√]|[^\W\d_]{2,}\(", bare)
    if re.search(r"…|\.\.\.|⋯", bare) and not operation:
        return True
    based = re.findall(r"([^\W\d_])\^", right)
    return bool(re.match(r"\s*[\[{(]", right) and based and max(map(based.count, based)) >= 3 and not operation)


def _computes(right: str) -> bool:
    """The right side of `left = right` does something: an operation, a named function, a product of symbols side by
    side, once a symbol's indices are set aside (`y^*(x_i)`, `ϕ(x, α)`, `ℝ` name things; `1/(1+e^(-x))`, `max(0, x)`,
    `XW_Q`, `W σ(W x)` compute; "Age (adult?)" is a word, not a product)."""
    if _lists(right):
        return False
    bare = re.sub(r"_(?:\([^()]*\)|\{[^{}]*\}|\w+)|\^(?:[*'′]|\([^()\d+\-−*/]*\))", "", right)  # indices, `^*`
    calls = bare
    while re.search(r"\([^()]*\)", calls):
        calls = re.sub(r"\([^()]*\)", "", calls)  # `ϕ(x, α)` → `ϕ`: what is applied, not to what
    return bool(re.search(r"[+\-−*/·×∑∏√∫∂∇|‖⌊⌈<>≤≥≪^]|\b(?:exp|log|ln|softmax|sigmoid|max|min|argmax|argmin|sum|mean|"
                          r"sqrt|tanh|cov|var|Var|E|P|sign|det|tr|mod)\b|[^\W\d_]{2,}\(", bare)
                or re.search(r"(?<![^\W\d_])[A-ZΑ-Ω][A-ZΑ-Ω](?![a-z])|(?<![^\W\d_])[^\W\d_]\s+[^\W\d_](?![^\W\d_])", calls))


def _not_to_recall(formula: str) -> bool:
    """`left = right` worked out on an example's numbers, cut at its '=' (the derivation goes on below), a letter's
    notation, or a line of code: a formula as written, but not one to recall."""
    return bool(_EVALUATED.search(formula) or formula.rstrip().endswith("=") or _NOTATION.match(formula) or
                _METHOD_CALL.search(formula))


# `sigma = np.sqrt(…)`, `percentage = 100 * A/cal.reshape(1,4)`: a call of a module's or an object's function is a line of
# code, which a code card asks by its task, not a formula to recall
_METHOD_CALL = re.compile(r"\b[A-Za-z_]\w+\.[A-Za-z_]\w*\s*\(")  # `p.log(1/p)` is a product, `np.dot(` a call


# What a cloze may hide is a formula that does something: a relation, arithmetic, a named operation. A symbol or a
# signature (`α(𝐪, 𝐤_i)`, `p(𝐤_i; 𝐪)`, `Node(value, left, right)`) is notation: the sentence around it says what it
# stands for, and a card hiding it asks to recall how the author wrote it.
_OPERATION = re.compile(r"[=≈∝≤≥<>+−*/·×∑∏√^]|(?<![A-Za-z])-|\\frac|\\sum|\\prod|\b(?:exp|log|ln|softmax|max|min|argmax|sum|mean|sqrt)\b")
# One letter with its indices, perhaps with the set it lies in (`x^((i))`, `ŷ^(<1>)`, `f_t ∈ ℝ^h`): a symbol, however
# many carets it has. A cloze hiding it asks how the author wrote the letter; the words beside it ("forget gate's
# activation vector") give it away or say what it stands for.
_SYMBOL = re.compile(r"\s*[^\W\d_][\u0300-\u036f\u20d0-\u20ff]*'?(?:\s*(?:_(?:\(+[^()\s]*\)+|\{[^{}]*\}|\w+)|"
                     r"\^(?:\(+[^()\s]*\)+|\{\([^{}]*\)\}|<[^<>]*>)))*'?"
                     r"\s*(?:[∈:]\s*\S+(?:\s*\^\s*\S+)?)?\s*")  # a power (`x^2`, `e^x`, `x^Tu`) is an operation


def _depths(text: str) -> Iterator[tuple[int, str, int]]:
    """Each character with its index and how many brackets are open once it is read."""
    depth = 0
    for i, char in enumerate(text):
        depth += (char in "([{") - (char in ")]}")
        yield i, char, depth


def _formulas_of(text: str) -> list[str]:
    """A block cut at its ';' outside brackets where every part is a formula of its own (each with an '='); else whole."""
    parts, start = [], 0
    for i, char, depth in _depths(text):
        if char == ";" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts = [p.strip() for p in [*parts, text[start:]] if p.strip()]
    return parts if len(parts) > 1 and all(_at_equals(p)[1] for p in parts) else [text]


def _at_equals(text: str) -> tuple[str, str, str]:
    """The formula cut at its first '=' outside brackets: `∑_(i=1)^n |y_i - ŷ_i|` has none (the '=' of a sum's range
    is no side of an equation), `L = ∑_(i=1)^n …` is cut after `L`."""
    at = next((i for i, char, depth in _depths(text) if char == "=" and depth == 0), None)
    return (text, "", "") if at is None else (text[:at], "=", text[at + 1:])


def _names_a_quantity(title: str) -> bool:
    """A heading that names one thing ("Cross Entropy", "MAE", "Leaky ReLU"), not a step or a part of the text
    ("Derivation", "2. Общий случай", "Example")."""
    bare = plain(title).strip(" *_:")
    return len(bare.split()) <= 4 and "?" not in bare and not re.match(r"\d", bare) and words.is_name(bare) and \
        not words.is_label(bare) and not _STEP.search(bare)


_STEP = re.compile(r"\b(?:derivation|proof|example|examples|step|steps|case|intuition|вывод|доказательство|пример\w*|шаг\w*|"
                   r"случай|общий|частный)\b", re.IGNORECASE)


def _names(left: str) -> bool:
    """The left side of an equation names what the right side computes (`L`, `softmax(x)_i`, `P(Y=1|X=x)`), not an
    expression (`1/(1 + e^(-x))`, `Odds/(Odds + 1)`), a case (`If y_i`) or an elision (`Instead of ... y`)."""
    left = left.strip()
    derivative = re.match(r"[(\s]*[d∂]", left)  # `df/dx`, `∂L/∂w`: a name, however it is written
    return not (re.match(r"[\d\-−+]|(?i:if|when|unless|instead|если|когда)\b", left) or "..." in left
                or re.search(r"\+" if derivative else r"[+/]", re.sub(r"\([^()]*\)", "", left)))


def _clauses(text: str) -> list[str]:
    """The text cut after '.', ';' or ',' outside brackets: `Loss(ŷ, y) = -(…)` is one piece, not `Loss(ŷ,` and `y) = …`."""
    pieces, start = [], 0
    for i, char, depth in _depths(text):
        if char in ".;," and depth <= 0 and text[i + 1: i + 2].isspace():
            pieces.append(text[start: i + 1])
            start = i + 1
    return [p.strip() for p in [*pieces, text[start:]] if p.strip()]


def _balanced(code: str) -> bool:
    return all(code.count(a) == code.count(b) for a, b in ("()", "[]", "{}"))


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    if worked_example(ctx.path, ctx.label):
        return []  # a worked example's values and symbols (`Y1 = …`, `B = 3`) are the example's, not formulas to recall
    if fact.kind == "math":
        intro = ctx.previous
        introduced = ctx.cue + TEXTS[ctx.lang]["formula"].format(what=trim(intro.text)) if intro is not None and \
            intro.kind == "text" and intro.intro else ""
        if introduced and fits(introduced, fact.text):
            return [Proposal("formula", introduced, fact.text)]
        # a lead too long to ask by ("In the case of Ridge regression, the penalty term is …:"): the formula's left side asks;
        # a block of several formulas (`W(A) = m/n; C_n^k = n!/(k!(n-k)!); …`) asks each by its own
        asked = []
        for one in _formulas_of(fact.text):
            left, equals, right = _at_equals(one)
            if equals and left.strip() and right.strip() and len(left) <= 60 and not _LITERAL.match(right) \
                    and not _not_to_recall(one) and _names(left) and _computes(right):  # `softmax(x)_i = …`: the answer
                asked.append(Proposal("formula", f"{ctx.cue}`{left.strip()} = ?`", right.strip().rstrip(",.;")))
        if asked:
            return asked
        if not equals and intro is None and ctx.title and _OPERATION.search(fact.text) and _names_a_quantity(ctx.title):
            # "## Cross Entropy" with its formula first under it, nothing else saying what it is: the topic's formula
            return [Proposal("formula", ctx.cue + TEXTS[ctx.lang]["topic_formula"], fact.text)]
        return []
    if fact.kind != "text":
        return []
    # A code span is a formula whole (`Sensitivity = TP / (TP + FN)`) or not at all: never cut at its commas.
    prose = re.sub(r"`[^`]*`", " ", fact.text)
    clauses = _clauses(plain(prose))
    segments = [span.strip() for span in re.findall(r"`([^`]*)`", fact.text)] + clauses
    # a function's formula written as prose ("So, sigmoid(z) = 1/(1+e^(-z))"); one in code marks is asked by its context
    calls = [_PLAIN_CALL.match(clause) for clause in clauses]
    written = next((m for m in [*map(_PLAIN_FORMULA.match, segments), *calls] if m and len(m["left"].split()) <= 3 and (
        re.search(r"[^\W\d_]{2,}", m["left"]) or re.fullmatch(r"[A-Za-z]\w*", m["left"].strip()))), None)
    if written and (re.match(r"(?i:if|when|unless|если|когда)\b", written["left"].strip()) or not _LETTER.search(written["right"])
                    or not _balanced(written["right"]) or "#" in written["right"]
                    or _not_to_recall(f"{written['left']}={written['right']}")):
        written = None  # "If alpha = 0 - no normalization": a case of a setting, not a formula; `x = (1 - 2) ^ 2`: arithmetic
    right = _PROSE_AFTER.split(written["right"], maxsplit=1)[0] if written else ""  # "… = 1/2(ŷ - y)^2 is one way to …"
    right = _WORDS_AFTER.sub("", right)  # "… log(1-ŷ)) over the two classes": words after the formula's last bracket
    # `Sensitivity = TP / (TP + FN).` without code marks; not a value ("alpha = 0.7 is a good thing"), not an arrow
    # ("Multi-label => output label is …"), not notation (`X = [x^1 … x^m]`)
    if written and not _LITERAL.match(right) and not right.startswith(">") and _computes(right):
        return [Proposal("formula", f"{ctx.cue}`{written['left']} = ?`", f"`{right.rstrip('.,;').strip()}`")]
    alone = _CODE.fullmatch(fact.text.strip())
    if alone and "=" in alone[1] and _OPERATION.search(alone[1].partition("=")[2]):
        return propose(replace(fact, kind="math", text=alone[1]), ctx)  # `Q(α) = ∑ …` on a line of its own: a display formula
    cards = []
    for code in _CODE.finditer(fact.text):
        if len(code[1]) >= 5 and _OPERATORS.search(code[1]) and _OPERATION.search(code[1]) and _balanced(code[1]) \
                and _LETTER.search(code[1]) \
                and not _NAME_IN_CODE.fullmatch(code[1]) and not _SYMBOL.fullmatch(code[1]) \
                and not _lists(_at_equals(code[1])[2]) \
                and not _LITERAL.match(code[1].partition("=")[2] or "x") and not _not_to_recall(code[1]):
            rest = fact.text[: code.start()] + "[…]" + fact.text[code.end():]
            if _EXAMPLE.search(rest) or re.search(r"\(\s*\[…\]\s*\)", rest) or IN_LIST.search(plain(rest)) and \
                    not CLAUSE_AFTER.search(rest):  # "[…], где h — ширина окна": a clause about the formula, not a list
                continue  # an example's value, an aside in brackets, one item of a list: not the fact's formula
            shown = without_parens(rest) if len(rest) > 120 else rest
            if len(re.findall(r"[^\W\d_]{2,}", re.sub(r"`[^`]*`|\[…\]", " ", shown))) < 2:  # too few words to recall it by
                continue
            cards.append(Proposal("formula", ctx.cue + shown, with_aside(code[0], fact.text, shown)))
    return cards[:2]
