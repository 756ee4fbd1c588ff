"""A card side as Rich text, without loading Rich's Markdown (and pygments) for the cards that need none.

Generated cards use a small part of Markdown: **bold**, *italic* or _italic_, `code`, and bullets.
Those are drawn here directly; a card with a code block (or anything else) goes to Rich's Markdown
renderer, loaded the first time such a card is shown.
"""

from __future__ import annotations

import re

from rich.text import Text

_NEEDS_MARKDOWN = re.compile(r"```|~~~|^\s*\|.*\|\s*$|^\s*#{1,6}\s|^\s*>|^\s*\d+\.\s|\[[^\]]*\]\(", re.MULTILINE)
_SPAN = re.compile(r"\*\*(?P<bold>[^*\n]+?)\*\*|`(?P<code>[^`\n]+)`|(?<![\w*])\*(?P<em>[^*\s][^*\n]*?)\*(?![\w*])"
                   r"|(?<![\w_])_(?P<em2>[^_\s][^_\n]*?)_(?![\w_])")
_BULLET = re.compile(r"^(?P<indent>\s*)[-*+]\s+(?P<body>.*)$")
CODE_STYLE = "#88c0d0 on #3b4252"


def is_simple(markdown: str) -> bool:
    """Whether the light renderer draws this card as Rich's Markdown would (near enough)."""
    return not _NEEDS_MARKDOWN.search(markdown)


def _inline(text: Text, line: str) -> None:
    position = 0
    for match in _SPAN.finditer(line):
        text.append(line[position: match.start()])
        if match["bold"] is not None:
            text.append(match["bold"], style="bold")
        elif match["code"] is not None:
            text.append(match["code"], style=CODE_STYLE)
        else:
            text.append(match["em"] or match["em2"], style="italic")
        position = match.end()
    text.append(line[position:])


def render_simple(markdown: str) -> Text:
    """Paragraphs, bullets (• under their indent) and inline emphasis, as Rich text."""
    text = Text(end="")
    lines = markdown.strip("\n").split("\n")
    for i, line in enumerate(lines):
        bullet = _BULLET.match(line)
        if bullet:
            depth = len(bullet["indent"].expandtabs(2)) // 2
            text.append("  " * depth + " • ")
            _inline(text, bullet["body"])
        else:
            _inline(text, line.strip())
        if i < len(lines) - 1:
            text.append("\n")
    return text


_BLANK = re.compile(r"\[…[^\]\n]*\]")


_NUMBERED = re.compile(r"^\W*(?:\d+[.)]\s*)?")


def crumbs(path: str, front: str) -> str:
    """The heading path shown above a card, without its last heading when the question is that heading
    ("… › 1. What does top-p do?" above "What does top-p do?"): said once is enough."""
    from prep.notes.inline import plain

    parts = path.split(" › ")
    last = _NUMBERED.sub("", plain(parts[-1])).strip().casefold()
    question = _NUMBERED.sub("", plain(front.strip().split("\n", 1)[0])).strip().casefold()
    if len(parts) > 1 and len(last) > 3 and question.startswith(last) and len(last) >= 0.6 * len(question):
        return " › ".join(parts[:-1])
    return path


def answer_text(front: str, back: str) -> str:
    """The answer as the review shows it: for a cloze, as Anki does, the sentence with its blanks filled in bold
    (the hidden words alone say little), else the back as written."""
    blanks = _BLANK.findall(front)
    if not blanks or "\n\n" in back:
        return back
    answers = back.split(" · ") if len(blanks) > 1 else [back]
    if len(answers) != len(blanks):
        return back
    filled = iter(answer if answer.startswith("**") else f"**{answer}**" for answer in answers)
    return _BLANK.sub(lambda _match: next(filled), front)
