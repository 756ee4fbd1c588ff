"""Markdown notes → an outline of topics and facts, with source line numbers.

The Markdown is parsed by markdown-it-py (tables, `$…$` and `$$…$$` through
mdit-py-plugins' dollarmath); this module only decides what is a group (a
heading or bullet holding topics), a topic (a heading or bullet with facts) and
a fact (a sentence, a line of a list, a table row, a code block, a formula).
Sentences are cut by a real splitter (prep.notes.sentences), never at "т.е."
or "e.g.".
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from prep.notes.acronyms import expands, is_acronym
from prep.notes.inline import clean, latex_to_unicode, render_lines
from prep.notes.inline import plain as plain_text
from prep.notes.sentences import split_sentences
from prep.notes.words import closed

_CHECKBOX = re.compile(r"^\[( |v|x|X|V)\]\s*")
# A title ends at a comma, a spaced dash or a colon; a Latin name also ends where Russian prose starts.
_TITLE_END = re.compile(r",\s|\s[-—–:]\s|:\s")
_LATIN_TITLE_END = re.compile(r",\s|\s[-—–:]\s|:\s|\s(?=[а-яёА-ЯЁ])")
_ANKI_CARDS: ContextVar[list[tuple[str, str, int]]] = ContextVar("anki_cards", default=[])
_WRAP_WIDTH = 60
_METADATA = re.compile(r"^(ID|id|tags?|created|updated|modified|aliases)\s*:\s*\S*$|^#[\w/-]+(\s+#[\w/-]+)*$|^TARGET DECK:")
# Obsidian_to_Anki's notes: START, a note type line, FRONT: …, BACK: …, an optional ID: line, END.
_ANKI_BLOCK = re.compile(r"^START[ \t]*\n(?:[^\n]*\n)??(?:[ \t]*\n)*FRONT:(?P<front>.*?)^BACK:(?P<back>.*?)^END[ \t]*$", re.MULTILINE | re.DOTALL)
_PLACEHOLDER = re.compile(r"^\ue000card(\d+)\ue000$")  # a private-use character: markdown-it keeps it
_STARTS_DEFINITION = re.compile(r"^[\w-]+(?:\s[\w-]+){0,3}\s(?:[-—–]|это)\s")
# A line ending like this goes on in the next one, whatever its length.
_CONTINUES = re.compile(r"(,|\bт\.\s?е\.|\bт\.\s?к\.|\bнапр\.?|\be\.g\.|\bi\.e\.|\s(и|в|на|с|к|по|для|от|из|что|чтобы|а|но|или|and|or|the|a|of|to|in|for|with|that))$")
_MAX_TITLE = 60
_STORIES = re.compile(r"\b(stor(y|ies)|behaviou?ral|истори[яйи]|star[- ]?(stories|answers))\b", re.IGNORECASE)


@dataclass
class Fact:
    text: str
    line: int
    depth: int = 0
    kind: str = "text"  # text · code · math · row · qa (an Obsidian `?` block)
    lang: str = ""  # a code block's language
    cells: tuple[tuple[str, str], ...] = ()  # a table row: (column header, cell)
    answer: str = ""  # a `?`/`??` block's answer
    links: tuple[tuple[str, str], ...] = ()  # (text, target) of the links on its line
    intro: bool = False  # a line ending in ':' that introduces what follows
    alone: bool = False  # the whole of its line: a question on a line of its own heads what follows
    item: bool = False  # a list item with nothing nested, read as a fact of the topic above it


@dataclass
class Node:
    """A heading or a list item: its first paragraph's lines, later blocks as facts, nested items."""

    head: list[tuple[str, int]]
    line: int
    heading: bool = False
    checked: bool | None = None  # [v]/[x] → True, [ ] → False, no mark → None
    facts: list[Fact] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    head_links: list[tuple[tuple[str, str], ...]] = field(default_factory=list)
    stories: bool = False  # a "Stories" / "Истории" heading: its items are told aloud
    title: tuple[str, list[Fact]] | None = field(default=None, repr=False)  # its title and first facts, once read

    def head_facts(self, depth: int = 0) -> list[Fact]:
        links = self.head_links + [()] * (len(self.head) - len(self.head_links))
        return _join_wrapped(self.head, depth, links)

    def is_leaf(self) -> bool:
        return len(self.head) <= 1 and not self.facts and not self.children

    @property
    def marked(self) -> bool:
        return self.checked is not None

    def has_marked_descendant(self) -> bool:
        return any(c.marked or c.has_marked_descendant() for c in self.children)


@dataclass
class Outline:
    root: Node
    trailer: list[Fact] = field(default_factory=list)  # after a final `---` with no heading: a footer, not notes


def _join_wrapped(lines: list[tuple[str, int]], depth: int, links: list[tuple[tuple[str, str], ...]] | None = None) -> list[Fact]:
    """One fact per line, except that a long line continued in lower case was wrapped prose; then one per sentence."""
    facts: list[Fact] = []
    previous = ""
    links = links or [()] * len(lines)
    for (text, number), found in zip(lines, links):
        if facts and text[:1].islower() and not _STARTS_DEFINITION.match(text) and (
                _CONTINUES.search(previous[-12:]) or len(previous) >= _WRAP_WIDTH and not previous.endswith((".", "!", "?", ":"))):
            facts[-1].text = f"{facts[-1].text} {text}".strip()
            facts[-1].links += found
        elif text and not _METADATA.match(text):
            facts.append(Fact(text.rstrip(";,").rstrip(), number, depth, links=found))
        previous = text
    out = []
    for fact in facts:
        pieces = split_sentences(fact.text)
        for piece in pieces:
            out.append(Fact(piece, fact.line, depth, links=fact.links if len(pieces) == 1 else _links_in(piece, fact.links),
                            alone=len(pieces) == 1))
    for fact in out:
        fact.intro = fact.text.rstrip("*_ ").endswith(":")  # "**Gradient boosting involves three elements:**" too
    return out


def _links_in(text: str, links: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple(link for link in links if link[0] and link[0] in text)


def split_title(first_line: str) -> tuple[str, str]:
    """`BERT, bidirectional …` → ('BERT', 'bidirectional …'); a question is its own title."""
    line = clean(first_line)
    if line.endswith("?"):
        return line, ""
    latin = bool(line) and not ("а" <= line[0].lower() <= "я" or line[0] in "ёЁ")
    end = (_LATIN_TITLE_END if latin else _TITLE_END).search(line)
    if end and end.start() > 0:
        title, rest = line[: end.start()], line[end.end():]
        if end.group().startswith(",") and len(rest.split()) <= 3 and rest[:1].isupper():
            title, rest = line, ""  # `GLUE, Super GLUE`: two names, one title
    else:
        title, rest = line, ""
    words = title.split()
    if len(words) >= 3 and is_acronym(words[0]) and expands(" ".join(words[1:]), words[0]):
        title, rest = words[0], f"{' '.join(words[1:])}{', ' + rest if rest else ''}"  # `OPT Open Pre-trained Transformer LM`
    if title.split() and all(closed(word) for word in title.split()) and rest:
        title, rest = line, line  # "Also, one of the advantages …", "Итак, …": a word that joins sentences, not a name: the line is a fact
    if len(title) > _MAX_TITLE:  # a sentence, not a name: keep its start as the title
        cut = title.rfind(" ", 0, _MAX_TITLE)
        title, rest = title[:cut if cut > 0 else _MAX_TITLE] + "…", line
    return title.strip(" .:-*"), rest.strip()


def _rendered(node: SyntaxTreeNode) -> tuple[list[tuple[str, int]], list[tuple[tuple[str, str], ...]]]:
    """A paragraph's lines as card text with their 1-based numbers, and the links on each line."""
    inline = node.children[0] if node.children else node
    start = (node.map or inline.map or (0, 0))[0] + 1
    token = getattr(inline, "token", None)  # the inline token itself: its children are the spans
    children = (token.children or []) if token is not None else []
    rendered = render_lines(children)
    links: list[tuple[tuple[str, str], ...]] = [() for _ in rendered]
    line, text, href = 0, None, ""
    for token in children:
        if token.type in ("softbreak", "hardbreak"):
            line += 1
        elif token.type == "link_open":
            text, href = "", str(token.attrs.get("href", ""))
        elif token.type == "text" and text is not None:
            text += token.content
        elif token.type == "link_close" and text is not None:
            links[min(line, len(links) - 1)] += ((clean(text), href),)
            text = None
    raw = inline.content.split("\n")
    for i, (_, offset) in enumerate(rendered):
        line_text = re.sub(r"\]\([^)\s]*\)|<https?://[^>\s]*>", " ", raw[offset]) if offset < len(raw) else ""
        known = {url for _, url in links[i]}
        bare = [_unglued(url) for url in re.findall(r"https?://\S+", line_text)]  # a URL written out, not a link's target
        links[i] += tuple(("", url) for url in bare if url not in known)
    return [(text, start + offset) for text, offset in rendered], links


def _unglued(url: str) -> str:
    """A URL without the punctuation of the sentence around it: `(see https://x.org/a_(b)).` → `https://x.org/a_(b)`."""
    while url and url[-1] in ".,;:!?'\"»”" or url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1]
    return url


def _table_facts(table: SyntaxTreeNode, depth: int) -> list[Fact]:
    header: list[str] = []
    facts = []
    for row in table.walk():
        if row.type != "tr" or not row.map:
            continue
        cells = [" ".join(t for t, _ in render_lines(_children(c))) for c in row.children]
        if row.parent is not None and row.parent.type == "thead":
            header = cells
            continue
        if any(cells):
            named = tuple((header[i] if i < len(header) else "", cell) for i, cell in enumerate(cells))
            facts.append(Fact(" — ".join(c for c in cells if c), row.map[0] + 1, depth, kind="row", cells=named))
    return facts


def _children(cell: SyntaxTreeNode) -> list:  # noqa: ANN001
    token = getattr(cell.children[0], "token", None) if cell.children else None
    return (token.children or []) if token is not None else []


def _qa_block(lines: list[tuple[str, int]]) -> Fact | None:
    """Obsidian's multi-line card: question lines, a line of `?` (or `??` both ways), answer lines."""
    marks = [i for i, (text, _) in enumerate(lines) if text in ("?", "??")]
    if not marks or marks[0] == 0 or marks[0] == len(lines) - 1:
        return None
    i = marks[0]
    question = " ".join(t for t, _ in lines[:i]).strip()
    answer = "\n".join(t for t, _ in lines[i + 1:]).strip()
    return Fact(question, lines[0][1], kind="qa", answer=answer, lang=lines[i][0])


def _block_facts(block: SyntaxTreeNode, depth: int) -> list[Fact]:
    """Facts from a non-list block: a paragraph's sentences, a code block, a formula, a table's rows."""
    if block.type == "paragraph":
        lines, links = _rendered(block)
        placeholder = _PLACEHOLDER.match(block.children[0].content if block.children else "")
        if placeholder:
            front, back, back_line = _ANKI_CARDS.get()[int(placeholder[1])]
            card = Fact(plain_text(render_markdown(front)), lines[0][1], depth, kind="qa", answer=render_markdown(back.strip()))
            # The back's own facts hang under the card: a long back is asked fact by fact (minimum information).
            return [card] + facts_of(back, lines[0][1] - 2 + back_line, depth + 1)
        qa = _qa_block(lines)
        if qa:
            qa.depth = depth
            return [qa]
        return _join_wrapped(lines, depth, links)
    line = (block.map or (0,))[0] + 1
    if block.type in ("fence", "code_block") and block.content.strip():
        language = block.info.strip().split()[0] if block.type == "fence" and block.info.strip() else ""
        return [Fact(block.content.rstrip(), line, depth, kind="code", lang=language)]
    if block.type in ("math_block", "math_block_label") and block.content.strip():
        return [Fact(latex_to_unicode(block.content), line, depth, kind="math")]
    if block.type == "table":
        return _table_facts(block, depth)
    if block.type == "blockquote":
        return [f for child in block.children for f in _block_facts(child, depth)]
    return []  # html, hr and the like carry no facts


def _list_item(item: SyntaxTreeNode, number: int | None) -> Node:
    blocks = list(item.children)
    line = (item.map or (0,))[0] + 1
    node = Node(head=[], line=line)
    if blocks and blocks[0].type == "paragraph":
        lines, links = _rendered(blocks[0])
        qa = _qa_block(lines)
        if qa:
            node.facts.append(qa)
            blocks.pop(0)
        else:
            blocks.pop(0)
            node.head, node.head_links = lines, links
            first, first_number = node.head[0]
            match = _CHECKBOX.match(first)
            if match:
                node.checked = match[1] != " "
                first = first[match.end():]
            node.head[0] = (first, first_number)
            node.line = first_number
    for block in blocks:
        if block.type in ("bullet_list", "ordered_list"):
            node.children.extend(_list_items(block))
        else:
            node.facts.extend(_block_facts(block, 0))
    return node


def _list_items(block: SyntaxTreeNode) -> list[Node]:
    ordered = block.type == "ordered_list"
    start = int(block.attrs.get("start", 1)) if ordered else 0
    return [_list_item(item, start + i if ordered else None) for i, item in enumerate(block.children)]


_PARSER: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _PARSER  # noqa: PLW0603 - built once: the plugins' setup is not free
    if _PARSER is None:
        from mdit_py_plugins.dollarmath import dollarmath_plugin
        from mdit_py_plugins.front_matter import front_matter_plugin

        _PARSER = (MarkdownIt("commonmark").enable("table").use(dollarmath_plugin, double_inline=True)
                   .use(front_matter_plugin))  # an Obsidian note's YAML header is not notes
    return _PARSER


def _anki_blocks(text: str) -> tuple[str, list[tuple[str, str, int]]]:
    """Obsidian_to_Anki START…END notes cut out of the text (a placeholder keeps their place and line numbers)."""
    cards: list[tuple[str, str, int]] = []

    def cut(match: re.Match[str]) -> str:
        back = re.sub(r"^ID:\s*\d+\s*$", "", match["back"], flags=re.MULTILINE)
        back_line = match[0][: match.start("back") - match.start()].count("\n")  # lines from START to BACK:
        cards.append((match["front"].strip(), back, back_line))
        lines = match[0].count("\n")
        return f"\n\n\ue000card{len(cards) - 1}\ue000\n" + "\n" * max(0, lines - 3)

    if "START" not in text:
        return text, cards
    return _ANKI_BLOCK.sub(cut, text), cards


_COMPONENT = re.compile(r"^[ \t]*<(?P<name>[A-Z][\w.]*)\b")
_JS_STRING = r'"((?:[^"\\\n]|\\.)*)"'
_CHOICE_TEXT = re.compile(rf"\btext:\s*{_JS_STRING}")
_CHOICE_EXPLAIN = re.compile(rf"\bexplain:\s*{_JS_STRING}")


_FEEDBACK = re.compile(r"^(?:верно|правильно|correct|right|exactly|yes|да)\b[!.,:;\s—–-]*", re.IGNORECASE)


def _unquoted(js: str) -> str:
    return re.sub(r"<[^>]+>", "", js.replace('\\"', '"')).strip()


# A formula written as an image of a TeX renderer (GitHub's render/math, CodeCogs, Google Charts): `<img
# src="https://render.githubusercontent.com/render/math?math=\beta">` is the formula β, not a picture to drop.
_MATH_IMAGE = re.compile(
    r"""<img\b[^>]*?\bsrc=["'](?P<a>https?://(?:render\.githubusercontent\.com/render/math\?(?:[^"']*?&)?math=|"""
    r"""latex\.codecogs\.com/(?:svg|png|gif)\.(?:latex|image)\?|chart\.googleapis\.com/chart\?cht=tx&(?:amp;)?chl=)[^"']*)["'][^>]*>"""
    r"""|!\[[^\]]*\]\((?P<b>https?://(?:render\.githubusercontent\.com/render/math\?(?:[^)\s]*?&)?math=|"""
    r"""latex\.codecogs\.com/(?:svg|png|gif)\.(?:latex|image)\?|chart\.googleapis\.com/chart\?cht=tx&chl=)"""
    r"""(?:[^()\s]|\((?:[^()\s]|\([^()\s]*\))*\))*)\)""",  # a formula's own brackets stay in it: `Q(\alpha,&space;X^l)`
    re.IGNORECASE)
_MATH_QUERY = re.compile(r"^.*?(?:math=|\.(?:latex|image)\?|chl=)", re.IGNORECASE)


def _math_images(text: str) -> str:
    if "://" not in text:
        return text

    def formula(match: re.Match[str]) -> str:
        from urllib.parse import unquote

        query = _MATH_QUERY.sub("", match["a"] or match["b"]).replace("&space;", " ")  # CodeCogs writes a space so
        tex = unquote(query.split("&", 1)[0]).replace("&amp;", "&").strip()
        return f"${tex}$" if tex and "$" not in tex and "\n" not in tex else match[0]

    return _MATH_IMAGE.sub(formula, text)


def _components(text: str) -> str:
    """MDX components (`<Question choices={[…]} />`, `<Youtube id=… />`) are markup, not prose: each is blanked, line
    for line, except a quiz's right choices, which become the answer under its question (the choice, then why)."""
    if "<" not in text:
        return text
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        match = _COMPONENT.match(lines[i])
        if not match:
            i += 1
            continue
        end = i
        closing = f"</{match['name']}>"
        while end < len(lines) and not (lines[end].rstrip().endswith("/>") or closing in lines[end]):
            end += 1
        end = min(end, len(lines) - 1)
        block = lines[i:end + 1]
        kept = [""] * len(block)
        for start, line in enumerate(block):
            found = _CHOICE_TEXT.search(line)
            if not found:
                continue
            rest = "\n".join(block[start:start + 6]).split("}", 1)[0]  # the choice's own object
            if not re.search(r"\bcorrect:\s*true\b", rest):
                continue
            choice = _unquoted(found[1])
            kept[start] = choice if choice.endswith((".", "!", "?", "…")) else choice + "."
            explain = _CHOICE_EXPLAIN.search(rest)
            said = _FEEDBACK.sub("", _unquoted(explain[1])) if explain else ""
            if said and start + 1 < len(kept):
                kept[start + 1] = said  # why it is right, in the same paragraph
        lines[i:end + 1] = kept
        i = end + 1
    return "\n".join(lines)


def facts_of(source: str, first_line: int, depth: int) -> list[Fact]:
    """The facts of a piece of Markdown that starts on `first_line` of the notes (list items flattened)."""
    out: list[Fact] = []

    def item_facts(node: Node, level: int) -> None:
        head = node.head_facts(level)
        out.extend(head)
        out.extend(_shifted(f, level + 1) for f in node.facts)
        for child in node.children:
            item_facts(child, level + 1)

    lead = len(source) - len(source.lstrip("\n"))
    for block in SyntaxTreeNode(_parser().parse(source.lstrip("\n"))).children:
        if block.type in ("bullet_list", "ordered_list"):
            for item in _list_items(block):
                item_facts(item, depth)
        else:
            out.extend(_block_facts(block, depth))
    for fact in out:
        fact.line += first_line - 1 + source[:lead].count("\n")
    return out


def _shifted(fact: Fact, depth: int) -> Fact:
    fact.depth = depth
    return fact


def render_markdown(source: str) -> str:
    """A piece of Markdown (a card side written by hand) as card text: paragraphs, bullets, code, formulas."""
    out: list[str] = []
    for block in SyntaxTreeNode(_parser().parse(source)).children:
        if block.type in ("bullet_list", "ordered_list"):
            for item in _list_items(block):
                out += [f"- {fact.text}" for fact in item.head_facts()[:1]] + [f"  - {f.text}" for f in item.facts]
        else:
            for fact in _block_facts(block, 0):
                out.append(f"```{fact.lang}\n{fact.text}\n```" if fact.kind == "code" else fact.text)
    return "\n".join(out)


# A page's machinery, never notes: a script or style block (CommonMark ends an HTML block at a blank line, so a
# `<script>` right after a `<div>` would be read as Markdown), and footnotes (`[^1]` and its `[^1]: …` aside).
_MACHINERY = re.compile(r"<(script|style|noscript|iframe|svg)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]\s]+\]:.*(?:\n(?:[ \t]+\S.*|[ \t]*(?=\n[ \t]+\S)))*", re.MULTILINE)
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\s]+\](?!:)")


def _without_machinery(text: str) -> str:
    """Scripts, styles and footnotes blanked, line for line, so every other line keeps its number."""
    if "<" in text:
        text = _MACHINERY.sub(lambda m: "\n" * m[0].count("\n"), text)
    if "[^" in text:
        text = _FOOTNOTE_REFERENCE.sub("", _FOOTNOTE_DEFINITION.sub(lambda m: "\n" * m[0].count("\n"), text))
    return text


def parse_outline(text: str) -> Outline:
    """Build the outline of a Markdown document (headings nest by level)."""
    text, anki = _anki_blocks(_components(_math_images(_without_machinery(text))))
    _ANKI_CARDS.set(anki)
    tree = SyntaxTreeNode(_parser().parse(text))
    root = Node(head=[], line=1, heading=True)
    stack: list[tuple[int, Node]] = [(0, root)]
    after_rule: list[SyntaxTreeNode] = []
    seen_rule = False
    source = text.splitlines()
    asked_in: Node | None = None  # the section of the last bold question line ("**Q3- Explain how a ROC curve works.**")
    for block in tree.children:
        if block.type == "hr":
            if seen_rule:
                for earlier in after_rule:
                    _attach(stack[-1][1], earlier)
            seen_rule, after_rule = True, []
            continue
        if block.type == "heading":
            for earlier in after_rule:  # a rule followed by a heading was only a separator
                _attach(stack[-1][1], earlier)
            seen_rule, after_rule = False, []
            level = int(block.tag[1])
            while stack[-1][0] >= level:
                stack.pop()
            line = (block.map or (0,))[0] + 1
            lines, links = _rendered(block)
            title = " ".join(t for t, _ in lines)
            heading = Node(head=[(title, line)], line=line, heading=True, head_links=[tuple(x for ls in links for x in ls)])
            heading.stories = bool(_STORIES.search(title)) or stack[-1][1].stories
            stack[-1][1].children.append(heading)
            stack.append((level, heading))
            continue
        if seen_rule:
            after_rule.append(block)
            continue
        if block.type == "paragraph" and _QUESTION_LINE.match(" ".join(source[block.map[0]:block.map[1]]).strip() if block.map else ""):
            # Bold question lines are the sections of a Q&A list; a heading that skipped levels inside one answer
            # ("##### K Means" in the answer to Q2, under "## Algorithms") is a label of that answer and ends with it.
            home = next((i for i, (_, node) in enumerate(stack) if node is asked_in), None)
            while home is not None and len(stack) > home + 1 and stack[-1][0] >= stack[home][0] + 2:
                stack.pop()
            asked_in = stack[-1][1]
        _attach(stack[-1][1], block)
    trailer = [f for block in after_rule for f in _flat_facts(block)]
    if trailer and not _is_footer(trailer):  # a rule before the last part of the notes, not before a footer
        for block in after_rule:
            _attach(stack[-1][1], block)
        trailer = []
    return Outline(root=root, trailer=trailer)


_QUESTION_LINE = re.compile(r"^(\*\*|__)(?:Q\s*\d+\b.*|[^*_]*\?)\1$")
_FOOTER = re.compile(r"©|\(c\)|copyright|licen[cs]e|made with|contribut|back to top|all rights|author|автор|лицензи", re.IGNORECASE)


def _is_footer(facts: list[Fact]) -> bool:
    """Lines after a final rule are a footer when they are few and speak of authors, licences or links."""
    return len(facts) <= 6 and any(_FOOTER.search(f.text) or f.links for f in facts)


def _attach(section: Node, block: SyntaxTreeNode) -> None:
    if block.type in ("bullet_list", "ordered_list"):
        section.children.extend(_list_items(block))
    else:
        section.facts.extend(_block_facts(block, 0))


def _flat_facts(block: SyntaxTreeNode) -> list[Fact]:
    if block.type in ("bullet_list", "ordered_list"):
        return [f for node in _list_items(block) for f in (node.head_facts()[:1] or node.facts[:1])]
    return _block_facts(block, 0)
