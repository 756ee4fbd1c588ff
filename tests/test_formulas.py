"""Formulas keep their meaning on a card (issue 18): pylatexenc reads the TeX, told what it would otherwise drop
(norms, arg, braced sub- and superscripts), and a model's special tokens are not taken for HTML."""

from __future__ import annotations

import pytest

from prep.notes.cards import generate
from prep.notes.inline import latex_to_unicode


@pytest.mark.parametrize(("tex", "shown"), [
    (r"\frac{t_1 \cdot t_2}{\|t_1\| \|t_2\|}", "(t_1 ·t_2)/(‖t_1‖ ‖t_2‖)"),  # cosine similarity keeps its norms
    (r"\frac{a+b}{n-1}", "(a+b)/(n-1)"),  # a fraction of sums keeps its brackets: not a+b/n-1
    (r"\dfrac{1}{\log_2(k + 1)}", "1/log_2(k + 1)"),  # the display fraction is a fraction: not "1log_2(k + 1)"
    (r"\tfrac{a+b}{2} + \cfrac{1}{K}", "(a+b)/2 + 1/K"),
    (r"1 \over {T_y}^\alpha", "1/T_y^α"),  # TeX's \over is a fraction, not "1 T_y"
    (r"{1 \over 2} + {3 \over {4 + 5}}", "1/2 + 3/(4 + 5)"),
    (r"c \gt r", "c > r"),  # not "c r"
    (r"a \ll 0 \implies w \to +\infty", "a ≪0 ⟹ w →+∞"),
    (r"\left. \frac{\partial L}{\partial z} \right|_{z=a}", "∂L/∂z |_(z=a)"),  # an invisible delimiter is no dot
    (r"x_{i-1}", "x_(i-1)"),  # not x_i-1
    (r"x^{2k}", "x^(2k)"),
    (r"\arg\max_y p(y)", "argmax_y p(y)"),  # not max
    (r"D_{KL}(P \| Q)", "D_(KL)(P ‖ Q)"),  # the divergence's bars stay
    (r"\operatorname{softmax}(x)", "softmax(x)"),
    (r"\underbrace{a+b}_{\text{n terms}}", "a+b_(n terms)"),  # the label stays
    (r"\langle s \rangle", "⟨s ⟩"),
    (r"\frac{QK^T}{\sqrt{d_k}}", "QK^T/√(d_k)"),
    (r"\textsf{Block}^{96}(\texttt{Embed}(x))", "Block^(96)(Embed(x))"),  # a named function keeps its name
    (r"|Y - \widehat{Y}|", "|Y - Ŷ|"),  # a wide hat is a hat: not |Y - Y|
    (r"\overline{x} + \widetilde{x}", "x̅ + x̃"),
    (r"e^{\beta_0 + \sum_{j=1}^P \beta_j x_j}", "e^(β_0 + ∑_(j=1)^P β_j x_j)"),  # a script holding a script keeps its brackets
    (r"\log(1 - \hat{y_i})", "log(1 - ŷ_i)"),  # the hat on the letter, not on every character of the index
    (r"\bar{x}_j + \hat{\beta}_1", "x̄_j + β̂_1"),
    (r"\frac{\cov(X,Y)}{\sqrt{\D X \D Y}}", "cov(X,Y)/√(D X D Y)"),  # an operator pylatexenc does not know keeps its name
    (r"\E X^k + \det A", "E X^k + det A"),
    (r"\argmax_{\theta} L(\theta)", "argmax_θ L(θ)"),
    (r"\displaystyle\sum_i \boldsymbol{x}_i^T W", "∑_i x_i^T W"),  # layout and a command's argument print as before
    (r"\sqrt[3]{x} + \sqrt[p]{\sum_i |x_i|^p} + \sqrt{d_k}", "³√(x) + ᵖ√(∑_i |x_i|^p) + √(d_k)"),  # a root keeps its index
    (r"x_i,\space i=1", "x_i, i=1"),  # a space is a space, not the word "space"
    # a fraction against another factor is bracketed whole: not "logp(x,y)/p(x)p(y)" nor "∂g/∂z∂z/∂w"
    (r"\log\frac{p(x,y)}{p(x)p(y)}", "log(p(x,y)/(p(x)p(y)))"),
    (r"\frac{\partial g}{\partial z}\frac{\partial z}{\partial w}", "(∂g/∂z)(∂z/∂w)"),
    (r"\frac{1}{n}\sum_i x_i - \frac{a}{b}", "(1/n)∑_i x_i - a/b"),
    (r"\begin{cases} 0, & x \leq 0 \\ x & \text{otherwise} \end{cases}", "{0 if x ≤0; x, otherwise}"),  # rows apart
    (r"\begin{cases} 1 & \ \mathrm{if}\quad c > r \\ e^{1-r/c} & \text{if } c \le r \end{cases}", "{1 if c > r; e^(1-r/c) if c ≤r}"),
    (r"\frac{a}{\sqrt{Var(y)Var(z)}} + \frac{N}{|U||V|}", "a/√(Var(y)Var(z)) + N/(|U||V|)"),  # a root is one factor
    (r"\sum_{c=1}^M\hat{y}_c + X^T\beta", "∑_(c=1)^M ŷ_c + X^T β"),  # a one-character script ends before a symbol
    (r"\min_G\max_D \sum_{i}\log D(x_i)", "min_G max_D ∑_i log D(x_i)"),  # an operator keeps the space after it
    (r"with \mathrel:= n", "with := n"),  # a command of spacing prints nothing of its own, not "mathrel"
    (r"\frac{|\{d : t \in d\}|}{|D|}", "(|{d : t ∈d}|)/|D|"),  # a set keeps its braces: not (|d : t ∈d|)
    (r"\sum_{i=0}^{k-1} \binom{N}{i}", "∑_(i=0)^(k-1) C(N, i)"),  # a binomial coefficient: not "Ni"
    (r"\frac{n!}{k!(n-k)!}", "n!/(k!(n-k)!)"),  # a product of factorials keeps its brackets
    (r"\frac{1}{\sigma\sqrt{2\pi}}", "1/(σ√(2π))"),  # and so does a product with a root
])
def test_a_formula_keeps_its_meaning(tex: str, shown: str) -> None:
    assert latex_to_unicode(tex) == shown


def test_special_tokens_are_text_not_markup() -> None:
    deck = generate("# BART\n\n**Sequence marks**: <s> at the start and </s> at the end of every sequence.\n")
    text = " ".join(d.front + " " + d.back for d in deck.drafts)
    assert "<s>" in text and "</s>" in text


def test_a_formula_drawn_by_a_tex_renderer_is_read_as_the_formula() -> None:
    from prep.notes.cards import generate

    notes = ("# Regression\n\n**How do we solve linear regression?**\n\nWe find the coefficients "
             '<img src="https://render.githubusercontent.com/render/math?math=\\beta"> that minimise the squared error: '
             '<img src="https://render.githubusercontent.com/render/math?math=\\beta = (X^{T}X)^{-1}X^{T}y">.\n\n'
             "**What does L1 add?**\n\nThe sum ![l1](https://latex.codecogs.com/svg.latex?\\lambda\\sum_{i}|w_i|) to the loss.\n")
    backs = " ".join(d.back for d in generate(notes).drafts)
    assert "β = (X^TX)^(-1)X^Ty" in backs.replace("β= ", "β = ") and "render" not in backs and "<img" not in backs
    assert "λ∑_i|w_i|" in backs.replace(" ", "") and "codecogs" not in backs


def test_a_sum_s_range_is_no_side_of_an_equation() -> None:
    """The '=' of `\\sum_{i=1}` sits inside the sum's subscript: a formula is cut at its first '=' outside brackets."""
    notes = "# Losses\n\n## MAE\n\n$$\\sum_{i=1}^{n}|y_i-\\hat{y}_i|$$\n\n## MSE\n\n$$L = \\frac{1}{n}\\sum_{i=1}^{n}(y_i-\\hat{y}_i)^2$$\n"
    cards = [(d.front, d.back) for d in generate(notes, every_kind=True).drafts if d.kind == "formula"]
    assert cards == [("**MAE** · Formula?", "∑_(i=1)^n|y_i-ŷ_i|"),  # a formula alone under its name: the topic asks for it
                     ("**MSE** · `L = ?`", "(1/n)∑_(i=1)^n(y_i-ŷ_i)^2")]
    derivation = "# Boosting\n\n## Derivation\n\n$$\\sum_{i=1}^{n} s_i b(x_i)$$\n"
    assert not [d for d in generate(derivation, every_kind=True).drafts if d.kind == "formula"], "a step is no quantity"


def test_html_sub_and_superscripts_are_scripts() -> None:
    notes = ("# Logistic regression\n\n"
             "- **m<sub>test</sub>** — the number of examples held out for testing\n"
             "- Squared error = 1/2(ŷ - y)<sup>2</sup> is one way to measure the loss\n"
             "- The label of example i is y<sup>(i)</sup>, of the next one y<sup>i+1</sup>\n")
    cards = {d.front.split(" · ")[-1]: d.back for d in generate(notes, every_kind=True).drafts}
    assert cards.get("`Squared error = ?`") == "`1/2(ŷ - y)^2`", cards  # the exponent stays, the prose after it goes
    text = " ".join(f"{front} {back}" for front, back in cards.items())
    assert "mtest" not in text and "(ŷ - y)2" not in text, cards


def test_a_formula_on_a_line_of_its_own_is_asked_by_its_left_side_and_a_clause_after_it_is_no_list() -> None:
    notes = ("# Activations\n\n## Sigmoid\n\n$\\sigma(x) = \\frac{1}{1+e^{-x}}$\n\n"
             "## Kernel smoothing\n\n$w_i(x) = K(\\frac{\\rho(x, x_i)}{h})$, где $h$ — ширина окна сглаживания.\n\n"
             "## Renderer\n\n![alt](https://latex.codecogs.com/gif.latex?Q(\\alpha,&space;X^l)&space;=&space;\\sum_{i=1}^{l}"
             "(\\alpha&space;-&space;y_i)^2)\n")
    cards = {d.front: d.back for d in generate(notes, every_kind=True).drafts if d.kind == "formula"}
    assert cards.get("**Sigmoid** · `σ(x) = ?`") == "1/(1+e^(-x))", cards
    assert cards.get("**Kernel smoothing** · […], где `h` — ширина окна сглаживания.") == "`w_i(x) = K(ρ(x, x_i)/h)`", cards
    assert cards.get("**Renderer** · `Q(α, X^l) = ?`") == "∑_(i=1)^l(α- y_i)^2", cards  # CodeCogs' brackets and &space;


def test_a_function_s_formula_written_as_prose_is_asked_by_its_left_side() -> None:
    notes = "# Losses\n\n## Log loss\n\n- For one example, Loss(ŷ, y) = -(y log ŷ + (1-y) log(1-ŷ)) over the two classes.\n"
    cards = {d.front: d.back for d in generate(notes, every_kind=True).drafts if d.kind == "formula"}
    assert cards == {"**Log loss** · `Loss(ŷ, y) = ?`": "`-(y log ŷ + (1-y) log(1-ŷ))`"}, cards


def test_a_lead_too_long_to_ask_by_leaves_the_formula_to_its_left_side_and_an_expression_names_nothing() -> None:
    lead = ("In the case of ridge regression, the penalty added to the residual sum of squares is the product of a "
            "hyperparameter and the sum of the squared coefficients, as shown below:")
    notes = (f"# Regularization\n\n## Ridge\n\n{lead}\n\n$$Loss = RSS + \\lambda\\sum_j \\beta_j^2$$\n\n"
             "## Logistic\n\n$$\\frac{1}{1 + e^{-x}} = \\frac{e^x}{e^x + 1}$$\n\n$$If~y_i = 1, loss = -\\log(\\hat{y}_i)$$\n")
    cards = {d.front: d.back for d in generate(notes, every_kind=True).drafts if d.kind == "formula"}
    assert cards == {"**Ridge** · `Loss = ?`": "RSS + λ∑_j β_j^2"}, cards


def test_a_right_side_that_lists_or_names_things_is_notation_not_a_formula_to_recall() -> None:
    notes = ("# Notation\n\n## Data\n\n$$X = [x^1 x^2 x^3 x^m]$$\n\n$$D = (k_1, v_1), \\dots, (k_m, v_m)$$\n\n"
             "$$y_i = y^*(x_i)$$\n\n## Layers\n\n$$FFN(x) = W_2 \\sigma(W_1 x)$$\n")
    cards = {d.front: d.back for d in generate(notes, every_kind=True).drafts if d.kind == "formula"}
    assert cards == {"**Layers** · `FFN(x) = ?`": "W_2 σ(W_1 x)"}, cards  # a product of symbols computes


def test_a_line_of_code_is_no_formula_but_a_product_written_with_a_dot_is() -> None:
    notes = ("# Stats\n\n## Pooled error\n\nsigma = np.sqrt((pb*(1-pb) + pg*(1-pg))/n)\n\n"
             "## Entropy\n\n- `Entropy = Sigma(p.log(1/p))`\n")
    cards = [(d.front, d.back) for d in generate(notes, every_kind=True).drafts if d.kind == "formula"]
    assert cards == [("**Entropy** · `Entropy = ?`", "`Sigma(p.log(1/p))`")], cards


def test_a_block_of_formulas_parted_by_semicolons_asks_each_by_its_left_side() -> None:
    notes = "# Вероятность\n\n## Task_1\n\n$$W(A) =\\frac{m}{n};\nA^k_n=\\frac{n!}{(n-k)!}$$\n"
    cards = [(d.front, d.back) for d in generate(notes, every_kind=True).drafts if d.kind == "formula"]
    assert cards == [("**Task_1** · `W(A) = ?`", "m/n"), ("**Task_1** · `A^k_n = ?`", "n!/(n-k)!")], cards
