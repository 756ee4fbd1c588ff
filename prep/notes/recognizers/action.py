"""What a named thing does, by any verb: `AdaBoost works by weighting …` → "How does **AdaBoost** work?", `Random Forest
belongs to a class of ensemble methods` → "What does **Random Forest** belong to?".

function.py asks by the verbs whose question is known ("What does X prevent?"); this asks by any English verb in the
present tense, third person, that lemminflect's dictionary knows, after a sentence's named subject (as function.py
finds it). It runs after the cloze over the subject (term.py): where that blank is the fact, it keeps it.
"""

from __future__ import annotations

import re

from prep.notes import words
from prep.notes.model import Context, Fact, Proposal
from prep.notes.recognizers.function import _many, card, named


# Verbs that say little on their own ("X makes …", "X gets …", "X seems …") or that another recognizer asks better
# ("is", "means", "stands for"): a question "What does X make?" has no one answer.
# A verb of opinion says what someone thinks ("Andrew thinks …", "the paper argues …"), not what the thing does; "X
# tends to …", "X occurs when …" ask nothing a "what" can answer.
_LIGHT = frozenset("be have do make get go come seem look become say mean stand refer call give put keep let take "
                   "need want try show see find turn happen appear remain tend think believe argue suggest claim note "
                   "recommend feel occur exist arise".split())
_PARTICLES = ("to", "on", "of", "from", "into", "in", "with", "for", "about", "as", "between", "over", "across", "through",
              "against", "at")
_ENABLING = re.compile(r"(?:you|us|one|them|the models?|models?|the networks?|a model)\s+(?:to\s+)?(?=\w)", re.IGNORECASE)
# What follows the verb is a clause, a negation or a bare verb, not what the thing does: "occurs when …", "does not …",
# "helps to reduce" is asked by its own verb.
_NOT_AN_OBJECT = re.compile(r"(?i:not|no|never|only|when|if|because|while|where|since|whether|although|though|"
                            r"unless|that|so)\b|[,.;:(]")
_AFTER_A_NOUN = re.compile(r"(?i:are|is|were|was|can|could|may|might|should|will|would|have|has|with|that|which|and|or|"
                           r"of|for|like|such)\b")
_OBJECT_START = re.compile(rf"(?i:the|an?|its|their|each|every|all|both|one|two|several|many|more|less|by|"
                           rf"{'|'.join(_PARTICLES)})\b")
_ADVERB = re.compile(r"(?:also|then|thus|therefore|hence|now|still|simply|basically|essentially)\s+", re.IGNORECASE)


def _asked(name: str, rest: str, cue: str) -> list[Proposal]:
    """A name followed by any verb in the present tense, third person (`AdaBoost works by weighting …`, `Random Forest
    belongs to …`, `Negative sampling allows you to …`), by lemminflect's dictionary: "How does X work?", "What does X
    belong to?", "What does X allow you to do?". A plural subject, a negation or a light verb makes no card."""
    rest = _ADVERB.sub("", rest, count=1) if _ADVERB.match(rest) else rest
    first, _, after = rest.partition(" ")
    lemma = words.third_person(first)
    if not lemma or lemma in _LIGHT or names_many(name) or _NOT_AN_OBJECT.match(after):
        return []
    if words.can_be_noun(first) and _AFTER_A_NOUN.match(after):
        return []  # "Random forest models are …", "… models with many trees": the word is the subject's plural noun
    if words.plural_noun(first) and not _OBJECT_START.match(after):
        return []  # "ML models need …": a noun after the name, then the sentence's verb
    if lemma in ("allow", "enable", "help", "permit"):
        if not _ENABLING.match(after):
            return []  # "Pooling allows layers which receive … to learn": who is let do what, the card cannot split
        return card(f"{cue}What does **{name}** {lemma} you to do?", _ENABLING.sub("", after, count=1))
    if re.match(r"(?i:us|you|them|me|him|her)\b", after):
        return []  # "The central limit theorem tells us that this …": what it tells is a clause of its own
    particle = next((p for p in _PARTICLES if after.casefold().startswith(p + " ")), None)
    if after.casefold().startswith("by "):
        return card(f"{cue}How does **{name}** {lemma}?", after)
    if particle:
        return card(f"{cue}What does **{name}** {lemma} {particle}?", after[len(particle):])
    return card(f"{cue}What does **{name}** {lemma}?", after)


names_many = _many  # a subject in the plural: its verb has no -s, and the sentence is about a class


def propose(fact: Fact, ctx: Context) -> list[Proposal]:
    found = named(fact, ctx)
    if not found or words.is_symbol(found[0]):
        return []
    name, rest, cue = found
    if re.search(r"[а-яё]", fact.text, re.IGNORECASE):
        return _asked_in_russian(name, rest, cue)
    return _asked(name, rest, cue)


# Verbs that say little of what the thing does ("X даёт …", "X имеет …", "X знает …"), or that definition.py asks ("X
# представляет собой …"; "является", "называется" are not transitive anyway).
_RU_LIGHT = frozenset("иметь давать делать получать содержать включать требовать показывать означать представлять знать "
                      "считать думать понимать видеть".split())


def _asked_in_russian(name: str, rest: str, cue: str) -> list[Proposal]:
    """`Бэггинг обучает каждую модель на бутстреп-выборке` → "Что делает **Бэггинг**?" → "обучает каждую модель …":
    a name and a transitive verb in the present tense (pymorphy3), its action the answer. "Что X обучает?" would read
    both ways in Russian; "Что делает X?" does not."""
    first, _, after = rest.partition(" ")
    verb = words.russian_action(first.strip(",.;:"))
    if not verb or verb in _RU_LIGHT or not after.strip() or re.match(r"(?i:не|ли)\b", after):
        return []
    return card(f"{cue}Что делает **{name}**?", rest)
