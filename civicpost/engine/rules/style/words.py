"""What the ST rules share: word lists matched on a post's words (:class:`Phrasebook`), and
tests of where a word stands (glued to a hashtag, handle or link; at a sentence start)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from civicpost.engine import names
from civicpost.engine.post import Post, Word

# Characters that glue a word to something else: a hashtag, a handle, a path, a file type,
# "U-turn", "U.S.", "drive-thru".
_GLUE_BEFORE = frozenset("#@/\\_-.=&+:$£")
_GLUE_AFTER = frozenset("-_/@&")
_DOMAIN = re.compile(r"\w\.(?:uk|com|org|net|gov|co|io|info|me|ly)\b", re.IGNORECASE)
_LOOK_AROUND = 200  # how far to look for the ends of a link or a sentence: bounded, never O(n)


@dataclass(frozen=True)
class Match:
    """Words ``first``..``last`` (indexes into ``post.words``) that match a lexicon term."""

    first: int
    last: int
    term: str
    suggestion: str
    possessive: bool = False


class Phrasebook:
    """``term => suggestion`` pairs, single words and runs of words, matched on ``post.words``.

    A run of words must be separated by spaces only. The longest term wins; a single word
    with a possessive ``'s`` matches its base word, and the suggestion keeps the ``'s``.
    """

    def __init__(self, pairs: dict[str, str]) -> None:
        self.single: dict[str, str] = {}
        self.runs: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for term, suggestion in pairs.items():
            parts = tuple(term.replace("’", "'").split())
            if len(parts) == 1:
                self.single[parts[0]] = suggestion
            elif parts:
                self.runs.setdefault(parts[0], []).append((parts, suggestion))
        for candidates in self.runs.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self.single_words = frozenset(self.single)
        self.run_firsts = frozenset(self.runs)
        self.first_words = self.single_words | self.run_firsts
        # Each run's words as a set, filed under its first word: a post without the first
        # word of any run is turned away by one set test, not one test per run.
        self.run_words = {first: tuple(frozenset(parts) for parts, _ in candidates)
                          for first, candidates in self.runs.items()}

    def could_match(self, post: Post) -> bool:
        """Cheap gate (set tests in C): most posts hold none of the terms."""
        words = word_set(post)
        if not self.single_words.isdisjoint(words):
            return True
        if self.run_firsts.isdisjoint(words):
            return False
        return any(run <= words for first in self.run_firsts & words for run in self.run_words[first])

    def matches(self, post: Post) -> Iterator[Match]:
        if not self.could_match(post):
            return
        # The post's words that a term starts with (its word set holds every word of
        # ``post.words``, with straight apostrophes, and the word before an apostrophe):
        # only at those is a match tried, not at every word.
        firsts = self.first_words & word_set(post)
        words = post.words
        text = post.text
        index = 0
        while index < len(words):
            word = words[index].text
            if "’" in word:
                word = word.replace("’", "'")
            if word not in firsts and not (word.endswith("'s") and word[:-2] in firsts):
                index += 1
                continue
            found = self._match_at(words, text, index)
            if found is None:
                index += 1
                continue
            yield found
            index = found.last + 1

    def _match_at(self, words: Sequence[Word], text: str, index: int) -> Match | None:
        word = words[index].text.replace("’", "'")
        for parts, suggestion in self.runs.get(word, ()):
            end = index + len(parts) - 1
            if end < len(words) and all(
                words[index + k].text.replace("’", "'") == parts[k]
                and _spaces_between(text, words[index + k - 1], words[index + k])
                for k in range(1, len(parts))
            ):
                return Match(index, end, " ".join(parts), suggestion)
        if word in self.single:
            return Match(index, index, word, self.single[word])
        if word.endswith("'s") and word[:-2] in self.single:
            return Match(index, index, word[:-2], self.single[word[:-2]], possessive=True)
        return None


def word_set(post: Post) -> frozenset[str]:
    """The post's words as a set (apostrophes made straight, and the word before an
    apostrophe too: "council's" gives "council"), computed once per post and shared by the
    ST, AC and MN rules for their cheap gates. It is the set every family shares
    (:func:`civicpost.engine.names.word_set`)."""
    return names.word_set(post)


def _spaces_between(text: str, left: Word, right: Word) -> bool:
    gap = text[left.end:right.start]
    return bool(gap) and gap.isspace() and len(gap) < 4


def glued(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is part of a hashtag, handle, link, e-mail address, file
    name or hyphenated word, where a spelling or text-speak finding would be wrong."""
    if start > 0 and text[start - 1] in _GLUE_BEFORE:
        return True
    if end < len(text):
        after = text[end]
        if after in _GLUE_AFTER:
            return True
        if after == "." and end + 1 < len(text) and text[end + 1].isalnum():
            return True
    return in_link(text, start, end)


def in_link(text: str, start: int, end: int) -> bool:
    """True when the whitespace-separated chunk around text[start:end] is a link, e-mail
    address, handle or hashtag."""
    left = start
    stop = max(0, start - _LOOK_AROUND)
    while left > stop and not text[left - 1].isspace():
        left -= 1
    right = end
    limit = min(len(text), end + _LOOK_AROUND)
    while right < limit and not text[right].isspace():
        right += 1
    chunk = text[left:right].lstrip("([\"'“‘")
    return (chunk.startswith(("#", "@")) or "://" in chunk or "@" in chunk
            or chunk.lower().startswith("www.") or "/" in chunk or bool(_DOMAIN.search(chunk)))


def sentence_start(text: str, start: int) -> bool:
    """True when only spaces, quotes or bullets stand between ``start`` and the start of the
    text or the end of the previous sentence."""
    index = start - 1
    stop = max(-1, start - _LOOK_AROUND)
    while index > stop:
        char = text[index]
        if char == "\n":
            return True
        if not (char.isspace() or char in "\"'“‘([*•-–—"):
            return char in ".!?:;…"
        index -= 1
    return index < 0


def match_case(original: str, suggestion: str) -> str:
    """The suggestion written in the case of the original: ``COLOR`` gives ``COLOUR``,
    ``Color`` gives ``Colour``."""
    if not suggestion or not original:
        return suggestion
    if len(original) > 1 and original.isupper():
        return suggestion.upper()
    if original[0].isupper():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion


def _shouting(text: str, start: int, end: int) -> bool:
    """True when the letters just around text[start:end] are capitals too (SEE U THERE)."""
    around = text[max(0, start - 6):start] + text[end:end + 6]
    letters = [c for c in around if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _title_case(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _quoted(word: str) -> str:
    return f"“{word}”"


def _word(words: Sequence[Word], index: int) -> str:
    return words[index].text if 0 <= index < len(words) else ""
