"""The judge (prep/notes/judge.py) and the word classes it reads (prep/notes/words.py): what makes a guessed card
one a reader would likely not keep, on the faults issue 18 saw."""

from __future__ import annotations

import pytest

from prep.notes import judge, words
from prep.notes.cards import generate
from prep.notes.lint import lint
from prep.notes.model import Draft


@pytest.mark.parametrize("phrase", ["Parametric knowledge", "MCP", "Отсечение градиента", "beam search", "CBOW",
                                    "Модель n-граммы", "Глубокое обучение"])
def test_names_are_noun_phrases(phrase: str) -> None:
    assert words.is_name(phrase)


@pytest.mark.parametrize("phrase", ["Each stage", "Its failure modes", "Without this you", "One of them", "Good judgment here",
                                    "Ограничивая максимальное значение градиента", "где f", "XLNet не использует",
                                    "Эта модель", "Как работает", "Because word embeddings"])
def test_clauses_pronouns_and_lead_ins_are_not_names(phrase: str) -> None:
    assert not words.is_name(phrase)


def test_labels_and_symbols() -> None:
    assert all(words.is_label(p) for p in ["38. Remark", "Вывод", "Для интервью", "Disadvantage"])
    assert not any(words.is_label(p) for p in ["ALBERT", "Отсечение градиента", "beam search"])
    assert all(words.is_symbol(p) for p in ["X", "Tx", "alpha", "s<t-1>", "θ"])
    assert not any(words.is_symbol(p) for p in ["BP", "GRU", "BLEU"])


def test_the_definition_recognizer_takes_only_names() -> None:
    deck = generate("# Обучение\n\nОграничивая максимальное значение градиента: это явление контролируется на практике.\n\n"
                    "Отсечение градиента — метод против взрывающихся градиентов при обратном распространении.\n")
    terms = [d.front for d in deck.drafts if d.kind == "definition"]
    assert any("Отсечение градиента" in t for t in terms) and not any("Ограничивая" in t for t in terms)


def _guess(kind: str, front: str, back: str, path: tuple[str, ...] = ("Models", "BERT")) -> Draft:
    return Draft(kind, path, 0, front, back, 1)


def test_signals_name_the_faults_people_saw() -> None:
    label = _guess("definition", "What is **Remark**?", "the sign ⋆ denotes element-wise multiplication")
    assert "term-is-a-label" in judge.signals(label, label.kind, label.path)
    heading = _guess("which", "Which model: encoder-only, masked LM?", "BERT")
    assert "answer-in-path" in judge.signals(heading, heading.kind, heading.path)
    listed = _guess("term", "**Activations** · Functions such as […], ReLU and others are used.", "**Sigmoid**", ("Activations",))
    assert "blank-is-one-of-a-list" in judge.signals(listed, listed.kind, listed.path)
    meta = _guess("definition", "What is **Attention is all you need**?", "the paper", ("Notes", "Sources"))
    assert "meta-section" in judge.signals(meta, meta.kind, meta.path)


def test_the_lint_says_a_doubted_guess_is_unlikely_kept_and_leaves_the_authors_cards_to_the_rules() -> None:
    assert judge.model(), "prep/notes/judge.toml is missing: python bench/judged.py --write-precision"
    label = _guess("definition", "What is **⟶ Remark ―**?", "the sign ⋆ means element-wise")  # a lead-in, the source's arrows
    faults = lint(label)
    assert [f.code for f in faults] == ["unlikely-kept"]
    assert any(message in faults[0].message for message in judge.MESSAGES.values())
    authored = _guess("qa", "Which model is encoder-only with a masked LM?", "BERT")
    assert not lint(authored)
    assert judge.sure(authored, "qa", authored.path) and not judge.sure(label, "definition", label.path)
