"""Notes → cards on the real notes, on the shipped deck and on other people's Markdown."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from prep.notes.cards import MAX_BACK, generate
from prep.notes.outline import parse_outline, split_title
from tests.conftest import DECK, ROOT

ORIGINAL = ROOT.parent / "shared" / "notes" / "nlp-interview-notes.ru.md"


def test_shipped_deck_meets_the_bar() -> None:
    deck = generate(DECK.read_text(encoding="utf-8"))
    fronts = [d.front for d in deck.drafts]
    assert len(deck.drafts) >= 100
    assert len(fronts) == len(set(fronts)), "two cards ask the same thing"
    assert all(d.front.strip() and d.back.strip() for d in deck.drafts)
    assert max(len(d.back) for d in deck.drafts) <= MAX_BACK
    assert not any("⟦" in d.front + d.back for d in deck.drafts), "editor remarks must not reach cards"


def test_every_topic_of_the_notes_has_a_card() -> None:
    deck = generate(DECK.read_text(encoding="utf-8"))
    titles = {d.path[-1] for d in deck.drafts}
    for topic in ["BERT", "RoBERTa", "DistilBERT", "ALBERT", "DeBERTa", "Longformer", "GPT-2", "XLNet", "GPT-J",
                  "BLOOM", "BART", "Pegasus", "T5", "Ada", "LLAMA", "GLUE", "RACE", "SQuAD", "bleu", "ROUGE",
                  "METEOR", "Cross-entropy loss", "perplexity", "softmax", "beam search", "attention",
                  "self-attention", "transformer", "Блок encoder", "Блок decoder", "Embedding"]:
        assert topic in titles, topic


def test_the_kinds_the_notes_call_for() -> None:
    deck = generate(DECK.read_text(encoding="utf-8"))
    by_front = {d.front: d for d in deck.drafts}
    family = [d for d in deck.drafts if d.kind == "family" and d.path[-1] == "T5"]
    assert family and family[0].back == "Encoder-Decoder" and "Encoder, Decoder или Encoder-Decoder" in family[0].front
    albert = next(d for d in deck.drafts if d.kind == "reverse" and d.back == "**ALBERT**")
    assert "ALBERT" not in albert.front and albert.front.startswith("Какая модель")
    problems = sorted(d.slot for d in deck.drafts if d.kind == "problem")
    assert [s // 100 for s in problems][:3] == [1, 2, 3]
    assert any(d.kind == "cloze" and "Sum(y_true[i] * log(y_pred[i]))" in d.back for d in deck.drafts)
    rehearsal = [d.front for d in deck.drafts if d.kind == "rehearsal"]
    assert len(rehearsal) == 4 and any("APE" in f for f in rehearsal) and any("Polars" in f for f in rehearsal)
    assert [g.where for g in deck.gaps] == ["Приёмы промпт-инжиниринга"]
    assert by_front  # fronts are unique, see above


def test_bert_card_says_encoder_only_with_the_fix_marked_in_the_file() -> None:
    text = DECK.read_text(encoding="utf-8")
    assert "encoder-only ⟦было: decoder-only⟧" in text
    bert = next(d for d in generate(text).drafts if d.kind == "topic" and d.path[-1] == "BERT")
    assert "encoder-only" in bert.back and "decoder-only" not in bert.back


def test_the_users_original_notes_import_too() -> None:
    if not ORIGINAL.exists():  # the notes live beside the repo on a developer's machine
        return
    deck = generate(ORIGINAL.read_text(encoding="utf-8"))
    assert len(deck.drafts) >= 100


def test_titles_split_from_their_first_fact() -> None:
    assert split_title("BERT, bidirectional encoder") == ("BERT", "bidirectional encoder")
    assert split_title("GPT-J Аналог GPT2") == ("GPT-J", "Аналог GPT2")
    assert split_title("Embedding - переход от токенов") == ("Embedding", "переход от токенов")
    assert split_title("beam search https://youtu.be/x") == ("beam search", "")
    assert split_title("Блок encoder") == ("Блок encoder", "")


def test_wrapped_lines_join_and_short_lines_stay_facts() -> None:
    text = (
        "# T\n\n- [v] Longformer\n  основан на RoBERTa\n"
        "  разреженная матрица внимания - локальное окно + избирательное внимание\n"
        "  от особых токенов и к особым токенам\n"
    )
    topic = parse_outline(text).root.children[0].children[0]
    lines = [line for line, _ in topic.head]
    assert lines[0] == "Longformer"
    facts = generate(text).drafts[0].back.splitlines()
    assert facts == ["- основан на RoBERTa", "- разреженная матрица внимания - локальное окно + избирательное внимание от особых токенов и к особым токенам"]


OTHER_MARKDOWN = """\
# Optimisers

Adam keeps running averages of the gradient and its square.
It corrects their bias early in training.

## SGD

1. Plain gradient step
2. With momentum: `v = mu * v - lr * g`

| name | lr |
|------|----|
| Adam | 3e-4 |

```python
opt = torch.optim.SGD(params, lr=0.1)
```

<div>ignored html</div>

## Empty heading

## Facts
What is weight decay? :: L2 penalty added to the update
The {{warm-up}} phase raises the learning rate from zero.

     oddly indented line
- [ ] Lion
- [x] AdamW
  decoupled weight decay
"""


def test_other_peoples_markdown() -> None:
    deck = generate(OTHER_MARKDOWN)
    kinds = {(d.kind, d.path[-1] if d.path else "") for d in deck.drafts}
    assert ("topic", "Optimisers") in kinds and ("topic", "SGD") in kinds and ("topic", "AdamW") in kinds
    sgd = next(d for d in deck.drafts if d.kind == "topic" and d.path[-1] == "SGD")
    assert "Plain gradient step" in sgd.back and "torch.optim.SGD" in sgd.back and "Adam — 3e-4" in sgd.back
    qa = next(d for d in deck.drafts if d.kind == "qa")
    assert qa.front.endswith("What is weight decay?") and qa.back == "L2 penalty added to the update"
    cloze = next(d for d in deck.drafts if d.kind == "cloze" and d.back == "warm-up")
    assert "[…]" in cloze.front and "{{" not in cloze.front
    assert any(d.kind == "cloze" and d.back == "`v = mu * v - lr * g`" for d in deck.drafts)
    reasons = {(g.where, g.reason) for g in deck.gaps}
    assert ("Optimisers › Empty heading", "heading with nothing under it") in reasons
    assert ("Optimisers › Facts › Lion", "item with no notes under it") in reasons
    assert not any("ignored html" in d.back for d in deck.drafts)


def test_source_lines_point_at_the_notes() -> None:
    lines = DECK.read_text(encoding="utf-8").splitlines()
    for draft in generate("\n".join(lines)).drafts:
        if draft.kind in ("topic", "reverse") and draft.slot in (0, 1):
            assert draft.path[-1].split(" (")[0].split()[0] in lines[draft.line - 1], draft.path


markdownish = st.lists(
    st.one_of(
        st.sampled_from(["# H", "## Sub", "- [v] Item", "- [ ] Todo", "  - child", "    - deeper", "1. one", "---", "",
                         "```", "| a | b |", "|---|---|", "q :: a", "{{c}} x", "text line", "<b>x</b>", "> quote", "   "]),
        st.text(max_size=30),
    ),
    max_size=40,
).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(markdownish)
def test_any_markdown_gives_sound_cards(text: str) -> None:
    deck = generate(text)
    fronts = [d.front for d in deck.drafts]
    assert len(fronts) == len(set(fronts))
    for draft in deck.drafts:
        assert draft.front.strip() and draft.back.strip()
        assert draft.line >= 1 and draft.kind


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes(text: str) -> None:
    generate(text)


def test_deck_files_are_utf8() -> None:
    for path in (ROOT / "decks").glob("*.md"):
        path.read_text(encoding="utf-8")
