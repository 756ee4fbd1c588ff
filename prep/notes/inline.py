"""Inline Markdown → the text a card shows.

Cards are rendered as Markdown, so emphasis and inline code stay; what a card
must never show is residue: link targets, HTML, raw LaTeX, editor remarks.
Links keep their text, images their alt text, `$…$` becomes Unicode math
(pylatexenc), inline HTML goes.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

_EDITOR_REMARK = re.compile(r"\s*⟦[^⟧]*⟧")
_BARE_URL = re.compile(r"(?<![(<\[])\b(?:https?://|www\.)\S+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_MAX_LATEX = 400  # a longer formula is shown as written: converting it is not worth the time


_SCRIPT_GROUP = re.compile(r"([_^])\{([^{}]*)\}")
_BARE_GROUP = re.compile(r"\{([^{}]*)\}")


def _fraction(node, l2tobj) -> str:  # noqa: ANN001 - pylatexenc's macro node and its reader
    """`\\frac{a+b}{c}` → `(a+b)/c`: a numerator or denominator of several terms keeps its brackets, or the formula
    reads `a+b/c`, which means something else."""
    top, bottom = (l2tobj.nodelist_to_text([arg]).strip() for arg in node.nodeargd.argnlist[-2:])
    return f"{_bracketed(top)}/{_bracketed(bottom)}"


def _bracketed(text: str) -> str:
    """In brackets when it holds an operator or a space outside the brackets it already has (`a+b`, `∑_j e^(x_j)`)."""
    bare, previous = _groups(text), None
    while previous != bare:
        previous, bare = bare, re.sub(r"\([^()]*\)", "", bare)
    return f"({text})" if re.search(r"[+\-−·×/ ]", bare) else text


_FRACTIONS = ("frac", "dfrac", "tfrac", "cfrac")  # the display, text and continued sizes read as one fraction


@cache
def _latex_walker_context():  # noqa: ANN202 - pylatexenc's parsing context
    """pylatexenc's parsing context, told that `\\dfrac`, `\\tfrac` and `\\cfrac` take two arguments as `\\frac` does
    (it does not know them, and `\\dfrac{1}{K}` came out as `1K`)."""
    from pylatexenc.latexwalker import get_default_latex_context_db
    from pylatexenc.macrospec import MacroSpec

    context = get_default_latex_context_db()
    context.add_context_category("prep", prepend=True, macros=[MacroSpec(n, "{{") for n in _FRACTIONS[1:]])
    return context


@cache
def _latex_reader():  # noqa: ANN202 - pylatexenc's LatexNodes2Text, loaded on first use
    """pylatexenc's reader, told what it would otherwise drop: a norm `\\|x\\|` is ‖x‖ (not x), `\\arg\\max` keeps its
    arg, `\\textsf{Block}` keeps its word, and braced groups stay braced so that `x_{i-1}` does not become `x_i-1`."""
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db()
    text_styles = ("textsf", "texttt", "textbf", "textit", "textrm", "textup", "textnormal")  # dropped, words and all
    # `\widehat{y}`, `\widetilde{x}`, `\overline{x}`: the wide accents read as the narrow ones (pylatexenc drops them)
    wide = [MacroTextSpec(name, simplify_repl=context.get_macro_spec(narrow).simplify_repl)
            for name, narrow in (("widehat", "hat"), ("widetilde", "tilde"), ("overline", "bar"))]
    context.add_context_category("prep", prepend=True, macros=[*wide,MacroTextSpec("|", simplify_repl="‖"),
                                                               MacroTextSpec("arg", simplify_repl="arg"),
                                                               *(MacroTextSpec(n, simplify_repl=_fraction) for n in _FRACTIONS),
                                                               MacroTextSpec("gt", simplify_repl=" > "),
                                                               MacroTextSpec("lt", simplify_repl=" < "),
                                                               MacroTextSpec("implies", simplify_repl=" ⟹ "),
                                                               MacroTextSpec("impliedby", simplify_repl=" ⟸ "),
                                                               MacroTextSpec("iff", simplify_repl=" ⟺ "),
                                                               *(MacroTextSpec(n, simplify_repl="%(1)s") for n in text_styles)])
    return LatexNodes2Text(latex_context=context, math_mode="text", strict_latex_spaces=True,
                           keep_braced_groups=True, keep_braced_groups_minlen=2)


def _groups(text: str) -> str:
    """Braced groups pylatexenc kept: a sub- or superscript of several characters in parentheses (`x_(i-1)`,
    `∑_(i=1)^n`, `a+b_(n terms)` for an underbrace's label), any other group as its text (`\\operatorname{softmax}`)."""
    previous = None
    while previous != text:
        previous = text
        text = _SCRIPT_GROUP.sub(lambda m: f"{m[1]}({m[2]})", text)
        text = _BARE_GROUP.sub(r"\1", text)
    return text


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
    source = _over(_NULL_DELIMITER.sub("", source)) if "\\" in source else source
    try:
        text = _latex_reader().latex_to_text(source, latex_context=_latex_walker_context())
    except Exception:  # noqa: BLE001 - pylatexenc raises many kinds on odd input; the source is the fallback
        return source
    return _SPACES.sub(" ", _groups(text).replace("\n", " ")).strip()


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
        elif kind == "html_inline":
            if _SPECIAL_TOKEN.fullmatch(token.content):
                parts.append(f"`{token.content}`")  # `<s>`, `</s>`, `<mask>`: a model's special token, not markup
            else:
                parts.append(" " if re.match(r"<br\s*/?>", token.content, re.IGNORECASE) else "")
    lines.append(("".join(parts), offset))
    return [(_tidy(clean(_ROLE.sub("", _WIKILINK.sub(_wikilink, text)))), start) for text, start in lines]


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
