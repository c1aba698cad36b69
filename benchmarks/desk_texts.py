"""Texts for the desk benchmark, and the engine's findings on them in bulk.

Posts are made from the labelled corpus (``tests/corpus``): Loughton items written for the
council's own accounts. Most of a real council's year is ordinary announcements, so a post is a
few clean items run together up to 280 characters; a minority carry one item the policy forbids
(a private phone number, a party slogan, an allegation), which is what drafts, returned posts and
overrides are made of. This module imports the engine only, never Django, so that the checks can
run in worker processes.
"""

from __future__ import annotations

import os
import random
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any

from benchmarks.posts import corpus_items
from civicpost.engine import PolicyPack, check, parse_pack

POST_LENGTH = 280
PACK_ID = "loughton-2019"
KINDS = ("post", "reply", "share")


@dataclass(frozen=True)
class PostText:
    """A post's words as segments, so that "the officer took the bad sentence out" is exact."""

    segments: tuple[str, ...]
    flagged: int | None  # the index of the segment the policy forbids, if any

    @property
    def text(self) -> str:
        return " ".join(self.segments)


class TextPools:
    """Clean and forbidden corpus items for the council's accounts, by kind of post."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.clean: dict[str, list[str]] = {kind: [] for kind in KINDS}
        self.forbidden: dict[str, list[str]] = {kind: [] for kind in KINDS}
        for item in corpus_items():
            context = item.get("context") or {}
            kind = context.get("kind", "post")
            if item.get("policy") != PACK_ID or context.get("account") != "council" or kind not in KINDS:
                continue
            (self.forbidden if item.get("block") else self.clean)[kind].append(item["text"])
        if not self.clean["post"] or not self.forbidden["post"]:
            raise SystemExit("tests/corpus has no Loughton council posts: nothing to seed the desk with")

    def _pool(self, pools: dict[str, list[str]], kind: str) -> list[str]:
        return pools[kind] or pools["post"]

    def make(self, kind: str, flagged: bool) -> PostText:
        """A reply is one short item; a post or share runs items together up to 280 characters."""
        segments: list[str] = []
        bad_index = None
        if flagged:
            segments.append(self.rng.choice(self._pool(self.forbidden, kind)))
            bad_index = 0
        if kind == "reply":
            if not segments:
                segments.append(self.rng.choice(self._pool(self.clean, kind)))
            return PostText(tuple(segments), bad_index)
        self._top_up(segments, kind)
        if bad_index is not None and len(segments) > 1:
            # The forbidden sentence sits anywhere in the post, not always first.
            where = self.rng.randrange(len(segments))
            segments.insert(where, segments.pop(0))
            bad_index = where
        return PostText(tuple(segments), bad_index)

    def fixed(self, post: PostText, kind: str) -> PostText:
        """The same post with the forbidden sentence taken out (and topped up again)."""
        segments = [s for i, s in enumerate(post.segments) if i != post.flagged]
        if not segments or kind != "reply":
            self._top_up(segments, kind)
        return PostText(tuple(segments), None)

    def _top_up(self, segments: list[str], kind: str) -> None:
        pool = self._pool(self.clean, kind)
        for _ in range(12):
            candidate = self.rng.choice(pool)
            length = len(" ".join([*segments, candidate]))
            if candidate in segments:
                continue
            if length > POST_LENGTH:
                if segments:
                    break
                continue
            segments.append(candidate)


@dataclass(frozen=True)
class CheckResult:
    verdict: str
    findings: list[dict[str, Any]]


_PACK: PolicyPack | None = None


def _load(raw: str, source: str) -> None:
    global _PACK
    _PACK = parse_pack(raw, source)


def _check_one(job: tuple[str, dict[str, Any]]) -> CheckResult:
    assert _PACK is not None, "the worker was started without its policy pack"
    report = check(job[0], job[1], _PACK)
    return CheckResult(report.verdict, [f.to_dict() for f in report.findings])


def check_all(jobs: Sequence[tuple[str, dict[str, Any]]], pack_toml: str, source: str,
              processes: int | None = None) -> list[CheckResult]:
    """The real engine check of every (text, context), spread over the machine's cores. The
    pack is parsed from the same TOML, under the same name, as the desk's policy version."""
    if processes is None:
        processes = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if processes <= 1 or len(jobs) < 200:
        _load(pack_toml, source)
        return [_check_one(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=processes, mp_context=get_context("spawn"),
                             initializer=_load, initargs=(pack_toml, source)) as pool:
        return list(pool.map(_check_one, jobs, chunksize=250))
