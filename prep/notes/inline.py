"""Inline Markdown → the text a card shows.

Cards are rendered as Markdown, so emphasis and inline code stay; what a card
must never show is residue: link targets, HTML, raw LaTeX, editor remarks.
Links keep their text, images their alt text, `$…$` becomes Unicode math
(pylatexenc), inline HTML goes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

_EDITOR_REMARK = re.compile(r"\s*⟦[^⟧]*⟧")
_BARE_URL = re.compile(r"(?<![(<\[])\b(?:https?://|www\.)\S+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_MAX_LATEX = 400  # a longer formula is shown as written: converting it is not worth the time


_SCRIPT_GROUP = re.compile(r"([_^])\{([^{}]*)\}")
_BARE_GROUP = re.compile(r"\{([^{}]*)\}")


def _fraction(node, l2tobj) -> str:  # noqa: ANN001 - pylatexenc's macro node and its reader
    """`\\frac{a+b}{c}` → `(a+b)/c`: a numerator or denominator of several terms keeps its brackets, or the formula
    reads `a+b/c`, which means something else; so does a denominator of several factors (`p(x)p(y)`). The fraction is
    marked, so that one standing against another factor is bracketed whole once the formula is read (_glued_fractions)."""
    top, bottom = (l2tobj.nodelist_to_text([arg]).strip() for arg in node.nodeargd.argnlist[-2:])
    under = _bracketed(bottom)
    if under == bottom and _FACTORS.search(_outer(bottom)):
        under = f"({bottom})"
    return f"{_OPEN}{_bracketed(top)}/{under}{_CLOSE}"


_OPEN, _CLOSE = "\x01", "\x02"  # a fraction's ends while the formula is read
_FACTORS = re.compile(r"§\s*[^\W_§]|§\s*§|\|\||!\s*[§\w]|[^\W_]\s*[√∑∏]")  # `p(x)p(y)`, `(a)(b)`, `|U||V|`, `k!(n-k)!`, `σ√(2π)`: a product (§: a bracket's contents)
_MARKED_FRACTION = re.compile(f"{_OPEN}([^{_OPEN}{_CLOSE}]*){_CLOSE}")
_GLUED_BEFORE = ")]}‖'′"
_GLUED_AFTER = "([√∑∏∫‖∂∇"


def _glued_fractions(text: str) -> str:
    """A fraction written against another factor is bracketed whole: `\\log\\frac{a}{b}` is log(a/b), not loga/b;
    `\\frac{∂g}{∂z}\\frac{∂z}{∂w}` is (∂g/∂z)(∂z/∂w); `\\frac{1}{n}\\sum x_i` is (1/n)∑ x_i. Innermost first."""
    def one(match: re.Match[str]) -> str:
        before = match.string[match.start() - 1] if match.start() else " "
        after = match.string[match.end()] if match.end() < len(match.string) else " "
        glued = before.isalnum() or before in _GLUED_BEFORE or before == _CLOSE or \
            after.isalnum() or after in _GLUED_AFTER or after == _OPEN
        return f"({match[1]})" if glued else match[1]

    previous = None
    while previous != text:
        previous, text = text, _MARKED_FRACTION.sub(one, text)
    return text.replace(_OPEN, "").replace(_CLOSE, "")


def _outer(text: str) -> str:
    """The text with each bracket's contents (its brackets too) as §: what stands at its top level."""
    bare, previous = _groups(text), None
    while previous != bare:
        previous, bare = bare, re.sub(r"\([^()]*\)", "§", bare)
    return bare


def _bracketed(text: str) -> str:
    """In brackets when it holds an operator or a space outside the brackets it already has (`a+b`, `∑_j e^(x_j)`)."""
    return f"({text})" if re.search(r"[+\-−·×/ ]", _outer(text)) else text


_FRACTIONS = ("frac", "dfrac", "tfrac", "cfrac")  # the display, text and continued sizes read as one fraction


@cache
def _latex_walker_context():  # noqa: ANN202 - pylatexenc's parsing context
    """pylatexenc's parsing context, told that `\\dfrac`, `\\tfrac`, `\\cfrac` and `\\binom` take two arguments as `\\frac`
    does (it does not know them, and `\\dfrac{1}{K}` came out as `1K`, `\\binom{N}{i}` as `Ni`)."""
    from pylatexenc.latexwalker import get_default_latex_context_db
    from pylatexenc.macrospec import MacroSpec

    context = get_default_latex_context_db()
    context.add_context_category("prep", prepend=True, macros=[MacroSpec(n, "{{") for n in (*_FRACTIONS[1:], "binom")])
    return context


# TeX's spaces print a space; its commands of layout, spacing and size print nothing, whatever pylatexenc knows of
# them
_SPACING = frozenset("space enspace thinspace medspace thickspace nobreakspace".split())
_LAYOUT = _SPACING | frozenset("""displaystyle textstyle scriptstyle scriptscriptstyle limits nolimits left right middle
big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr bigm Bigm biggm Biggm nonumber notag hline cline noindent
centering rm bf it cal sf tt em sc normalfont tiny small large Large huge Huge footnotesize scriptsize normalsize
newline linebreak pagebreak allowbreak nobreak displaybreak strut mathstrut hfill vfill hfil vfil relax protect par
medskip bigskip smallskip negthinspace negmedspace negthickspace mathrel mathbin mathop mathord mathpunct mathinner mathopen
mathclose""".split())
_SUPERSCRIPT = str.maketrans("0123456789npk", "⁰¹²³⁴⁵⁶⁷⁸⁹ⁿᵖᵏ")


def _root(node, l2tobj) -> str:  # noqa: ANN001 - pylatexenc's macro node and its reader
    """`\\sqrt{x}` → √(x) as pylatexenc writes it, and `\\sqrt[p]{x}` → ᵖ√(x): the root's index is part of the formula
    (pylatexenc dropped it, so the L0 and L∞ norms both read as square roots)."""
    index, body = (l2tobj.nodelist_to_text([arg]).strip() if arg is not None else "" for arg in node.nodeargd.argnlist[-2:])
    body = f"√({body.strip('{}')})"
    index = index.strip("[]{}")
    if not index:
        return body
    shown = index.translate(_SUPERSCRIPT)
    return (shown if shown != index or index == "∞" else f"[{index}]") + body


_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "tilde": "\u0303", "widetilde": "\u0303", "bar": "\u0304",
            "overline": "\u0305", "vec": "\u20d7", "dot": "\u0307", "ddot": "\u0308"}


def _accent(node, l2tobj) -> str:  # noqa: ANN001 - pylatexenc's macro node and its reader
    """`\\hat{y_i}` → `ŷ_i`: the accent sits on the letter, not on every character of its index (`ŷ_̂î`)."""
    inner = l2tobj.nodelist_to_text([node.nodeargd.argnlist[-1]]).strip().strip("{}") if node.nodeargd else ""
    head = re.match(r"[^\W\d_]", inner)
    if not head:
        return inner
    mark = _ACCENTS[node.macroname]
    rest = inner[1:]
    if re.fullmatch(r"(?:[_^].*)?", rest):
        return unicodedata.normalize("NFC", inner[0] + mark) + rest
    return unicodedata.normalize("NFC", "".join(c + mark if c.isalpha() else c for c in inner))  # `\\bar{xy}`: each letter


# Operators pylatexenc knows, which it prints without the space after them (`\\log x` read `logx`, `\\log D(x)` `logD(x)`).
_OPERATORS = ("log", "ln", "lg", "exp", "max", "min", "sup", "inf", "lim", "det", "sin", "cos", "tan", "tanh", "Pr")


def _operator(node, l2tobj) -> str:  # noqa: ANN001, ARG001 - pylatexenc's macro node and its reader
    return node.macroname + node.macro_post_space


@cache
def _latex_reader():  # noqa: ANN202 - pylatexenc's LatexNodes2Text, loaded on first use
    """pylatexenc's reader, told what it would otherwise drop: a norm `\\|x\\|` is ‖x‖ (not x), `\\arg\\max` keeps its
    arg, `\\textsf{Block}` keeps its word, and braced groups stay braced so that `x_{i-1}` does not become `x_i-1`."""
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db()
    text_styles = ("textsf", "texttt", "textbf", "textit", "textrm", "textup", "textnormal")  # dropped, words and all
    # an accent on its letter (`\hat{y_i}` → ŷ_i); `\widehat`, `\widetilde`, `\overline` as the narrow ones (pylatexenc
    # drops them)
    wide = [MacroTextSpec(name, simplify_repl=_accent) for name in _ACCENTS]
    context.add_context_category("prep", prepend=True, macros=[*wide,MacroTextSpec("|", simplify_repl="‖"),
                                                               MacroTextSpec("sqrt", simplify_repl=_root),
                                                               MacroTextSpec("arg", simplify_repl="arg"),
                                                               *(MacroTextSpec(n, simplify_repl=_fraction) for n in _FRACTIONS),
                                                               *(MacroTextSpec(n, simplify_repl=_operator) for n in _OPERATORS),
                                                               MacroTextSpec("binom", simplify_repl="C(%(1)s, %(2)s)"),
                                                               MacroTextSpec("gt", simplify_repl=" > "),
                                                               MacroTextSpec("lt", simplify_repl=" < "),
                                                               MacroTextSpec("implies", simplify_repl=" ⟹ "),
                                                               MacroTextSpec("impliedby", simplify_repl=" ⟸ "),
                                                               MacroTextSpec("iff", simplify_repl=" ⟺ "),
                                                               *(MacroTextSpec(n, simplify_repl="%(1)s") for n in text_styles)])
    class Reader(LatexNodes2Text):
        def macro_node_to_text(self, node) -> str:  # noqa: ANN001
            """An operator pylatexenc does not know (`\\cov(X,Y)`, `\\E X`, `\\argmax_x`, `\\det A`) keeps its name; it
            dropped them, and `\\frac{\\cov(X,Y)}{\\sqrt{\\D X \\D Y}}` read `(X,Y)/√(X Y)`. A command of layout, or one
            taking an argument (`\\boldsymbol{x}`, `\\color{red}`), still prints nothing of its own."""
            name = node.macroname
            if name in _SPACING:
                return " "
            if self.latex_context.get_macro_spec(name) is None and name.isalpha() and name not in _LAYOUT and \
                    not node.parsing_state.s[node.pos + node.len:].lstrip().startswith(("{", "[")):
                return name + node.macro_post_space
            return super().macro_node_to_text(node)

    return Reader(latex_context=context, math_mode="text", strict_latex_spaces=True,
                  keep_braced_groups=True, keep_braced_groups_minlen=2)


def _groups(text: str) -> str:
    """Braced groups pylatexenc kept: a sub- or superscript of several characters in parentheses (`x_(i-1)`,
    `∑_(i=1)^n`, `a+b_(n terms)` for an underbrace's label), any other group as its text (`\\operatorname{softmax}`)."""
    previous = None
    while previous != text:
        previous = text
        text = _SCRIPT_GROUP.sub(lambda m: f"{m[1]}({m[2]})", text)
        if text == previous:  # only once no script group is left innermost: `^{β_0 + ∑_{j=1}^P …}` keeps its brackets
            text = _BARE_GROUP.sub(r"\1", text)
    return text


_CASES = re.compile(r"\\begin\{cases\}(?P<rows>(?:(?!\\begin\{cases\}).)*?)\\end\{cases\}", re.DOTALL)
_BRACE_OPEN, _BRACE_CLOSE = "\x03", "\x04"  # braces shown (a set, cases), which must outlive the reading of TeX's groups
_SET_BRACE = re.compile(r"\\([{}]|[lr]brace(?![a-zA-Z]))")  # `\\{d : t ∈ d\\}`: a set's braces, not a group
_CONDITION_WORD = re.compile(r"^(?:\\[ ,;:!]|\\q?quad(?![a-z])|\s)*(?:\\(?:text|mbox|textrm|mathrm)\{\s*(?:if|если|при)\s*\}|"
                             r"(?:if|если|при)(?![\w]))(?:\\[ ,;:!]|\\q?quad(?![a-z])|\s)*")


def _cases(latex: str) -> str:
    """`\\begin{cases} 0, & x \\le 0 \\\\ 1, & x > 0 \\end{cases}` → `{0 if x ≤ 0; 1 if x > 0}`: each row a value and its
    condition (pylatexenc ran the rows together: `0, x ≤0 1, x > 0`)."""
    def rows(match: re.Match[str]) -> str:
        out = []
        for row in re.split(r"\\\\", match["rows"]):
            value, _, condition = row.partition("&")
            value, condition = value.strip().rstrip(",").strip(), _CONDITION_WORD.sub("", condition.strip())
            if value or condition:
                out.append(f"{value} \\text{{ if }} {condition}" if condition and not re.match(
                    r"(?:\\text\{\s*)?(?:otherwise|else|иначе|в\s+остальных)", condition) else f"{value}, {condition}".rstrip(", "))
        return _BRACE_OPEN + "; ".join(out) + _BRACE_CLOSE

    previous = None
    while previous != latex:
        previous, latex = latex, _CASES.sub(rows, latex)
    return latex


# A script of one character, then a symbol a command wrote (`\\sum_{c=1}^M\\hat{y}_c`): TeX's script ends there, so the
# symbol is a factor of its own, `∑_(c=1)^M ŷ_c`, not a part of the script (`^Mŷ_c`).
_SCRIPT_THEN_SYMBOL = re.compile(r"((?<![_^])[_^][^\s(){}\[\]])(?=(?![\x00-\x7f])[^\W\d_]|[∑∏∫√∂∇]|(?:"
                                 + "|".join(_OPERATORS) + r")(?![a-z]))")  # a letter, a sum, a root, an operator's name


_NULL_DELIMITER = re.compile(r"\\(?:left|right|[bB]igg?[lr]?)\s*\.")  # `\left.` … `\right|_{z=0}`: an invisible side


def _over(latex: str) -> str:
    """TeX's `a \\over b` as `\\frac{a}{b}` in every group (pylatexenc drops `\\over`, leaving `1 T_y` for 1/T_y)."""
    if "\\over" not in latex:
        return latex
    out, level, i = [], [], 0  # the text of the current group at depth 0, and the open groups' texts so far
    while i < len(latex):
        char = latex[i]
        if char == "\\" and i + 1 < len(latex):
            out.append(latex[i: i + 2])
            i += 2
            continue
        if char == "{":
            level.append(out)
            out = []
        elif char == "}" and level:
            inner = _over_here("".join(out))
            out = level.pop()
            out.append("{" + inner + "}")
        else:
            out.append(char)
        i += 1
    while level:  # an unclosed group: kept as written
        inner = "".join(out)
        out = level.pop()
        out.append("{" + inner)
    return _over_here("".join(out))


def _over_here(text: str) -> str:
    parts = re.split(r"\\over(?![a-zA-Z])", text, maxsplit=1)
    return text if len(parts) == 1 else f"\\frac{{{parts[0].strip()}}}{{{parts[1].strip()}}}"


@lru_cache(maxsize=4096)
def latex_to_unicode(latex: str) -> str:
    """`\\frac{QK^T}{\\sqrt{d_k}}` → `QK^T/√(d_k)`, `\\|t_1\\|` → `‖t_1‖`, `x_{i-1}` → `x_(i-1)`; a formula pylatexenc
    cannot read is kept as written."""
    source = latex.strip()
    if not source:
        return ""
    if len(source) > _MAX_LATEX:
        return source
    if "\\" in source:
        source = _SET_BRACE.sub(lambda m: _BRACE_OPEN if m[1] in ("{", "lbrace") else _BRACE_CLOSE, source)
        source = _cases(_over(_NULL_DELIMITER.sub("", source)))
    try:
        text = _latex_reader().latex_to_text(source, latex_context=_latex_walker_context())
    except Exception:  # noqa: BLE001 - pylatexenc raises many kinds on odd input; the source is the fallback
        return source
    text = _glued_fractions(_SCRIPT_THEN_SYMBOL.sub(r"\1 ", _groups(text))).replace(_BRACE_OPEN, "{").replace(_BRACE_CLOSE, "}")
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def clean(text: str) -> str:
    """Editor remarks (⟦…⟧) and bare links dropped, spaces collapsed."""
    text = _EDITOR_REMARK.sub("", text)
    text = _BARE_URL.sub("", text)
    return _SPACES.sub(" ", text).strip()


def render_lines(children: list) -> list[tuple[str, int]]:  # noqa: ANN001 - markdown-it tokens
    """An inline token's children → one card text per source line, with the line offset it starts at."""
    lines: list[tuple[str, int]] = []
    parts: list[str] = []
    offset = 0
    in_link = 0
    scripts: list[tuple[int, str]] = []  # an open <sub> or <sup>: where its text starts, and its mark
    for token in children:
        kind = token.type
        if kind in ("softbreak", "hardbreak"):
            lines.append(("".join(parts), offset))
            parts, offset = [], offset + 1
        elif kind == "text":
            parts.append(token.content)
        elif kind == "code_inline":
            parts.append(f"`{token.content}`")
        elif kind in ("math_inline", "math_inline_double"):
            parts.append(f"`{latex_to_unicode(token.content)}`")
        elif kind == "strong_close" and parts and parts[-1].rstrip().endswith(":"):
            # "**Goal:** start with …" is "**Goal**: start with …": a label and its colon, written the other way round
            parts[-1] = parts[-1].rstrip()[:-1].rstrip()
            parts.append("**:")
        elif kind in ("strong_open", "strong_close"):
            parts.append("**")
        elif kind in ("em_open", "em_close"):
            parts.append("*")
        elif kind in ("s_open", "s_close"):
            parts.append("~~")
        elif kind == "link_open":
            in_link += 1
        elif kind == "link_close":
            in_link -= 1
        elif kind == "image":
            pass  # a picture cannot be shown; its alt text ("alt text", "png") is rarely a fact
        elif kind == "html_inline" and (tag := _SCRIPT_TAG.fullmatch(token.content.strip())):
            if not tag["end"]:
                scripts.append((len(parts), "_" if tag["tag"].lower() == "sub" else "^"))
            elif scripts:  # `m<sub>test</sub>` → m_test, `(ŷ - y)<sup>2</sup>` → (ŷ - y)^2, `x<sup>i+1</sup>` → x^(i+1)
                start, mark = scripts.pop()
                inner = "".join(parts[start:]).strip()
                base = "".join(parts[:start])
                if not base or base[-1].isspace():
                    parts[start:] = [inner]  # "X = <sup>n x m</sup> matrix": a script of nothing, its text as written
                else:
                    parts[start:] = [mark + (inner if re.fullmatch(r"[\w.]+|\(.*\)|<[^<>]*>", inner) else f"({inner})")]
        elif kind == "html_inline":
            if _SPECIAL_TOKEN.fullmatch(token.content):
                parts.append(f"`{token.content}`")  # `<s>`, `</s>`, `<mask>`: a model's special token, not markup
            else:
                parts.append(" " if re.match(r"<br\s*/?>", token.content, re.IGNORECASE) else "")
    lines.append(("".join(parts), offset))
    return [(_tidy(clean(_ROLE.sub("", _WIKILINK.sub(_wikilink, text)))), start) for text, start in lines]


_SCRIPT_TAG = re.compile(r"<(?P<end>/)?(?P<tag>sub|sup)>", re.IGNORECASE)
_SPECIAL_TOKEN = re.compile(r"</?(?:s|eos|bos|pad|unk|mask|sep|cls|endoftext|sos)>", re.IGNORECASE)
_WIKILINK = re.compile(r"!?\[\[([^\]|#]*)(?:#[^\]|]*)?(?:\|([^\]]*))?\]\]")
_ROLE = re.compile(r"\s?:[a-z]+:`[^`]*`")  # Sphinx / MyST roles: :cite:`Vaswani.2017`, :eqref:`eq_x`, :label:`sec_x`


def _wikilink(match: re.Match[str]) -> str:
    """Obsidian's [[Page]] and [[Page|alias]] read as their text; a slug glued to the word before it
    (`Тест в конце главы[[end-of-chapter-quiz]]`, the Hugging Face docs' heading anchor) is an id, not text."""
    glued = match.start() > 0 and not match.string[match.start() - 1].isspace()
    if glued and not match[2] and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", match[1] or ""):
        return ""
    return match[2] or match[1]


def _tidy(text: str) -> str:
    """Emphasis markers left empty or unbalanced by a dropped link or remark go."""
    text = re.sub(r"\*\*\s*\*\*", "", text)
    if text.count("**") % 2:
        text = text.replace("**", "")
    return text.strip()


_MARKUP = re.compile(r"\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|~~|`")


@lru_cache(maxsize=65536)
def plain(text: str) -> str:
    """Card text without Markdown markers, for matching and measuring (the recognizers ask it often)."""
    return _SPACES.sub(" ", _MARKUP.sub("", text)).strip()
