"""The mock's question maker (prep.mock.questions) on the built-in deck, on English notes from the corpus and on
notes written here to show each kind; and the grading of a spoken answer (prep.mock.interview)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from prep.mock.interview import card_ratings, rating_for
from prep.mock.questions import BREAKS, COMPARE, EXPLAIN, KINDS, MAX_POINTS, MIN_POINTS, WALK, WHY, interview_like, make_questions
from prep.notes.cards import generate
from tests.conftest import ROOT
from tests.test_corpus_golden import needed

DECK = ROOT / "decks" / "nlp-interview-notes.ru.md"
ENGLISH = ["dsi-theory.en", "iamtodor-ds-qa.en"]


def assert_interview_questions(text: str, least: int) -> list:
    questions = make_questions(text)
    assert len(questions) >= least
    lines = text.splitlines()
    fronts = {draft.front.strip() for draft in generate(text).drafts}  # the review's prompts: cloze, bare terms
    for question in questions:
        assert question.kind in KINDS
        assert interview_like(question.prompt), question.prompt
        if question.prompt in fronts:  # a flashcard's own prompt only when it is a question the notes ask themselves
            assert question.prompt.endswith("?")
            assert question.prompt in question.heading or question.prompt.split("?")[0] in lines[question.line - 1]
        assert len(question.prompt.split()) >= 3  # never a bare term
        assert MIN_POINTS <= len(question.points) <= MAX_POINTS, question
        for point in question.points:
            assert len(point.text.split()) >= 2 and not re.search(r"\s::\s|⟦", point.text)
            assert 1 <= point.line <= len(lines)
    return questions


def test_the_built_in_deck_gives_interview_questions_of_every_kind() -> None:
    questions = assert_interview_questions(DECK.read_text(encoding="utf-8"), least=30)
    kinds = Counter(q.kind for q in questions)
    assert {EXPLAIN, COMPARE, WHY, BREAKS} <= set(kinds)
    bert_roberta = next(q for q in questions if q.kind == COMPARE and "BERT и RoBERTa" in q.prompt)
    assert bert_roberta.heading.endswith("BERT") and bert_roberta.also.endswith("RoBERTa")
    assert any("BERT" in p.text for p in bert_roberta.points) and any("RoBERTa" in p.text for p in bert_roberta.points)
    assert not any("Истории" in q.heading for q in questions)  # stories stay stories


@pytest.mark.parametrize("stem", ENGLISH)
def test_english_notes_give_interview_questions(stem: str) -> None:
    text = needed(stem).read_text(encoding="utf-8")
    questions = assert_interview_questions(text, least=10)
    assert all(not q.prompt.startswith("Расскажите") for q in questions)  # asked in the notes' language
    assert not any(q.heading.split(" › ")[-1].lower() in ("table of contents", "contents") for q in questions)


NOTES = """# Deep learning

## Losses and activations

### Softmax
- Softmax turns a vector of logits into probabilities that sum to one.
- We subtract the max logit before exp because exp overflows for large logits.
- Subtracting a constant does not change the result, since it cancels in the ratio.
- Without the max trick the output becomes NaN or inf in float16.

## Decoding

### Beam search
1. Start with the BOS token as the only hypothesis.
2. Then extend each hypothesis with every token of the vocabulary.
3. Keep the k best hypotheses by total log-probability.
4. Finally stop when every beam has emitted EOS, and return the best one.

## Metrics

### Precision
- Precision is the share of predicted positives that are true positives.
- It falls when the model flags too many negatives.
- Use it when false alarms are costly.

### Recall
- Recall is the share of true positives that the model finds.
- It falls when the model misses positives.
- Use it when a miss is costly.

## What is dropout?
- Dropout zeroes random activations during training.
- The kept activations are scaled by 1/(1-p).
- At inference nothing is dropped.

## Stories
- The time I shipped a ranking model
"""


def test_each_kind_where_the_notes_call_for_it(tmp_path: Path) -> None:
    questions = assert_interview_questions(NOTES, least=5)
    by = {(q.kind, q.heading.split(" › ")[-1]): q for q in questions}
    assert (WHY, "Softmax") in by and (BREAKS, "Softmax") in by
    assert any("overflows" in p.text for p in by[(WHY, "Softmax")].points)
    assert (WALK, "Beam search") in by and len(by[(WALK, "Beam search")].points) == 4
    compare = by[(COMPARE, "Precision")]
    assert compare.prompt == "Compare Precision and Recall: how do they differ, and when would you pick each?"
    assert (EXPLAIN, "What is dropout?") in by and by[(EXPLAIN, "What is dropout?")].prompt == "What is dropout?"
    assert not any(q.heading.endswith("Stories") for q in questions)
    assert (COMPARE, "Softmax") not in by  # one heading under its parent: nothing to compare with


@pytest.mark.parametrize(("said", "of", "rating"), [(0, 5, 1), (1, 5, 1), (2, 5, 2), (3, 5, 2), (4, 5, 3), (5, 5, 4),
                                                   (1, 3, 1), (2, 3, 2), (3, 3, 4), (5, 6, 3)])
def test_the_share_said_maps_over_every_rating(said: int, of: int, rating: int) -> None:
    assert rating_for(said / of, 60, 120) == rating


def test_every_point_said_but_over_time_is_good_not_easy() -> None:
    assert rating_for(1.0, 150, 120) == 3


def test_cards_behind_the_points() -> None:
    cards = [["a"], ["b", "c"], [], ["d"]]
    # all but the second said: Hard (3 of 4 → Good); said cards get it, missed Again; a new card at most Good
    assert card_ratings(3, cards, [0, 2, 3], new=set()) == {"a": 3, "b": 1, "c": 1, "d": 3}
    assert card_ratings(4, cards, [0, 1, 2, 3], new={"a"}) == {"a": 3, "b": 4, "c": 4, "d": 4}
    assert card_ratings(1, cards, [0], new=set()) == {"a": 2, "b": 1, "c": 1, "d": 1}  # a point said was recalled


def test_a_long_heading_is_asked_in_parts() -> None:
    facts = "\n".join(f"- Fact number {n} about layer norm and its statistics." for n in range(1, 10))
    questions = make_questions(f"# Layers\n\n## Layer norm\n{facts}\n")
    parts = [q for q in questions if q.kind == EXPLAIN]
    assert [len(q.points) for q in parts] == [4, 5]  # nine facts: two answers of 3-6, in reading order
    assert [p.line for q in parts for p in q.points] == list(range(4, 13))
    assert parts[0].prompt.startswith("Explain Layer norm") and parts[1].prompt.startswith("Let's go deeper into Layer norm")


QA_NOTES = """# Machine learning questions

## Trees

**What is a decision tree? How is it built? 👶**

A decision tree splits the data on one feature at a time.
Each split is chosen to make the children as pure as possible.
Gini impurity or entropy measure how pure a node is.
CART stops growing at a maximum depth or a minimum leaf size.

**Why do single trees overfit? ⭐️**

Answer here

**What are the main assumptions of a random forest? 🚀**

There are a few assumptions behind it.
Here are the main ones
- The trees are trained on bootstrap samples of the rows:
  - each sample is drawn with replacement
  - about a third of the rows are left out of each
- Each split looks at a random subset of the features.
- Averaging many decorrelated trees lowers the variance.

Yes, it is.

## Difference between bagging and boosting.

Bagging trains models in parallel on bootstrap samples and averages them.
Boosting trains models one after another, each fixing the errors of the last.
Bagging mostly lowers variance, while boosting mostly lowers bias.

## Errors are independently and identically distributed…

- No correlation between errors of consecutive rows.
- Constant variance of errors across the range of predictions.
- Errors follow a normal distribution around zero.
"""


def test_the_notes_own_questions_are_asked_as_written_with_their_answers() -> None:
    questions = assert_interview_questions(QA_NOTES, least=3)
    by = {q.prompt: q for q in questions}
    tree = by["What is a decision tree? How is it built?"]  # without its marks
    assert tree.kind == EXPLAIN and tree.line == 5 and [p.line for p in tree.points] == [7, 8, 9, 10]
    assert "Why do single trees overfit?" not in by  # its answer is a placeholder: nothing to tick
    forest = by["What are the main assumptions of a random forest?"]
    said = [p.text for p in forest.points]
    assert len(said) == 5 and said[0] == "There are a few assumptions behind it."  # an intro line (…:) is no point
    assert any(t.startswith("each sample is drawn with replacement") for t in said)  # the nested list is part of it
    assert not any(t.startswith(("Yes", "Here are")) for t in said)  # an empty answer, a line announcing a list
    assert {q.section for q in questions} == {"Trees", "Difference between bagging and boosting."}  # not the title
    assert not any(q.heading.endswith("The trees are trained on bootstrap samples of the rows") for q in questions)
    assert by["What is the difference between bagging and boosting?"].kind == COMPARE
    # a heading that is a sentence cut short is not named in a question; nor is `Trees` asked about in general
    assert not any("Errors are" in q.prompt or q.prompt.startswith("Explain Trees") for q in questions)
    assert len(questions) == 3


def test_the_kind_of_an_own_question_is_read_from_its_words() -> None:
    notes = "# Q\n\n## A\n\n" + "\n\n".join(
        f"**{q}**\n\nFirst fact of the answer here.\nSecond fact of the answer here.\nThird fact of the answer here.\n"
        for q in ("Why do we scale features?", "What is the difference between L1 and L2?",
                  "How does backpropagation work?", "What happens if the learning rate is too high?"))
    kinds = {q.prompt: q.kind for q in make_questions(notes)}
    assert kinds == {"Why do we scale features?": WHY, "What is the difference between L1 and L2?": COMPARE,
                     "How does backpropagation work?": WALK, "What happens if the learning rate is too high?": BREAKS}


def test_the_card_holding_the_whole_answer_gets_the_answers_rating() -> None:
    cards = [["a"], [], ["b"]]
    assert card_ratings(2, cards, [0], new=set(), whole=["w"]) == {"a": 2, "b": 1, "w": 2}
    assert card_ratings(4, cards, [0, 1, 2], new={"w"}, whole=["w"]) == {"a": 4, "b": 4, "w": 3}  # never studied: Good


def test_an_order_too_short_is_asked_whole_and_a_question_heading_keeps_the_questions_under_it() -> None:
    notes = """# Statistics

## Define entropy
- Entropy measures the uncertainty of a distribution.
- It is the expected negative log-probability of an outcome.
- It is highest for the uniform distribution.

## What is boosting and why does it work?
- Boosting trains weak learners one after another.
- Each learner focuses on the errors of the ones before it.
- The final model is a weighted vote of the learners.

**How does AdaBoost weight the samples?**

Misclassified samples get a larger weight in the next round.
Correctly classified samples get a smaller weight.
The weights are normalised to sum to one after each round.
"""
    prompts = [q.prompt for q in assert_interview_questions(notes, least=3)]
    assert "Define entropy, and say why it matters." in prompts and not any(p.startswith("Explain Define") for p in prompts)
    assert {"What is boosting and why does it work?", "How does AdaBoost weight the samples?"} <= set(prompts)
