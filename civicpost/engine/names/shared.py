"""Analyses of a post computed once per check and shared by every rule (:func:`memo`): its
set of words and where its words start."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import TypeVar

from civicpost.engine.post import Post
from civicpost.engine.text import fold

T = TypeVar("T")


def memo(post: Post, key: str, compute: Callable[[Post], T]) -> T:
    """Compute an analysis of ``post`` once and share it between rules of one check."""
    cache = post.shared
    if key in cache:
        found: T = cache[key]
        return found
    result = cache[key] = compute(post)
    return result


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def word_set(post: Post) -> frozenset[str]:
    """The folded words of the post, for cheap gates before any expensive matching."""
    return memo(post, "word_set", _word_set)


def _word_set(post: Post) -> frozenset[str]:
    text = post.folded.text
    if "’" in text:
        text = text.replace("’", "'")
    if "'" not in text:
        return frozenset(chunks(text, _WORD_CHUNKS))  # every chunk is a word of _WORD
    words = set(chunks(text, _WORD_CHUNKS))
    for chunk in [c for c in words if "'" in c]:
        # A chunk with apostrophes holds the words _WORD finds in it ("rock'n'roll").
        words.discard(chunk)
        words.update(_WORD.findall(chunk))
    # "clerk's" and "don't" also count as "clerk" and "don" for a gate.
    words.update([w.split("'")[0] for w in words if "'" in w])
    return frozenset(words)


def keeping_only(kept: str) -> bytes:
    """A byte table that makes every byte but those of ``kept`` a space."""
    return bytes(c if chr(c) in kept else 32 for c in range(256))


_WORD_CHUNKS = keeping_only("abcdefghijklmnopqrstuvwxyz0123456789'")


def chunks(text: str, table: bytes) -> list[str]:
    """The runs of ``text`` made of the characters that ``table`` (from :func:`keeping_only`)
    keeps: what ``findall`` of a pattern like ``[a-z0-9]+`` gives, several times faster.
    Every character outside ASCII is one that is not kept, so it becomes a "?" and then a
    space."""
    return text.encode("ascii", "replace").translate(table).decode("ascii").split()


def word_starts(post: Post) -> list[int]:
    """Start offsets of the post's words, to count the words between two spans."""
    return memo(post, "word_starts", _word_starts)


def _word_starts(post: Post) -> list[int]:
    folded = post.folded
    starts = [m.start() for m in _ANY_WORD.finditer(folded.text)]
    if folded.origin is not None:
        starts = [folded.origin[s] for s in starts]
    return starts


_ANY_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def words_between(post: Post, end: int, start: int) -> int:
    """How many words lie between offset ``end`` and a later offset ``start``."""
    starts = word_starts(post)
    if start <= end:
        return 0
    return max(0, bisect_left(starts, start) - bisect_left(starts, end))


def folded_slice(post: Post, start: int, end: int) -> str:
    """The folded text of ``post.text[start:end]``: sliced from the post's folded text when
    folding kept every offset, folded afresh when it did not."""
    if post.folded.origin is None:
        return post.folded.text[start:end]
    return fold(post.text[start:end]).text
