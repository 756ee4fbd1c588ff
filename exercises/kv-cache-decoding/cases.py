"""Hidden cases for decode_step.

Oracle: full causal attention over the whole sequence with torch.nn.functional.scaled_dot_product_attention(
is_causal=True). The case invents queries for the T cached positions, runs causal attention over all T + n
positions at once, and keeps the last n rows: a step with a cache must equal them. The expected caches are
torch.cat of the old cache and the new keys/values.
"""

import numpy as np
import torch

from prep.drills.cases import Case, allclose


def _case(name: str, rng: np.random.Generator, b: int, h: int, t: int, n: int, d: int, dv: int | None = None,
          scale: float = 1.0, dtype=np.float64) -> Case:
    dv = dv or d
    q_all = rng.normal(scale=scale, size=(b, h, t + n, d)).astype(dtype)
    k_all = rng.normal(scale=scale, size=(b, h, t + n, d)).astype(dtype)
    v_all = rng.normal(size=(b, h, t + n, dv)).astype(dtype)
    with torch.no_grad():
        full = torch.nn.functional.scaled_dot_product_attention(
            torch.from_numpy(q_all), torch.from_numpy(k_all), torch.from_numpy(v_all), is_causal=True)
    args = (q_all[..., t:, :].copy(), k_all[..., t:, :].copy(), v_all[..., t:, :].copy(),
            k_all[..., :t, :].copy(), v_all[..., :t, :].copy())
    expected = (full[..., t:, :].numpy(),
                torch.cat([torch.from_numpy(args[3]), torch.from_numpy(args[1])], dim=-2).numpy(),
                torch.cat([torch.from_numpy(args[4]), torch.from_numpy(args[2])], dim=-2).numpy())
    tolerance = (2e-4, 1e-5) if dtype == np.float32 else (1e-7, 1e-10)
    return Case(name, args, expected, allclose(rtol=tolerance[0], atol=tolerance[1], dtype=True,
                                               names=("output", "k_cache", "v_cache"), order=(1, 2, 0)))


def _hand_made() -> Case:
    q = np.array([[[[0.0, 2.0]]]])  # B=1, H=1, n=1, d=2
    k_new, v_new = np.array([[[[0.0, 1.0]]]]), np.array([[[[3.0]]]])
    k_cache, v_cache = np.array([[[[1.0, 0.0], [1.0, 1.0]]]]), np.array([[[[1.0], [2.0]]]])
    keys, values = np.concatenate([k_cache, k_new], axis=-2), np.concatenate([v_cache, v_new], axis=-2)
    with torch.no_grad():
        output = torch.nn.functional.scaled_dot_product_attention(
            torch.from_numpy(q), torch.from_numpy(keys), torch.from_numpy(values)).numpy()  # one query sees all
    return Case("the worked example: two cached tokens, one new", (q, k_new, v_new, k_cache, v_cache),
                (output, keys, values), allclose(rtol=1e-9, atol=1e-12, dtype=True,
                                                 names=("output", "k_cache", "v_cache"), order=(1, 2, 0)))


def _given(name: str, q: np.ndarray, k_new: np.ndarray, v_new: np.ndarray, k_cache: np.ndarray,
           v_cache: np.ndarray) -> Case:
    """A hand-made case: the cache's own queries do not matter (they only make earlier rows), so the oracle is
    causal attention of the new queries over cache + new, with the n new rows last."""
    keys, values = np.concatenate([k_cache, k_new], axis=-2), np.concatenate([v_cache, v_new], axis=-2)
    t, n = k_cache.shape[-2], q.shape[-2]
    allowed = torch.ones(n, t + n, dtype=torch.bool).tril(diagonal=t)
    with torch.no_grad():
        output = torch.nn.functional.scaled_dot_product_attention(
            torch.from_numpy(q), torch.from_numpy(keys), torch.from_numpy(values), attn_mask=allowed).numpy()
    return Case(name, (q, k_new, v_new, k_cache, v_cache), (output, keys, values),
                allclose(rtol=1e-9, atol=1e-12, dtype=True, names=("output", "k_cache", "v_cache"), order=(1, 2, 0)))


def _masked_future_dominates() -> Case:
    """Query 0 may not see key 1, whose score is +1000; the key it may see scores -1000. Taking the row max before
    masking subtracts 1000 from -1000: every allowed weight underflows to 0, and 0/0 is NaN."""
    q = np.array([[[[1.0], [1.0]]]])
    k_new, v_new = np.array([[[[-1000.0], [1000.0]]]]), np.array([[[[1.0], [2.0]]]])
    return _given("a masked future key with a score of +1000: the row max is taken after masking", q, k_new, v_new,
                  np.zeros((1, 1, 0, 1)), np.zeros((1, 1, 0, 1)))


def random_input(rng: np.random.Generator) -> tuple[tuple, dict]:
    b, h, t, n = (int(x) for x in (rng.integers(1, 3), rng.integers(1, 4), rng.integers(0, 6), rng.integers(1, 4)))
    d, dv = int(rng.integers(1, 6)), int(rng.integers(1, 6))
    dtype = np.float32 if rng.random() < 0.3 else np.float64
    scale = 10.0 ** float(rng.uniform(-1, 1.5))
    parts = [rng.normal(scale=scale, size=(b, h, n, d)), rng.normal(scale=scale, size=(b, h, n, d)),
             rng.normal(size=(b, h, n, dv)), rng.normal(scale=scale, size=(b, h, t, d)), rng.normal(size=(b, h, t, dv))]
    return tuple(p.astype(dtype) for p in parts), {}


PROMISES = {
    "`q`, `k_new`: `(B, H, n, d)`; `v_new`: `(B, H, n, dv)`": [
        "one new token, 5 cached", "an empty cache, a prompt of 4 tokens at once: causal among the new tokens",
        "3 new tokens after 4 cached: new token i sees the cache and new tokens up to i", "a batch of one sequence, one head",
        "inputs as views: q and k_new strided along d, the cache a slice of a longer buffer"],
    "`k_cache`: `(B, H, T, d)`, `v_cache`: `(B, H, T, dv)`: the `T` earlier positions, oldest first": [
        "the worked example: two cached tokens, one new", "a long cache: 200 positions",
        "an empty cache (T=0): the first token attends only to itself"],
    "All float64 or all float32 NumPy arrays; `dv` may differ from `d`.": [
        "scaled by 1/sqrt(d) with d=16 != dv=3", "value dim larger than key dim (d=2, dv=6)", "float32 stays float32"],
    "Append, then attend": ["the worked example: two cached tokens, one new", "one new token, 5 cached"],
    "Each new token attends to itself as well.": ["the new token attends to itself too (1 cached, 1 new)"],
    "New token `i` is at position `T + i`": ["3 new tokens after 4 cached: new token i sees the cache and new tokens up to i",
                                             "2 new tokens after 1 cached"],
    "V[:T+i+1]`.": ["3 new tokens after 4 cached: new token i sees the cache and new tokens up to i"],
    "This equals rows `T … T+n-1` of full causal self-attention": [
        "an empty cache, a prompt of 4 tokens at once: causal among the new tokens"],
    "Returns `(output, k_cache, v_cache)`": ["the worked example: two cached tokens, one new", "batch of 3, 4 heads, one new token"],
    "The output has the dtype of `q` (float32 in, float32 out).": ["float32 stays float32", "float32, empty cache"],
    "Scores can be large (±1000 after scaling): the softmax must be numerically stable, row by row.": [
        "scores of about +-1000 need a stable softmax", "large scores in several heads: each row is shifted by its own max",
        "a masked future key with a score of +1000: the row max is taken after masking"],
    "The inputs are yours to read, not to change": [
        "inputs as views: q and k_new strided along d, the cache a slice of a longer buffer"],
}
NOT_CASES = {"NumPy or torch (arrays or tensors back) are both fine": "a freedom; the library attention is refused at the dispatcher"}


def cases(seed: int = 20261128) -> list[Case]:
    rng = np.random.default_rng(20261128)  # the hand-made cases: the same inputs under every seed
    out = [
        _hand_made(),
        _masked_future_dominates(),
        _case("one new token, 5 cached", rng, 1, 1, 5, 1, 4),
        _case("the new token attends to itself too (1 cached, 1 new)", rng, 1, 1, 1, 1, 3),
        _case("an empty cache (T=0): the first token attends only to itself", rng, 2, 2, 0, 1, 4),
        _case("an empty cache, a prompt of 4 tokens at once: causal among the new tokens", rng, 1, 2, 0, 4, 3),
        _case("3 new tokens after 4 cached: new token i sees the cache and new tokens up to i", rng, 2, 2, 4, 3, 4),
        _case("2 new tokens after 1 cached", rng, 1, 1, 1, 2, 2),
        _case("batch of 3, 4 heads, one new token", rng, 3, 4, 6, 1, 8),
        _case("scaled by 1/sqrt(d) with d=16 != dv=3", rng, 1, 2, 3, 2, 16, 3),
        _case("value dim larger than key dim (d=2, dv=6)", rng, 2, 1, 4, 1, 2, 6),
        _case("a long cache: 200 positions", rng, 1, 2, 200, 1, 8),
        _case("scores of about +-1000 need a stable softmax", rng, 1, 2, 5, 2, 4, scale=30.0),
        _case("large scores in several heads: each row is shifted by its own max", rng, 2, 3, 4, 2, 4, scale=20.0),
        _case("float32 stays float32", rng, 2, 2, 5, 2, 8, dtype=np.float32),
        _case("float32, empty cache", rng, 1, 2, 0, 3, 4, dtype=np.float32),
    ]
    fixed = np.random.default_rng(20261207)
    q, k, v = fixed.normal(size=(2, 2, 2, 8)), fixed.normal(size=(2, 2, 2, 8)), fixed.normal(size=(2, 2, 2, 3))
    cache_k, cache_v = fixed.normal(size=(2, 2, 4, 4)), fixed.normal(size=(2, 2, 4, 3))
    out += [
        _given("inputs as views: q and k_new strided along d, the cache a slice of a longer buffer",
               q[..., ::2], k[..., ::2], v, cache_k[:, :, :3], cache_v[:, :, :3]),
        _given("a batch of one sequence, one head", *(fixed.normal(size=(1, 1, n, d)) for n, d in
                                                       ((1, 2), (1, 2), (1, 2), (3, 2), (3, 2)))),
    ]
    rng = np.random.default_rng(seed)  # the random cases: new inputs every attempt
    for i in range(6):  # random shapes
        b, h = int(rng.integers(1, 4)), int(rng.integers(1, 5))
        t, n = int(rng.integers(0, 12)), int(rng.integers(1, 5))
        d, dv = int(rng.integers(1, 9)), int(rng.integers(1, 9))
        scale = 10.0 ** float(rng.uniform(-1, 1.3))
        out.append(_case(f"random {i + 1}: B={b}, H={h}, T={t} cached, n={n} new, d={d}, dv={dv}", rng,
                         b, h, t, n, d, dv, scale=scale))
    return out


random_inputs = random_input  # the name the mutation check (bench/mutants.py) looks for
