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
from prep.notes.recognizers._common import SIBLINGS, dangles, trim, worked_example

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
       "улучшает", "добавляет", "убирает", "разбивает", "сливает", "обучает")
_RU_PHRASES = {"основан на": "На чём основан", "основана на": "На чём основана", "основано на": "На чём основано",
               "используется для": "Для чего используется", "применяется для": "Для чего применяется",
               "нужен для": "Для чего нужен", "нужна для": "Для чего нужна", "нужно для": "Для чего нужно",
               "состоит из": "Из чего состоит", "обучается на": "На чём обучается", "обучен на": "На чём обучен",
               "обучена на": "На чём обучена"}

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
            return name[0], plain_body[article.end() + name.end():].strip()
    name = re.match(r"(?:[A-ZА-ЯЁ][\w\-]*[A-ZА-ЯЁ0-9][\w\-]*|[A-Z][a-z]+(?:[- ][A-Z][\w\-]*){1,3})(?=\s)", plain_body)
    if name and words.is_name(name[0]) and not re.match(r"\s+[A-Z]", plain_body[name.end():]):
        return name[0], plain_body[name.end():].strip()  # not "Inverse Document" of "Inverse Document Frequency(IDF)"
    single = re.match(r"[A-ZА-ЯЁ][a-zа-яё\-]{3,}(?=\s)", plain_body)  # "Dropout prevents …", "Регуляризация снижает …"
    if single and words.is_name(single[0]) and not words.common_words(single[0]):  # jargon, not "Performance"
        return single[0], plain_body[single.end():].strip()
    return None


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
        for phrase, asked in _RU_PHRASES.items():
            if rest.casefold().startswith(phrase + " "):
                return card(f"{cue}{asked} **{name}**?", rest[len(phrase):])
        verb = next((v for v in _RU if rest.casefold().startswith(v + " ")), None)
        return card(f"{cue}Что **{name}** {verb}?", rest[len(verb):]) if verb else []
    low = rest.casefold()
    used = re.match(r"(is|are) (?:often |mostly |mainly |commonly |usually )?used to ", low)
    if used:  # "Regularization is used to reduce overfitting" → "What is Regularization used for?" → "to reduce …"
        return card(f"{cue}What {used[1]} **{name}** used for?", "to " + rest[used.end():])
    held = _HELD.match(rest)
    if held and words.adjective(held["adj"]):  # "MSE is sensitive to outliers" → "What is MSE sensitive to?" → "outliers"
        neg = "not " if held["neg"] else ""
        return card(f"{cue}What {held['aux'].casefold()} **{name}** {neg}{held['adj']} {held['prep'].casefold()}?",
                    rest[held.end():])
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
    does = "do" if _EN[verb] == verb else "does"
    return card(f"{cue}What {does} **{name}** {_EN[verb]}?", rest[len(verb):])


def card(front: str, answer: str) -> list[Proposal]:
    answer = trim(answer)
    if re.match(r"(?i:this|that|these|those|it|them|это|этот|эту|эти|его|её|их)\b", answer) or len(answer.split()) < 2 or dangles(answer) or len(answer) > 220:
        return []
    return [Proposal("function", front, answer)]

