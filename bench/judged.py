"""Cards judged by reading them: per notes file of the judged set (tests/judged/), the share of scheduled cards
a reader found usable, the key facts covered, the scheduled and suggested counts, and how well the linter predicts
the verdicts. The held-out half is the figure that counts; the tuning half is what the generator was tuned on.

    python bench/judged.py                      # JSON lines, one per file and per half
    python bench/judged.py --write-precision    # prep/notes/judge.toml: the judge fitted to the tuning half
    python bench/judged.py --unjudged DIR       # the cards no reader has judged yet, one JSON-lines file per notes file

Targets (issue 18): at least 85% of scheduled cards usable and 80% of key facts covered on the held-out half; the
linter flags at least 80% of the cards judged not usable and at most 10% of those judged usable.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from prep.notes import judge  # noqa: E402
from tests.judged.judged import BUILTIN, HELD_OUT, TUNING, Figures, agreement, figures, second_readings, train  # noqa: E402

PRECISION, RECALL, FLAGS_BAD, FLAGS_GOOD = 0.85, 0.80, 0.80, 0.10
SUBSTANTIAL = 0.6  # Cohen's kappa from which two readers' agreement is called substantial (Landis and Koch, 1977)


def _pooled(name: str, parts: list[Figures]) -> Figures:
    pooled = Figures(name)
    for part in parts:
        pooled.scheduled += part.scheduled
        pooled.suggested += part.suggested
        pooled.scheduled_verdicts += part.scheduled_verdicts
        pooled.suggested_verdicts += part.suggested_verdicts
        pooled.unjudged_scheduled += part.unjudged_scheduled
        pooled.unjudged_suggested += part.unjudged_suggested
        pooled.key_facts += part.key_facts
        pooled.key_covered += part.key_covered
        pooled.key_on_a_back += part.key_on_a_back
        pooled.lint += part.lint
    return pooled


def line(half: str, found: Figures) -> dict:
    out = {"name": f"judged {half}: {found.file}", **found.as_json()}
    flagged_bad = found.lint[(False, True)] / max(1, found.lint[(False, True)] + found.lint[(False, False)])
    flagged_good = found.lint[(True, True)] / max(1, found.lint[(True, True)] + found.lint[(True, False)])
    out.update({"lint_flags_not_usable": round(flagged_bad, 3), "lint_flags_usable": round(flagged_good, 3)})
    if found.precision is not None:
        out.update({"value": round(found.precision, 3), "unit": "usable share of scheduled", "baseline": PRECISION,
                    "ratio": round(found.precision / PRECISION, 3)})
    return out


def judge_table(model: dict) -> str:
    import tomli_w

    head = ["# The judge model (prep/notes/judge.py): weights of each signal, fitted to the tuning half of the judged set",
            "# (tests/judged/), and the lines drawn on out-of-file predictions. Written by `python bench/judged.py",
            f"# --write-precision`; a test checks it is current. Fitted on {model['cards']} guessed cards, {model['usable']} usable.", ""]
    body = {k: v for k, v in model.items() if k not in ("cards", "usable")}
    return "\n".join(head) + tomli_w.dumps(body)


def write_precision() -> None:
    model = train(TUNING, judge.STANDARD)
    judge.TABLE.write_text(judge_table(model), encoding="utf-8")
    print(f"wrote {judge.TABLE.name}: schedule line {model['schedule_line']}, flag line {model['flag_line']}, "
          f"{model['cards']} cards", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-precision", action="store_true")
    parser.add_argument("--unjudged", type=Path, metavar="DIR")
    args = parser.parse_args()
    if args.write_precision:
        write_precision()
        return
    halves = {"tuning": TUNING, "held-out": HELD_OUT, "built-in": (BUILTIN,)}
    for half, names in halves.items():
        parts = [figures(name) for name in names]
        for part in parts:
            print(json.dumps(line(half, part), ensure_ascii=False), flush=True)
            if args.unjudged is not None and (part.unjudged_scheduled or part.unjudged_suggested):
                args.unjudged.mkdir(parents=True, exist_ok=True)
                cards = part.unjudged_scheduled + part.unjudged_suggested
                (args.unjudged / f"{part.file}.jsonl").write_text(
                    "".join(json.dumps(c.as_json(), ensure_ascii=False) + "\n" for c in sorted(cards, key=lambda c: c.line)),
                    encoding="utf-8")
        if len(parts) > 1:
            print(json.dumps(line(half, _pooled("all files", parts)), ensure_ascii=False), flush=True)
    # Two readers of the same cards: how far any predictor of one reader (the lint, the judge) could hope to go.
    agreed = agreement(second_readings())
    if agreed["cards"]:
        print(json.dumps({"name": "judged: two readers agree (usable or not)", **agreed, "value": agreed["kappa"],
                          "unit": "Cohen's kappa", "baseline": SUBSTANTIAL, "ratio": round(agreed["kappa"] / SUBSTANTIAL, 3)}),
              flush=True)


if __name__ == "__main__":
    main()
