"""Realistic 280-character council posts for the benchmarks, made from the labelled corpus,
and the one core the speed benchmarks check them on."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

from civicpost.engine import Context

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
POST_LENGTH = 280


def corpus_items() -> list[dict]:
    items = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                items.append(json.loads(line))
    return items


def posts_of_280(count: int, seed: int = 7) -> list[tuple[str, Context]]:
    """``count`` posts of about 280 characters: a corpus item's text and context, topped up
    with sentences of other items and cut at a word boundary."""
    items = corpus_items()
    if not items:
        raise SystemExit("no corpus found in tests/corpus: nothing to measure")
    rng = random.Random(seed)
    posts = []
    for _ in range(count):
        item = rng.choice(items)
        text = item["text"]
        while len(text) < POST_LENGTH:
            text += " " + rng.choice(items)["text"]
        if len(text) > POST_LENGTH:
            cut = text.rfind(" ", 0, POST_LENGTH)
            text = text[: cut if cut > 200 else POST_LENGTH]
        posts.append((text, Context.from_dict(item.get("context"))))
    return posts


def pin_to_one_core() -> None:
    """Run this process on one core: the speed targets are per core."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
