"""The abuse rules (AB001-AB004) on the Davidson et al. (2017) labelled tweets.

    python benchmarks/abuse_davidson.py [--limit N] [--show-misses K] [--show-false K]

The data set (``../shared/data/davidson-hate-offensive/labeled_data.csv`` beside the
repository) holds about 25,000 tweets, each labelled by crowd workers as hate speech (class 0),
offensive language (class 1) or neither (class 2). Every tweet is checked as a post on a
personal account; a tweet counts as flagged when any AB rule finds something in it. Printed:
recall on hate speech and on offensive language, the false-positive rate on "neither", which
rules fired, and the throughput of the four rules together on one core.

The rules' word lists were written for council posts and were not tuned to these tweets.
The baseline to beat is the best offline classifier the team measured, at about 40% recall
on offensive tweets. Labels are the crowd's majority and are noisy: many "neither" tweets
contain slurs quoted in lyrics or in reclaimed use, which the rules flag on purpose.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from civicpost.engine import Context, all_rules  # noqa: E402
from civicpost.engine.post import Post  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "davidson-hate-offensive" / \
    "labeled_data.csv"
CLASSES = {"0": "hate speech", "1": "offensive", "2": "neither"}
BASELINE_OFFENSIVE_RECALL = 0.40


def load(limit: int | None) -> list[tuple[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        rows = [(row["class"], row["tweet"]) for row in csv.DictReader(handle)]
    return rows[:limit] if limit else rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N tweets")
    parser.add_argument("--show-misses", type=int, default=0, help="print K missed hate/offensive tweets")
    parser.add_argument("--show-false", type=int, default=0, help="print K flagged 'neither' tweets")
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"Skipped: the Davidson data set is not at {DATA.resolve()} "
              "(it lives in the shared data folder beside the repository).")
        return
    rows = load(args.limit)
    rules = [rule for code, rule in all_rules().items() if code.startswith("AB")]
    context = Context(account="personal", kind="post")

    flagged: dict[str, int] = Counter()
    totals: dict[str, int] = Counter()
    by_rule: dict[str, Counter[str]] = {name: Counter() for name in CLASSES.values()}
    misses: list[str] = []
    false: list[str] = []
    timings: list[float] = []
    started = time.perf_counter()
    for label, tweet in rows:
        name = CLASSES.get(label, "?")
        begin = time.perf_counter()
        post = Post(tweet, context)
        codes = {rule.code for rule in rules if any(True for _ in rule.find(post))}
        timings.append(time.perf_counter() - begin)
        totals[name] += 1
        if codes:
            flagged[name] += 1
            by_rule[name].update(codes)
            if name == "neither" and len(false) < args.show_false:
                false.append(f"  {sorted(codes)} {tweet!r}")
        elif name != "neither" and len(misses) < args.show_misses:
            misses.append(f"  [{name}] {tweet!r}")
    elapsed = time.perf_counter() - started

    print(f"{len(rows)} tweets, AB001-AB004 on a personal account\n")
    print(f"{'class':14} {'tweets':>7} {'flagged':>8} {'rate':>7}   by rule")
    for name in CLASSES.values():
        rate = flagged[name] / totals[name] if totals[name] else 0.0
        rules_fired = ", ".join(f"{code} {count}" for code, count in sorted(by_rule[name].items()))
        print(f"{name:14} {totals[name]:7} {flagged[name]:8} {rate:7.1%}   {rules_fired}")
    hate = flagged["hate speech"] / max(1, totals["hate speech"])
    offensive = flagged["offensive"] / max(1, totals["offensive"])
    neither = flagged["neither"] / max(1, totals["neither"])
    print(f"\nrecall, hate speech (class 0):     {hate:.1%}")
    print(f"recall, offensive (class 1):       {offensive:.1%}  "
          f"(baseline: best offline classifier ~{BASELINE_OFFENSIVE_RECALL:.0%})")
    print(f"false positives, neither (class 2): {neither:.1%}")
    ordered = sorted(timings)
    print(f"\nspeed: {len(rows) / elapsed:,.0f} tweets/s; median {statistics.median(ordered) * 1e6:.0f} µs, "
          f"p95 {ordered[int(len(ordered) * 0.95)] * 1e6:.0f} µs per tweet (four rules, one core)")
    if misses:
        print("\nmissed:\n" + "\n".join(misses))
    if false:
        print("\nflagged 'neither':\n" + "\n".join(false))


if __name__ == "__main__":
    main()
