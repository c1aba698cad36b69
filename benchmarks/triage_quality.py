"""Precision and recall of inbox triage, per label, on the labelled corpus in tests/corpus/triage.

    python benchmarks/triage_quality.py [--json] [--show-errors] [--label foi] [--set holdout]

Runs ``triage(text, context)`` on every corpus item and compares the labels it gives with
the labels the item carries. Prints, per label: labelled positives, true positives, false
positives, false negatives, precision and recall, for the whole corpus and for the held-out
set alone (``holdout.jsonl``: items written after the classifier and kept out of tuning, though
the last round's misses listed by the test included some of them: see the corpus README), then
whether every urgent item was marked urgent. ``--show-errors`` lists every miss and false
alarm with the labels given and why. It is a report, not a test: it always exits 0
(tests/test_triage_quality.py holds the floors).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from civicpost.engine.triage import LABELS, URGENT_LABELS, Triage, triage  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "triage"
HOLDOUT = "holdout.jsonl"


def load_corpus(folder: Path = CORPUS) -> list[dict[str, Any]]:
    """Every item of every ``*.jsonl`` file in ``folder``, with ``_source`` (file:line) added."""
    items = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                item = json.loads(line)
                item["_source"] = f"{path.name}:{number}"
                items.append(item)
    return items


@dataclass
class Outcome:
    item: dict[str, Any]
    result: Triage | None = None
    error: str | None = None

    @property
    def given(self) -> set[str]:
        return set() if self.result is None else set(self.result.label_names)

    @property
    def labelled(self) -> set[str]:
        return set(self.item["labels"])

    @property
    def holdout(self) -> bool:
        return self.item["_source"].startswith(HOLDOUT)


def run(items: Iterable[dict[str, Any]]) -> list[Outcome]:
    outcomes = []
    for item in items:
        try:
            outcomes.append(Outcome(item, triage(item["text"], item.get("context"))))
        except Exception as exc:  # the report goes on whatever one item does
            outcomes.append(Outcome(item, error=f"{type(exc).__name__}: {exc}"))
    return outcomes


def label_table(outcomes: list[Outcome]) -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for label in LABELS:
        tp, fp, fn = [], [], []
        for o in outcomes:
            if o.error:
                continue
            said, truth = label in o.given, label in o.labelled
            if said and truth:
                tp.append(o.item["id"])
            elif said:
                fp.append(o.item["id"])
            elif truth:
                fn.append(o.item["id"])
        table[label] = {"positives": len(tp) + len(fn), "tp": len(tp), "fp": len(fp), "fn": len(fn),
                        "precision": _ratio(len(tp), len(tp) + len(fp)),
                        "recall": _ratio(len(tp), len(tp) + len(fn)),
                        "false_positives": fp, "false_negatives": fn}
    return table


def urgency(outcomes: list[Outcome]) -> dict[str, Any]:
    """Urgent items (labelled threat or libel) that were not marked urgent, and the reverse."""
    missed = [o.item["id"] for o in outcomes if o.result and not o.result.urgent
              and o.labelled & URGENT_LABELS]
    raised = [o.item["id"] for o in outcomes if o.result and o.result.urgent
              and not o.labelled & URGENT_LABELS]
    total = sum(1 for o in outcomes if o.labelled & URGENT_LABELS)
    return {"urgent_items": total, "missed": missed, "false_alarms": raised}


def evaluate(items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    outcomes = run(load_corpus() if items is None else items)
    held = [o for o in outcomes if o.holdout]
    return {
        "items": len(outcomes),
        "holdout_items": len(held),
        "errors": {o.item["id"]: o.error for o in outcomes if o.error},
        "labels": label_table(outcomes),
        "holdout": label_table(held),
        "urgency": urgency(outcomes),
        "outcomes": outcomes,
    }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _print_table(title: str, table: dict[str, dict[str, Any]]) -> None:
    print(title)
    print(f"{'label':10} {'labelled':>8} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7}")
    for label, row in table.items():
        print(f"{label:10} {row['positives']:>8} {row['tp']:>4} {row['fp']:>4} {row['fn']:>4} "
              f"{_fmt(row['precision']):>9} {_fmt(row['recall']):>7}")
    print()


def _show_errors(outcomes: list[Outcome], only: str | None) -> None:
    for o in outcomes:
        if o.error:
            print(f"ERROR {o.item['id']}: {o.error}")
            continue
        missed, extra = o.labelled - o.given, o.given - o.labelled
        if only:
            missed, extra = missed & {only}, extra & {only}
        if not missed and not extra:
            continue
        print(f"{o.item['id']} ({o.item['_source']}): {o.item['text']!r}")
        print(f"    labelled {sorted(o.labelled)}; missed {sorted(missed)}; extra {sorted(extra)}")
        assert o.result is not None
        for label in o.result.labels:
            if label.label in extra:
                print(f"    {label.label}: {label.why}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--show-errors", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--label", choices=LABELS, help="with --show-errors: only this label")
    parser.add_argument("--set", choices=["all", "holdout", "dev"], default="all",
                        help="with --show-errors: which items")
    args = parser.parse_args()
    result = evaluate()
    outcomes: list[Outcome] = result.pop("outcomes")
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"{result['items']} labelled messages ({result['holdout_items']} held out), "
          f"{len(result['errors'])} errors\n")
    _print_table("All items", result["labels"])
    if result["holdout_items"]:
        _print_table(f"Held-out items only ({HOLDOUT}; see the corpus README for how held out)",
                     result["holdout"])
    urgent = result["urgency"]
    print(f"urgent (threat or libel) items: {urgent['urgent_items']}; not marked urgent: "
          f"{len(urgent['missed'])} {urgent['missed']}; marked urgent wrongly: "
          f"{len(urgent['false_alarms'])} {urgent['false_alarms']}")
    if args.show_errors:
        print()
        chosen = [o for o in outcomes if args.set == "all" or (o.holdout == (args.set == "holdout"))]
        _show_errors(chosen, args.label)


if __name__ == "__main__":
    main()
