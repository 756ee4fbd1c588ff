"""Markdown notes → an outline of topics and facts, with source line numbers.

The Markdown is parsed by markdown-it-py; this module only decides what is a
group (a heading or bullet holding topics), a topic (a heading or bullet with
facts) and a fact (a line, a wrapped sentence or a child bullet of a topic).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

_CHECKBOX = re.compile(r"^\[( |v|x|X|V)\]\s*")
_BARE_URL = re.compile(r"(?<![(<\[])https?://\S+")
_EDITOR_REMARK = re.compile(r"\s*⟦[^⟧]*⟧")
# A title ends at a comma, a spaced dash or a colon; a Latin name also ends where Russian prose starts.
_TITLE_END = re.compile(r",\s|\s[-—–:]\s|:\s")
_LATIN_TITLE_END = re.compile(r",\s|\s[-—–:]\s|:\s|\s(?=[а-яёА-ЯЁ])")
_WRAP_WIDTH = 60
_MAX_TITLE = 60


@dataclass
class Fact:
    text: str
    line: int
    depth: int = 0


@dataclass
class Node:
    """A heading or a list item: its first paragraph's lines, later blocks as facts, nested items."""

    head: list[tuple[str, int]]
    line: int
    heading: bool = False
    checked: bool | None = None  # [v]/[x] → True, [ ] → False, no mark → None
    facts: list[Fact] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def head_facts(self, depth: int = 0) -> list[Fact]:
        return _join_wrapped(self.head, depth)

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
    rehearsal: list[Fact]  # lines after a final `---`: stories to rehearse aloud


def clean(text: str) -> str:
    """Card text: editor remarks and bare links dropped, spaces collapsed."""
    text = _EDITOR_REMARK.sub("", text)
    text = _BARE_URL.sub("", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _lines(node: SyntaxTreeNode) -> list[tuple[str, int]]:
    """The source lines of a paragraph with their 1-based numbers."""
    inline = node.children[0] if node.children else node
    start = (node.map or inline.map or (0, 0))[0] + 1
    return [(text.strip(), start + i) for i, text in enumerate(inline.content.split("\n"))]


def _join_wrapped(lines: list[tuple[str, int]], depth: int) -> list[Fact]:
    """One fact per line, except that a long line continued in lower case was wrapped prose."""
    facts: list[Fact] = []
    previous_raw = ""
    for raw, number in lines:
        text = clean(raw)
        if facts and len(previous_raw) >= _WRAP_WIDTH and raw[:1].islower() and not previous_raw.endswith((".", "!", "?", ":")):
            facts[-1].text = f"{facts[-1].text} {text}".strip()
        elif text:
            facts.append(Fact(text, number, depth))
        previous_raw = raw
    return [f for f in facts if f.text]


def split_title(first_line: str) -> tuple[str, str]:
    """`BERT, bidirectional …` → ('BERT', 'bidirectional …')."""
    line = clean(first_line)
    latin = bool(line) and not ("а" <= line[0].lower() <= "я" or line[0] in "ёЁ")
    end = (_LATIN_TITLE_END if latin else _TITLE_END).search(line)
    if end and end.start() > 0:
        title, rest = line[: end.start()], line[end.end():]
    else:
        title, rest = line, ""
    if len(title) > _MAX_TITLE:  # a sentence, not a name: keep its start as the title
        cut = title.rfind(" ", 0, _MAX_TITLE)
        title, rest = title[:cut if cut > 0 else _MAX_TITLE] + "…", line
    return title.strip(" .:-"), rest.strip()


def _table_facts(table: SyntaxTreeNode, depth: int) -> list[Fact]:
    facts = []
    for row in table.walk():
        if row.type == "tr" and row.map:
            cells = [clean(c.children[0].content) if c.children else "" for c in row.children]
            if any(cells):
                facts.append(Fact(" — ".join(c for c in cells if c), row.map[0] + 1, depth))
    return facts


def _block_facts(block: SyntaxTreeNode, depth: int) -> list[Fact]:
    """Facts from a non-list block: a paragraph's lines, a code block, a table's rows."""
    if block.type == "paragraph":
        return _join_wrapped(_lines(block), depth)
    if block.type in ("fence", "code_block") and block.content.strip():
        language = block.info.strip() if block.type == "fence" else ""
        return [Fact(f"```{language}\n{block.content.rstrip()}\n```", (block.map or (0,))[0] + 1, depth)]
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
        node.head = _lines(blocks.pop(0))
        first, first_number = node.head[0]
        match = _CHECKBOX.match(first)
        if match:
            node.checked = match[1] != " "
            first = first[match.end():]
        if number is not None:
            first = f"{number}. {first}"
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


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def parse_outline(text: str) -> Outline:
    """Build the outline of a Markdown document (headings nest by level)."""
    tree = SyntaxTreeNode(_parser().parse(text))
    root = Node(head=[], line=1, heading=True)
    stack: list[tuple[int, Node]] = [(0, root)]
    after_rule: list[SyntaxTreeNode] = []
    seen_rule = False
    for block in tree.children:
        if block.type == "hr":
            seen_rule, after_rule = True, []
            continue
        if block.type == "heading":
            seen_rule, after_rule = False, []
            level = int(block.tag[1])
            while stack[-1][0] >= level:
                stack.pop()
            line = (block.map or (0,))[0] + 1
            heading = Node(head=[(block.children[0].content, line)], line=line, heading=True)
            stack[-1][1].children.append(heading)
            stack.append((level, heading))
            continue
        if seen_rule:
            after_rule.append(block)
            continue
        _attach(stack[-1][1], block)
    rehearsal = [f for block in after_rule for f in _flat_facts(block)]
    return Outline(root=root, rehearsal=rehearsal)


def _attach(section: Node, block: SyntaxTreeNode) -> None:
    if block.type in ("bullet_list", "ordered_list"):
        section.children.extend(_list_items(block))
    else:
        section.facts.extend(_block_facts(block, 0))


def _flat_facts(block: SyntaxTreeNode) -> list[Fact]:
    if block.type in ("bullet_list", "ordered_list"):
        return [f for node in _list_items(block) for f in node.head_facts()[:1]]
    return _block_facts(block, 0)
