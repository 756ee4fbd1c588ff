"""What a card shows above its question: the heading path, once."""

from __future__ import annotations

from prep.tui.card_text import crumbs


def test_the_heading_that_is_the_question_is_not_shown_twice() -> None:
    path = "Question Bank › LLM fundamentals › 3. What do temperature and top-p control?"
    assert crumbs(path, "What do temperature and top-p control?") == "Question Bank › LLM fundamentals"
    assert crumbs("Quiz › **1. Зайдите на Hub.** Какую задачу она решает?", "Зайдите на Hub. Какую задачу она решает?") == "Quiz"
    assert crumbs("Models › BERT", "**BERT** · architecture?") == "Models › BERT", "a heading the question names stays"
    assert crumbs("Models", "Models?") == "Models", "the only heading stays"
