"""Small helpers the recognizers share."""

from __future__ import annotations

import re

from prep.notes import words
from prep.notes.inline import plain
from prep.notes.model import MAX_BACK, MAX_FRONT

_PARENS = re.compile(r"\s+\((?=[^()`]*\s)[^()`]*\)")
_ENDS = ".;,:—–―-⟶→⇒ "


# A line about the document, the course or the author, not the subject: where a topic comes later ("which we will talk
# about in chapter 3", "в следующей лекции"), a citation's pages or venue, "Found this question useful", "a PDF version".
ABOUT_THE_TEXT = re.compile(
    r"\b(?:(?:we|I|you)(?:'ll|\s+will|\s+shall)?\s+(?:talk|learn|see|discuss|cover|come back|return|get back)\b[^.]{0,60}?"
    r"\b(?:in|later in)\s+(?:the\s+)?(?:next|previous|following|later|another|coming|(?:chapter|lecture|video|section|week|"
    r"lesson|part|module|notebook|course)\s+\d+)|(?:found|find) this\b[^.]{0,40}\b(?:useful|helpful)|"
    r"\bpp\.\s*\d+\s*[-–]\s*\d+|\b(?:pdf|PDF)[- ]version\b|\b(?:в|на)\s+(?:следующ|предыдущ)\w+\s+(?:глав|лекци|видео|"
    r"раздел|урок|недел|част|модул)\w*|(?:поговорим|обсудим|разбер[её]м|рассмотрим|вернёмся|вернемся)\b[^.]{0,60}?\b(?:позже|"
    r"в\s+следующ\w+)|\bPDF-верси\w+|\b(?:won't|will not|do not|don't)\s+cover\b|\bbeyond the scope\b|\bне\s+(?:покроем|"
    r"будем\s+рассматривать|рассматриваем)\b|\b(?:great|good|excellent|useful|отличный|хороший|полезный)\s+(?:resource|ресурс)\b|"
    # where to read more of it: "More reading: …", "A better explanation is given in Quora", "RealPython has good images …"
    r"\b(?:more|further)\s+read(?:ing)?\b|\bread\s+more\s+(?:at|in|on|here)\b|\bbetter\s+explanation\s+(?:is\s+)?(?:given|found)\s+"
    r"(?:in|at|on)\b|\blook\s+(?:out\s+for|at)\s+(?:the\s+)?(?:notes|readings?|slides|lectures?|videos?)\b|"
    r"\bwell[- ]covered\s+in\b|"
    r"\bhas\s+(?:some\s+)?(?:good|great|nice|excellent)\s+(?:images|pictures|illustrations|explanations?|visuali[sz]ations?|"
    r"diagrams)\b|\bподробнее\s+(?:см\.|читайте|можно\s+(?:почитать|прочитать))|\bхорошо\s+(?:описано|объяснено|рассказано)\s+"
    r"(?:в|на|у)\b)",
    re.IGNORECASE)


_DANGLING = re.compile(r"\b(that|which|who|it|its|they|this|these|those|of|the|a|an|and|or|but|to|in|for|with|by|as|"
                       r"что|который|которая|которые|и|или|но|а|в|на|с|к|по|для|от|из|о|это)$", re.IGNORECASE)
# A clue that points at its neighbours ("the following", "these", "выше") cannot be answered on its own.
# A blank that is one item of a list ("Precision, recall, or […]"): any other item would fill it as well.
IN_LIST = re.compile(r"(?:,|\band|\bor|\bи|\bили|such as|e\.g\.|как|например|включая|including)\s*\[…\]|"
                     r"\[…\][^,\w]{0,3}(?:,|\sand\b|\sor\b|\sи\b|\sили\b)", re.IGNORECASE)
# "[…], где …", "[…], which …": a comma that opens a clause about the blank, not the next item of a list
CLAUSE_AFTER = re.compile(r"\[…\],\s*(?:где|который|которая|которое|которые|что|когда|если|то есть|т\.\s?е\.|which|that|"
                           r"where|when|while|if|so|i\.e\.)(?!\w)", re.IGNORECASE)
# «выше»/«ниже» point at the text only after a word of showing («описано выше», «см. ниже») or closing the clause; before
# a noun they compare («одновременно выше и precision, и recall»: higher)
_SHOWN = r"описан\w*|указан\w*|привед[её]н\w*|показан\w*|перечислен\w*|представлен\w*|изображ\w*"
SIBLINGS = re.compile(r"\b(the following|the above|as follows|these|those below|listed below|следующ\w*|вышеперечисл\w*|"
                      rf"(?:см\.?|как|рассмотрен\w*|написан\w*|сказан\w*|определ[её]н\w*|схем\w*|рисунк\w*|график\w*|картинк\w*|"
                      rf"таблиц\w*|{_SHOWN})\s+(?:выше|ниже)|(?:выше|ниже)\s+(?:{_SHOWN})|(?:выше|ниже)(?=\s*(?:[:.,;)]|$)))",
                      re.IGNORECASE)


# A worked example's heading ("Let's take an example", "Lets take the cat sentence example and apply it", "На примере
# BLEU"): its tables, values and symbols are the example's (`Y1 = "The cat is on the mat."`, `B = 3`), not facts to
# recall. Only a heading that walks through a case says so; "Examples of sequence data" or "Пример: классификация"
# may head real facts, and a table under them is kept.
_WORKED = re.compile(r"\b(?:let'?s take|lets take|worked example|toy example|for example|for instance|на примере|"
                     r"рассмотрим пример|разбер[её]м пример)\b", re.IGNORECASE)


_EXAMPLE_LABEL = re.compile(r"(?:an?\s+|one\s+)?(?:examples?|e\.g\.|for instance|пример\w*|например)[\s:.]*", re.IGNORECASE)


def worked_example(path: tuple[str, ...], label: str = "") -> bool:
    """The fact stands under a worked example (a heading or label that says so, or a label that is only "Example")."""
    return any(_WORKED.search(plain(heading)) for heading in (*path, label) if heading) or \
        bool(label and _EXAMPLE_LABEL.fullmatch(plain(label).strip(" *_")))


def dangles(text: str) -> bool:
    """Ends with a word that needs more after it: `that`, `of`, `и`, `в`."""
    return bool(_DANGLING.search(plain(text).rstrip(" .,;:?!")))


# A part of a figure named by its colour ("Red", "green areas", "красные точки"): the legend of a picture the card does
# not show, never a term.
FIGURE_PART = re.compile(r"(?i:red|green|blue|yellow|orange|purple|black|grey|gray|pink|brown|красн\w+|зел[её]н\w+|син\w+|"
                         r"ж[её]лт\w+)(?:\s+(?i:areas?|regions?|lines?|curves?|dots?|points?|ellipses?|circles?|squares?|"
                         r"arrows?|bars?|boxes|shapes?|contours?|област\w*|лини\w*|крив\w*|точк\w*|стрелк\w*))?")


def stands_alone(answer: str, least: int) -> bool:
    """An answer a card can give as it is: at least `least` words, none pointing at what the card does not show, no
    dangling end, and short enough to recall (220 characters)."""
    return not words.opens_with_pointer(answer, clause=True) and len(answer.split()) >= least and not dangles(answer) \
        and len(answer) <= 220


def fits(front: str, back: str) -> bool:
    return 0 < len(plain(front)) <= MAX_FRONT and 0 < len(back) <= MAX_BACK


def without_parens(text: str) -> str:
    """A question reads better without its asides; they go to the answer."""
    return _PARENS.sub("", text).strip()


def trim(text: str) -> str:
    return text.strip().strip(_ENDS).strip()


def mask(text: str, term: str, blank: str = "…") -> str:
    """The term (and simple inflections of it) replaced by a blank, so the question does not give the answer."""
    if not term:
        return text
    stem = re.escape(term)
    return re.sub(rf"(?<![\w-]){stem}[\w-]*", blank, text, flags=re.IGNORECASE)


def stems(text: str) -> set[str]:
    """The words of a text (three letters or more) cut to five letters: enough to match a word's inflections."""
    return {w[:5] for w in re.findall(r"[^\W\d_]{3,}", plain(text).casefold())}


def in_path(term: str, path: tuple[str, ...]) -> bool:
    """Every word of the term stands in one heading of the path: the breadcrumb above the card gives it away."""
    words = stems(term)
    return bool(words) and any(words <= stems(heading) for heading in path)


def mentions(text: str, term: str) -> bool:
    return bool(term) and re.search(rf"(?<!\w){re.escape(term)}", text, flags=re.IGNORECASE) is not None


def with_aside(answer: str, sentence: str, shown: str) -> str:
    """The answer, then the whole sentence when the question left part of it out."""
    if plain(shown.replace("[…]", plain(answer))).endswith(plain(sentence)) or len(answer) + len(sentence) + 4 > MAX_BACK:
        return answer
    return f"{answer}\n\n{sentence}"
