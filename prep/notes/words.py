"""Word classes: is a phrase a name (a noun phrase a card can ask for), or a clause, a lead-in, a pronoun?

Russian words are looked up in pymorphy3's dictionaries (OpenCorpora), which tell a noun from a verb, a gerund, an
adverb or a particle. English has no such dictionary here, but the words that can never start or end a name are the
closed classes of English grammar (determiners, pronouns, prepositions, conjunctions, auxiliaries and a few discourse
adverbs): a finite list of the language, not of the notes. Anything else in Latin script is taken as a name word:
`Transformer`, `GRU`, `beam search`.

Labels are another matter: `Remark`, `Вывод`, `Disadvantage` are nouns, but as a bold lead-in they name a part of
the document, not the subject. LABELS lists those words of document structure.
"""

from __future__ import annotations

import re
from functools import cache

# The closed classes of English: a word here never starts a name.
_EN_CLOSED = frozenset("""
a an the this that these those each every some any no all both either neither another other such what which whose
i you he she it we they me him her us them my your his its our their mine yours hers ours theirs itself themselves
one ones here there now then when where why how whether if because since while although though unless until as so
and or but nor yet also too thus hence therefore however otherwise instead moreover furthermore besides
of in on at by for with from to into onto over under about above below between among through during before after
without within against toward towards upon via per than like despite unlike
is are was were be been being am has have had do does did can could will would shall should may might must
not just only even still already very more most less least much many few several
let lets using use see note e.g i.e etc yes
""".split())
# A word in this class at the end of a phrase leaves it hanging: "the size of", "used with".
_EN_DANGLING = _EN_CLOSED - {"ones", "too", "etc", "itself", "themselves"}
_EN_NEVER_NOUNS = _EN_CLOSED - frozenset("use note see one ones yes let lets etc e.g i.e".split())  # "use" is a noun too
# Auxiliaries and common finite verbs in a would-be name make it a clause ("Theta and e are symmetric").
_EN_FINITE = frozenset("is are was were has have had does did can could will would shall should may might must "
                       "denotes means refers helps makes takes gives uses allows".split())
# Parts of speech (OpenCorpora tags) that never start a Russian name.
_RU_NOT_FIRST = frozenset({"VERB", "INFN", "GRND", "PRTS", "ADVB", "CONJ", "PREP", "PRCL", "NPRO", "INTJ", "PRED", "COMP"})
_RU_FINITE = frozenset({"VERB", "GRND", "PRTS"})
_RU_ALWAYS_CLOSED = frozenset("это этот эта эти тот та те так тут здесь там где когда как что чем почему зачем если "
                              "который которая которое которые также ещё еще поэтому значит итак однако зато".split())

_ASPECTS = frozenset("""применение применения использование области application applications usage uses use-cases basics
introduction
значения values""".split())
LABELS = frozenset("""
reason reasons consequence consequences
remark remarks note notes definition definitions example examples summary conclusion conclusions disadvantage
disadvantages advantage advantages pros cons idea intuition problem solution answer question result results
observation tip tips warning caution important lifecycle takeaway takeaways recap overview motivation
step steps case notation introduction basics background setup
вывод выводы замечание замечания пример примеры итог итоги определение определения примечание примечания
недостаток недостатки преимущество преимущества плюсы минусы идея интуиция проблема решение ответ вопрос
результат результаты наблюдение совет советы важно внимание суть резюме мотивация шаг шаги причина следствие
обзор задачка
""".split())

_CAPTION = re.compile(r"(?i:figure|fig\.?|table|image|chart|diagram|listing|рис\.?|рисунок|таблица|табл\.?|схема|график)"
                      r"\s*\d+(?:\.\d+)?[a-z]?")
_CAPTION_LINE = re.compile(rf"[\W_]*{_CAPTION.pattern}\s*[:.—–-]")  # the caption's number, then what the figure shows
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё][\w'’-]*")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@cache
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@cache
def _ru_parts(word: str) -> tuple[str, frozenset[str]]:
    """The likeliest part of speech pymorphy3 gives the word, and every one it allows (an ambiguous form keeps all)."""
    parses = _morph().parse(word)
    best = str(parses[0].tag.POS) if parses and parses[0].tag.POS else ""
    return best, frozenset(str(p.tag.POS) for p in parses if p.tag.POS)


def words_of(phrase: str) -> list[str]:
    return _WORD.findall(phrase)


def closed(word: str) -> bool:
    """A word of a closed class (pronoun, preposition, conjunction, particle, auxiliary): never a name by itself."""
    low = word.casefold().strip("'’")
    if _CYRILLIC.search(low):
        return low in _RU_ALWAYS_CLOSED or _ru_parts(low)[0] in _RU_NOT_FIRST - {"VERB", "INFN", "GRND", "PRTS", "ADVB"}
    return low in _EN_CLOSED


def verb(word: str) -> bool:
    """A finite verb, an infinitive, a gerund or a short participle: the phrase it is in is a clause or an action."""
    low = word.casefold()
    if _CYRILLIC.search(low):
        best, allowed = _ru_parts(low)
        return bool(allowed) and (best in _RU_FINITE | {"INFN"} or allowed <= _RU_FINITE | {"INFN", "ADVB"})
    return low in _EN_FINITE


def starts_with_verb(sentence: str) -> bool:
    """A sentence with no subject of its own ("убрали из обучения NSP", "Предобучен на C4", "Uses rotary embeddings"):
    a note under a topic, whose subject is the topic."""
    found = words_of(sentence)
    if not found:
        return False
    first = found[0]
    if _CYRILLIC.search(first):  # past adverbs and particles ("Корректно определена", "якобы превосходит")
        for word in found[:3]:
            best = _ru_parts(word.casefold())[0]
            if best not in ("ADVB", "PRCL", "CONJ"):
                return best in _RU_FINITE | {"INFN", "ADJS"}
        return False
    low = first.casefold()
    if low in {"lets", "let's"} or low.endswith("ing"):  # "Using X …": a gerund is the subject
        return False
    if len(found) > 1 and found[1].casefold() in _EN_CLOSED | _EN_FINITE:
        return False  # "Scores are divided …": a noun that could be a verb, with its own verb after it
    return low in _EN_FINITE - _EN_CLOSED or verb_form(low)


_EN_CLAUSE = frozenset("is are was were be been being am has have had do does did can could will would shall should may "
                       "might must we you it they i he she".split())


def is_fragment(text: str) -> bool:
    """A note written without a clause of its own ("Less sensitive to outliers than L2", "Adaptive loss on top of CE",
    "Размер матрицы d x T"): no finite verb (Russian), no auxiliary or personal subject (English). What it names is
    said of its topic; a full sentence ("we build a model using RNNs") may only mention a word on its way."""
    found = words_of(text)
    if any(_CYRILLIC.search(w) for w in found):
        return not any(_ru_parts(w.casefold())[0] == "VERB" for w in found if _CYRILLIC.search(w))
    return not any(w.casefold() in _EN_CLAUSE for w in found)


def is_name(phrase: str) -> bool:
    """A noun phrase that a card can ask for: `GRU`, `Отсечение градиента`, `beam search`. Not a clause
    ("Without this you", "Ограничивая максимальное значение"), not a phrase that starts or ends with a closed-class
    word ("Each stage", "Its failure modes", "One of them"), not a bare number."""
    found = words_of(phrase)
    if not found or len(found) > 6:
        return False
    first, last = found[0].casefold(), found[-1].casefold()
    if closed(found[0]) or _CYRILLIC.search(first) and _ru_parts(first)[0] in _RU_NOT_FIRST:
        return False
    if not _CYRILLIC.search(last) and last in _EN_DANGLING or _CYRILLIC.search(last) and closed(found[-1]):
        return False
    if any(_pointer(w) for i, w in enumerate(found) if not (i and w == "I")):
        return False  # "Getting this right", "Its failure modes", "их размер"; "Type I error" has a numeral, not "I"
    return not any(verb(w) for w in found)


_EN_POINTERS = frozenset("this these those that it its they them their there here we you our your my i he she his her us "
                         "me".split())
_RU_DEMONSTRATIVES = frozenset("это этот эта эти этого этой этим этих эту тот та то те того той тем тех".split())


def _pointer(word: str) -> bool:
    """A pronoun or a demonstrative: `this`, `its`, `их`, `этот`, `тот`; `it's`, `they're` by the word before the
    apostrophe."""
    low = re.split(r"['’]", word.casefold())[0]
    if _CYRILLIC.search(low):
        return low in _RU_DEMONSTRATIVES or _ru_parts(low)[0] == "NPRO"
    return low in _EN_POINTERS


# Words that point but are no pointer where a clause or an answer opens: a possessive ("its quadratic cost" belongs to
# the thing the question names) and the first and second person ("we use exp", "you lose the order": anyone).
_NOT_IN_A_CLAUSE = frozenset("its their his her our your my we you i us me there here его её ее их мы вы я ты нас вас нам "
                             "вам".split())


def opens_with_pointer(text: str, within: int = 1, clause: bool = False) -> bool:
    """One of the first `within` words of the text points at something the card does not show ("It …", "This way …",
    «Это …», «Они …»): one list for every recognizer and the judge, so they agree on what a pointer is. Where the text
    is a clause or an answer (`clause=True`), a possessive and the first or second person are no pointer."""
    return any(_pointer(w) and not (clause and w.casefold() in _NOT_IN_A_CLAUSE) for w in words_of(text)[:within])


@cache
def _en_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """An English word's lemmas by part of speech, from lemminflect's dictionary ({} when it does not know it)."""
    from lemminflect import getAllLemmas

    return getAllLemmas(word)


@cache
def _en_parts(word: str) -> frozenset[str]:
    """The parts of speech lemminflect's dictionary allows an English word ({} when it does not know it)."""
    return frozenset(_en_lemmas(word))


def states(text: str) -> bool:
    """A statement, not a list of topics: a verb (`lies`, `used`, `даёт`, `является`) or a relation mark (` — `, `=`).
    "номенклатура моделей, преимущества и недостатки, лоссы, метрики" names what notes will cover and states nothing."""
    if re.search(r"\s[—–]\s|\s-\s|=|:\s", text):
        return True
    found = words_of(text)
    for word in found:
        low = word.casefold()
        if _CYRILLIC.search(low):
            if _ru_parts(low)[0] in _RU_FINITE | {"INFN"}:
                return True  # its likeliest reading a verb: "ускоряет", "является", "используя"
        elif low in _EN_FINITE:
            return True
        elif len(found) >= 4 and low != (_en_lemmas(low).get("VERB") or (low,))[0]:
            return True  # "makes", "used", "learned": a verb not in its base form, in a sentence ("Types of gates" is none)
    return False


def russian_action(word: str) -> str | None:
    """The infinitive of a Russian transitive verb written in the present tense, third person singular (`обучает` →
    `обучать`, `строит` → `строить`), by pymorphy3's likeliest reading; None for any other word."""
    low = word.casefold()
    if not _CYRILLIC.search(low):
        return None
    parse = _morph().parse(low)[0]
    tag = parse.tag
    if tag.POS != "VERB" or tag.transitivity != "tran" or tag.person != "3per" or tag.number != "sing" or tag.tense != "pres":
        return None
    return parse.normal_form


def russian_short_adjective(word: str) -> bool:
    """A Russian short adjective or participle (`устойчива`, `чувствителен`, `подвержена`): what a thing is, said of it
    with the object it holds for ("устойчива к выбросам")."""
    low = word.casefold()
    return bool(_CYRILLIC.search(low)) and any(p.tag.POS in ("ADJS", "PRTS") for p in _morph().parse(low)[:2])


def third_person(word: str) -> str | None:
    """The base form of an English verb written in the present tense, third person (`works` → `work`, `belongs` →
    `belong`), by lemminflect's dictionary; None for any other word (`is` and `has` are auxiliaries, not asked by)."""
    low = word.casefold()
    if not re.fullmatch(r"[a-z]{3,}s", low) or low in ("is", "has", "does", "was"):
        return None
    lemmas = _en_lemmas(low).get("VERB", ())
    lemma = next((lemma for lemma in lemmas if lemma != low), None)
    return lemma if lemma and _inflected(lemma, low) else None


def nominative(phrase: str, case: str = "accs", to: str = "nomn") -> str:
    """A Russian noun phrase that opens `phrase` put from the accusative (or the case given, `ablt` for the
    instrumental) into the nominative, by pymorphy3 ("простую кусочно-линейную функцию …" → "простая кусочно-линейная
    функция …", "методом ансамблирования" → "метод ансамблирования"): what "X представляет собой" or "X является" is
    followed by, asked back as "Что такое X?". The words after the phrase's first noun stay as written. With `to`, into
    that case instead ("бустингом" → "бустинга" for "отличается от …")."""
    out, changed = [], False
    tokens = phrase.split(" ")
    for i, token in enumerate(tokens):
        word = token.strip(",.;:()«»\"")
        parse = next((p for p in _morph().parse(word.casefold()) if p.tag.POS in ("ADJF", "PRTF", "NOUN") and case in p.tag),
                     None) if word else None
        if word.casefold() in ("же", "ведь", "и"):  # "той же проблемой": a particle inside the phrase stays as it is
            out.append(token)
            continue
        if not parse or not _CYRILLIC.search(word):
            return " ".join(out + tokens[i:]) if changed else phrase
        wanted = {to} | ({"plur"} if "plur" in parse.tag else set())
        found = parse.inflect(wanted)
        new = found.word if found else word
        new = new[:1].upper() + new[1:] if word[:1].isupper() else new
        out.append(token.replace(word, new, 1))
        changed = changed or new != word
        if parse.tag.POS == "NOUN":
            return " ".join(out + tokens[i + 1:])
    return " ".join(out) if changed else phrase


def nominative_subject(phrase: str) -> bool:
    """A phrase that can be the subject of a Russian sentence: its first noun can be read in the nominative
    ("Бэггинг", "Функция потерь"; not "Недостатком бэггинга"). A phrase with no Russian word is a name as written."""
    for word in words_of(phrase):
        if not _CYRILLIC.search(word):
            continue
        parses = [p for p in _morph().parse(word.casefold()) if p.tag.POS == "NOUN"]
        if parses:
            return any("nomn" in p.tag for p in parses)
    return True


def adverb(word: str) -> bool:
    """An English word lemminflect's dictionary allows only as an adverb (`typically`, `usually`; not `early`)."""
    low = word.casefold()
    return set(_en_lemmas(low)) == {"ADV"}


def adjective(word: str) -> bool:
    """An English word lemminflect's dictionary allows as an adjective in its plain degree (`robust`, `sensitive`,
    `useful`; not `better`, whose lemma is `good`)."""
    low = word.casefold()
    return low in _en_lemmas(low).get("ADJ", ())


def verb_form(word: str) -> bool:
    """An English word lemminflect's dictionary knows as a form of a verb other than its base (`used`, `based`)."""
    low = word.casefold()
    return any(lemma != low for lemma in _en_lemmas(low).get("VERB", ()))


def imperative(word: str) -> bool:
    """An English verb in its base form that is no other part of speech (`prefer`, `compute`; not `use`, also a noun):
    a clause it opens tells the reader what to do and has no subject."""
    low = word.casefold()
    parts = _en_lemmas(low)
    return low in parts.get("VERB", ()) and not parts.keys() - {"VERB"}


def plural_noun(word: str) -> bool:
    """An English noun in the plural by lemminflect's dictionary (`Embeddings`, `Forests`), not a word that is only a
    singular ending in -s (`Lasso`, `loss`, `Bayes`) or unknown to it."""
    low = word.casefold()
    nouns = _en_lemmas(low).get("NOUN", ())
    return low.endswith("s") and bool(nouns) and low not in nouns


@cache
def _inflected(lemma: str, form: str) -> bool:
    from lemminflect import getInflection

    return form in getInflection(lemma, tag="VBZ")


def can_be_noun(word: str) -> bool:
    """A single word a card may hide as a term: one that can be a noun (or is unknown to the dictionaries: a name, an
    acronym, jargon). `Evaluate`, `Remove`, `Popular`, `Sparse`, `или` cannot: a verb or an adjective is not a term."""
    if not re.fullmatch(r"[A-Za-zА-Яа-яЁё][a-zа-яё'’-]*", word) or word.casefold().endswith(("ing", "ние", "ция")):
        return True  # an acronym, a mixed-case name, a gerund or a verbal noun
    low = word.casefold()
    if _CYRILLIC.search(low):
        best, allowed = _ru_parts(low)
        return not allowed or bool(allowed & {"NOUN"}) or best == ""
    if low in _EN_NEVER_NOUNS:
        return False  # "with", "the", "is": a word of grammar, which the dictionary leaves out, is never a term
    allowed = _en_parts(low)
    return not allowed or bool(allowed & {"NOUN", "PROPN"})


def opens_an_order(text: str) -> bool:
    """An English line that opens with a verb in its base form and goes on to its object ("Handle missing values …",
    "Check for data leakage"): an instruction, whose first word is what to do, even where it could be a noun."""
    found = words_of(text)
    if len(found) < 2 or _CYRILLIC.search(found[0]) or not found[0][:1].isupper():
        return False
    first, second = found[0].casefold(), found[1].casefold()
    if first not in _en_lemmas(first).get("VERB", ()) or not common_words(found[0]):
        return False
    if re.match(r"[\W_]*\S+[\W_]*\s*[:—–=(]|[\W_]*\S+\s+-\s", text):
        return False  # "Check: …", "Handle — …": a label with its meaning
    # the next word is the verb's object or its particle, not the verb of a subject ("Attention scores …", "Cache hits are …")
    return second in {"the", "a", "an", "for", "out", "up", "all", "each", "every", "your", "its", "their", "missing", "any"} or \
        bool(_en_parts(second) & {"ADJ"}) and not _en_parts(second) & {"VERB"}


def common_words(phrase: str) -> bool:
    """Every word of the phrase is one the dictionaries know ("Usage", "Normalization across", "Область применения"),
    so the phrase names an aspect, not a thing of its own ("Encoder-Only", "Unigram Language Model", "BatchNorm")."""
    if re.search(r"[A-ZА-ЯЁ]\w*-[A-ZА-ЯЁ]", phrase):
        return False  # "Encoder-Only", "Self-Attention": a name in title case
    found = [w for part in words_of(phrase) for w in part.split("-")]
    if not found:
        return False
    for word in found:
        low = word.casefold()
        if _CYRILLIC.search(low):
            if not _morph().word_is_known(low):
                return False
        elif not _en_parts(low):
            return False
    return True


def names_a_class(phrase: str) -> bool:
    """A plural of common words ("Errors", "Layers", "pruned trees", "Common words", "Значения"): things of a kind, of
    which a sentence says something ("Errors are normally distributed"); not the name of one concept that "what is …?"
    can ask for. Its head is the last word in English, the first noun in Russian."""
    found = words_of(phrase)
    if not found or not common_words(phrase) or re.search(r"[A-Z]\w*\s+[A-Z]", phrase):
        return False  # "Word Embeddings", "Autoregressive Models": a name in title case
    if _CYRILLIC.search(found[0]):
        for word in found:
            parse = _morph().parse(word.casefold())[0]
            if parse.tag.POS == "NOUN":
                return "plur" in parse.tag and "Pltm" not in parse.tag
        return False
    return plural_noun(found[-1])


# Where the noun phrase of a definition ends and a clause about it begins ("… that", "…, который").
_RELATIVE = re.compile(r",|\b(?:that|which|who|whose|where|when|used|in which|котор\w+|где|когда|чтобы|использу\w+)\b", re.IGNORECASE)
# "A few …", "A lot of …", "An example …": an article before a quantity or a part of the document, not a kind of thing.
_NOT_A_KIND = frozenset("few lot lots bit couple number little great good very quick short brief simple".split())


def personal(word: str) -> bool:
    """A Russian verb in the first or second person (`принимаем`, `считаешь`): its subject is the author or the reader."""
    parse = _morph().parse(word.casefold())[0]
    return parse.tag.POS == "VERB" and parse.tag.person in ("1per", "2per")


def subject_follows(found: list[str]) -> bool:
    """A Russian sentence that opens with a verb that takes no object (reflexive, a short participle, or one of being)
    and its subject after it ("Рассматривается самая простая модель", "Существует несколько подходов"): the sentence
    names what it is about. "Используется для …", "Реализована в виде …" have none."""
    if len(found) < 2:
        return False
    first = _morph().parse(found[0].casefold())[0]
    intransitive = found[0].casefold().endswith(("ся", "сь")) or first.tag.POS == "PRTS" or first.tag.transitivity == "intr"
    if not intransitive:
        return False
    for word in found[1:]:
        parses = _morph().parse(word.casefold())
        if any(p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR") and p.tag.case == "nomn" for p in parses[:2]):
            return True
        if not any(p.tag.POS in ("ADVB", "PRCL") for p in parses[:1]):
            return False
    return False


def names_a_kind(sentence: str) -> bool:
    """A sentence that is only a noun phrase naming a kind of thing, with no verb of its own before its relative clause:
    "A feedforward neural network of multiple layers.", "Функция активации, которая …". Written under a heading that
    names one thing, it says what that thing is."""
    found = words_of(sentence)
    if len(found) < 3:
        return False
    head = _RELATIVE.split(sentence, maxsplit=1)[0]
    before = words_of(head)
    if _CYRILLIC.search(found[0]):
        parse = _morph().parse(found[0].casefold())[0]
        return (parse.tag.POS == "NOUN" and parse.tag.case == "nomn" and not is_label(found[0])
                and not any(_ru_parts(w.casefold())[0] in _RU_FINITE | {"INFN"} for w in before if _CYRILLIC.search(w)))
    if found[0] not in ("A", "An") or found[1].casefold() in _EN_CLOSED | _NOT_A_KIND or is_label(found[1]) or \
            re.search(r"(?<!that)(?<!which)(?<!who)\s(?:is|are|was|were)\s", sentence):
        return False  # "A model that uses L1 is called Lasso": the noun phrase is the subject of a verb after it
    # no auxiliary, pronoun or verb in the present ("A model learns …" is a clause about "a model"); a participle
    # ("followed by", "trained on") describes the noun
    return not any(w.casefold() in _EN_CLAUSE or (third_person(w) and not plural_noun(w)) for w in before[1:])


def is_label(phrase: str) -> bool:
    """A lead-in naming a part of the document (`38. Remark`, `**Вывод:**`, `Для интервью`), not the subject."""
    found = [w.casefold() for w in words_of(phrase)]
    if not found:
        return False
    if _CAPTION.fullmatch(phrase.strip(" *_:.")):
        return True  # "Figure 2", "Рис. 3": a caption's number, a part of the document
    if found[0] in {"для", "for"} and len(found) <= 3:
        return True  # "Для интервью:", "For example:"
    if 2 <= len(found) <= 3 and found[0] in _ASPECTS:
        return True  # "Применение RNN", "Applications of RNNs": a part of the notes about the thing, not its name
    return len(found) <= 2 and found[-1] in LABELS


def caption(text: str) -> bool:
    """The text is a figure's or a table's caption ("*Figure 1: The Transformer …*", «Рис. 3. Схема …»): it says what a
    picture the card cannot show is of."""
    return bool(_CAPTION_LINE.match(text))


def is_symbol(phrase: str) -> bool:
    """One letter or a short symbol (`X`, `alpha`, `s<t-1>`, `θ`, `x⃗ ∈ X` with the set it lies in): it means something only
    inside its formula."""
    phrase = re.sub(r"[\u0300-\u036f\u20d0-\u20ff]", "", phrase.split("∈")[0])  # without its set and its accents
    bare = re.sub(r"[\s*`_{}^<>()\[\]'’,.-]", "", phrase)
    greek = {"alpha", "beta", "gamma", "delta", "epsilon", "theta", "lambda", "mu", "sigma", "tau", "phi", "omega"}
    if re.fullmatch(r"[A-ZА-ЯЁ]{2}", bare):
        return False  # `BP`, `ML`: an abbreviation, a name
    return len(bare) <= 2 or bare.casefold() in greek or bool(re.fullmatch(r"[A-Za-zα-ωΑ-Ω]\d*[a-z]?\d*", bare))
