"""The card linter: each rule on its own examples, faulty and clean, Russian and English."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from prep.notes import lint as L
from prep.notes.cards import generate
from prep.notes.model import Draft
from tests.conftest import DECK
from tests.test_layers import loaded_modules


@dataclass
class Card:
    front: str
    back: str


def codes(front: str, back: str) -> set[str]:
    return {f.code for f in L.lint(Card(front, back))}


def flags(rule, front: str, back: str = "ответ") -> bool:
    return bool(rule(Card(front, back)))


# ---- vague and part prompts ---------------------------------------------------


@pytest.mark.parametrize("front", [
    "**BERT** — что важно знать?",
    "_Модели › Encoder_\n\n**RoBERTa** — что нужно знать?",
    "**KV cache**: what matters?",
    "What matters about LayerNorm?",
    "Tell me about dropout",
    "What is it: **What is regression? 👶**; Here are some common regression models?",
    "**GLUE** · `[…]`",
])
def test_vague_prompts_are_flagged(front: str) -> None:
    assert flags(L.vague_prompt, front, "- a\n- b")


@pytest.mark.parametrize("front", [
    "Что маскирует BERT при предобучении?",
    "Сколько параметров у GPT-J?",
    "What does the KV cache store for each past token?",
    "Why is attention scaled by √d_k?",
    "RoBERTa маскирует токены [...] при каждой подаче примера",
])
def test_definite_questions_are_not_vague(front: str) -> None:
    assert not flags(L.vague_prompt, front, "заново")


def test_an_answer_that_is_a_question_is_flagged() -> None:
    assert flags(L.vague_prompt, "What is it: the recall was 60 out of 100 = 60%", "What percent of the positives did you catch?")
    assert not flags(L.vague_prompt, "Is BERT an encoder?", "Yes: encoder-only.")


@pytest.mark.parametrize("front", ["**attention** — что важно знать? (часть 3/5)", "**XLNet**: what matters? (part 2/2)",
                                   "Блок encoder (2/3)", "Problem 1 · How is it solved? (part 2/…)", "Transformer, part 2 of 3"])
def test_part_prompts_are_flagged(front: str) -> None:
    assert flags(L.part_prompt, front)


@pytest.mark.parametrize("front", ["В каком году вышел BERT?", "What does part-of-speech tagging assign?",
                                   "Сколько задач в GLUE (включая WNLI)?", "Chapter 2: why does dropout regularize?"])
def test_ordinary_questions_are_not_parts(front: str) -> None:
    assert not flags(L.part_prompt, front)


# ---- sizes ----------------------------------------------------------------------


def test_question_length_counts_what_is_read() -> None:
    assert flags(L.long_question, "Зачем " + "очень " * 30 + "длинный вопрос?")
    assert flags(L.long_question, "Why " + "really " * 25 + "long?")
    assert not flags(L.long_question, "**" + "x" * 150 + "**?")  # 151 characters once the bold is drawn
    assert not flags(L.long_question, "What does **BERT** stand for?")


def test_answer_limits_bullets_and_characters() -> None:
    assert flags(L.long_answer, "q", "- a\n- b\n- c\n- d\n- e")
    assert flags(L.long_answer, "q", "1. раз\n2. два\n3. три\n4. четыре\n   - пять")
    assert not flags(L.long_answer, "q", "- a\n- b\n- c\n- d")
    assert flags(L.long_answer, "q", "слово " * 80)
    assert not flags(L.long_answer, "q", "Bidirectional Encoder Representations from Transformers")
    [fault] = L.long_answer(Card("q", "- x\n" * 6 + "y" * 500))
    assert "6 bullets" in fault.message and "characters" in fault.message


# ---- residue ----------------------------------------------------------------------


@pytest.mark.parametrize("text, code", [
    ("See [the paper](https://arxiv.org/abs/1706.03762)", "link-residue"),
    ("Подробнее: https://huggingface.co/docs/transformers", "link-residue"),
    ("![[Pasted image 20230503141121.png]]", "link-residue"),
    ("Связано с [[Softmax|софтмаксом]]", "link-residue"),
    ("first line<br>second line", "html-residue"),
    ("BERT&#39;s variants", "html-residue"),
    ("<details>\n<summary>Ответ</summary>\n\nтекст\n</details>", "html-residue"),
    ("$$\nAM=\\frac1n\\sum a_i\n$$", "latex-residue"),
    ("Вероятность $P(A) = \\frac{|A|}{n}$", "latex-residue"),
    ("scaled by \\sqrt{d_k}", "latex-residue"),
    ("The {{c1::softmax}} maps logits to probabilities", "cloze-residue"),
    ("c1::softmax", "cloze-residue"),
    ("The first female prime minister of Australia was ==Julia Gillard==", "cloze-residue"),
    ("Что такое KV cache :: кэш ключей и значений", "cloze-residue"),
    ("TARGET DECK: stem::dev::sql", "cloze-residue"),
    ("Расскажите вслух: **END**", "cloze-residue"),
    ("**ID: 1760615378014**", "cloze-residue"),
    ("## Attention", "markdown-residue"),
    ("> [!tip] Discrete Probability Law", "markdown-residue"),
    ("#flashcards/machine-learning", "markdown-residue"),
    ("****Оптимистичная блокировка** — предполагает", "markdown-residue"),
    ("**BERT — encoder", "markdown-residue"),
    ("    - P(t1, ..., tn) = Product(P(t_k))", "markdown-residue"),
    ("| a | b |", "markdown-residue"),
    (":label:`sec_qkv`", "markdown-residue"),
    ("python torch.nn.utils.clip_grad_norm_(params, 1.0)", "code-residue"),
    ("```python\nx = 1\n", "code-residue"),
    ("see ```x = 1``` here", "code-residue"),
])
def test_residue_is_flagged_on_either_side(text: str, code: str) -> None:
    assert code in {f.code for f in L.residue(Card(text, "ok"))}
    assert code in {f.code for f in L.residue(Card("ok?", text))}


@pytest.mark.parametrize("text", [
    "**BERT** — encoder-only, *bidirectional*",
    "_Модели › Encoder_\n\nЧто маскирует **BERT**?",
    "Формула: `softmax(QKᵀ/√d_k)·V`",
    "- раз\n- два\n  - вложенный пункт",
    "```python\nimport torch\nx = torch.ones(3)\n```",
    "| p | mean |\n|---|---|\n| 1 | AM |",
    "Цена: $5 и $10 за час",
    "Attention(Q, K, V) = softmax(QKᵀ/√dₖ)·V",
    "C# и F# — языки .NET",
    "> Programming computers to learn from data",
    "Use `std::vector` or `a::b`",
    "x == y in Python compares values",
    "Python is a language; python is also a snake",
])
def test_rendered_markdown_is_not_residue(text: str) -> None:
    assert not L.residue(Card(text, text))


# ---- the answer on the front -------------------------------------------------------


def test_the_answer_visible_in_the_question_is_flagged() -> None:
    assert flags(L.answer_in_question, "What does the **KV cache** store: keys and values of past tokens?", "keys and values")
    assert flags(L.answer_in_question, "RoBERTa маскирует [...] динамически, BERT — статически", "динамически")
    assert flags(L.answer_in_question, "Какая модель: RoBERTa обучена дольше, чем BERT?", "**RoBERTa**")
    assert flags(L.answer_in_question, "What is it: [Filter Methods](#filter)?", "- [Filter Methods](#filter)\n- more")


def test_hidden_answers_and_multiple_choice_are_fine() -> None:
    assert not flags(L.answer_in_question, "Encoder, Decoder или Encoder-Decoder: **T5**?", "Encoder-Decoder")
    assert not flags(L.answer_in_question, "Bagging or boosting: which one reduces bias?", "boosting")
    assert not flags(L.answer_in_question, "Какая модель: динамическое маскирование, 160GB текста?", "**RoBERTa**")
    assert not flags(L.answer_in_question, "What does BERT stand for?", "Bidirectional Encoder Representations from Transformers")
    assert not flags(L.answer_in_question, "_BERT › tasks_\n\nWhat is the second pre-training task?", "BERT")


# ---- cut sentences -------------------------------------------------------------------


@pytest.mark.parametrize("front, back", [
    ("О чём речь: позволяет словам на любом расстоянии взаимодействовать, т.е.?", "**self-attention**"),
    ("What is it: used for many tasks, e.g.?", "**BERT**"),
    ("Что делает attention", "позволяет смотреть на все токены и"),
    ("What does the encoder do?", "It maps the tokens to"),
    ("Зачем нужен LayerNorm?", "для стабильности обучения,"),
    ("What is it: Sensitivity also known as the True Positive rate or Recall…?", "**Recall**"),
    ("Какая метрика: учитывает Recall (и синонимы?", "METEOR"),
    ("Что такое BLEU?", "Метрика качества перевода; считается так:"),
])
def test_cut_sentences_are_flagged(front: str, back: str) -> None:
    assert flags(L.cut_sentence, front, back)


@pytest.mark.parametrize("front, back", [
    ("What is dropout used for?", "Regularization: it zeroes random activations during training."),
    ("Что такое т.н. perplexity?", "exp от средней cross-entropy на токен"),
    ("Какой токен предсказывает decoder-а?", "следующий"),
    ("Which layer does the residual come from?", "the previous sub-layer's input"),
    ("Что считает BLEU?", "Точность n-грамм кандидата по эталонам, с штрафом за краткость."),
    ("Cloze: RoBERTa masks tokens [...]", "dynamically"),
])
def test_whole_sentences_are_not_cut(front: str, back: str) -> None:
    assert not flags(L.cut_sentence, front, back)


# ---- cards that need their siblings ------------------------------------------------------


@pytest.mark.parametrize("front, back", [
    ("Which of the above reduces variance?", "bagging"),
    ("Why are these metrics biased?", "they ignore recall"),
    ("Какая из перечисленных моделей encoder-only?", "BERT"),
    ("Чем отличаются эти модели?", "направлением внимания"),
    ("Что из приведённого выше верно для ALBERT?", "шарит веса"),
    ("Зачем это нужно?", "чтобы ускорить инференс"),
    ("Why is it useful?", "it saves memory"),
    ("О чём речь: query, key, value это линейные проекции?", "**self-attention (2)**"),
    ("О чём речь: Почему ты решил стать аналитиком данных?", "**1**"),
])
def test_questions_that_lean_on_siblings_are_flagged(front: str, back: str) -> None:
    assert flags(L.needs_siblings, front, back)


@pytest.mark.parametrize("front, back", [
    ("Что такое self-attention?", "внимание последовательности к самой себе"),
    ("Почему точность на валидации выше, чем на тесте?", "утечка данных"),
    ("Какой токен GPT предсказывает следующим?", "следующий токен последовательности"),
    ("What does the decoder attend to in cross-attention?", "the encoder outputs"),
    ("Сколько задач в GLUE?", "9"),
    ("BERT was released in [...]", "2018"),
    ("What does the following code print?\n\n```python\nprint(2 ** 3)\n```", "8"),
    ("Что такое BERT и зачем это нужно в поиске?", "энкодер для ранжирования"),
])
def test_self_contained_questions_pass(front: str, back: str) -> None:
    assert not flags(L.needs_siblings, front, back)


# ---- the whole linter --------------------------------------------------------------------


def test_a_good_card_has_no_fault_in_either_language() -> None:
    assert L.lint(Card("Что RoBERTa убрала из предобучения BERT?", "Next sentence prediction (NSP).")) == []
    assert L.lint(Card("_Attention_\n\nWhy is the dot product scaled by √dₖ?",
                       "To keep the logits' variance near 1, so softmax does not saturate.")) == []
    assert L.lint(Card("Сколько параметров у GPT-J?", "6B")) == []


def test_faults_carry_a_short_code_and_a_message() -> None:
    faults = L.lint(Card("**BERT** — что важно знать? (часть 1/2)", "- a\n- b\n- c\n- d\n- e\n- f"))
    assert [f.code for f in faults] == ["vague-prompt", "part-prompt", "long-answer"]
    assert all(f.message and " " not in f.code for f in faults)


def test_lint_rate_is_the_share_of_clean_cards() -> None:
    good, bad = Card("Что такое BLEU?", "Метрика перевода по n-граммам."), Card("**BLEU** — что важно знать?", "- a")
    assert L.lint_rate([good, good, bad, bad]) == 0.5
    assert L.lint_rate([]) == 1.0


def test_the_generators_drafts_can_be_linted() -> None:
    deck = generate(DECK.read_text(encoding="utf-8"))
    assert L.lint_rate([d for d in deck.drafts if d.sure]) >= 0.95  # the built-in deck's target (issue 8): what it schedules
    old = Draft("topic", ("Модели", "BERT"), 1, "**BERT** — что важно знать?", "- google 2018\n- encoder-only", 10)
    assert "vague-prompt" in {f.code for f in L.lint(old)}  # the kind of card the generator used to make


def test_plain_text_is_what_the_learner_reads() -> None:
    assert L.plain("_Модели › Encoder_\n\n**BERT** — [статья](https://x.y) `code`") == "Модели › Encoder BERT — статья code"
    assert L.plain("- one\n  - *two*\n1. three") == "one two three"


def test_the_linter_is_pure() -> None:
    modules = loaded_modules("import prep.notes.lint")
    assert not {"textual", "torch", "numpy"} & modules


@pytest.mark.parametrize("line", ["[a](" * 50_000, "word " * 40_000, "`a" * 100_000, "- x\n" * 50_000, "{{" * 100_000],
                         ids=["links", "words", "backticks", "bullets", "braces"])
def test_a_huge_card_is_linted_whole_and_flagged_long(line: str) -> None:
    faults = {f.code for f in L.lint(Card(line, line))}
    assert {"long-question", "long-answer"} <= faults
