"""What a named thing does: `**Dropout** prevents overfitting`, `LoRA is based on low-rank updates`, `BPE merges the most
frequent pair of symbols` → "What does **Dropout** prevent?" → "overfitting".

The question an interviewer asks names the thing and asks what it does; the cloze over its name ("[…] prevents
overfitting") asks the other way, where many things fit. Only a sentence whose subject is a name (marked, an acronym,
a capitalised term, or the topic itself) and whose verb says what the thing does.
"""

from __future__ import annotations

import re

from prep.notes import words
from prep.notes.inline import plain
from prep.notes.model import Context, Fact, Proposal
from prep.notes.recognizers._common import SIBLINGS, stands_alone, trim, worked_example

# A verb as written → its base form, which the question asks with ("prevents" → "What does X prevent?"); a verb written
# in its base form ("prevent") had a plural subject: "What do X prevent?". A preposition stays with its verb.
_EN = {
    "prevents": "prevent", "prevent": "prevent", "reduces": "reduce", "reduce": "reduce", "mitigates": "mitigate",
    "avoids": "avoid", "avoid": "avoid", "addresses": "address", "solves": "solve", "solve": "solve",
    "fixes": "fix", "removes": "remove", "replaces": "replace", "replace": "replace", "adds": "add", "add": "add",
    "uses": "use", "use": "use", "combines": "combine", "combine": "combine", "computes": "compute",
    "measures": "measure", "measure": "measure", "maps": "map", "map": "map", "learns": "learn", "learn": "learn",
    "predicts": "predict", "predict": "predict", "generates": "generate", "encodes": "encode", "merges": "merge",
    "normalizes": "normalize", "normalises": "normalise", "penalizes": "penalize", "penalises": "penalise",
    "minimizes": "minimize", "maximizes": "maximize", "estimates": "estimate", "splits": "split",
    "requires": "require", "require": "require", "improves": "improve", "speeds up": "speed up",
    "relies on": "rely on", "rely on": "rely on", "consists of": "consist of", "consist of": "consist of",
    "depends on": "depend on", "depend on": "depend on", "focuses on": "focus on",
    # what a thing stands for or decides: its object is the answer ("The ROC curve represents …", "The learning rate
    # controls the size of each step")
    "represents": "represent", "represent": "represent", "describes": "describe", "describe": "describe",
    "specifies": "specify", "specify": "specify", "captures": "capture", "capture": "capture",
    "controls": "control", "control": "control", "determines": "determine", "determine": "determine",
    "indicates": "indicate", "indicate": "indicate", "stores": "store", "store": "store",
    "produces": "produce", "produce": "produce", "converts": "convert", "convert": "convert",
    "transforms": "transform", "transform": "transform", "approximates": "approximate", "approximate": "approximate",
}
_EN_PASSIVE = ("is based on", "are based on", "is used for", "are used for",
               "is composed of", "are composed of", "is trained on", "are trained on", "is trained with",
               "is built on", "is defined by", "is made of")
_HELD = re.compile(r"(?P<aux>is|are)\s+(?P<neg>not\s+)?(?:very\s+|quite\s+|more\s+|less\s+|highly\s+|particularly\s+|"
                   r"especially\s+)?(?P<adj>[a-z]+)\s+(?P<prep>to|for|against|of|with|on|in|from|at)\s+", re.IGNORECASE)
# "Accuracy is not a good metric when the classes are imbalanced" → "When is Accuracy not a good metric?": the case
# the statement holds in, which the interviewer asks for. The statement is short and no clause of its own.
_WHEN = re.compile(r"(?P<aux>is|are)\s+(?P<what>(?:not\s+)?[^,;:()]{2,50}?)\s+(?P<answer>(?:when|if|whenever)\s+.+)$",
                   re.IGNORECASE)
_EN_LONGEST_FIRST = tuple(sorted(_EN, key=len, reverse=True))  # "relies on" before "relies"
_RU = ("предотвращает", "уменьшает", "снижает", "решает", "устраняет", "использует",
       "заменяет", "вычисляет", "измеряет", "кодирует", "нормализует", "генерирует", "предсказывает", "штрафует",
       "минимизирует", "максимизирует", "оценивает", "объединяет", "учитывает", "требует", "ускоряет",
       "улучшает", "добавляет", "убирает", "разбивает", "сливает", "обучает", "определяет", "задаёт", "хранит",
       "описывает", "отражает", "контролирует", "преобразует", "аппроксимирует", "показывает", "означает")
_RU_PHRASES = {"основан на": "На чём основан", "основана на": "На чём основана", "основано на": "На чём основано",
               "используется для": "Для чего используется", "применяется для": "Для чего применяется",
               "нужен для": "Для чего нужен", "нужна для": "Для чего нужна", "нужно для": "Для чего нужно",
               "состоит из": "Из чего состоит", "обучается на": "На чём обучается", "обучен на": "На чём обучен",
               "обучена на": "На чём обучена"}
_VERBS = tuple(f"{v} " for v in (*_EN, *_RU, *_RU_PHRASES))  # what _does looks for after a subject

# "X устойчива к выбросам", "X чувствителен к масштабу", "X не подвержена переобучению": a property with what it holds
# for, asked by the preposition's own question word.
_RU_HELD = re.compile(r"(?P<neg>не\s+)?(?:очень\s+|более\s+|менее\s+|сильно\s+|крайне\s+)?(?P<adj>[а-яё]+)\s+"
                      r"(?P<prep>к|ко|от|на|для|в|с|со)\s+", re.IGNORECASE)
_BUT = re.compile(r"[,;]\s+(?:but|while|whereas|но|а|однако|тогда как)\s", re.IGNORECASE)  # the other side of a contrast
# The noun of a compound preposition ("в виде", "в качестве", "с помощью"): with it the preposition says how, not to what.
_RU_COMPOUND = re.compile(r"(?:виде|качестве|форме|роли|помощью|рамках|результате|ходе|течение|целях|пределах|основе)\b",
                          re.IGNORECASE)
_RU_ASKED = {"к": "К чему", "ко": "К чему", "от": "От чего", "на": "На что", "для": "Для чего", "в": "В чём", "с": "С чем",
             "со": "С чем"}
_LEAD = r"^(?:(?!\*\*|`)[\W_])*(?:[^\s:]+(?:\s[^\s:]+){0,2}:\s+)?"  # "⟶ ", "Note: ", a short label
_MARKED = re.compile(r"^(?:\*\*(?P<b>[^*]{2,40})\*\*|`(?P<c>[^`]{2,30})`)")


# "On a high level, BPE works by …", «На практике, бэггинг …»: how the sentence is said, not its subject.
_ADVERBIAL = re.compile(r"^(?:(?:on|at) a high level|in practice|in general|in short|in theory|in other words|basically|"
                        r"essentially|typically|usually|generally|intuitively|formally|simply put|roughly speaking|"
                        r"на практике|в общем случае|как правило|обычно|интуитивно|формально|по сути|грубо говоря),\s+",
                        re.IGNORECASE)


def subject(text: str, ctx: Context) -> tuple[str, str] | None:
    """The name the sentence opens with and the rest after it."""
    text = _ADVERBIAL.sub("", text, count=1)
    lead = re.match(_LEAD, text)
    body = text[lead.end():] if lead and not re.match(r"[^\s:]+:", text[lead.end():]) else text
    marked = _MARKED.match(body)
    if marked:
        return trim(marked["b"] or marked["c"]), body[marked.end():].strip()
    plain_body = plain(body)
    title = ctx.title.strip()
    if title and plain_body.casefold().startswith(title.casefold() + " "):
        return title, plain_body[len(title):].strip()
    article = re.match(r"(?:The|An?)\s+(?=(?:[a-z][a-z\-]*\s+){0,2}[A-Z][\w\-]*[A-Z0-9][\w\-]*\s)", plain_body)
    if article:  # "The naive RNN is …": a name after the article and its adjectives
        name = re.match(r"(?:[a-z][a-z\-]*\s+){0,2}[A-Z][\w\-]*[A-Z0-9][\w\-]*(?=\s)", plain_body[article.end():])
        if name and words.is_name(name[0]):
            after = plain_body[article.end() + name.end():].strip()
            nouns = re.match(r"((?:[a-z][a-z\-]+\s+){1,2})", after)  # "The ROC curve represents …": the name's head noun
            for size in range(len(nouns[1].split()) if nouns else 0, 0, -1):
                head = after.split()[:size]
                rest = after.split(None, size)[-1]
                if all(words.can_be_noun(w) and words.common_words(w) for w in head) and _does(rest) and words.is_name(f"{name[0]} {' '.join(head)}"):
                    return f"{name[0]} {' '.join(head)}", rest
            return name[0], after
    name = re.match(r"(?:[A-ZА-ЯЁ][\w\-]*[A-ZА-ЯЁ0-9][\w\-]*|[A-Z][a-z]+(?:[- ][A-Z][\w\-]*){1,3})(?=\s)", plain_body)
    if name and words.is_name(name[0]) and not re.match(r"\s+[A-Z]", plain_body[name.end():]):
        return name[0], plain_body[name.end():].strip()  # not "Inverse Document" of "Inverse Document Frequency(IDF)"
    single = re.match(r"[A-ZА-ЯЁ][a-zа-яё\-]{3,}(?=\s)", plain_body)  # "Dropout prevents …", "Регуляризация снижает …"
    if single and words.is_name(single[0]):
        rest = plain_body[single.end():].strip()
        if not words.common_words(single[0]):  # jargon, not "Performance"
            return single[0], rest
        if single[0] in ctx.terms and _does(rest):  # a term of these notes, before a verb ("Vocabulary sizes …" is none)
            return single[0], rest
    return _term(plain_body, ctx)


def _term(text: str, ctx: Context) -> tuple[str, str] | None:
    """A phrase of common words the notes name as a term (prep.notes.terms) opening the sentence before what it does:
    "The learning rate controls …" → "learning rate", "Attention weights are used to …" → "Attention weights"."""
    found = re.match(r"(?:(?:The|the)\s+)?((?:[\w\-]+\s+){1,4})", text)
    if not found:
        return None
    head = found[0][: found.start(1) - found.start(0)]
    phrase = found[1].split()
    for size in range(len(phrase), 0, -1):
        name = " ".join(phrase[:size])
        rest = text[len(head) + len(" ".join(phrase[:size])):].strip()
        verb = rest.split(" ", 1)[0]
        acts = size > 1 and words.third_person(verb) and not words.can_be_noun(verb)  # action.py asks it by its verb
        if (_does(rest) or acts) and words.is_name(name) and name in ctx.terms and not words.is_symbol(name):
            return name, rest
    return None


def _does(rest: str) -> bool:
    """The rest of a sentence opens with a verb function.py asks about."""
    low = rest.casefold()
    held = _RU_HELD.match(rest)
    return bool(re.match(r"(?:is|are)\s", low)) or low.startswith(_VERBS) or bool(held and words.russian_short_adjective(held["adj"]))


def named(fact: Fact, ctx: Context) -> tuple[str, str, str] | None:
    """A sentence of prose that opens with a name: the name, the rest of the sentence (plain), and the cue to put before
    the question (none when the name is the topic itself). None for a question, a list's lead-in, a worked example, a
    pronoun or a formula's case ("α= 1 normalises …")."""
    if fact.kind != "text" or SIBLINGS.search(fact.text) or "?" in fact.text or worked_example(ctx.path, ctx.label):
        return None
    found = subject(fact.text.strip(), ctx)
    if not found:
        return None
    name, rest = found
    if not name or len(name.split()) > 5 or name.casefold() in ("it", "this", "they", "это", "он", "она", "оно") or \
            re.search(r"[=<>+*/^]", name):
        return None
    return name, plain(rest), ctx.cue if name.casefold() != ctx.title.casefold() else ""


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    found = named(fact, ctx)
    if not found:
        return []
    name, rest, cue = found
    if ctx.lang == "ru" and re.search(r"[а-яё]", rest, re.IGNORECASE):
        held = _RU_HELD.match(rest)
        if held and words.russian_short_adjective(held["adj"]):
            # "Логистическая функция потерь устойчива к выбросам" → "К чему устойчива **…**?" → "выбросам"
            neg = "не " if held["neg"] else ""
            if _RU_COMPOUND.match(rest[held.end():]):  # "реализована в виде …": the preposition is of a manner, not an object
                return card(f"{cue}Как {neg}{held['adj']} **{name}**?", _BUT.split(rest[held.end() - len(held["prep"]) - 1:])[0].strip(),
                            least=2)
            return card(f"{cue}{_RU_ASKED[held['prep'].casefold()]} {neg}{held['adj']} **{name}**?", _BUT.split(rest[held.end():])[0],
                        least=1)
        for phrase, asked in _RU_PHRASES.items():
            if rest.casefold().startswith(phrase + " "):
                return card(f"{cue}{asked} **{name}**?", rest[len(phrase):])
        verb = next((v for v in _RU if rest.casefold().startswith(v + " ")), None)
        if not verb or re.match(r"\s*(?:,|что\b|как\b|где\b|когда\b|ли\b|насколько\b|сколько\b)", rest[len(verb):], re.IGNORECASE):
            return []  # "Энтропия показывает, что …": what follows is a clause of its own, not what it shows
        return card(f"{cue}Что **{name}** {verb}?", rest[len(verb):])
    low = rest.casefold()
    used = re.match(r"(is|are) (?:often |mostly |mainly |commonly |usually )?used to ", low)
    if used:  # "Regularization is used to reduce overfitting" → "What is Regularization used for?" → "to reduce …"
        return card(f"{cue}What {used[1]} **{name}** used for?", "to " + rest[used.end():])
    held = _HELD.match(rest)
    if held and words.adjective(held["adj"]):  # "MSE is sensitive to outliers" → "What is MSE sensitive to?" → "outliers"
        neg = "not " if held["neg"] else ""
        return card(f"{cue}What {held['aux'].casefold()} **{name}** {neg}{held['adj']} {held['prep'].casefold()}?",
                    _BUT.split(rest[held.end():])[0], least=1)
    when = _WHEN.match(rest)
    if when and not re.search(r"\b(?:is|are|was|were|which|that|who|better|worse|more|less|\w+er)\b", when["what"], re.IGNORECASE):
        # "When is DBScan better?" asks a comparison with its other side left out
        return card(f"{cue}When {when['aux'].casefold()} **{name}** {trim(when['what'])}?", when["answer"])
    for phrase in _EN_PASSIVE:
        if low.startswith(phrase + " "):
            aux, *verb = phrase.split()
            return card(f"{cue}What {aux} **{name}** {' '.join(verb)}?", rest[len(phrase):])
    verb = next((v for v in _EN_LONGEST_FIRST if low.startswith(v + " ")), None)
    if not verb:
        return []
    if _EN[verb] == verb and not _many(name):
        return []  # "Box-cox transform tries …": a base form after a name of one thing is no verb of it
    does = "do" if _EN[verb] == verb else "does"
    return card(f"{cue}What {does} **{name}** {_EN[verb]}?", rest[len(verb):])


def _many(name: str) -> bool:
    """A subject in the plural ("Attention weights", "RNNs"), whose verb has no -s."""
    last = (words.words_of(name)[-1:] or [""])[0]
    return words.names_a_class(name) or bool(re.fullmatch(r"[A-Z]{2,}s", last)) or words.plural_noun(last)


def card(front: str, answer: str, least: int = 2) -> list[Proposal]:
    """The card, unless its answer points elsewhere (a pronoun), is shorter than `least` words (a property's object may
    be one word: "outliers"), dangles or runs past 220 characters."""
    answer = trim(answer)
    if not stands_alone(answer, least):
        return []
    return [Proposal("function", front, answer)]

