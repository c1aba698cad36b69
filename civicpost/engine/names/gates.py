"""Cheap tests that let a post skip a phrase regex: :func:`key_words` (one distinctive word
of each entry) and :class:`PhraseGate` (every word of one of the phrases)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from civicpost.engine.lexicons import load_terms
from civicpost.engine.names.phrases import _CHOICE, expand, expanded_terms
from civicpost.engine.names.shared import _WORD, chunks, keeping_only, memo, word_set
from civicpost.engine.post import Post

# Words too common in council posts to be a useful gate; a phrase's other words are used.
_HYPHENATED = re.compile(r"[a-z0-9']+(?:-[a-z0-9']+)+")
_COMMON_WORDS = frozenset({
    "please", "public", "council", "councils", "office", "their", "there", "which", "about", "would",
    "could", "should", "after", "before", "people", "this", "that", "with", "have", "been",
    "from", "your", "will", "into", "were", "they", "them", "what", "when", "where",
})


def key_words(*names: str) -> frozenset[str]:
    """For every entry of the named lexicons, its most distinctive (longest) word, and the
    joined form of a hyphenated one: a gate on :func:`word_set` that lets ordinary text skip
    the phrase regex entirely. For an entry with alternatives (``[a|b]``) the gate is the
    most distinctive of its fixed words or of its groups (then every alternative's word)."""
    found: set[str] = set()
    for name in names:
        for term in load_terms(name):
            term = term.replace("’", "'")
            options = [[_CHOICE.sub(" ", term)]] + [g.split("|") for g in _CHOICE.findall(term)
                                                     if "" not in g.split("|")]
            best = max(options, key=lambda phrases: min(len(_best_word(p)) for p in phrases))
            if min(len(_best_word(p)) for p in best) == 0:
                best = expand(term)  # nothing distinctive: gate on each phrase's own word
            for phrase in best:
                _key(phrase, found)
    return frozenset(found)


# Words too short and common to gate on when an entry has anything better.
_FUNCTION_WORDS = frozenset({
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "up", "off",
    "out", "his", "her", "their", "its", "is", "are", "was", "were", "be", "been", "has", "have",
    "had", "not", "no", "my", "our", "me", "us", "him", "them", "it", "all", "down", "as", "so",
    "do", "did", "does", "get", "got", "he", "she", "we", "you", "i", "over", "into", "more",
})


def _key(phrase: str, found: set[str]) -> None:
    """Add the most distinctive word of ``phrase`` to ``found``, and the joined form of a
    hyphenated word ("re-elect" may be written "reelect")."""
    words = _WORD.findall(phrase)
    key = _best_word(phrase) or max(words, key=len, default="")
    if key:
        found.update((key, key.replace("'", "")))  # "labour's" may be written "labours"
    for hyphenated in _HYPHENATED.findall(phrase):
        found.add(hyphenated.replace("-", ""))


def _best_word(phrase: str) -> str:
    words = [w for w in _WORD.findall(phrase) if w not in _COMMON_WORDS and w not in _FUNCTION_WORDS]
    return max(words, key=len) if words else ""


_RUN_OF_LETTERS = re.compile(r"[a-z0-9]+")


def letter_runs(post: Post) -> frozenset[str]:
    """Every run of letters and digits in the folded text ("don't" gives "don" and "t").

    Without an apostrophe in the text these are exactly the words of :func:`word_set`, which
    is then reused; with one, they are found anew, because a word set keeps "don't" whole."""
    return memo(post, "letter_runs", _letter_runs)


def _letter_runs(post: Post) -> frozenset[str]:
    text = post.folded.text
    if "'" not in text and "’" not in text:
        return word_set(post)
    return frozenset(chunks(text, _RUN_CHUNKS))


_RUN_CHUNKS = keeping_only("abcdefghijklmnopqrstuvwxyz0123456789")


# Characters of a phrase that its pattern lets the text leave out: "re-elect" may be written
# "reelect", "council's" "councils" (see phrase_pattern).
_OPTIONAL = frozenset("-'")
_MOST_OPTIONAL = 4  # beyond this many in one phrase, those words are not required (2**4 ways)


def _letter_run_sets(phrase: str) -> list[frozenset[str]]:
    """The ways a match of ``phrase`` can be written, each as the runs of letters and digits
    it consists of. Every other character of a phrase is matched as itself or as spacing, so
    the runs are fixed except where an optional hyphen or apostrophe joins two of them."""
    phrase = phrase.replace("’", "'")
    if "-" not in phrase and "'" not in phrase:
        return [frozenset(_RUN_OF_LETTERS.findall(phrase))]
    chunks = phrase.split()
    fixed = [c for c in chunks if _OPTIONAL.isdisjoint(c)]
    joinable = [c for c in chunks if not _OPTIONAL.isdisjoint(c)]
    required = {run for chunk in fixed for run in _RUN_OF_LETTERS.findall(chunk)}
    # The joinable words, split at each optional character: text, character, text, ...
    pieces = _AT_OPTIONAL.split(" ".join(joinable))
    optional = len(pieces) // 2
    if optional > _MOST_OPTIONAL:
        return [frozenset(required)]  # require only the words that are always written alike
    ways = []
    for mask in range(2 ** optional):
        # bit k of the mask set: the k-th optional character is left out, joining its neighbours
        written = "".join(piece for index, piece in enumerate(pieces)
                          if index % 2 == 0 or not mask >> (index // 2) & 1)
        ways.append(frozenset(required.union(_RUN_OF_LETTERS.findall(written))))
    return ways


_AT_OPTIONAL = re.compile(r"([-'])")


class PhraseGate:
    """A cheap and exact-enough test that lets a post skip a phrase regex: open only when
    every run of letters and digits that one of ``phrases`` is written with is among the
    post's :func:`letter_runs`.

    It never closes on a post the regex would match. A pattern from :func:`phrase_pattern`
    matches a phrase only as whole words (no letter or digit just before or after it), with
    spacing, dashes or nothing (an optional hyphen or apostrophe) between its parts and every
    other character as written; so the runs of letters and digits of the match are the
    phrase's own runs, joined only where an optional character was left out, and each is a
    whole run of the text. ``_letter_run_sets`` lists every such way of writing the phrase.
    The gate is only for patterns run over the whole folded (or spaced) text: a search cut
    short by an end position could match a phrase whose last word runs on past the cut.
    Each way is filed under its two most distinctive runs (the least common, then the
    longest), so that most posts are turned away by a set intersection or two, however long
    the list.
    """

    def __init__(self, phrases: Iterable[str] | Callable[[], Iterable[str]]) -> None:
        # The table is built on the first post that asks (a long list takes a tenth of a
        # second), like the lazily compiled patterns, so that importing the engine stays quick.
        self._source = phrases
        self._always = False
        self._table: dict[str, tuple[dict[str, tuple[frozenset[str], ...]], frozenset[str]]] = {}
        self._firsts: frozenset[str] | None = None
        self._singles: frozenset[str] = frozenset()  # firsts that are a whole way alone

    def _build(self) -> frozenset[str]:
        table: dict[str, dict[str, set[frozenset[str]]]] = {}
        phrases = self._source() if callable(self._source) else self._source
        everyday = _everyday_words()
        for phrase in phrases:
            for written in _letter_run_sets(phrase):
                if not written:
                    self._always = True  # a phrase with no letters or digits: cannot gate
                    continue
                # The runs a post is least likely to hold come first (not everyday words,
                # then everyday ones, then the commonest words and a letter or two; the
                # longest first within each): that only decides how quickly a post is turned
                # away, never whether it is.
                ordered = sorted(written, key=lambda run: (_commonness(run, everyday),
                                                           -len(run), run))
                first, second, *rest = [*ordered, ""]
                table.setdefault(first, {}).setdefault(second, set()).add(frozenset(rest) - {""})
        self._table = {first: ({second: tuple(rests) for second, rests in seconds.items()},
                               frozenset(seconds))
                       for first, seconds in table.items()}
        self._singles = frozenset(first for first, seconds in table.items() if "" in seconds)
        self._firsts = frozenset(table)
        return self._firsts

    def open(self, post: Post) -> bool:
        """True when the post may hold one of the phrases."""
        firsts = self._firsts if self._firsts is not None else self._build()
        if self._always:
            return True
        present = letter_runs(post)
        if not present.isdisjoint(self._singles):
            return True  # a phrase of one run, and it is there
        for first in present & firsts:
            rests, seconds = self._table[first]
            for second in present & seconds:
                if any(rest <= present for rest in rests[second]):
                    return True
        return False


def _commonness(run: str, everyday: frozenset[str]) -> int:
    if len(run) < 3 or run in _FUNCTION_WORDS or run in _COMMON_WORDS:
        return 2
    return 1 if run in everyday else 0


@cache
def _everyday_words() -> frozenset[str]:
    return frozenset(load_terms("ax_words"))


@cache
def phrase_gate(*names: str) -> PhraseGate:
    """The :class:`PhraseGate` of the named lexicons (every phrase their entries stand for),
    shared, and built when a post first asks."""
    return PhraseGate(lambda: expanded_terms(*names))
