"""The thing being checked: a text and its context, with shared analyses computed once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from civicpost.engine.context import Context
from civicpost.engine.text import Folded, fold

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


class Word(NamedTuple):
    """A word of the folded text, with its span in the original text."""

    text: str
    start: int
    end: int


@dataclass
class Post:
    """A post, reply, share or direct message being checked, and its context.

    Rules read ``text`` for exact offsets and ``folded`` (or ``words``) for matching;
    the analyses are computed on first use and shared by every rule of the check.
    """

    text: str
    context: Context
    # Analyses that several rules share (see civicpost.engine.names.memo), by name.
    shared: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def folded(self) -> Folded:
        return fold(self.text)

    @cached_property
    def words(self) -> tuple[Word, ...]:
        folded = self.folded
        matches = _WORD.finditer(folded.text)
        if folded.origin is None:  # aligned with the original: no offsets to map
            return tuple(Word(m.group(), m.start(), m.end()) for m in matches)
        return tuple(Word(m.group(), *folded.to_original(m.start(), m.end())) for m in matches)

    def span_of(self, start: int, end: int) -> tuple[int, int]:
        """Original-text span of a span found in ``folded.text``."""
        return self.folded.to_original(start, end)
