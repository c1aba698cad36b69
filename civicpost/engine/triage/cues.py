"""Phrases from the triage word lists, found in a message with their spans.

Each list is a plain-text lexicon, ``lexicons/triage_*.txt``, that a council can extend:
one entry a line, ``phrase => kind``, with ``[a|b|]`` for alternatives (an empty one makes a
word optional) exactly as the rule lexicons are written. A kind may end in ``, start``: the
phrase then counts only where it opens a sentence ("Typical." but not "a typical week").

Matching reuses the engine's own machinery (:mod:`civicpost.engine.names`): the folded text
(case, accents and look-alike letters undone), whole-word phrase patterns built as a trie,
and a gate on the message's words so that most messages skip a list's regex entirely.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from civicpost.engine import names
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post

_SEPARATORS = re.compile(r"[\s\-_\u2010-\u2014]+")
_OPENING = re.compile(r"[\s\"'“”‘’(\[*_~>•·-]*")


@dataclass(frozen=True)
class Cue:
    """A phrase of a triage list found in a message; ``start``/``end`` index the original text."""

    start: int
    end: int
    phrase: str
    kind: str


def normal(phrase: str) -> str:
    """A phrase as a lookup key: separators made single spaces, apostrophes dropped."""
    return _SEPARATORS.sub(" ", phrase.replace("’", "").replace("'", "")).strip()


class CueList:
    """The entries of one triage lexicon, matched as whole words in a message. The list is
    read and compiled on first use, so importing the engine stays quick."""

    def __init__(self, name: str, default_kind: str = "") -> None:
        self.name = name
        self._default = (default_kind, False)

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        terms = [term for term in load_terms(self.name) for term in _as_matched(term)]
        return re.compile(names.phrase_pattern(terms))

    @cached_property
    def _gate(self) -> frozenset[str]:
        return _gate_words(names.expanded_terms(self.name))

    @cached_property
    def _kinds(self) -> dict[str, tuple[str, bool]]:
        kinds: dict[str, tuple[str, bool]] = {}
        for phrase, value in names.expanded_pairs(self.name).items():
            kind, _, flag = value.partition(",")
            entry = (kind.strip() or self._default[0], flag.strip() == "start")
            key = normal(phrase)
            kinds.setdefault(key, entry)
            kinds.setdefault(key.replace(" ", ""), entry)
        return kinds

    def find(self, post: Post) -> Sequence[Cue]:
        """Every entry found in ``post``, in order (computed once per message)."""
        return names.memo(post, "triage:" + self.name, self._find)

    def _find(self, post: Post) -> tuple[Cue, ...]:
        if self._gate.isdisjoint(names.word_set(post)):
            return ()
        found = []
        for start, end, phrase in names.find_phrases(post, self._pattern):
            key = normal(phrase)
            kind, at_start = self._kinds.get(key) or self._kinds.get(key.replace(" ", ""),
                                                                     self._default)
            if at_start and not opens_sentence(post, start):
                continue
            found.append(Cue(start, end, phrase, kind))
        return tuple(found)


def _as_matched(term: str) -> list[str]:
    """The entry itself, or every phrase it stands for when its compact pattern would miss
    one (two optional words side by side, "[me|us|] [with|]", can leave a space required)."""
    if term.count("|]") < 2:
        return [term]
    pattern = re.compile(names.phrase_pattern([term]))
    phrases = names.expand(term)
    return [term] if all(pattern.fullmatch(p) for p in phrases) else phrases


_GATE_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_HYPHENATED = re.compile(r"[a-z0-9']+(?:-[a-z0-9']+)+")


def _gate_words(phrases: list[str]) -> frozenset[str]:
    """For every phrase, its longest word (and that word without its apostrophe, and the
    joined form of a hyphenated word): a message without any of them cannot match, and
    skips the list's regex."""
    found: set[str] = set()
    for phrase in phrases:
        phrase = phrase.replace("’", "'")
        words = _GATE_WORD.findall(phrase)
        if words:
            longest = max(words, key=len)
            found.update((longest, longest.replace("'", "")))
        found.update(h.replace("-", "") for h in _HYPHENATED.findall(phrase))
    return frozenset(found)


def opens_sentence(post: Post, position: int) -> bool:
    """True when only spaces, quotes or bullets stand between a sentence start and ``position``."""
    sentence_start = names.sentence_of(post, position)[0]
    opening = _OPENING.match(post.text, sentence_start)
    return opening is not None and opening.end() >= position


def quote(text: str, start: int, end: int, longest: int = 70) -> str:
    """The words at ``start:end`` in curly quotes, shortened for a one-line reason."""
    excerpt = " ".join(text[start:end].split())
    if len(excerpt) > longest:
        excerpt = excerpt[:longest - 1].rstrip() + "…"
    return f"“{excerpt}”"
