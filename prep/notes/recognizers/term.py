"""The last resort before "write this up": a cloze over the term the fact is about.

The term is what the author stressed (**bold**, *italic*, `code` that is not a formula), else an
English term inside Russian prose (`убрали next sentence prediction` → "убрали […]"), else a
capitalised name inside an English sentence.
"""

from __future__ import annotations

import re

from prep.notes import words
from prep.notes.acronyms import expands, is_acronym
from prep.notes.inline import plain
from prep.notes.model import Context, Fact, Proposal
from prep.notes.recognizers._common import (
    CLAUSE_AFTER,
    FIGURE_PART,
    IN_LIST,
    SIBLINGS,
    in_path,
    with_aside,
    without_parens,
    worked_example,
)

# Matched whole, however short or long, then sized: a bound in the pattern would let the scan start again inside a span and
# take the text between two spans for one ("`u` and `v`" → "` and `").
_STRESSED = re.compile(r"\*\*(?P<t>[^*]+)\*\*|(?<!\*)\*(?P<e>[^*\s][^*]*)\*(?!\*)|`(?P<c>[^`]+)`")
_SIZES = {"t": 60, "e": 60, "c": 40}
_CALL = re.compile(r"(?<![\w`])[A-Za-z]\w*\([^()`]{1,40}\)")  # exp(cross-entropy): a formula named in prose
_LATIN_IN_RUSSIAN = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z0-9+\-]*(?:\s+[A-Za-z][A-Za-z0-9+\-]*){0,3}(?![\w-])")
_NAME = re.compile(r"(?<=\s)[A-Z][\w\-]*[A-Z0-9][\w\-]*(?:\s+[A-Z][\w\-]+)*|(?<=\s)(?:[A-Z][a-z]+\s+){1,3}[A-Z][a-z]+")
_SUBJECT = re.compile(r"^[A-Z][\w\-]*(?:\s[A-Z][\w\-]*){0,2}(?=\s(?:is|are|was|were|has|have|can|uses?|(?!this\b|thus\b)[a-z]{2,}s)\b)")
_COMMON = re.compile(r"^(The|A|An|It|This|That|These|Those|They|We|You|I|He|She|In|On|At|For|To|Of|By|With|If|When|Where|Why|How|What|"
                     r"There|Here|Each|Every|Some|Most|All|Both|One|No|Not|Also|So|Then|But|And|Or|Use|Using|See|Note|Read|"
                     r"Like|As|Another|Such|Thus|Hence|Since|Because|After|Before|During|While|Unlike)\b")
_OPERATORS = re.compile(r"[*+/=^·×√∑∏(]")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_SCHEMA = re.compile(r"[\w`*]\s*\((?:int|integer|bigint|bool|boolean|text|varchar\w*|string|str|float|double|date|datetime|"
                     r"timestamp|numeric|decimal)\b", re.IGNORECASE)


# What the sentence is about: the blank as its subject ("[…] adds a handful of examples …", "The […] is …", after a
# short label "Note: […] …"), as what it says the subject is ("BiRNN is an […]", "X — […]"), or as the other side of a
# contrast ("Kmeans calculates distance, while […] calculates weighted distance", "вместо […] использует SOP"), or as
# the value a label gives at the end ("…: расстояние взаимодействия […]", "цена self-attention: […]"). A blank anywhere else hides a word
# the sentence only mentions on its way ("a language model using […]", "in the context of […]", "pick […] function"),
# and readers of the judged set found such clozes trivial or arbitrary four times in five. A sentence with no subject
# of its own ("убрали из обучения […]", "Предобучен на […]"), or no clause at all ("Less sensitive to outliers than
# […]"), is a note about the topic: what it names is its point.
_ABOUT = re.compile(r"^[\W_]*(?:[^\s:]+(?:\s[^\s:]+){0,2}:\s+)?"
                    r"(?:(?:по сути|в сущности|essentially|basically|in essence|in short|то есть|т\.\s?е\.|i\.e\.),?\s+)?"
                    r"(?:(?:the|a|an)\s+)?\[…\]|"
                    r"(?:\b(?:is|are|was|were|called|named|known as|называется|называют|это)|\s[—–―-])\s+(?:(?:the|a|an)\s+)?\[…\]|"
                    r"(?:\bwhile|\bwhereas|\binstead of|\brather than|\bunlike|;|,\s(?:а|но|тогда как)|(?<!\w)вместо|"
                    r"(?<!\w)в отличие от)\s+(?:(?:the|a|an)\s+)?\[…\]|"
                    r":\s+(?:[^\s:]+\s+){0,3}\[…\]\s*[.;]?\s*$", re.IGNORECASE)  # "…: расстояние взаимодействия […]"


def _usable(text: str, match: re.Match[str]) -> bool:
    """Not a function name (`len(`), not inside brackets (`[MASK]`), not one item of a list (`query, key, value`)."""
    after, before = text[match.end(): match.end() + 1], text[max(0, match.start() - 1): match.start()]
    if (after and after in "([]") or (before and before in "["):
        return False
    return not (after == "," and match.start() == 0)


def _glued(text: str, match: re.Match[str]) -> bool:
    """The span is part of a longer token: a letter or digit touches it, or a decimal goes on after it (C4.5)."""
    before, after = text[max(0, match.start() - 2): match.start()], text[match.end(): match.end() + 2]
    return bool(before[-1:].isalnum() or after[:1].isalnum() or re.match(r"[.,]\d|['’][A-Za-z]|-\w|[@/.]\w", after)
                or re.fullmatch(r"\w-|\w[./]", before))  # "mini-[…]": half of a hyphenated word; "[…]@K", "IMG_1.[…]": of a name


def given_away(term: str, front: str, path: tuple[str, ...]) -> bool:
    """The rest of the cue or a heading above it spells the term out: every word of the term, whole, inflected or inside
    a longer word ("Hierarchical Clustering" beside "hierarchical clusters" under "Clustering", "n-gram" beside
    "unigram"; not "Polynomial Regression" under "Linear regression"), the term with its spaces closed up ("Boxplots"
    under "box plots"), the initials of its words ("RNN" under "Recurrent Neural Network Model") or the acronym it
    expands to ("[…] (AHC)"). A name that contains the term gives it away too ("DistilBERT imitates the original […]")."""
    term = plain(term).strip()
    cue = plain(front).replace("[…]", " ")
    texts = (cue, *path)
    seen = {w for text in texts for w in re.findall(r"[^\W\d_]+", text.casefold())}
    parts = re.findall(r"[^\W\d_]{2,}", term.casefold())

    def shown(part: str) -> bool:  # "BERT" is shown by "DistilBERT" and "RoBERTa": a name that contains it
        if part in seen or len(part) >= 4 and any(w.startswith(part[:5]) or part in w for w in seen):
            return True
        # "query" under "Queries", "CNNs" under "How can we use CNN …": the same word in the other number
        single = re.sub(r"(?<=[a-z]{2})s$", "", part)
        return single != part and single in seen or part.endswith("y") and len(part) >= 4 and \
            any(w.startswith(part[:-1] + "ie") for w in seen)

    if parts and all(map(shown, parts)):
        return True
    closed = re.sub(r"[\W\d_]", "", term.casefold())
    if len(closed) >= 5 and any(closed in re.sub(r"[\W\d_]", "", text.casefold()) for text in texts):
        return True
    if is_acronym(term):
        letters = re.sub(r"s$", "", "".join(c for c in term if c.isupper())).casefold()
        # Two letters fall into a sentence's initials by chance ("Use […] model like …" → "ml"); a heading names a thing.
        for text in (texts if len(letters) >= 3 else path) if len(letters) >= 2 else ():
            if letters in "".join(w[0] for w in re.findall(r"[^\W\d_]+", text.casefold())):
                return True
    return any(expands(term, token) for text in texts for token in re.findall(r"\b[A-Z][\w-]*[A-Z]\w*\b", text))


def _initials_in(term: str, acronym: str) -> bool:
    """The initials of the term's words stand in the acronym ("Absolute Difference" in SAD)."""
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_]+", plain(term))).casefold()
    return len(initials) >= 2 and initials in acronym.casefold()


def _candidates(text: str, lang: str) -> list[re.Match[str]]:
    if re.search(r"=.*\(|\(.*=", text):
        return []  # a formula: the formula recognizer asks about it
    stressed = [m for m in _STRESSED.finditer(text) if not (m["c"] and _OPERATORS.search(m["c"]))
                and 2 <= len(m[m.lastgroup]) <= _SIZES[m.lastgroup]]
    if stressed:
        return stressed
    if lang == "ru" and _CYRILLIC.search(text):
        calls = [m for m in _CALL.finditer(text) if not (m.start() and text[m.start() - 1] in "`")]
        names = [m for m in _LATIN_IN_RUSSIAN.finditer(text)
                 if (len(m[0]) >= 3 or re.fullmatch(r"[A-Z][A-Z0-9]|[A-Za-z]\d", m[0])) and not m[0].isdigit() and _usable(text, m)]
        return calls + names
    names = [m for m in _NAME.finditer(text) if _usable(text, m)]
    subject = _SUBJECT.match(text)  # `Adam keeps running averages …`: the sentence is about its first word
    # Its first word is a name only when the dictionaries do not know it ("Adam", "K-means"): "Good agents …",
    # "Credibility comes …", "Set expectations …" are capitalised because they start the sentence.
    return names or ([subject] if subject and not _COMMON.match(subject[0]) and (subject[0].isupper() or not words.common_words(subject[0])) else [])


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    if fact.kind == "text" and SIBLINGS.search(fact.text):
        return []  # "… the following:" asks about its neighbours, not itself
    if fact.kind != "text" or worked_example(ctx.path, ctx.label) or _SCHEMA.search(fact.text) or words.caption(plain(fact.text)):
        return []  # a worked example's parts, a table's schema ("Students: grade (int) …"), a figure's caption: not terms
    for match in _candidates(fact.text, ctx.lang):
        term = next((g for g in match.groups() if g), match[0]) if match.groups() else match[0]
        if term.casefold() == ctx.title.casefold() or plain(term).casefold() in ctx.cue.casefold():
            continue  # the cue would give the answer away
        if len(plain(term).split()) == 1 and (not words.can_be_noun(plain(term)) or match.start() <= 2 and
                                              words.opens_an_order(plain(fact.text))):
            continue  # a verb or an adjective in bold ("**Evaluate** outcomes", "**Handle** missing values"): not a term
        if in_path(term, ctx.path) or FIGURE_PART.fullmatch(plain(term)):
            continue  # the heading path shown above the card names it; a figure's colour is its legend, not a term
        if words.is_symbol(plain(term)) and not re.fullmatch(r"[A-Z]{1,2}\d{1,2}|.*[<>=≤≥(].*", plain(term)):
            continue  # `X`, `p_j`, `alpha`: a symbol means something only in its formula, never a term to recall
        front = fact.text[: match.start()] + "[…]" + fact.text[match.end():]
        if match.start() == 0 and re.search(r"[.:]\s*$", plain(term)) or match.start() == 0 and \
                re.match(r"\s*:", fact.text[match.end():]) and not words.is_name(plain(term)):
            continue  # a bold lead-in ("**Preprocess.** This would include …", "**Which to choose**: …"): a label, not a term
        if match.lastgroup != "c" and re.fullmatch(r"[A-Z]{2,6}", plain(term)) and (
                words.closed(plain(term)) or plain(term) in ("LOT", "LOTS", "NEVER")):
            continue  # a word in capitals for stress ("there is a LOT to learn", "The answer is NOT …"), not an acronym
        if _glued(fact.text, match):
            continue  # a piece of a longer token ("C4" of C4.5, the `<t>` of s<t>): the blank would cut it
        if given_away(term, ctx.cue + front, ctx.path):
            continue  # the cue or a heading spells it out: a blank one fills without recalling anything
        if re.search(r"\([^()]*\[…\][^()]*\)", plain(front)) and not re.match(r"^[\W_]*\(", plain(front)):
            continue  # a word of an aside in brackets ("Glue, SuperGlue (размеченные […])"): not the fact's point
        if re.fullmatch(r"\s*\([^()]*\)\s*[.!]?\s*", plain(fact.text)):
            continue  # a whole line in brackets ("(more on AB Testing later)"): the author's aside, not a fact
        if any(_initials_in(term, acronym) for acronym in re.findall(r"\[…\]\s*\(([A-ZА-Я]{2,6})\)", plain(front))):
            continue  # "Sum of […] (SAD)": the short form beside the blank spells the words out
        if re.fullmatch(r"[\d\W_]+", plain(term)) or re.search(r"\[…\]\s*\((?:[^()\s]+\s+){1,}[^()]*\)", plain(front)) and \
                is_acronym(plain(term)):
            continue  # an item's number ("10)"), or an acronym its own expansion follows ("[…] (continuous bag-of-words)")
        if re.match(r"^[\W_]*\[…\]\s*:", plain(front)) and (
                (ctx.path[-1] if ctx.path else "").rstrip().endswith("?") or words.is_label(plain(term))):
            continue  # a label ("**Производительность**: партиции …" answering a question, "**Note**: …"): not a term
        if not _ABOUT.search(plain(front)) and not words.starts_with_verb(plain(fact.text)) \
                and not words.is_fragment(plain(front).replace("[…]", " ")):
            continue  # the sentence only mentions the term on its way to saying something else
        if IN_LIST.search(plain(front)) and not CLAUSE_AFTER.search(front) or plain(front).rstrip(" *_").endswith(":"):
            continue  # one item of a list, or a lead-in to what follows: not the fact's point
        context = re.findall(r"[^\W\d_]{2,}", re.sub(r"`[^`]*`|\[…\]", " ", plain(front)))
        if len(context) < 2 or len("".join(context)) < 5 or len(context) < 3 and ctx.lang == "en":
            continue  # too little left to recall the term by
        if re.search(rf"(?<!\w){re.escape(plain(term))}(?!\w)", plain(front), re.IGNORECASE):
            continue  # the term shows elsewhere in the sentence
        shown = without_parens(front) if len(front) > 120 and "[…]" in without_parens(front) else front
        return [Proposal("term", ctx.cue + shown, with_aside(f"**{plain(term)}**", fact.text, shown))]
    return []
