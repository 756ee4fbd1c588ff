"""Definitions: `X — Y`, `X: Y`, `X is Y`, `X это Y` → "What is X?" → Y.

`Embedding — переход от токенов к векторам длины d` → "Что такое **Embedding**?".
X must be a name (at most five words; a noun phrase by prep.notes.words, not a clause, a pronoun or a lead-in) and
Y a statement of at least two words. "The curse of dimensionality is …" defines "curse of dimensionality".

One way only, as Anki's Basic note: a guessed definition is not also asked backwards ("[…] — Y" → X). Readers of the
judged set kept that reverse far less often than the forward card of the same line, and where both were kept the
reverse added no fact of its own. The author who wants both ways writes `X ::: Y` (explicit.py).
"""

from __future__ import annotations

import re

from prep.notes import words
from prep.notes.acronyms import expands
from prep.notes.inline import plain
from prep.notes.model import Context, Fact, Proposal
from prep.notes.recognizers._common import FIGURE_PART, SIBLINGS, dangles, mentions, trim, worked_example
from prep.notes.texts import TEXTS

_SPLIT = re.compile(
    r"^(?P<x>[^:—–―−]{1,60}?)\s*(?:\s[—–―−-]\s+(?:это\s+)?(?:по\s+сути,?\s+)?|:\s+|\s+(?-i:это|—\s*это|представля(?:ет|ют)\s+(?:собой|из\s+себя)|"
    r"(?P<as>(?:is|are|can\s+be|may\s+be)\s+(?:(?:often|usually|commonly|also|best|formally)\s+)?(?:defined|described|viewed|seen|"
    r"thought\s+of|interpreted|understood|regarded)\s+as|определя(?:ется|ются)\s+как)|"
    r"(?P<accs>можно\s+(?:рассматривать|понимать|определить|представить)\s+как)|"
    r"(?P<hedged>(?:is|are)\s+(?:generally|usually|basically|essentially|simply|typically|commonly|often|mostly|roughly))|"
    r"(?P<instr>(?:по\s+сути\s+|фактически\s+)?явля(?:ется|ются))|"
    r"is|are|is called|refers to|means|stands for)\s+)(?P<y>.+)$",
    re.IGNORECASE)
# "X is usually a …", "X is basically the …": a hedge before what X is, which defines X only when a noun phrase with its
# article follows ("Bias is generally the distance between …"); not a judgement ("generally a good idea", "usually the
# best choice"), and not a quip ("Applied machine learning is basically feature engineering": readers found the card
# made of it wrong, the hedge being its point).
_HEDGED_MEANING = re.compile(r"^(?:an?|the|one)\s+(?!(?:good|bad|great|nice|better|best|worse|worst|safe|reasonable|"
                             r"common|popular|important|useful|first|last|same|main|only)\b)\w", re.IGNORECASE)
# What follows "X is" says how the author feels about X, not what X is: "a very important …", "another large topic",
# "a fundamental tool", or it starts another clause ("it's other moments …").
_NO_DEFINITION = re.compile(r"^(?:(?:an?|the)\s+(?:very|really|quite|fundamental|crucial)\b|another\s+(?:large|big|huge|"
                            r"important|topic|story)\b|it'?s\b|it\s+is\b|they\b|очень\b|это\s+очень\b)", re.IGNORECASE)
# A figure's part: "as shown in the previous image", "Red is the continuation …" (a colour of the figure's legend).
_FIGURE = re.compile(r"\b(?:shown|see|seen|drawn|plotted)\s+(?:in|on|at)\s+(?:the\s+)?(?:previous\s+|above\s+|following\s+|next\s+)?"
                     r"(?:image|figure|picture|diagram|graph|plot|chart)\b|(?:на|см\.?)\s+(?:рисунк|картинк|график|схем)\w*",
                     re.IGNORECASE)
# A role in the text, not a name: "The best resource is …", "Основной общий параметр — …".
_ROLE = re.compile(r"(?i:best|worst|main|key|major|primary|основн\w+|главн\w+|лучш\w+)\s")


# "Principal Component Analysis (PCA) is …", "F1 Score (or F-score) — …", "Atomicity (Атомарность) — …": the name with
# its short form, another name or its translation in brackets, which the question keeps; the name is judged without
# them. Other brackets say something of the name ("Reformer (2020)", "Sequential Processing (RNNs)") and are no part of it.
_ALSO = re.compile(r"\s*\((?P<or>(?:or|aka|also|или|также)\s+)?(?P<also>[^()\s]+(?:\s[^()\s]+)?)\)$", re.IGNORECASE)


def _core(name: str) -> str:
    """The name without its short form, other name or translation in brackets."""
    found = _ALSO.search(name)
    if not found:
        return name
    core, also = name[:found.start()], found["also"]
    initials = "".join(w[0] for w in re.findall(r"[^\W_]+", core)).casefold()
    capitals = "".join(c for c in core if c.isupper()).casefold()
    short = re.sub(r"[^\w]|s$", "", also).casefold()
    translated = bool(re.search(r"[а-яё]", core, re.IGNORECASE)) != bool(re.search(r"[а-яё]", also, re.IGNORECASE)) and \
        len(core.split()) == len(also.split()) and bool(re.fullmatch(r"[^\W\d_][\w-]*(?:\s[\w-]+)?", also))
    if found["or"] or translated or short and short in (initials, capitals) and not short.isdigit():
        return core
    return name


def split_definition(text: str) -> tuple[str, str] | None:
    text = re.sub(r"\s*―\s*(\*\*)\s*(?=[—–-]\s)", r"\1 ", text)  # "**⟶ Word2vec ―** — …": the cheat sheet's own dash, doubled
    match = _SPLIT.match(text)
    if not match:
        return None
    term, meaning = trim(match["x"]), trim(match["y"])
    if match["hedged"] and not _HEDGED_MEANING.match(plain(meaning)):
        return None
    if match["instr"] or match["accs"]:
        # "Бэггинг является методом …" (instrumental), "X можно рассматривать как сжатую форму …" (accusative):
        # asked back as "Что такое X?", answered in the nominative. A subject in another case is a role
        # ("Недостатком бэггинга является …", role.py), not a name.
        if not words.nominative_subject(trim(plain(term))):
            return None
        meaning = words.nominative(meaning, "ablt" if match["instr"] else "accs")
    term = re.sub(r"\s+(?:же|ведь|вот)$", "", term)  # "F-мера же представляет собой …": a particle, not part of the name
    if re.search(r"представля(?:ет|ют)\s+(?:собой|из\s+себя)", text[len(match["x"]):len(match["x"]) + 30]):
        meaning = words.nominative(meaning)  # "… представляет собой простую функцию" → "простая функция"
    term = re.sub(r"^(\*\*|`)?\s*\d{1,3}[.)]\s+(?=\S)", r"\1", term)  # "51. Word2vec": the item's number is no part of the name
    if term.count("**") % 2 and meaning.count("**") % 2:  # "**Word2vec ― a framework …**": one bold span cut in two
        term, meaning = term.replace("**", "", 1), trim(meaning[::-1].replace("**", "", 1)[::-1])
    if re.match(r"(?i:the|an?)\s+\w", term):
        article, term = term.split(None, 1)  # "The curse of dimensionality is …": the article is not part of the name
        if article.casefold() == "the" and len(term.split()) == 1 and not re.match(r"(?i:an?|one)\s", meaning):
            return None  # "The goal is to …", "The value is between 0 and 1": a thing of the text, not a class
    hedge = re.search(r"\s+(\w+ly)$", term)
    if hedge and words.adverb(hedge[1]):
        term = term[:hedge.start()]  # "Stemming usually is a crude heuristic …": the sentence's hedge, not part of the name
    bare = _core(trim(plain(term)))
    if not bare or len(bare.split()) > 5 or not words.is_name(bare) or words.is_label(bare):
        return None  # a clause ("XLNet не использует"), a pronoun ("Это"), a lead-in ("Вывод"): not a name
    parts = bare.split()
    if len(parts) > 3 and not re.search(r"[а-яё]", bare, re.IGNORECASE) and not all(w[:1].isupper() for w in parts):
        return None  # "Ridge Regression helps when predictors": an English clause, not a name
    if re.match(r"(?i:two|three|four|five|several|many|some|два|две|три|четыре|пять|несколько)\b", bare) or \
            re.search(r"\s(?:and|и)\s", bare) and not term.startswith(("**", "`")):
        return None  # "Two popular strategies", "Theta and e": a count of things, or two things, not one name
    if any(c in bare for c in ",()?;=") or "?" in text or dangles(bare) or SIBLINGS.search(text) or text.endswith(":") or \
            re.search(r"\s(?:выше|ниже|больше|меньше|than|greater|less|higher|lower)\s", bare, re.IGNORECASE):
        return None  # … or a comparison ("Высота дерева выше порога — …"), not a name
    verb = text[len(match["x"]):]  # what joins the term to its meaning: " is ", " — ", ": " …
    colon = verb.lstrip().startswith(":")
    marked = term.startswith(("**", "`", "*"))
    if colon and not marked and not re.search(r"[A-Z0-9]", bare[1:]) and (len(bare.split()) > 1 or bare[:1].isupper()):
        return None  # "Поставим цель: …", "Общие принципы: …": a sentence with a colon, not a term
    if re.match(r"\s+(?i:is|are)\s", verb):
        if re.match(r"(?i:to)\s", plain(meaning)):
            return None  # "Goal is to minimize the loss": what something is for, not what a name means
        if re.match(r"[-+−]?\d|(?i:then|thus|therefore|hence|now|again|later|finally|first)\b", plain(meaning)):
            return None  # "Max F score is 1 and min is 0": a value; "… is then used to …": a step of a procedure

    again = re.search(rf"[,;]\s*{re.escape(bare)}\s+[—–-]\s", meaning, re.IGNORECASE)
    if again:  # "Кластеризация — разделение …, кластеризация — обучение без учителя": the first of two definitions
        meaning = trim(meaning[:again.start()])
    if len(plain(meaning).split()) < 2 or mentions(meaning, bare) and len(bare) > 3:
        return None
    if re.fullmatch(r"[\d\W_]+", bare):
        return None
    if _NO_DEFINITION.match(plain(meaning)) or _FIGURE.search(plain(meaning)) or _ROLE.match(bare) or FIGURE_PART.fullmatch(bare):
        return None  # a remark ("a very important …", "another large topic", "it's …"), a figure's legend, a role
    return term, meaning


# "X is Y" defines X when Y names what X is ("a technique that …", "the value of …"); when Y is a property ("more robust
# to noise", "not a standard", "commonly pruned", "the most prominent approach") the card "What is X?" asks for a
# definition and answers with a remark. `X: Y` and `X — Y` are the author's glossary and may describe X as they like.
_PROPERTY = re.compile(r"^(?:not|no|more|less|better|worse|best|worst|good|bad|great|very|also|often|usually|commonly|"
                       r"typically|generally|always|never|only|still|just|quite|rather|too|so|much|mostly|largely|widely|"
                       r"able|unable|harder|easier|faster|slower|cheaper|the (?:most|least|best|worst|only)|"
                       r"this|that|it|\w+ed|\w+er than)\b", re.IGNORECASE)
# "X is robust to outliers", "X is useful for ranking": a property of X with what it holds for, asked by function.py
# ("What is X robust to?"), not what X is.
_PROPERTY_OF = re.compile(r"^(?P<adj>[a-z]+)\s+(?:to|for|against|of|with|on|in|from|than)\s", re.IGNORECASE)
_BY_VERB = re.compile(r"^\S.{0,60}?\s(is|are)\s", re.IGNORECASE)


def _a_kind(meaning: str) -> bool:
    """What follows "X are" names a kind of thing, a plural noun after at most two adjectives, with more said of it
    ("points lying on the margin", "simple models that vote"), not a property ("normally distributed")."""
    found = words.words_of(meaning)
    for i, word in enumerate(found[:3]):
        if words.plural_noun(word) or re.search(r"[а-яё]", word, re.IGNORECASE) and words.names_a_class(word):
            return len(found) > i + 1
        if not words.adjective(word):
            return False
    return False


def _lists_items(meaning: str) -> bool:
    """`Airflow, dbt, cron-скрипты`: items named under a label, not what the label means."""
    if re.search(r"(?<!\w)(?:что|котор\w+|где|чтобы|that|which|where|whose)(?!\w)", plain(meaning), re.IGNORECASE):
        return False  # "такое, что нет правила, у которого …": a clause, whatever its commas
    items = [i for i in re.split(r",\s*|\s+(?:and|or|и|или)\s+", plain(meaning).rstrip(".")) if i.strip()]
    return len(items) >= 3 and all(len(i.split()) <= 3 for i in items)


# "X is also known as Y", «X также называют Y»: the other name the field uses, which an interviewer may say instead.
_ALIAS = re.compile(r"^(?P<x>[^,:;()—–]{2,60}?)\s+(?P<v>(?:is|are)\s+also\s+(?:called|known\s+as|referred\s+to\s+as)|"
                    r"(?:также|ещё|еще|иногда)\s+(?:называ(?:ют|ется|ются)|зовут))\s+(?P<y>[^,;()]{2,60}?)\s*[.;]?$", re.IGNORECASE)


def alias(fact: Fact, ctx: Context) -> list[Proposal]:
    found = _ALIAS.match(plain(fact.text).strip())
    if not found:
        return []
    term, other = trim(found["x"]), trim(found["y"])
    term = re.sub(r"^(?i:the|an?)\s+", "", term)
    if not words.is_name(term) or words.is_label(term) or words.is_symbol(term) or len(other.split()) > 6 or mentions(other, term):
        return []
    cue = "" if term.casefold() == ctx.title.casefold() else ctx.cue
    verb = found["v"].casefold().split()
    if verb[0] in ("is", "are"):
        front = f"{cue}What else {verb[0]} **{term}** {' '.join(verb[2:])}?"
    else:  # "Перплексию также называют …" keeps the author's case: "Как ещё называют **перплексию**?"
        front = f"{cue}Как ещё {verb[-1]} **{term}**?"
        other = words.nominative(other, "ablt")  # "… называют экспонентой" → "экспонента"
    return [Proposal("alias", front, other)]


# "The probability of the data given the parameters is referred to as the likelihood", «Лес из деревьев решений
# называется случайным лесом»: what a thing is described as, with the name the field gives it; the name is the answer.
_NAMING = {
    "en": re.compile(r"^(?P<desc>(?:the|an?)\s[^;:]{8,140}?)\s+(?:is|are)\s+(?:called|referred\s+to\s+as|known\s+as|termed|"
                     r"named)\s+(?P<name>[^,;:()]{2,60}?)\s*\.?$", re.IGNORECASE),
    "ru": re.compile(r"^(?P<desc>[^;:]{8,140}?)\s+(?:называется|называются|носит\s+название)\s+(?P<name>[^,;:()]{2,60}?)\s*\.?$",
                     re.IGNORECASE),
}
_RU_SUCH = re.compile(r"^(?:так\w*|подобн\w*|последн\w*|перв\w*|втор\w*|данн\w*|описанн\w*|этот|эта|это|эти)\b", re.IGNORECASE)
# ("a model like this" is refused by its pointer below; "like that" is not: "that" is mostly a relative pronoun.)
_EN_SUCH = re.compile(r"^(?:the|a|an)\s+(?:same|such|above|latter|former|last|first|second|previous|following|other|"
                      r"resulting|whole)\b|^(?:a|an|the)\s+\w+\s+(?:like|such as)\s+that\b", re.IGNORECASE)


def naming(fact: Fact, ctx: Context) -> list[Proposal]:
    said = plain(fact.text).strip().lstrip("-*• ").strip()
    russian = bool(re.search(r"[а-яё]", said, re.IGNORECASE))
    found = _NAMING["ru" if russian else "en"].match(said)
    if not found or "?" in said:
        return []
    desc, name = trim(found["desc"]), trim(found["name"]).strip("\"«»“”'")
    if words.opens_with_pointer(desc) or (_RU_SUCH if russian else _EN_SUCH).match(desc) or \
            re.search(r"\b(?:this|these|those|it|its|their|they|это\w*|эт[оиа]|его|её|их)\b", desc, re.IGNORECASE):
        return []  # "Such an approach is called …", «Последнее ограничение называется …»: named by the text before it
    if russian and (not words.nominative_subject(desc) or re.match(r"(?i:если|когда|чтобы|где|поэтому|потому)\b", desc) or
                    re.search(r",\s+(?i:то|и|а|но)\s", desc) or any(words.verb(w) for w in words.words_of(desc.split(",")[0]))):
        # «Окно ходит по матрице с шагом, который называется …»: a sentence whose verb is its own, not a description
        return []  # «Если нода имеет один класс, то она называется …»: a clause, not a description
    if len(name.split()) > 5 or not words.is_name(re.sub(r"^(?i:the|an?)\s+", "", name)) or mentions(desc, name):
        return []
    if russian:
        name = words.nominative(name, "ablt")  # «… называется случайным лесом» → «случайный лес»
        return [Proposal("naming", f"{ctx.cue}Как называется {desc[:1].lower() + desc[1:]}?", name)]
    verb = "are" if re.search(r"\s+are\s+(?:called|referred|known|termed|named)\b", said, re.IGNORECASE) else "is"
    return [Proposal("naming", f"{ctx.cue}What {verb} {desc[:1].lower() + desc[1:]} called?", name)]


_FOR_EXAMPLE = re.compile(r"\W*(?:e\.\s?g\.|for example|for instance|например|к примеру|напр\.)", re.IGNORECASE)
# "ReLU is an abbreviation for Rectified Linear Unit": the words that say a spelling out follows
_SPELLED_OUT = re.compile(r"^(?:(?:an?|the)\s+)?(?:abbreviation|acronym|short(?:\s+form)?|сокращение|аббревиатура)\s+(?:for|of|от)\s+",
                          re.IGNORECASE)


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    if fact.kind != "text":
        return []
    named = alias(fact, ctx) or naming(fact, ctx)
    if named:
        return named
    found = split_definition(fact.text)
    if not found or worked_example(ctx.path, ctx.label):
        return []  # "Jane — visiting Africa" under "Let's take an example": the example's parts, not terms
    term, meaning = found
    if _lists_items(meaning) or _FOR_EXAMPLE.match(plain(term)):
        return []  # "e.g. $n$ is the number of times a word appears": a symbol of an example, not a term
    said, means = plain(fact.text), plain(meaning)
    by_verb = _BY_VERB.match(said)
    if by_verb:  # "X is …": a property is no definition ("… is more robust", "… is sensitive to noise")
        if not re.match(r"^[^:—–]{1,60}\s[—–-]\s|^[^:]{1,60}:\s", said) and _PROPERTY.match(means):
            return []
        held = _PROPERTY_OF.match(means)
        if held and words.adjective(held["adj"]):
            return []
        if re.match(r"^[a-z]+(?:\s+(?:when|if|whenever|because|since|unless)\b|$)", means, re.IGNORECASE) and \
                words.adjective(means.split()[0]):
            return []  # "Dropout is useful when the model overfits": when X is useful, asked by function.py
    texts = TEXTS[ctx.lang]
    bare = trim(plain(term))
    cue = "" if bare.casefold() == ctx.title.casefold() else ctx.cue
    # `**Длительность**: …` in the answer to a question (its heading, shown above the card): one point of that answer,
    # asked as such ("Длительность?"), never as "what is Длительность?"
    labelled = term.startswith("**") and (ctx.title or (ctx.path[-1] if ctx.path else "")).rstrip().endswith("?")
    # A bold label of common words under a topic ("**Usage**: primarily in CNNs" under BatchNorm) names an aspect of
    # that topic, as a lower-case one does under a model: "BatchNorm · Usage?", never "What is Usage?".
    aspect = term.startswith("**") and ctx.title and len(bare.split()) <= 3 and words.common_words(bare) and not re.search(
        r"[A-Z]{2}|[a-z][A-Z]|\d", bare)
    if labelled or aspect or ctx.entity and ctx.title and bare[:1].islower() and len(bare.split()) <= 3 and not re.search(r"[A-Z]", bare):
        # An attribute of the topic ("OPT · архитектура — копия BartDecoder"): asked as one, not as "what is архитектура?"
        if words.is_symbol(_core(bare)) or re.search(r"\s\d+$", bare):
            # "Cross Entropy · y?": a symbol of a formula the card does not show, as below; "fold 3?": a place in a
            # series the card does not show either
            return []
        return [Proposal("attribute", f"{ctx.cue}{bare}?", meaning)]
    # "Word embeddings is a way of …": a plural said with "is" names one thing, not things of a kind
    core = _core(bare)  # the name without the short form in brackets the question keeps
    if words.names_a_class(core) and not term.startswith(("**", "`")) and not (by_verb and by_verb[1].casefold() == "is"):
        if not _a_kind(means) or re.match(r"(?i:examples?|пример\w*)\b", bare):
            return []  # "Errors are normally distributed", "Layers are made up of nodes": said of things of a kind
        # "Support vectors are points lying on the margin": the kind those things are, which defines them
        return [Proposal("definition", cue + texts["what_are"].format(term=bare), meaning)]
    if words.is_symbol(core):
        return []  # "X is a text while Y is …", "p_j is density-reachable …": a symbol means something only in its formula
    spelled = _SPELLED_OUT.sub("", trim(means))
    short = next((w for w in core.split() if expands(spelled, w)), None)
    if short:  # "ROC curve — Receiver Operating Characteristic curve": what the short form stands for, not what it is
        return [Proposal("acronym", cue + texts["acronym"].format(term=short), spelled)]
    return [Proposal("definition", cue + texts["what_is"].format(term=bare), meaning)]
