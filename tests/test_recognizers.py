"""Each recognizer on its own examples: what it asks, and what it leaves alone."""

from __future__ import annotations

import pytest

from prep.notes.cards import generate
from prep.notes.model import Context
from prep.notes.outline import Fact
from prep.notes.recognizers import aspect, cause, code, comparison, definition, explicit, formula, function, number  # noqa: I001
from prep.notes.recognizers import action, question, reverse, role, table, term


def ctx(title: str = "BERT", lang: str = "en", **kw) -> Context:
    return Context(path=("Models", title), title=title, lang=lang, **kw)


def ask(module, text: str, context: Context | None = None, **fact) -> list[tuple[str, str]]:
    return [(p.front, p.back) for p in module.propose(Fact(text, 1, **fact), context or ctx())]


def test_explicit_syntaxes() -> None:
    assert ask(explicit, "What is FSRS? :: a scheduler") == [("What is FSRS?", "a scheduler")]
    assert ask(explicit, "Capital of France:::Paris") == [("Capital of France", "Paris"), ("Paris", "Capital of France")]
    assert ask(explicit, "use `std::vector` here") == []
    assert ask(explicit, "{{c1::Softmax}} makes {{c2::probabilities::what}}", ctx("")) == [
        ("[…] makes probabilities", "Softmax"), ("Softmax makes […what]", "probabilities")]
    assert ask(explicit, "{{c1::a}} and {{c1::b}} are one card", ctx("")) == [("[…] and […] are one card", "a · b")]
    assert ask(explicit, "The ==warm-up== phase", ctx("")) == [("The […] phase", "warm-up")]
    assert ask(explicit, "Use {{dropout}} here", ctx("")) == [("Use […] here", "dropout")]
    assert ask(explicit, "Question line", kind="qa", answer="Answer", lang="??") == [("Question line", "Answer"), ("Answer", "Question line")]


def test_questions_take_what_is_under_them() -> None:
    children = [Fact("It stabilises training.", 2, 1)]
    assert ask(question, "Why layer norm?", ctx(children=children)) == [("Why layer norm?", "It stabilises training.")]
    assert ask(question, "Why layer norm?") == []  # no answer: a note to write up
    assert question.question_text("Q: What is BPE") == "What is BPE"
    assert question.question_text("3. What is BPE?") == "What is BPE?"
    assert question.question_text("A statement.") is None


def test_a_question_by_its_opening_words_needs_no_mark() -> None:
    assert question.question_text("How to select negative samples") == "How to select negative samples?"
    assert question.question_text("Как выбрать число соседей") == "Как выбрать число соседей?"
    assert question.question_text("Зачем нужна нормализация") == "Зачем нужна нормализация?"
    assert question.question_text("Как правило, модель переобучается") is None  # «Как» before no verb: not a question
    assert question.question_text("How does it work") is None  # about something the line does not name
    assert question.question_text("How Later Research Extended the Findings") is None  # a title, not a question
    assert question.question_text("How to split a node:") is None  # a lead-in to what follows


def test_a_question_in_a_list_of_questions_is_never_the_answer_to_the_one_before() -> None:
    notes = ("# Interview\n\n1. Explain dimensionality reduction and its benefits\n"
             "2. **How will you compute the eigenvalues of a 3 by 3 matrix**\n"
             "3. **How to monitor a deployed model?**\n4. **What are recommender systems?** collaborative, content-based\n")
    asked = {d.front: d.back for d in generate(notes, every_kind=True).drafts if d.kind.startswith("question")}
    assert all("?" not in back and "eigenvalues" not in back for back in asked.values()), asked


def test_a_band_of_a_scale_is_no_row_to_ask() -> None:
    row = dict(kind="row", cells=(("r", "0.1 - 0.3"), ("dependence", "weak")))
    assert ask(table, "0.1 - 0.3 — weak", ctx("Correlation"), **row) == []


def test_a_legend_or_a_labels_gloss_is_no_question() -> None:
    assert question.question_text("Q: Query, K: Key, V: Value") is None  # a legend of symbols after `Q:`
    assert question.question_text("Q: Why scale by d_k, not by d?") == "Why scale by d_k, not by d?"
    # a label, its value, then the question the value answers: the line states it
    assert question.question_text("**Specificity:** `TN / (TN + FP)` - Of actual negatives, how many are kept?") is None
    assert question.question_text("Recall: how many of the positives are found?") == "Recall: how many of the positives are found?"
    task = "Задача: в урне 10 шаров, из них 3 белых - какова вероятность вынуть белый?"  # a task's setting, then its question
    assert question.question_text(task) == task


def test_table_rows() -> None:
    row = dict(kind="row", cells=(("Model", "BERT"), ("Params", "110M"), ("Year", "")))
    assert ask(table, "BERT — 110M", ctx("Sizes"), **row) == [("**Sizes** · **BERT** — Params?", "110M")]


def test_code_blocks_are_written_not_clozed() -> None:
    previous = Fact("Clip the gradients:", 1, intro=True)
    cards = ask(code, "clip(params, 1.0)", ctx("Training", previous=previous), kind="code", lang="python")
    assert cards == [("**Training** · Write the code: Clip the gradients", "```python\nclip(params, 1.0)\n```")]
    assert ask(code, "x" * 500, kind="code") == []  # longer than a card


def test_formulas() -> None:
    assert ask(formula, "loss is `-sum(y * log(p))` per sample", ctx("CE")) == [
        ("**CE** · loss is […] per sample", "`-sum(y * log(p))`")]
    assert ask(formula, "softmax(x)_i = e^x_i/∑_j e^x_j", ctx("Softmax"), kind="math") == [
        ("**Softmax** · `softmax(x)_i = ?`", "e^x_i/∑_j e^x_j")]
    assert ask(formula, "the name `bert-base`") == []


def test_comparisons_and_causes() -> None:
    assert ask(comparison, "Pre-LN vs Post-LN: Pre-LN trains without warm-up", ctx("")) == [
        ("How does **Pre-LN** differ from **Post-LN**?", "Pre-LN trains without warm-up")]
    assert ask(cause, "плохо параллелизуется, т.к. шаги RNN вычисляются последовательно", ctx("RNN", "ru")) == [
        ("**RNN** · Почему плохо параллелизуется?", "шаги RNN вычисляются последовательно")]
    assert ask(cause, "It works.") == []


@pytest.mark.parametrize(("text", "term"), [
    ("Embedding — переход от токенов к векторам", "Embedding"),
    ("Perplexity is the exponent of the cross-entropy", "Perplexity"),
    ("KV cache: stored keys and values of past tokens", "KV cache"),
    ("Word Embeddings are vector representations of words", "Word Embeddings"),  # a plural name in title case
    ("The curse of dimensionality is an issue that arises with many features", "curse of dimensionality"),
    ("⟶ Модель внимания ― эта модель позволяет RNN обращать внимание на важные части входа", "Модель внимания"),
])
def test_definitions(text: str, term: str) -> None:
    cards = ask(definition, text, ctx("Topic"))
    assert len(cards) == 1 and cards[0][0].endswith(f"**{term}**?"), "one card, the forward one: no reverse guessed"


@pytest.mark.parametrize("text", ["Точнее: выходы переставятся", "XLNet не использует маску — предсказывает токены",
                                  "чем это отличается от матрицы?", "It is a model of language", "вопросы про вики, ответ — отрезок",
                                  # a plural of common words is things of a kind a sentence says something about
                                  "Errors are normally distributed around zero", "pruned trees are smaller and less complex",
                                  "Значения: доля заказов по месяцу внутри города"])
def test_not_definitions(text: str) -> None:
    assert ask(definition, text, ctx("Topic")) == []


def test_numbers() -> None:
    cards = ask(number, "на 40% меньше параметров, на 60% быстрее", ctx("DistilBERT", "ru"))
    assert [b for _, b in cards] == ["40%", "60%"] and cards[0][0] == "**DistilBERT** · на […] меньше параметров, на 60% быстрее"
    assert ask(number, "GPT-3 and ROUGE-2 and SQuAD 2.0 and Проблема 3") == []
    assert [b for _, b in ask(number, "released in 2018 with 110M parameters")] == ["2018", "110M"]


def test_which_model_masks_the_name() -> None:
    assert ask(reverse, "RoBERTa uses dynamic masking", ctx("RoBERTa", category="model", entity=True)) == [
        ("Which model: […] uses dynamic masking?", "**RoBERTa**")]
    assert ask(reverse, "the decoder generates the target", ctx("attention", entity=True)) == [], "a guess, not a fact"


def test_term_clozes() -> None:
    assert ask(term, "убрали из обучения next sentence prediction", ctx("RoBERTa", "ru")) == [
        ("**RoBERTa** · убрали из обучения […]", "**next sentence prediction**")]
    assert ask(term, "убрали NSP", ctx("RoBERTa", "ru")) == [], "one word is too little to recall a term by"
    assert ask(term, "Adam keeps running averages of the gradient", ctx("Optimisers")) == [
        ("**Optimisers** · […] keeps running averages of the gradient", "**Adam**")]
    assert ask(term, "It corrects their bias early.", ctx("Optimisers")) == []


def test_short_names_calls_infinities_and_identifiers() -> None:
    t5 = ask(term, "Предобучен на C4 с большим корпусом текста", ctx("T5", "ru"))
    assert t5 and t5[0][1] == "**C4**" and "[…]" in t5[0][0]
    perplexity = ask(term, "По сути exp(cross-entropy), где cross-entropy средняя на токен", ctx("perplexity", "ru"))
    assert perplexity and perplexity[0][1] == "**exp(cross-entropy)**"
    assert [b for _, b in ask(number, "Т.е. -inf ставится в score e, после softmax вес будущей позиции = 0", ctx("attention", "ru"))] == ["-inf"]
    head = ask(formula, "В каждой голове softmax по ключам, d_k = d/h (scaled dot-product)", ctx("MHA", "ru"))
    assert head and "`d_k = ?`" in head[0][0] and "d/h" in head[0][1]


def test_discourse_words_are_not_terms() -> None:
    assert ask(term, "Like this, each part is used as validation set once.", ctx("Validation")) == []
    assert ask(definition, "Another approach: cross-validation on K folds of the data", ctx("Validation")) == []


def test_a_definition_names_what_the_term_is_not_a_remark_about_it() -> None:
    assert ask(definition, "DBScan is more robust to noise", ctx("Clustering")) == [], "a property, not what DBScan is"
    assert ask(definition, "REST is not a standard", ctx("APIs")) == []
    assert ask(definition, "Decision trees are commonly pruned to control variance", ctx("Trees")) == []
    found = ask(definition, "Dropout is a technique that turns off each neuron with probability p", ctx("Regularisation"))
    assert found and found[0][1].startswith("a technique")
    glossary = ask(definition, "**Accuracy**: not the metric to use on imbalanced data", ctx("Metrics"))
    assert glossary, "the author's glossary (`X: Y`) describes X as they like"
    assert ask(definition, "**визуализация**: matplotlib, seaborn, plotly, altair", ctx("Инструменты", "ru")) == [], \
        "a label over a list of names is not a term with a meaning"


def test_a_term_cloze_never_hides_a_heading_shown_above_it_or_one_item_of_a_list() -> None:
    assert ask(term, "The predictions of a **CNN** change if an image is rotated", ctx("CNN basics")) == []
    assert ask(term, "Choose Precision, recall, or **F1 Score** depending on the problem", ctx("Classification")) == []
    assert ask(term, "Examples are the **LASSO**, Elastic Net and Ridge Regression", ctx("Regularisation")) == []
    assert ask(term, "The pros and cons of a typical **RNN** architecture are summed up below:", ctx("Overview")) == []
    kept = ask(term, "**Ridge Regression** helps when predictors are highly correlated", ctx("Linear regression"))
    assert kept == [("**Linear regression** · […] helps when predictors are highly correlated", "**Ridge Regression**")]


def test_an_mdx_quiz_gives_its_right_choice_as_the_answer_and_no_markup_becomes_a_card() -> None:
    from prep.notes.cards import generate

    quiz = ('# Quiz\n\n### 2. What does this code return?\n\n```py\nlen("abc")\n```\n\n<Question\n\tchoices={[\n\t\t{\n'
            '\t\t\ttext: "Two",\n\t\t\texplain: "Count again."\n\t\t},\n\t\t{\n\t\t\ttext: "Three",\n'
            '\t\t\texplain: "Right! <code>len</code> counts characters.",\n\t\t\tcorrect: true\n\t\t}\n\t]}\n/>\n\n'
            '<Youtube id="abc" />\n')
    drafts = generate(quiz, every_kind=True).drafts
    assert [(d.kind, d.line) for d in drafts] == [("question", 3)]
    (card,) = drafts
    assert card.front.startswith("What does this code return?") and 'len("abc")' in card.front, "the code is the question's"
    assert "Three." in card.back.splitlines()[0] and "counts characters" in card.back and "Right" not in card.back
    assert "text:" not in card.back and "<code>" not in card.back and "Count again" not in card.back


def test_a_worked_examples_counts_are_not_table_cards_and_cheat_sheet_arrows_leave_the_term() -> None:
    row = Fact("", 1, kind="row", cells=(("bigram", "the cat"), ("Count", "1"), ("Count clip", "0 (Y1)"), ("Source", "Y1 only")))
    assert [p.back for p in table.propose(row, ctx("BLEU"))] == ["Y1 only"]
    params = Fact("", 1, kind="row", cells=(("Model", "BERT"), ("Params", "110M"), ("Year", "2018")))
    assert [p.back for p in table.propose(params, ctx("Models"))] == ["110M", "2018"]
    assert ask(definition, "**⟶ Word2vec ―** — фреймворк для изучения встраивания слов", ctx("RNN", "ru"))[0][0].endswith("**Word2vec**?")


def test_a_one_word_blank_is_a_word_that_can_be_a_noun() -> None:
    assert ask(term, "**Evaluate** outcomes and trajectory of the agent", ctx("Agents")) == []
    # a word that could be a noun, opening an instruction: what to do, not a term
    assert ask(term, "**Check** the gaps in each column before scaling", ctx("Preprocessing")) == []
    assert ask(term, "**Test** for target leakage across the split", ctx("Preprocessing")) == []
    assert ask(term, "**Dropout** randomly zeroes units during training, unlike weight decay", ctx("Regularization"))
    assert ask(term, "**Sparse** matrices are harder to model", ctx("Text")) == []
    assert ask(term, "Это как в школе: оценка 5 **или** 2 за контрольную", ctx("Ошибка", "ru")) == []
    kept = ask(term, "**Quantization** shrinks a model to cut memory and inference cost", ctx("Deployment"))
    assert kept and kept[0][1] == "**Quantization**"


def test_a_title_cased_is_inside_a_name_does_not_split_a_definition_and_a_heading_anchor_is_not_text() -> None:
    assert ask(definition, "Attention Is All You Need — the paper that introduced the transformer", ctx("Papers")) == [] or \
        all("All You Need" not in back for _, back in ask(definition, "Attention Is All You Need — the paper", ctx("Papers")))
    from prep.notes.outline import parse_outline

    assert parse_outline("# Тест в конце главы[[end-of-chapter-quiz]]\n\nТекст.\n").root.children[0].head[0][0] == "Тест в конце главы"
    assert parse_outline("# See [[Attention]]\n").root.children[0].head[0][0] == "See Attention", "a wikilink reads as its text"


def test_a_term_cloze_hides_what_the_sentence_is_about_not_a_word_it_mentions_on_its_way() -> None:
    about = [
        ("**Few-shot** prompting adds a handful of input-output examples to the prompt", "Few-shot"),  # the subject
        ("Note: **t-SNE** is used to draw embeddings in two dimensions", "t-SNE"),  # the subject after a short label
        ("Note that a BiRNN is an **acyclic graph** over the sequence", "acyclic graph"),  # what the subject is
        ("K-means measures plain distance, while **GMM** measures a weighted one", "GMM"),  # the other side of a contrast
        ("вместо **next sentence prediction** использует sentence-order prediction", "next sentence prediction"),
        ("Любые два слова взаимодействуют в каждом слое: расстояние взаимодействия **O(1)**", "O(1)"),  # a label's value
    ]
    for text, hidden in about:
        cards = ask(term, text, ctx("Topic", "ru" if "а" in text else "en"))
        assert cards and cards[0][1].startswith(f"**{hidden}**"), text
    mentioned = [
        "In this section we build a language model using **RNNs** and a softmax on top.",
        "Feature sharing like in **CNNs** can significantly reduce the number of parameters.",
        "Then we can define the **attention pooling** over the whole dataset as a weighted sum.",
    ]
    for text in mentioned:
        assert ask(term, text, ctx("Sequence models")) == [], text
    # A note with no subject of its own, or no clause at all, is about its topic: what it names is its point.
    kept = ask(term, "Предобучен на C4 с большим корпусом текста", ctx("T5", "ru"))
    assert kept and kept[0][1] == "**C4**"
    kept = ask(term, "Less sensitive to outliers than **L2**", ctx("Huber loss"))
    assert kept and kept[0][1].startswith("**L2**")
    glossary = ask(term, "**Query (Q)**: represents the current word", ctx("Self attention"))
    assert glossary and glossary[0][1].startswith("**Query (Q)**"), "a glossary entry's name, not a label"
    answer = Context(path=("Review", "How would you review a query?"), title="", lang="en")
    assert ask(term, "**Performance**: partitions and indexes, no SELECT *", answer) == [], "a label in an answer"


def test_a_line_that_names_a_set_asks_for_its_members_and_a_bare_colon_does_not() -> None:
    notes = ("# RNN\n\n## Gradients\n\n- Solutions for the exploding gradient problem:\n"
             "  - Truncated backpropagation.\n    - Not every weight is updated on the way back.\n"
             "  - Gradient clipping.\n\n## Tasks\n\n- Sentiment classification (sequence to one):\n"
             "  - X: text sequence\n  - Y: a rating from one to five\n")
    lists = [d for d in generate(notes, every_kind=True).drafts if d.kind == "list"]
    assert [(d.line, d.back) for d in lists] == [(6, "- Truncated backpropagation.\n- Gradient clipping.")]
    assert "what are the 2?" in lists[0].front


def test_code_names_values_and_worked_examples_are_not_formulas_and_a_remarks_column_is_no_question() -> None:
    assert ask(formula, "We thus define the `show_heatmaps` function.", ctx("Attention")) == []
    assert ask(formula, "Memoization is easy with `functools.lru_cache()` here", ctx("Python")) == []
    assert ask(formula, "Take `B = 3`, so the search keeps three candidates", ctx("Beam search")) == []
    assert ask(formula, "Precision is `TP / (TP + FP)` over the predicted positives", ctx("Metrics"))
    assert ask(formula, "The weights `α(𝐪, 𝐤_i)` are nonnegative and sum to one", ctx("Attention")) == [], "notation"
    worked = Context(path=("BLEU", "Let's take an example"), title="Let's take an example", lang="en")
    assert ask(formula, "Y1 = \"The cat is on the mat.\"", worked, kind="math") == []
    assert ask(formula, "Precision is `TP / (TP + FP)` over the predicted positives", worked) == []
    norms = Fact("", 1, kind="row", cells=(("Среднее", "AM"), ("Норма", "❌"), ("Комментарий", "нарушает однородность")))
    assert [(p.front, p.back) for p in table.propose(norms, ctx("Нормы", "ru"))] == [
        ("**Нормы** · **AM** — Норма?", "❌\n\nнарушает однородность")]
    dots = Fact("", 1, kind="row", cells=(("word", "..."), ("Cell memory (C)", "new_val")))
    assert table.propose(dots, ctx("GRU")) == []
    assert table.propose(Fact("", 1, kind="row", cells=(("word", "cat"), ("C", "new_val"))), worked) == []


def test_a_why_card_names_what_it_asks_about() -> None:
    assert ask(cause, "It matters because context limits are measured in tokens", ctx("LLM")) == []
    assert ask(cause, "They are slower because of the hidden reasoning tokens", ctx("Reasoning")) == []
    answer = ask(cause, "Reasoning models are slower because of the hidden reasoning tokens", ctx("LLM"))
    assert answer and answer[0][1] == "because of the hidden reasoning tokens"
    assert ask(cause, "Yes, logistic regression is a GLM because its outcome depends on a sum of inputs",
               ctx("Classification"))[0][0].endswith("Why is logistic regression a GLM?")


def test_a_paragraph_ending_in_a_colon_asks_for_the_list_under_it() -> None:
    notes = ("# ML\n\n## Gradient boosting\n\n**Gradient boosting involves three elements:**\n\n"
             "1. A loss function to be optimized.\n2. A weak learner to make predictions.\n"
             "3. An additive model that adds weak learners.\n\n## Encoding\n\n"
             "Categorical variables must be encoded first. There are various encoding techniques, including:\n\n"
             "- One-hot encoding\n- Target encoding\n\n## Metrics\n\nPrecision is computed as follows:\n\n"
             "- count the true positives\n- divide by all predicted positives\n")
    lists = {d.line: (d.front, d.back) for d in generate(notes, every_kind=True).drafts if d.kind == "list"}
    assert lists[5] == ("**Gradient boosting** · Gradient boosting involves three elements: what are the 3?",
                        "- A loss function to be optimized.\n- A weak learner to make predictions.\n"
                        "- An additive model that adds weak learners.")
    assert lists[13] == ("**Encoding** · There are various encoding techniques: what are the 2?",
                         "- One-hot encoding\n- Target encoding")
    assert 20 not in lists, "a colon alone opens steps of a worked case, not a set to name"


def test_two_marked_names_side_by_side_in_one_sentence_are_a_comparison() -> None:
    assert ask(comparison, "`UNION` убирает дубликаты строк, `UNION ALL` возвращает всё как есть.", ctx("SQL", "ru")) == [
        ("**SQL** · Чем **UNION** отличается от **UNION ALL**?", "`UNION` убирает дубликаты строк, `UNION ALL` возвращает всё как есть.")]
    assert ask(comparison, "**Adam** converges faster, while **SGD** often generalizes better.", ctx("Optimizers"))
    assert ask(comparison, "`len(x)` returns 3, `x[0]` is 1", ctx("Python")) == [], "code expressions are not names"


def test_nothing_under_a_worked_example_is_a_sentence_card() -> None:
    worked = Context(path=("BLEU", "Let's take an example"), title="Let's take an example", lang="en")
    assert ask(cause, "Precision is 7/7 because every word of the output appears in a reference", worked) == []
    assert ask(definition, "Jane: the subject of the sentence we translate", worked) == []
    assert ask(term, "**Modified precision** clips each word's count by its count in the references", worked) == []


def test_a_bold_label_of_common_words_under_a_topic_asks_for_that_aspect_of_it() -> None:
    assert ask(definition, "**Usage**: primarily in convolutional networks with large batches", ctx("BatchNorm")) == [
        ("**BatchNorm** · Usage?", "primarily in convolutional networks with large batches")]
    named = ask(definition, "**Encoder-Only**: self-attention where each token sees the whole input", ctx("Summary"))
    assert named and named[0][0].endswith("What is **Encoder-Only**?"), "a name in title case is a term, not an aspect"


def test_what_a_named_thing_does_is_asked_from_its_name() -> None:
    assert ask(function, "**L2** addresses multicollinearity by constraining the coefficient norm", ctx("Regularization")) == [
        ("**Regularization** · What does **L2** address?", "multicollinearity by constraining the coefficient norm")]
    assert ask(function, "Regularization is used to reduce overfitting in machine learning models", ctx("Regularization")) == [
        ("What is **Regularization** used for?", "to reduce overfitting in machine learning models")]
    assert ask(function, "**METEOR** учитывает синонимы и порядок слов", ctx("Метрики", "ru")) == [
        ("**Метрики** · Что **METEOR** учитывает?", "синонимы и порядок слов")]
    assert ask(function, "Performance measures across all classification thresholds", ctx("AUC")) == [], "a common word"
    assert ask(function, "**BiRNN** fixes this issue", ctx("RNN")) == [], "an answer that points back"


def test_a_cloze_never_hides_a_capitalised_common_word_an_item_number_or_an_acronym_spelled_out_beside_it() -> None:
    assert ask(term, "Good agents reflect on a tool error and retry with a corrected call", ctx("Agents")) == []
    assert ask(term, "Credibility comes from naming the limits before they bite", ctx("Business")) == []
    kept = ask(term, "Adam keeps running averages of the gradients and their squares", ctx("Optimizers"))
    assert kept and kept[0][1].startswith("**Adam**")
    assert ask(term, "**10)** CTR and CVR for each ad broken down by day", ctx("SQL")) == []
    assert ask(term, "One is skip-gram and another is **CBOW** (continuous bag of words)", ctx("Word2Vec")) == []
    assert ask(comparison, "y_true[i] - one-hot 1 или 0 из разметки, 1 на позиции истинного класса", ctx("CE", "ru")) == [], \
        "'или' between two pieces of a formula is not a comparison of two names"


def test_a_cloze_never_hides_a_word_of_an_aside_in_brackets() -> None:
    assert ask(term, "Обучен на Glue, SuperGlue (размеченные **datasets**) и на C4", ctx("T5", "ru")) == [] or all(
        "datasets" not in back for _, back in ask(term, "Обучен на Glue, SuperGlue (размеченные **datasets**) и на C4", ctx("T5", "ru")))


def test_a_term_cloze_is_not_made_when_the_cue_or_a_heading_spells_the_term_out() -> None:
    # every word of the term stands beside the blank or in a heading, whole, inflected or inside a longer word
    assert ask(term, "Agglomerative **Hierarchical Clustering** builds hierarchical clusters by merging", ctx("Clustering")) == []
    assert ask(term, "An **n-gram** of size 1 is a unigram and of size 2 a bigram", ctx("BLEU")) == []
    # the term with its spaces closed up, its initials, the acronym it expands to
    assert ask(term, "**Boxplots** compare distributions better than histograms", ctx("Box plots and histograms")) == []
    assert ask(term, "In the **RNN** the output depends on the previous activations",
               Context(path=("Sequence models", "Recurrent Neural Network Model"), title="Recurrent Neural Network Model", lang="en")) == []
    assert ask(term, "Precision is also called the **Positive Predictive Value** (PPV) of a classifier", ctx("Metrics")) == []
    # a word the heading shares is not the term's point: "Polynomial" is still to recall
    kept = ask(term, "**Polynomial Regression** fits powers of the inputs above one", ctx("Linear regression"))
    assert kept and kept[0][1].startswith("**Polynomial Regression**")
    # two letters that fall into a sentence's initials by chance do not count
    kept = ask(term, "**ML** models like LSTM replace the keyword rules", ctx("Text classification"))
    assert kept and kept[0][1].startswith("**ML**")


def test_a_stressed_span_is_matched_whole_so_the_text_between_two_spans_is_never_a_term() -> None:
    cards = ask(term, "The top part is the inner product of `u` and `v` vectors", ctx("Cosine similarity"))
    assert all("and" not in back.split("\n")[0] for _, back in cards)
    cards = ask(term, "Известны входные данные (`x` и `y`), а переход от `x` к `y` неизвестен", ctx("Нейрон", "ru"))
    assert all("`" not in back.split("\n")[0] for _, back in cards)


def test_a_sentence_naming_an_advantage_or_a_drawback_of_a_named_thing_asks_for_it() -> None:
    cards = ask(aspect, "One of the advantages of GRU is that it is simpler and scales to bigger networks.", ctx("LSTM"))
    assert cards == [("**LSTM** · What is an advantage of **GRU**?", "It is simpler and scales to bigger networks")]
    cards = ask(aspect, "The disadvantage of BiRNNs is that you need the entire sequence before you can process it.",
                ctx("BiRNNs"))
    assert cards and cards[0][0] == "What is the disadvantage of **BiRNNs**?", "the topic itself is not named twice"
    assert ask(aspect, "The problem with greedy search: it picks the best word at each step", ctx("Decoding"))[0][0] == \
        "**Decoding** · What is the problem with **greedy search**?"
    ru = ask(aspect, "Недостаток BiRNN — нужна вся последовательность до обработки", ctx("RNN", "ru"))
    assert ru and ru[0][0] == "**RNN** · Недостаток **BiRNN**?" and ru[0][1].startswith("Нужна вся последовательность")
    # a pointer at a neighbour the card cannot show, no named thing, "плюс" as "and also"
    assert ask(aspect, "One of the weaknesses of this representation is that it treats words apart.", ctx("Words")) == []
    assert ask(aspect, "One of the solutions for the last problem is to use a tree classifier.", ctx("Softmax")) == []
    assert ask(aspect, "The issue is that models overfit on small data.", ctx("Training")) == []
    assert ask(aspect, "Плюс профилактика: уникальный индекс и ON CONFLICT DO NOTHING", ctx("SQL", "ru")) == []


def test_a_setting_a_case_of_one_or_an_examples_arithmetic_is_not_a_formula() -> None:
    assert ask(formula, "learning_rate=0.1 (shrinkage).", ctx("Gradient boosting")) == []
    assert ask(formula, "If alpha = 0 - no sequence length normalization.", ctx("Beam search")) == []
    assert ask(formula, "Squaring makes `(1 - 2) ^ 2` equal to `(2 - 1) ^ 2` so the sign goes", ctx("Loss")) == []
    kept = ask(formula, "In practice alpha = 0.7 * the full normalization is a good middle", ctx("Beam search"))
    assert kept and kept[0][0].endswith("`In practice alpha = ?`")


def test_an_exercise_to_prove_is_not_a_fact() -> None:
    deck = generate("# Attention\n\n## Exercises\n\nProve that `grad = Cov(k)` for the softmax attention.\n")
    assert not deck.drafts and any("exercise" in gap.reason for gap in deck.gaps)


def test_a_symbol_is_never_the_term_of_a_definition_or_a_cloze_but_a_short_name_is() -> None:
    assert ask(definition, "X is a text while Y is an integer from 1 to 5", ctx("Sentiment analysis")) == []
    assert ask(definition, "p_j is density-reachable from p_i within epsilon", ctx("Clustering")) == []
    assert ask(term, "Пару слов о параметре `alpha`: это шаг обучения", ctx("Тренировка", "ru")) == []
    kept = ask(term, "**L1** performs feature selection by zeroing coefficients, while L2 does not", ctx("Regularization"))
    assert kept and kept[0][1].startswith("**L1**")
    # the same symbol as an attribute of its topic ("Hinge loss · m?"), or hidden whole in a cloze with its indices and set
    topic = Context(path=("Losses", "Hinge loss"), title="Hinge loss", lang="en", entity=True)
    assert ask(definition, "**m**: the margin the score must clear", topic) == []
    assert ask(definition, "**margin**: how far the score must clear the boundary", topic), "a word is still an attribute"
    series = Context(path=("Validation", "Time-series split"), title="Time-series split", lang="en", entity=True)
    assert ask(definition, "window 2 — train on weeks one and two, test on week three", series) == [], "a place in a series"
    assert ask(definition, "window size — how many weeks each training fold spans", series), "an aspect is still one"
    for symbol in ("`z_t ∈ ℝ^h`", "`ŷ^(<2>)`", "`x^((j))`", "`W_{kq}`"):
        assert ask(formula, f"Here {symbol} is the gate's activation for the current step", ctx("GRU")) == [], symbol
    for operation in ("`x^2 + y^2`", "`e^z / Σ e^z`", "`O(n^2)`"):
        assert ask(formula, f"The cost grows as {operation} for every pair of inputs", ctx("Kernels")), operation


def test_a_caption_is_no_name_and_a_section_or_line_pointing_elsewhere_makes_no_cards() -> None:
    assert ask(definition, "Figure 3: two heads of layer 4 track the same pronoun", ctx("Heads")) == []
    assert ask(definition, "Рис. 2 — схема кодировщика с двумя слоями", ctx("Кодировщик", "ru")) == []
    assert ask(term, "*Figure 1: The **Perceiver** reads bytes through a latent array.*", ctx("Inputs")) == []
    notes = ("# Boosting\n\n- **AdaBoost** reweights the examples the last learner got wrong.\n\n"
             "## Other resources\n\n- **Elements of Statistical Learning**: the tenth chapter\n\n"
             "## Resource links\n\n- **Boosting demo**: an interactive page of weak learners\n\n"
             "## Data sources\n\n- **Kaggle** hosts most tabular benchmarks as CSV files.\n\n"
             "## Notes\n\n- More reading: Why **Gradient Boosting** works (a blog post)\n"
             "- StatQuest has good pictures showing how **residuals** shrink.\n"
             "- A better explanation is given in the **XGBoost** paper.\n")
    deck = generate(notes, every_kind=True)
    assert {d.line for d in deck.drafts} == {3, 15}, [(d.line, d.front) for d in deck.drafts]


def test_a_name_that_contains_the_term_gives_it_away_and_a_purpose_is_not_a_definition() -> None:
    assert ask(term, "A smaller model trained to imitate the original **BERT**", ctx("DistilBERT")) == [], \
        "a name that contains the term gives it away"
    assert ask(definition, "Goal is to minimize the loss, which in turn improves the model", ctx("Loss functions")) == []


def test_a_blank_never_cuts_a_token_in_two() -> None:
    # a decimal goes on after the name, a letter touches the code span: the blank would leave half a token behind
    assert ask(term, "The classic tree learner is ID3.1 by Quinlan", ctx("Trees")) == []
    assert ask(term, "The encoder passes h`<t>` to the decoder at every step", ctx("Seq2seq")) == []
    kept = ask(term, "The encoder passes `<EOS>` to the decoder when the input ends", ctx("Seq2seq"))
    assert kept and kept[0][1].startswith("**<EOS>**")


def test_a_line_about_the_document_or_the_course_is_not_a_fact() -> None:
    notes = ("# Sequence models\n\n"
             "- Beam search keeps the **B** best partial outputs, which we will discuss in lecture 4.\n"
             "- Подробнее о **BLEU** поговорим позже, в следующей лекции.\n"
             "- Smith, J. (2019). Attention tricks. In Proceedings of the Workshop (pp. 12-19).\n"
             "- Found this blog post about **GRU** useful for the intuition.\n"
             "- A **GRU** has two gates: update and reset.\n")
    deck = generate(notes, every_kind=True)
    about = [g.line for g in deck.gaps if "about the document or the course" in g.reason]
    assert about == [3, 4, 5, 6], [(g.line, g.reason) for g in deck.gaps]
    assert deck.drafts and {d.line for d in deck.drafts} == {7}


def test_a_why_card_is_not_asked_of_a_clause_that_points_at_what_the_card_cannot_show() -> None:
    # a pointer anywhere in the clause, a clause with no statement of its own, a comparison with nothing to compare to
    assert ask(cause, "Tokenizers should keep it lossless because decoding must give the text back", ctx("BPE")) == []
    assert ask(cause, "We normalise the scores this way because long outputs would lose", ctx("Beam search")) == []
    assert ask(cause, "In the decoder, because future tokens are not known yet", ctx("Masking")) == []
    assert ask(cause, "Usually a small model is better, since the data is tiny", ctx("Fine-tuning")) == []
    assert ask(cause, "Этот шаг нужен редко, потому что веса уже нормированы", ctx("LayerNorm", "ru")) == []
    kept = ask(cause, "Pre-norm is more stable than post-norm because gradients skip the layer", ctx("LayerNorm"))
    assert kept and kept[0][1].startswith("gradients skip")


def test_a_definition_never_names_a_phrase_that_points_elsewhere() -> None:
    assert ask(definition, "Getting this right is the main signal of a good retrieval system", ctx("RAG")) == []
    assert ask(definition, "Their weights are a frozen copy of the base model", ctx("LoRA")) == []
    kept = ask(definition, "Weight tying is a reuse of the input embedding as the output layer", ctx("LM heads"))
    assert kept and "**Weight tying**" in kept[0][0]


def test_a_definitions_term_drops_its_item_number_and_a_bold_span_cut_in_two_leaves_no_stray_marks() -> None:
    cards = ask(definition, "**12. Label smoothing ― a target that spreads a little mass over the other classes**", ctx("Losses"))
    assert cards == [("**Losses** · What is **Label smoothing**?", "a target that spreads a little mass over the other classes")]
    assert ask(definition, "Yes, if the features are on one scale", ctx("Regularization")) == []


def test_a_schemas_column_and_a_fact_labelled_as_an_example_are_not_cards() -> None:
    assert ask(term, "таблица Orders: amount (numeric) сумма заказа в рублях", ctx("Задача", "ru")) == []
    assert ask(term, "Events: event_type (text) is what the campaign logged", ctx("SQL task")) == []
    assert ask(definition, "Bob — a user who clicks every ad", ctx("Click fraud", label="Example")) == []
    kept = ask(definition, "Click fraud — clicks made to drain an advertiser's budget", ctx("Ads", label="Fraud"))
    assert kept and "**Click fraud**" in kept[0][0]


def test_a_definition_is_what_a_thing_is_not_a_remark_a_figures_legend_or_a_role() -> None:
    for text in ("Dropout is a very important idea to understand well",
                 "Attention is another large topic that these notes cannot cover",
                 "The variance is finite, it's other moments that do not matter",
                 "The decoder box is as shown in the previous figure",
                 "Green is the model with attention, the other curve the baseline",
                 "The best resource is the official documentation",
                 "Основной параметр — число деревьев и их глубина"):
        assert ask(definition, text, ctx("Notes", "ru" if "Основной" in text else "en")) == [], text
    kept = ask(definition, "The learning rate is an important hyperparameter that scales every step", ctx("SGD"))
    assert kept and "**learning rate**" in kept[0][0]


def test_a_word_in_capitals_for_stress_is_not_a_term_nor_is_half_of_a_contraction() -> None:
    assert ask(term, "So the posterior is NOT the likelihood of the data", ctx("Bayes")) == []
    assert ask(term, "As always, there is a LOT to say about how ridge shrinks the weights", ctx("Ridge")) == []
    assert ask(term, "Remember: DON'T normalise the targets twice before training", ctx("Scaling")) == []
    kept = ask(term, "Порядок выполнения: `FROM` → `WHERE` → `GROUP BY` → `HAVING`", ctx("SQL", "ru"))
    assert kept, "a keyword in code is a term, capitals and all"


def test_a_formula_worked_out_on_an_examples_numbers_is_the_examples_and_code_is_not_a_formula() -> None:
    assert ask(formula, "the mean is `x̄ = 1/5 ∑ x_i = 0.4` on this sample", ctx("Means")) == []
    assert ask(formula, "x̄ = (1/n) * sum(x) = 0.4", ctx("Means")) == []
    assert ask(formula, "scale = sigma) # 0.1003", ctx("Means")) == []
    assert ask(definition, "c_j = the value of the j-th leaf", ctx("Trees")) == []
    kept = ask(formula, "mean = sum(x) / n", ctx("Means"))
    assert kept and kept[0][0].endswith("`mean = ?`")


def test_a_label_is_never_the_clause_of_a_why_card() -> None:
    assert ask(cause, "**Error due to Noise**: Due to label noise, the same input gets different targets", ctx("Bias")) == []
    assert ask(cause, "**Error due to Variance**: The error due to variance is the spread of predictions", ctx("Bias")) == []


def test_a_letters_notation_a_derivation_cut_at_its_equals_and_half_a_hyphenated_word_are_not_asked() -> None:
    assert ask(formula, "Пусть на вход подаётся `x = (x_1, x_2, ..., x_d)` с `d` признаками", ctx("BatchNorm", "ru")) == []
    assert ask(formula, "The batch is `B = x_(1...m)` of the layer's inputs", ctx("BatchNorm")) == []
    assert ask(formula, "dσ/dx = exp(-x)/(1+exp(-x))^2 =", ctx("Sigmoid"), kind="math") == []
    assert ask(term, "Нормирует вход слоя по каждому обучающему mini-**batch(m > 1)**.", ctx("Нормализация", "ru")) == []
    kept = ask(formula, "The output is `y = γ·x̂ + β` with learnt scale and shift", ctx("BatchNorm"))
    assert kept == [("**BatchNorm** · `y = ?`", "`γ·x̂ + β`")]


def test_any_verb_asks_what_the_named_thing_does() -> None:
    """A name and any verb in the present tense (lemminflect's dictionary), asked as an interviewer would."""
    assert ask(action, "AdaBoost works by weighting the observations, putting more weight on hard cases.", ctx("Boosting")) == [
        ("**Boosting** · How does **AdaBoost** work?", "by weighting the observations, putting more weight on hard cases")]
    assert ask(action, "Random Forest belongs to a larger class of ensemble methods.", ctx("Trees")) == [
        ("**Trees** · What does **Random Forest** belong to?", "a larger class of ensemble methods")]
    assert ask(action, "Negative sampling allows you to train with a much cheaper objective.", ctx("Negative sampling")) == [
        ("What does **Negative sampling** allow you to do?", "train with a much cheaper objective")]
    assert ask(action, "GraphRAG builds a knowledge graph of entities from the corpus.", ctx("RAG")) == [
        ("**RAG** · What does **GraphRAG** build?", "a knowledge graph of entities from the corpus")]
    # Not what the thing does: a clause after the verb, a negation, a verb of opinion or a light verb, a plural subject,
    # the subject's plural noun taken for a verb, a symbol, Russian (asked by function.py's own phrases).
    assert ask(action, "Multicollinearity occurs when two predictors are highly correlated.", ctx("Regression")) == []
    assert ask(action, "Adam tends to converge faster than SGD.", ctx("Optimizers")) == []
    assert ask(action, "Dropout does not help small models much.", ctx("Regularization")) == []
    assert ask(action, "Andrew thinks we have better ideas for debiasing.", ctx("Debiasing")) == []
    assert ask(action, "Word Embeddings helps in capturing inter-word semantics.", ctx("Text")) == []
    assert ask(action, "Random Forest models with many trees consume a lot of memory.", ctx("Trees")) == []
    assert ask(action, "RNNs share weights across time steps.", ctx("RNN")) == []
    assert ask(action, "Модель GloVe учитывает глобальную статистику.", ctx("GloVe", "ru")) == []


def test_a_definition_inside_the_answer_to_its_own_question_is_not_asked_again() -> None:
    notes = ("# ML\n\n## What is dropout? How does it help?\n\nDropout is a technique that turns off each neuron with "
             "probability p at each training step.\n\nIt makes the network rely on no single neuron, so it overfits less.\n\n"
             "## Ensembles\n\nBagging is a method that trains each model on a bootstrap sample of the data.\n")
    drafts = generate(notes, every_kind=True).drafts
    assert [d.front for d in drafts if d.kind == "question"] == ["What is dropout? How does it help?"]
    assert not any(d.kind == "definition" and "Dropout" in d.front for d in drafts)
    assert any(d.kind == "definition" and "Bagging" in d.front for d in drafts)  # no question asks for it: kept


def test_a_property_with_what_it_holds_for_is_asked_by_it_not_as_a_definition() -> None:
    """"X is robust to Y" says what X is robust to (an adjective in lemminflect's dictionary and its preposition)."""
    assert ask(function, "MSE is sensitive to outliers in the data.", ctx("Losses")) == [
        ("**Losses** · What is **MSE** sensitive to?", "outliers in the data")]
    assert ask(function, "Regularization is useful for reducing variance in the model.", ctx("Regularization")) == [
        ("What is **Regularization** useful for?", "reducing variance in the model")]
    assert ask(definition, "MSE is sensitive to outliers in the data.", ctx("Losses")) == []
    assert ask(function, "Boxplots are better for comparing distributions than histograms.", ctx("Plots")) == []  # "better … than"
    assert ask(function, "**Median** is robust to extreme values.", ctx("Statistics")) == [
        ("**Statistics** · What is **Median** robust to?", "extreme values")]  # a bold name is still the name
    assert ask(function, "α = 1 normalises the score by the full length.", ctx("Beam search")) == []  # a formula's case
    assert ask(action, "ML models need dense distributions of values.", ctx("Data")) == []  # "models" is a noun here


def test_russian_definitions_by_predstavlyaet_soboi_answer_in_the_nominative() -> None:
    assert ask(definition, "**F-мера** же представляет собой гармоническое среднее между precision и recall.",
               ctx("Метрики", "ru")) == [("**Метрики** · Что такое **F-мера**?", "гармоническое среднее между precision и recall")]
    assert ask(definition, "ReLU представляет собой простую кусочно-линейную функцию, которая обнуляет отрицательные входы.",
               ctx("ReLU", "ru")) == [("Что такое **ReLU**?", "простая кусочно-линейная функция, которая обнуляет отрицательные входы")]


def test_a_data_table_s_records_make_no_cards() -> None:
    """Rows keyed by a number before several columns (a dataset, an example's cases) are records, not facts; a number
    that is a value of its own (`p | Mean`) keys a lookup worth asking."""
    notes = ("# Trees\n\n| # | Погода | Ветер | Играть |\n|---|---|---|---|\n| 1 | Солнечная | Слабый | Нет |\n"
             "| 2 | Облачная | Сильный | Да |\n\n## Power means\n\n| p | Mean |\n|---|---|\n| -1 | HM |\n| 0 | GM |\n\n"
             "## Models\n\n| Model | Params | Year |\n|---|---|---|\n| BERT | 110M | 2018 |\n")
    deck = generate(notes, every_kind=True)
    rows = [d.front.split(" · ")[-1] for d in deck.drafts if d.kind == "row"]
    assert rows == ["**-1** — Mean?", "**0** — Mean?", "**BERT** — Params?", "**BERT** — Year?"]
    assert not any(g.line in (5, 6) for g in deck.gaps)  # nor notes to write up: the dataset's rows ask nothing


def test_an_acronym_is_spelled_out_by_a_name_not_by_a_sentence() -> None:
    notes = ("# RNN\n\nIn the case of a recurrent neural network, the loss of all time steps is the sum of the losses.\n\n"
             "## MAE\n\nMean absolute error:\n\n$$\\sum_{i=1}^{n}|y_i-\\hat{y}_i|$$\n")
    acronyms = [(d.front, d.back) for d in generate(notes, every_kind=True).drafts if d.kind == "acronym"]
    assert acronyms == [("What does **MAE** stand for?", "Mean absolute error")]


def test_a_definition_that_only_spells_out_a_short_form_asks_what_it_stands_for() -> None:
    notes = ("# Metrics\n\n- MCC curve: Matthews correlation coefficient curve\n"
             "- GELU is an abbreviation for Gaussian Error Linear Unit.\n"
             "- PSI — a measure of how far a feature's distribution has drifted\n")
    cards = [(d.kind, d.front, d.back) for d in generate(notes, every_kind=True).drafts]
    assert ("acronym", "**Metrics** · What does **MCC** stand for?", "Matthews correlation coefficient curve") in cards, cards
    assert ("acronym", "**Metrics** · What does **GELU** stand for?", "Gaussian Error Linear Unit") in cards, cards
    assert not any(kind == "definition" and ("MCC" in front or "GELU" in front) for kind, front, _ in cards), cards
    assert ("definition", "**Metrics** · What is **PSI**?", "a measure of how far a feature's distribution has drifted") in cards, cards


def test_a_symbol_with_an_accent_or_its_set_is_still_a_symbol() -> None:
    from prep.notes.words import is_symbol

    assert is_symbol("x⃗ ∈X") and is_symbol("p∈[0,1]") and is_symbol("x̂") and not is_symbol("GPU ∈ cluster")
    assert ask(term, "Требуется классифицировать произвольный объект `x⃗ ∈X`.", ctx("Задача", "ru")) == []


def test_higher_is_no_pointer_and_a_second_definition_in_a_sentence_is_left_out() -> None:
    ru = ctx("Ранжирование", "ru")
    assert ask(definition, "Эффективное по Парето правило – такое, что нет правила, у которого выше и точность, и полнота.", ru) == [
        ("**Ранжирование** · Что такое **Эффективное по Парето правило**?", "такое, что нет правила, у которого выше и точность, и полнота")]
    assert ask(definition, "Регрессия — предсказание числа по признакам, регрессия — обучение с учителем.", ru) == [
        ("**Ранжирование** · Что такое **Регрессия**?", "предсказание числа по признакам")]
    assert ask(definition, "Метод — как описано выше, перебор порогов.", ru) == []  # «выше» pointing at the text
    assert ask(definition, "Глубина дерева больше порога — признак переобучения.", ru) == []  # a comparison, not a name


def test_an_examples_symbol_is_no_term_to_define() -> None:
    assert ask(definition, "e.g. $n$ is the number of times a word appears in a corpus.", ctx("Smoothing")) == []
    assert ask(definition, "Например, `k` — число соседей.", ctx("kNN", "ru")) == []


def test_a_cloze_never_hides_a_word_of_grammar() -> None:
    assert ask(term, "_against_ the null hypothesis, not _for_ the alternative.", ctx("Tests")) == []
    assert ask(term, "Count the points kept `with` the point and `without` it.", ctx("Pruning")) == []
    from prep.notes.words import can_be_noun

    assert can_be_noun("use") and can_be_noun("note") and not can_be_noun("with")


def test_the_difference_between_two_things_said_in_prose_asks_how_they_differ() -> None:
    en = ask(comparison, "The main difference between bagging and boosting is that boosting trains models in sequence.", ctx("Ensembles"))
    assert en == [("**Ensembles** · How does **bagging** differ from **boosting**?", "boosting trains models in sequence")]
    ru = ask(comparison, "Разница между кластеризацией и классификацией в том, что у кластеризации нет меток.", ctx("Обучение", "ru"))
    assert ru == [("**Обучение** · Чем **кластеризация** отличается от **классификации**?", "у кластеризации нет меток")]
    assert ask(comparison, "The difference between them is that one is faster.", ctx("Ensembles")) == []  # no two names


def test_russian_a_named_thing_s_action_is_asked_what_it_does() -> None:
    """"Что делает X?" over a transitive verb in the present tense (pymorphy3): "Что X обучает?" would read both ways."""
    assert ask(action, "Бэггинг обучает каждую модель на бутстреп-выборке.", ctx("Ансамбли", "ru")) == [
        ("**Ансамбли** · Что делает **Бэггинг**?", "обучает каждую модель на бутстреп-выборке")]
    assert ask(action, "Бэггинг работает быстро на больших данных.", ctx("Ансамбли", "ru")) == []  # intransitive
    assert ask(action, "Бэггинг не уменьшает смещение модели.", ctx("Ансамбли", "ru")) == []  # a negation
    assert ask(action, "Нано-нейрон знает только два параметра.", ctx("Модель", "ru")) == []  # a verb of knowing
    assert ask(definition, "Covariate Shift представляет из себя проблему, при которой меняется распределение входа.",
               ctx("BatchNorm", "ru")) == [("**BatchNorm** · Что такое **Covariate Shift**?",
                                            "проблема, при которой меняется распределение входа")]


def test_an_aspect_of_a_name_is_not_a_term() -> None:
    """"Применение RNN", "Applications of RNNs": a part of the notes about the thing, never "What is Применение RNN?"."""
    assert ask(definition, "**Применение RNN** — модели RNN используются в обработке языка и распознавании речи.",
               ctx("RNN", "ru")) == []
    assert ask(definition, "**Usage**: primarily in convolutional networks with large batches", ctx("BatchNorm")) == [
        ("**BatchNorm** · Usage?", "primarily in convolutional networks with large batches")]  # an aspect of the topic


def test_a_named_thing_s_idea_goal_or_drawback_is_asked_as_such() -> None:
    """"The idea behind X is …" → "What is the idea behind X?"; under X's own heading "The main idea is …" names X."""
    assert ask(role, "The job of a language model is to give a probability of any given sequence of words.",
               ctx("Sequence models")) == [("**Sequence models** · What is the job of **language model**?",
                                            "give a probability of any given sequence of words")]
    assert ask(role, "One of the drawbacks of attention is its quadratic cost in the sequence length.", ctx("Seq2seq")) == [
        ("**Seq2seq** · What is a drawback of **attention**?", "its quadratic cost in the sequence length")]
    assert ask(role, "The main idea is to train each model on a bootstrap sample.", ctx("Bagging")) == [
        ("What is the main idea of **Bagging**?", "train each model on a bootstrap sample")]
    assert ask(role, "Главная идея RAG в том, что модель не должна хранить все знания в параметрах.", ctx("LLM", "ru")) == [
        ("**LLM** · В чём главная идея **RAG**?", "модель не должна хранить все знания в параметрах")]
    assert ask(role, "Основным недостатком бэггинга является большой расход памяти.", ctx("Ансамбли", "ru")) == [
        ("**Ансамбли** · В чём недостаток **бэггинга**?", "большой расход памяти")]
    assert ask(role, "The idea behind bootstrapping is simple.", ctx("Statistics")) == []  # a judgement, not the idea
    assert ask(role, "The drawbacks of boosting are:", ctx("Ensembles")) == []  # the list below answers, topics.py asks
    assert ask(role, "One of the disadvantages of this algorithm is that it takes quadratic time.", ctx("Seq2seq")) == []
    assert ask(role, "The problem is worked through in the course readings.", ctx("Bayes")) == []  # an exercise


def test_a_plural_name_is_defined_by_the_kind_it_names() -> None:
    """"Support vectors are points …" names the kind; "Errors are normally distributed" says something of a kind."""
    assert ask(definition, "Support vectors are points lying on the margin.", ctx("SVM")) == [
        ("**SVM** · What are **Support vectors**?", "points lying on the margin")]
    assert ask(definition, "Errors are normally distributed.", ctx("Regression")) == []
    assert ask(definition, "Layers are made up of nodes.", ctx("Networks")) == []
    assert ask(definition, "Example algorithms are extensions to other flexible methods.", ctx("Learning")) == []
    assert ask(definition, "Type I error is false-positive error.", ctx("Testing")) == [
        ("**Testing** · What is **Type I error**?", "false-positive error")]  # a numeral "I", not the pronoun
    assert ask(definition, "Dropout is useful when the model overfits.", ctx("Regularization")) == []  # a property


def test_a_property_keeps_its_negation_and_its_case() -> None:
    assert ask(function, "The naive RNN is not very good at capturing long-term dependencies.", ctx("RNN")) == [
        ("**RNN** · What is **naive RNN** not good at?", "capturing long-term dependencies")]
    assert ask(function, "BLEU is not reliable when the references are few.", ctx("Metrics")) == [
        ("**Metrics** · When is **BLEU** not reliable?", "when the references are few")]
    assert ask(function, "DBScan is better when the amount of clusters is difficult to guess.", ctx("Clustering")) == []
    assert ask(action, "Pooling allows layers which receive undistorted inputs to learn.", ctx("CNN")) == []


def test_why_is_asked_in_english_word_order() -> None:
    assert cause.asked_in_english("bagging is helpful") == "is bagging helpful"
    assert cause.asked_in_english("MCP matters") == "does MCP matter"
    assert cause.asked_in_english("simple models have high bias") == "do simple models have high bias"
    assert cause.asked_in_english("the model has learned the noise") == "has the model learned the noise"
    assert cause.asked_in_english("context engineering often beats clever phrasing") == \
        "does context engineering often beat clever phrasing"
    assert cause.asked_in_english("prefer workflows when the steps are known") == "prefer workflows when the steps are known"
    assert cause.asked_in_english("the point that minimizes the loss is likely") == "the point that minimizes the loss is likely"


def test_it_is_named_by_the_sentence_before() -> None:
    """"It works by …" after "Gradient descent is an algorithm …" in one paragraph: "How does Gradient descent work?"."""
    deck = generate("# ML\n\n## Optimization\n\nGradient descent is an algorithm that uses the gradient to reach a minimum. "
                    "It works by taking the negative of the gradient.\n")
    assert ("**Optimization** · How does **Gradient descent** work?", "by taking the negative of the gradient") in \
        [(d.front, d.back) for d in deck.drafts]
    labelled = generate("# ML\n\n## Tuning\n\nPurpose: learn the format of instruction following. "
                        "It helps you learn the output format.\n")
    assert not any("Purpose" in d.front for d in labelled.drafts)  # a label is no name "it" can stand for
    pointed = generate("# ML\n\n## Optimization\n\nGradient descent is an algorithm that uses the gradient. "
                       "This works by taking the negative of the gradient.\n")
    assert not any("work?" in d.front for d in pointed.drafts)  # "this" is the whole sentence before, not its subject


def test_a_definition_said_with_a_hedge_or_as_a_definition() -> None:
    """"X is generally the …", "X is defined as …", «X является …», «X определяется как …»: what X is."""
    assert ask(definition, "Bias is generally the distance between the model you build and the best model.", ctx("Errors")) == [
        ("**Errors** · What is **Bias**?", "the distance between the model you build and the best model")]
    assert ask(definition, "Applied machine learning is basically feature engineering.", ctx("Workflow")) == []  # a quip
    assert ask(definition, "Cross-validation is usually a good idea.", ctx("Validation")) == []  # a judgement
    assert ask(definition, "Dropout is usually applied after the activation.", ctx("Regularization")) == []  # a property
    assert ask(definition, "Precision is defined as the share of true positives among predicted positives.", ctx("Metrics")) == [
        ("**Metrics** · What is **Precision**?", "the share of true positives among predicted positives")]
    assert ask(definition, "An embedding can be thought of as a compressed representation of a token.", ctx("NLP")) == [
        ("**NLP** · What is **embedding**?", "a compressed representation of a token")]
    ru = ctx("Модели", "ru")
    assert ask(definition, "Бэггинг является методом ансамблирования моделей.", ru) == [
        ("**Модели** · Что такое **Бэггинг**?", "метод ансамблирования моделей")]  # instrumental → nominative
    assert ask(definition, "Перплексия определяется как экспонента средней кросс-энтропии.", ru) == [
        ("**Модели** · Что такое **Перплексия**?", "экспонента средней кросс-энтропии")]
    assert ask(definition, "Эмбеддинг можно рассматривать как сжатую форму представления токена.", ru) == [
        ("**Модели** · Что такое **Эмбеддинг**?", "сжатая форма представления токена")]  # accusative → nominative
    assert ask(definition, "Internal Covariate Shift является той же проблемой в масштабах слоя.", ru) == [
        ("**Модели** · Что такое **Internal Covariate Shift**?", "та же проблема в масштабах слоя")]  # "же" stays
    assert ask(definition, "Недостатком бэггинга является высокая стоимость обучения.", ru) == []  # a role, role.py


def test_another_name_is_asked_as_such() -> None:
    assert ask(definition, "Perplexity is also known as the exponentiated cross-entropy.", ctx("Metrics")) == [
        ("**Metrics** · What else is **Perplexity** known as?", "the exponentiated cross-entropy")]
    assert ask(definition, "Regularization methods are also called penalization methods.", ctx("Models")) == [
        ("**Models** · What else are **Regularization methods** called?", "penalization methods")]
    ru = ctx("Модели", "ru")
    assert ask(definition, "Перплексию также называют экспонентой кросс-энтропии.", ru) == [
        ("**Модели** · Как ещё называют **Перплексию**?", "экспонента кросс-энтропии")]
    assert ask(definition, "This is also called the trick.", ctx("Models")) == []  # a pointer, no name


def test_a_term_of_the_notes_is_a_subject_a_common_word_is_not() -> None:
    """Common words open a card's question when the notes name them as a term: a heading, stress, or three mentions."""
    deck = generate("# Training\n\n## Learning rate\n\nThe learning rate controls the size of each update step.\n\n"
                    "The model controls everything.\n")
    fronts = [(d.front, d.back) for d in deck.drafts]
    assert ("What does **learning rate** control?", "the size of each update step") in fronts
    assert not any("model" in f.casefold() for f, _ in fronts)  # "model": no heading, no stress
    said = generate("# Attention\n\n## Intuition\n\nAttention weights are positive.\n\nAttention weights sum to one.\n\n"
                    "Attention weights are used to specify which words matter for the next word.\n")
    assert ("**Intuition** · What are **Attention weights** used for?", "to specify which words matter for the next word") in \
        [(d.front, d.back) for d in said.drafts]
    once = generate("# Attention\n\n## Intuition\n\nAttention weights are used to specify which words matter.\n")
    assert not any("used for" in d.front for d in once.drafts)  # said once, never stressed: not yet a term
    from prep.notes.terms import Terms
    terms = Terms("# Notes\n\n## Beam search\n\nUse **temperature** here. The `top_p` value.\n")
    assert "beam search" in terms and "Temperature" in terms and "top_p" in terms and "the beam search" in terms
    assert "model" not in terms and "search" not in terms


def test_a_verb_of_what_a_thing_stands_for_or_decides() -> None:
    assert ask(function, "The ROC curve represents a relation between sensitivity and specificity.", ctx("Metrics")) == [
        ("**Metrics** · What does **ROC curve** represent?", "a relation between sensitivity and specificity")]
    assert ask(function, "Adam stores running averages of the gradient and its square.", ctx("Optimizers")) == [
        ("**Optimizers** · What does **Adam** store?", "running averages of the gradient and its square")]
    assert ask(function, "Box-cox transform tries to keep the variance the same.", ctx("Scaling")) == []  # "transform" is a noun
    assert ask(action, "The central limit theorem tells us that this converges.", ctx("Statistics")) == []


def test_a_property_in_russian_is_asked_by_its_preposition() -> None:
    ru = ctx("Функции потерь", "ru")
    assert ask(function, "MSE чувствительна к выбросам.", ru) == [("**Функции потерь** · К чему чувствительна **MSE**?", "выбросам")]
    assert ask(function, "MSE is sensitive to outliers.", ctx("Losses")) == [("**Losses** · What is **MSE** sensitive to?", "outliers")]
    assert ask(function, "Matplotlib хорош для точной настройки графиков, но для быстрого анализа удобнее seaborn.", ru) == [
        ("**Функции потерь** · Для чего хорош **Matplotlib**?", "точной настройки графиков")]  # the contrast is cut


def test_an_it_that_stands_for_a_clause_names_nothing() -> None:
    deck = generate("# Stats\n\n## Sampling\n\nThe normal distribution derives its importance from the central limit theorem. "
                    "It is important that each sample is independent.\n")
    assert not any("important" in d.back for d in deck.drafts)
    used = generate("# CNN\n\n## Pooling\n\nPooling is an operation that reduces the spatial size. "
                    "It is used to reduce the number of parameters.\n")
    assert any(d.back.startswith("to reduce the number of parameters") for d in used.drafts)


def test_a_guessed_definition_of_what_the_notes_already_ask_is_not_made() -> None:
    """"What is 'curse of dimensionality'?" asked by the author: the guessed "What is curse of dimensionality?" from a
    later sentence is its vaguer twin."""
    deck = generate("# ML\n\n## What is \"curse of dimensionality\"?\n\nMore features need exponentially more data.\n\n"
                    "## Classification\n\nThe curse of dimensionality is an issue that arises with many features.\n\n"
                    "Dropout is a technique that zeroes random activations.\n")
    fronts = [d.front for d in deck.drafts]
    assert sum("curse of dimensionality" in f.casefold() for f in fronts) == 1
    assert any("**Dropout**" in f for f in fronts)  # a term the notes do not ask about is defined as before


def test_a_contraction_points_as_its_pronoun_does() -> None:
    from prep.notes import words

    assert words.opens_with_pointer("it's simpler than the LSTM", clause=True)
    assert not words.opens_with_pointer("its quadratic cost", clause=True) and words.opens_with_pointer("its quadratic cost")
    assert words.is_name("Bayes' theorem")


def test_a_name_with_its_short_form_in_brackets_is_defined_and_other_brackets_are_no_name() -> None:
    """"Principal Component Analysis (PCA) is …": the name keeps its short form, another name or its translation."""
    assert ask(definition, "Principal Component Analysis (PCA) is a dimension reduction technique.", ctx("ML")) == [
        ("**ML** · What is **Principal Component Analysis (PCA)**?", "a dimension reduction technique")]
    assert ask(definition, "F1 Score (or F-score) — A weighted average of precision and recall.", ctx("Metrics")) == [
        ("**Metrics** · What is **F1 Score (or F-score)**?", "A weighted average of precision and recall")]
    assert ask(definition, "Atomicity (Атомарность) — транзакция выполняется целиком или не выполняется вовсе.",
               ctx("SQL", "ru")) == [("**SQL** · Что такое **Atomicity (Атомарность)**?",
                                      "транзакция выполняется целиком или не выполняется вовсе")]
    assert ask(definition, "Reformer (2020) — Locality-sensitive hashing with n log n complexity.", ctx("Attention")) == []
    assert ask(definition, "Sequential Processing (RNNs) — tokens are read one at a time.", ctx("Attention")) == []
    assert ask(definition, "Ссылка на билет (YouTube) — с тайм кодом.", ctx("RNN", "ru")) == []  # no translation


def test_a_plural_said_with_is_names_one_thing() -> None:
    assert ask(definition, "Word embeddings is a way of representing words.", ctx("NLP")) == [
        ("**NLP** · What is **Word embeddings**?", "a way of representing words")]
    assert ask(definition, "Errors are normally distributed.", ctx("Regression")) == []


def test_a_goal_said_in_two_words_is_asked() -> None:
    assert ask(role, "The purpose of dropout is to reduce overfitting.", ctx("Regularization")) == [
        ("**Regularization** · What is the purpose of **dropout**?", "reduce overfitting")]
    assert ask(role, "Цель регуляризации — уменьшить переобучение.", ctx("Модели", "ru")) == [
        ("**Модели** · В чём цель **регуляризации**?", "уменьшить переобучение")]


def test_a_question_whose_line_goes_on_to_introduce_a_list_is_answered_by_the_list() -> None:
    """"Why not a standard network? There are two problems:" with the problems under it: they are the answer."""
    deck = generate("# RNN\n\n### Model\n- Why not to use a standard network for sequence tasks? There are two problems:\n"
                    "  - Inputs and outputs can have different lengths.\n    - Padding helps. It is no good fix.\n"
                    "  - It does not share features across positions.\n"
                    "- A recurrent network has neither problem.\n\n## Sky\n\nWhy is the sky blue? There are two reasons:\n\n"
                    "- scattering\n- our eyes\n\nThe sun is a star.\n", every_kind=True)
    cards = {d.front: d.back for d in deck.drafts}
    assert cards["Why not to use a standard network for sequence tasks?"] == (
        "- There are two problems:\n- Inputs and outputs can have different lengths.\n  - Padding helps.\n"
        "  - It is no good fix.\n- It does not share features across positions.")  # a nested point stays nested
    assert cards["Why is the sky blue?"] == "- There are two reasons:\n- scattering\n- our eyes"  # not the paragraph
    assert not any("what are the 2" in f for f in cards)  # its lead asks nothing twice


def test_a_thing_described_and_then_named_asks_for_its_name() -> None:
    """"The value after the ± is called the margin of error" → "What is the value after the ± called?" → the name."""
    assert ask(definition, "The value after the ± is called the margin of error.", ctx("Intervals")) == [
        ("**Intervals** · What is the value after the ± called?", "the margin of error")]
    ru = ctx("Ансамбли", "ru")
    assert ask(definition, "Ансамбль из деревьев решений, обученных на бутстреп-выборках, называется случайным лесом.", ru) == [
        ("**Ансамбли** · Как называется ансамбль из деревьев решений, обученных на бутстреп-выборках?", "случайный лес")]
    assert ask(definition, "This weighting is called a shrinkage or a learning rate.", ctx("Boosting")) == []  # a pointer
    assert ask(definition, "Такой подход называется лесом деревьев решений.", ru) == []  # named by the text before it
    assert ask(definition, "Если нода имеет только один класс, то она называется чистой.", ru) == []  # a clause
    assert ask(definition, "Окно ходит по матрице с шагом, который по-английски называется stride.", ru) == []


def test_a_heading_gives_a_term_away_in_the_other_number() -> None:
    from prep.notes.recognizers.term import given_away
    assert given_away("query", "Moreover, denote by q a […].", ("Queries, Keys, and Values",))
    assert given_away("CNNs", "[…] classify text.", ("How can we use CNN for text classification?",))
    assert not given_away("query", "Moreover, denote by q a […].", ("Attention",))


def test_a_value_or_a_step_is_no_definition_and_a_hedge_is_no_part_of_the_name() -> None:
    assert ask(definition, "Max F score is 1 and min is 0, with 1 being the best.", ctx("Metrics")) == []  # a value
    assert ask(definition, "The validation set is then used to evaluate the model.", ctx("Validation")) == []  # a step
    assert ask(definition, "Stemming usually is a crude heuristic process that chops off the ends of words.", ctx("NLP")) == [
        ("**NLP** · What is **Stemming**?", "a crude heuristic process that chops off the ends of words")]


def test_a_cloze_never_cuts_a_file_name_or_a_metric_at_k_nor_hides_an_aside_or_words_an_acronym_spells() -> None:
    assert ask(term, "По аналогии с **MAP**@K можно усреднить nDCG@K по всем объектам.", ctx("Метрики", "ru")) == []
    assert ask(term, "Угловой коэффициент IMG_20230918.**jpg** между предсказанием и ответом.", ctx("Регрессия", "ru")) == []
    assert ask(term, "(more on **AB Testing** later)", ctx("Statistics")) == []
    assert ask(term, "Sum of **Absolute Difference** (SAD)", ctx("Norms")) == []
    assert ask(explicit, "==CG@K is not normalised and ignores the order of the relevant items==", ctx("Ranking")) == []
    assert ask(explicit, "CG@K ignores the ==order== of the relevant items", ctx("Ranking")) == [
        ("**Ranking** · CG@K ignores the […] of the relevant items", "order")]


def test_a_part_of_a_figure_named_by_its_colour_is_no_term() -> None:
    assert ask(definition, "green areas: the constraint regions for lasso and ridge", ctx("L1 vs L2")) == []
    assert ask(term, "**green areas**: the constraint regions for lasso and ridge", ctx("L1 vs L2")) == []
    assert ask(definition, "White noise — a random signal with constant power.", ctx("Signals")) == [
        ("**Signals** · What is **White noise**?", "a random signal with constant power")]
