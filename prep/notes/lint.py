"""Card lint: what a strong learner would refuse to study, found in a draft's front and back.

`lint(draft)` returns the card's faults; `lint_rate(drafts)` is the share of cards with none. A draft is
anything with `.front` and `.back` strings (the generator's `Draft`, a stored card). Each rule is a small
function with one job; `RULES` lists them in the order their faults are reported.

The text is judged as the TUI shows it: front and back are rendered by Textual's Markdown widget, so this
Markdown is allowed and counts as formatting, not residue:

- emphasis (`**bold**`, `*italic*`, `_italic_`) and inline code in backticks;
- bullet and numbered lists (nested by indentation), paragraphs, plain `>` quotes;
- a fenced code block with its language on the info line (rendered highlighted, the tag never shown);
- a table with a header row and a `|---|` separator line.

Everything else that reaches the screen as markup is residue: links and bare URLs, images, Obsidian
wikilinks and callouts, HTML tags, entities and comments, raw TeX (`$…$`, `$$…$$`, `\\frac`), headings,
indented code blocks (four-space indents that Markdown draws as code), unbalanced `**`, `==highlight==`,
cloze and `::` separators, `#tags`, and a code block's language tag leaked into prose. Formulas must reach
the card already turned into Unicode text (`softmax(QKᵀ/√d)`), so the card reads the same in the TUI, in
`prep lint` and in an Anki export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Protocol

from markdown_it import MarkdownIt

from prep.notes import judge

MAX_QUESTION = 160
MAX_ANSWER = 400
MAX_BULLETS = 4
# Rules read at most this much of each side: a card longer than that is already too long, and the
# patterns stay linear whatever the input (a 200,000-character line included).
READ_LIMIT = 4_000


class CardText(Protocol):
    front: str
    back: str


@dataclass(frozen=True)
class Fault:
    code: str
    message: str


# ---- text helpers -----------------------------------------------------------

_MD = MarkdownIt("commonmark").enable("table")
_FENCE_BLOCK = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`{1,3})(?!`)([^`]{1,1000}?)(?<!`)\1(?!`)")
_CONTEXT_LINE = re.compile(r"\A_[^_\n]+_\n\n")  # the generator's italic breadcrumb above a question


def prose(text: str) -> str:
    """The text with fenced blocks and inline code removed: where markup residue is looked for."""
    text = _FENCE_BLOCK.sub(" ", text)
    return _CODE_SPAN.sub(" ", text)


def plain(text: str) -> str:
    """What the learner reads: Markdown formatting dropped, code kept as text, spaces collapsed."""
    text = re.sub(r"^[ \t]*(```|~~~).*$", "", text, flags=re.MULTILINE)  # fence lines, not their code
    text = _CODE_SPAN.sub(lambda m: m[2], text)
    text = re.sub(r"!?\[([^\]\n]*)\]\([^)\n]*\)", r"\1", text)  # links and images → their text
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])", r"\2", text)
    text = re.sub(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", "", text, flags=re.MULTILINE)  # list markers
    text = re.sub(r"^[ \t]*>[ \t]?", "", text, flags=re.MULTILINE)
    return re.sub(r"\s+", " ", text).strip()


def question_of(front: str) -> str:
    """The front without the breadcrumb line the generator puts above the question."""
    return _CONTEXT_LINE.sub("", front, count=1)


def _items(back: str) -> int:
    return sum(1 for token in _MD.parse(back) if token.type == "list_item_open")


# ---- rules ------------------------------------------------------------------
# Each rule takes the card and returns its faults (usually none or one).

_VAGUE = re.compile(
    r"what (?:matters|is important|should you know|do you know|to know)\b|\bwhat matters\b|\btell (?:me )?about\b"
    r"|\bkey (?:points|facts) (?:about|of)\b|\beverything about\b"
    r"|что (?:важно|нужно|надо|следует) знать|что известно (?:о|об|про)\b|что важного\b|расскажите (?:о|об|про)\b"
    r"|ключевые (?:факты|моменты)\b",
    re.IGNORECASE,
)
_PART = re.compile(r"\((?:part|часть|ч\.)\s*\d+\s*(?:/|of|из)\s*(?:\d+|…|\.\.\.)\)|\(\d+\s*/\s*\d+\)"
                   r"|\b(?:part|часть)\s+\d+\s*(?:/|of|из)\s*\d+", re.IGNORECASE)


_QUOTED_QUESTIONS = re.compile(r"\?[^\w?]{0,8}[;:][^?]*\?|\?[^\w?]{0,8}\?\s*$")


def vague_prompt(card: CardText) -> list[Fault]:
    """'What matters about X?', or clues that are themselves questions: a prompt that asks nothing definite."""
    question = plain(card.front)
    match = _VAGUE.search(question)
    if match:
        return [Fault("vague-prompt", f"the question asks nothing definite ({match[0]!r}): ask for one fact")]
    if _QUOTED_QUESTIONS.search(question):
        return [Fault("vague-prompt", "the prompt strings other questions together: ask one")]
    if _CLOZE_GAP.search(question):
        context = _CLOZE_GAP.sub(" ", question.split(" · ", 1)[-1])
        if len(re.findall(r"[^\W\d_]{2,}", context)) < 2:
            return [Fault("vague-prompt", "the cloze hides the whole fact: nothing is left to recall it from")]
    answer = plain(card.back)
    if answer.endswith("?") and not question.rstrip().endswith("?"):
        return [Fault("vague-prompt", "the answer is a question: front and back are swapped")]
    if answer.endswith("?") and len(answer) > 12 and "?" in question:
        return [Fault("vague-prompt", "the answer is itself a question")]
    return []


def part_prompt(card: CardText) -> list[Fault]:
    """'(part 3/5)': answerable only by knowing how a list was cut."""
    match = _PART.search(plain(card.front))
    return [Fault("part-prompt", f"a numbered part ({match[0]!r}) can only be answered by knowing the cut")] if match else []


def long_question(card: CardText) -> list[Fault]:
    size = getattr(card, "front_size", 0) or len(plain(card.front))
    return [Fault("long-question", f"the question is {size} characters (limit {MAX_QUESTION})")] if size > MAX_QUESTION else []


# An answer the author wrote under their question is kept whole (prep.notes.topics), up to a page: readers judged
# such cards worth keeping (tests/judged/), where a bare fact with as long an answer is a card to split.
WHOLE_KINDS = ("question", "qa")
MAX_WHOLE_ANSWER = 1200


def long_answer(card: CardText) -> list[Fault]:
    items, size = _items(card.back), getattr(card, "back_size", 0) or len(plain(card.back))
    whole = getattr(card, "kind", "") in WHOLE_KINDS
    limit = MAX_WHOLE_ANSWER if whole else MAX_ANSWER
    why = [f"{items} bullets (limit {MAX_BULLETS})"] if items > MAX_BULLETS and not whole else []
    why += [f"{size} characters (limit {limit})"] if size > limit else []
    return [Fault("long-answer", f"the answer has {' and '.join(why)}: split it")] if why else []


# residue: (code, pattern, what it is); looked for in prose (outside code) of front and back
_RESIDUE: list[tuple[str, re.Pattern[str], str]] = [
    ("link-residue", re.compile(r"!?\[[^\]\n]{0,300}\]\([^)\n]{0,500}\)"), "a Markdown link or image"),
    ("link-residue", re.compile(r"!?\[\[[^\]\n]{0,300}\]\]"), "an Obsidian wikilink or embed"),
    ("link-residue", re.compile(r"\[[^\]\n]{1,300}\]\[[^\]\n]{0,100}\]"), "a reference-style link"),
    ("link-residue", re.compile(r"<?\bhttps?://\S+|\bwww\.\w[\w-]*\.\w+\S*"), "a URL"),
    ("html-residue", re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>\n]{0,300})?/?>"), "an HTML tag"),
    ("html-residue", re.compile(r"<!--.{0,2000}?-->", re.DOTALL), "an HTML comment"),
    ("html-residue", re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});"), "an HTML entity"),
    ("latex-residue", re.compile(r"\$\$"), "a $$ formula delimiter"),
    ("latex-residue", re.compile(r"(?<![\\$\w])\$(?=[^\s$])[^$\n]{1,300}?(?<=[^\s\\$])\$(?![\d$])"), "a $…$ formula"),
    ("latex-residue", re.compile(r"\\[a-zA-Z]{2,}\b|\\[{}_^,;!]"), "a TeX command"),
    ("latex-residue", re.compile(r"\\\(|\\\)|\\\[|\\\]"), "a TeX math delimiter"),
    ("cloze-residue", re.compile(r"\{\{[^{}\n]{0,300}\}\}|\{\{c\d+::|\bc\d+::"), "cloze braces"),
    ("cloze-residue", re.compile(r"(?<![=!<>])==(?=\S)[^=\n]{1,300}?(?<=\S)==(?!=)"), "an ==highlight== cloze"),
    ("cloze-residue", re.compile(r"(?<!:)\s:{2,3}\s(?!:)|(?<=\w):{2,3}(?=\s)"), "a :: card separator"),
    ("cloze-residue", re.compile(r"(?<=\w)::(?=\w)"), "a :: deck path"),
    ("cloze-residue", re.compile(r"(?:^|\*\*)(?:START|END)(?:\*\*|$)|(?:^|\*\*)(?:FRONT|BACK|TARGET DECK):"
                                 r"|(?:^|\*\*)ID: \d{6,}", re.MULTILINE),
     "flashcard-plugin markup (START/END, FRONT:/BACK:)"),
    ("markdown-residue", re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+\S", re.MULTILINE), "a heading marker"),
    ("markdown-residue", re.compile(r"\*{4,}|(?<!\*)\*\*\s+\*\*(?!\*)"), "doubled emphasis markers"),
    ("markdown-residue", re.compile(r"\[![a-zA-Z-]+\][+-]?"), "an Obsidian callout marker"),
    ("markdown-residue", re.compile(r"(?<![\w&#/])#[A-Za-zА-Яа-яЁё][\w/-]*"), "a #tag"),
    ("markdown-residue", re.compile(r"%%"), "an Obsidian comment marker"),
    ("markdown-residue", re.compile(r"\s\^[A-Za-z0-9-]{4,}$", re.MULTILINE), "an Obsidian block id"),
    ("markdown-residue", re.compile(r"\{\s*\.[a-z]\w*[^}\n]*\}|(?<![\w:]):[a-z]{3,}:(?![\w:])|^@tab\b", re.MULTILINE),
     "a directive or role of a documentation toolchain"),
]
# lower-case, as an info string is written; "Python" opening a sentence is prose
_LANGUAGES = ("python|py|python3|ipython|sql|bash|sh|shell|zsh|js|javascript|typescript|json|yaml|yml|"
              "toml|cpp|java|rust|scala|kotlin|html|css|xml|latex")
_CODEISH = r"(?:\S*[.(=\[_{]\S*|import\b|from\b|def\b|class\b|SELECT\b|select\b|\$|>>>)"
_LANGUAGE_LEAK = re.compile(rf"(?:^|\[…\]\s*|^[-*]\s+)(?:{_LANGUAGES})\s+{_CODEISH}", re.MULTILINE)


def _residue_in(text: str, where: str) -> list[Fault]:
    faults, seen = [], set()
    outside = prose(text)
    for code, pattern, what in _RESIDUE:
        match = pattern.search(outside)
        if match and (code, what) not in seen:
            seen.add((code, what))
            faults.append(Fault(code, f"{what} on the {where}: {match[0].strip()[:40]!r}"))
    return faults


def _structure(text: str, where: str) -> list[Fault]:
    """Residue that only the Markdown parser sees: indented code, raw HTML blocks, broken fences and tables."""
    faults = []
    tokens = _MD.parse(text)
    if any(t.type == "code_block" for t in tokens):
        faults.append(Fault("markdown-residue", f"an indented line on the {where} is drawn as a code block"))
    if any(t.type in ("html_block",) for t in tokens):
        faults.append(Fault("html-residue", f"an HTML block on the {where}"))
    if len(re.findall(r"^[ \t]*(?:```|~~~)", text, re.MULTILINE)) % 2:
        faults.append(Fault("code-residue", f"an unclosed code fence on the {where}"))
    elif re.search(r"\S[ \t]*```|```[^\n`]*```", text):
        faults.append(Fault("code-residue", f"a code fence inside a line on the {where}"))
    leak = _LANGUAGE_LEAK.search(prose(text))
    if leak:
        faults.append(Fault("code-residue", f"a code block's language tag leaked on the {where}: {leak[0][:40]!r}"))
    outside = prose(text)
    if outside.count("**") % 2:
        faults.append(Fault("markdown-residue", f"an unbalanced ** on the {where}"))
    table_rows = [line for line in text.splitlines() if re.match(r"^\s*\|.*\|\s*$", line)]
    if table_rows and not any(t.type == "table_open" for t in tokens):
        faults.append(Fault("markdown-residue", f"table pipes without a table on the {where}"))
    return faults


def residue(card: CardText) -> list[Fault]:
    """Markup that reaches the screen as characters instead of formatting."""
    faults = []
    for text, where in ((card.front, "front"), (card.back, "back")):
        faults += _residue_in(text, where) + _structure(text, where)
    return faults


_CHOICE = re.compile(r"(?:^|[,:?])[^,:?]{0,80}?\s(?:or|или)\s[^,:?]{1,80}", re.IGNORECASE)
_CLOZE_GAP = re.compile(r"\[(?:…|\.\.\.)\]|_{3,}")


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[\wʼ'+#.-]+", text.lower())).replace(" .", " ") + " "


def answer_in_question(card: CardText) -> list[Fault]:
    """The answer (or a whole line of it) already printed on the front; multiple choice aside."""
    question = plain(question_of(card.front))
    answer_lines = [plain(line) for line in card.back.splitlines() if plain(line)]
    if not answer_lines:
        return []
    front_words = _words(question)
    gap = _CLOZE_GAP.search(question)
    for line in answer_lines if len(answer_lines) > 1 else [plain(card.back)]:
        needle = _words(line).strip()
        if len(needle) < 3 or len(needle) > 120 or len(needle.split()) > 12:
            continue
        if f" {needle} " not in front_words:
            continue
        if not gap and _CHOICE.search(question) and len(answer_lines) == 1:
            continue  # "A, B or C: X?": the options are the point
        return [Fault("answer-in-question", f"the answer {line[:40]!r} is visible in the question")]
    return []


_CUT_ABBREVIATION = re.compile(
    r"(?:(?<![\wё])т\.\s?е\.|(?<![\wё])т\.\s?к\.|(?<![\wё])напр\.?|(?<![\wё])например|(?<![\wё])т\.\s?н\."
    r"|(?<![\wё])ср\.|(?<![\wё])см\.|\be\.\s?g\.?|\bi\.\s?e\.?|\bcf\.|\bnamely|\bsuch as|\bincluding)\s*[,:]?$",
    re.IGNORECASE)
# words that cannot end a statement; a question may end with a preposition ("what is it used for?")
_CONJUNCTIONS_EN = set("and or but nor the a an than that which whose because whereas if when while via".split())
_PREPOSITIONS_EN = set("of to in into for with by from as at on per like".split())
_CONJUNCTIONS_RU = set("и или а но что чтобы чем как который которая которое которые если когда потому поэтому".split())
_PREPOSITIONS_RU = set("в во на с со к ко по из от до для о об обо при про без через над под у за".split())


def _cut(text: str, question: bool = False) -> str | None:
    line = text.rstrip()
    if not line:
        return None
    if re.search(r"(?<![\[(])(?:…|\.\.\.)[*_]*$", line):
        return "ends with '…': it was truncated"
    if _CUT_ABBREVIATION.search(line):
        return "ends at an abbreviation that introduces more"
    if re.search(r"[,;(\[«—–]$", line) or (question and line.endswith(":")) or (line.endswith("-") and not line.endswith(("--", "->"))):
        return f"ends with {line[-1]!r}"
    last = re.findall(r"(?:^|[\s(«\"'])([\wё]+)$", line.lower())  # a whole word: not the "-а" of "decoder-а"
    dangling = _CONJUNCTIONS_EN | _CONJUNCTIONS_RU | _PREPOSITIONS_RU | (set() if question else _PREPOSITIONS_EN)
    # a question may end with a preposition ("what is it used for?"), a statement may not
    if last and last[0] in dangling:
        return f"ends with {last[0]!r}"
    if line.count("(") > line.count(")"):
        return "opens a bracket and never closes it"
    return None


def cut_sentence(card: CardText) -> list[Fault]:
    """A front or back that stops mid-sentence: at 'т.е.', 'e.g.', a comma, a preposition or a conjunction."""
    faults = []
    question = plain(question_of(card.front))
    front_why = _cut(question.rstrip("?").rstrip(), question=True)
    if front_why:
        faults.append(Fault("cut-sentence", f"the question is cut: it {front_why}"))
    lines = [plain(line) for line in prose(card.back).splitlines() if plain(line)]
    last_why = _cut(lines[-1]) if lines else None
    if lines and lines[-1].endswith(":"):
        last_why = "ends with ':' and nothing follows"
    if last_why:
        faults.append(Fault("cut-sentence", f"the answer is cut: it {last_why}"))
    elif any(_CUT_ABBREVIATION.search(line) for line in lines[:-1]):
        faults.append(Fault("cut-sentence", "a line of the answer stops at 'т.е.' or 'e.g.'"))
    return faults


_SIBLING_EN = re.compile(
    r"\b(?:the above|above-mentioned|mentioned above|see above|as above|listed above|shown above|described above|"
    r"see below|listed below|shown below|described below|the following|the previous (?:card|question|point|item|one|list|"
    r"section|answer)|the preceding|the former|the latter|these|the list|this list|same as before)\b", re.IGNORECASE)
_SIBLING_RU = re.compile(
    r"(?<![\wё])(?:(?:см\.|приведённ\w*|приведенн\w*|указанн\w*|описанн\w*|перечисленн\w*|упомянут\w*) (?:выше|ниже)"
    r"|(?:выше|ниже) (?:перечислен|приведен|приведён|описан|указан|упомянут)\w*|вышеперечисленн\w*|вышеупомянут\w*"
    r"|перечисленн\w*|эти|этих|этим|этими|этот список|данн\w+ списк\w*|из следующих|следующ\w*:"
    r"|следующие (?:пункты|факты|варианты|шаги)|предыдущ\w* (?:пункт|вопрос|раздел|список|карточк)\w*|то же самое)(?![\wё])",
    re.IGNORECASE)
_PRONOUN_QUESTION = re.compile(
    r"^(?:(?:what|why|how|when|where|who|which)\b[^?]*\b(?:it|this|that|they|them)\b"
    r"|(?:что|зачем|почему|как|когда|где|кто)\b[^?]*(?<![\wё])(?:это|оно|они|он|она)(?![\wё])"
    r"|(?:это|it|this)\b)[^?]*\??$", re.IGNORECASE)


_BARE_NUMBER = re.compile(r"^\d{1,3}[.)]?$")
_ASKS_NUMBER = re.compile(r"how (?:many|much|long|big|large)|which year|what year|when\b|number of|size of|сколько|когда|"
                          r"в каком году|какого размера|како\w+ (?:число|размер|количество)|число|размер", re.IGNORECASE)
# "self-attention (2)": a heading made unique by a counter, shown to the learner
_DISAMBIGUATOR = re.compile(r"[\wё][\wё.+-]* \(\d{1,2}\)(?=\*\*|_|\s*$|\s*[·?:])", re.MULTILINE)


def needs_siblings(card: CardText) -> list[Fault]:
    """A question that points at other cards or at a list it does not show ('the above', 'эти', 'перечисленные')."""
    question = plain(question_of(card.front))
    match = _SIBLING_EN.search(question) or _SIBLING_RU.search(question)
    shows_it = "```" in card.front or re.search(r":\s*\n\s*(?:[-*]|\d+[.)])\s", card.front)
    if match and not shows_it:
        return [Fault("needs-siblings", f"the question refers to something it does not show ({match[0]!r})")]
    asks_number = _CLOZE_GAP.search(card.front) or _ASKS_NUMBER.search(question) or "`" in card.front
    if _BARE_NUMBER.match(plain(card.back)) and not asks_number:
        return [Fault("needs-siblings", "the answer is a bare number: a list position, not a fact")]
    numbered = _DISAMBIGUATOR.search(card.front + "\n" + card.back)
    if numbered:
        return [Fault("needs-siblings", f"{numbered[0].strip()!r} names a sibling by its number, not by what it is")]
    if len(question.split()) <= 6 and _PRONOUN_QUESTION.match(question):
        return [Fault("needs-siblings", "the question's subject is a bare pronoun: name the thing asked about")]
    return []


RULES: list[Callable[[CardText], list[Fault]]] = [
    vague_prompt, part_prompt, long_question, long_answer, residue, answer_in_question, cut_sentence, needs_siblings,
]


@dataclass(frozen=True)
class _Clipped:
    front: str
    back: str
    front_size: int  # the whole side's length, for the size rules
    back_size: int


def _clipped(draft: CardText) -> CardText:
    if len(draft.front) <= READ_LIMIT and len(draft.back) <= READ_LIMIT:
        return draft
    return _Clipped(draft.front[:READ_LIMIT], draft.back[:READ_LIMIT], len(draft.front), len(draft.back))


def rule_faults(draft: CardText) -> list[Fault]:
    """The faults the rules find, in the order of RULES."""
    return _rule_faults(_clipped(draft))


def _rule_faults(card: CardText) -> list[Fault]:
    faults: list[Fault] = []
    for rule in RULES:
        faults += rule(card)
    return faults


def lint(draft: CardText) -> list[Fault]:
    """Every fault of one card: the rules', then, for a card the generator guessed (a draft with a kind and a heading
    path), the judge's prediction that a reader would not keep it (prep.notes.judge)."""
    card = _clipped(draft)
    faults = _rule_faults(card)
    kind, path = getattr(draft, "kind", None), getattr(draft, "path", None)
    if kind is not None and path is not None:
        doubt = judge.doubts(card, kind, tuple(path), tuple(f.code for f in faults))
        if doubt:
            faults.append(Fault("unlikely-kept", doubt))
    return faults


def lint_rate(drafts: Iterable[CardText]) -> float:
    """The share of cards without a fault (1.0 for no cards)."""
    drafts = list(drafts)
    if not drafts:
        return 1.0
    return sum(not lint(d) for d in drafts) / len(drafts)
