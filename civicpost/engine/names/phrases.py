"""Word lists as regexes: a list of phrases becomes one trie-shaped pattern that matches
them as whole words, with alternatives written ``[a|b|]`` in one entry."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence

from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.names.shared import memo
from civicpost.engine.post import Post

# Dashes of every kind: ASCII hyphen, U+2010 hyphen, non-breaking hyphen, figure, en, em dash.
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014"
_SEPARATOR = rf"[\s{DASHES}_]+"
_Trie = dict[str, "_Trie"]
_PIECES = {" ": _SEPARATOR, "-": rf"[\s{DASHES}]?", "'": "['’]?", "’": "['’]?"}
# In spaced text every space, dash and underscore is a plain space and every apostrophe a
# straight one, so a long word list compiles to a much smaller regex.
_SPACED_PIECES = {" ": " +", "-": " ?", "'": "'?", "’": "'?"}
_TO_SPACE = str.maketrans({char: " " for char in (
    "\t\n\r\f\v\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000_-\u2010\u2011\u2012"
    "\u2013\u2014" + "".join(chr(c) for c in range(0x2000, 0x200b)))} | {"’": "'"})


def spaced_text(post: Post) -> str:
    """The folded text with every space, dash and underscore made a plain space and every
    apostrophe a straight one: the same length, so offsets are those of ``post.folded``."""
    return memo(post, "spaced_text", lambda p: p.folded.text.translate(_TO_SPACE))


def compile_spaced_terms(*names: str) -> re.Pattern[str]:
    """Like :func:`compile_terms`, for matching with :func:`find_spaced_phrases`."""
    return re.compile(phrase_pattern((t for name in names for t in load_terms(name)), spaced=True))


def find_spaced_phrases(post: Post, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    """:func:`find_phrases` for a pattern from :func:`compile_spaced_terms`."""
    found = []
    for match in pattern.finditer(spaced_text(post)):
        start, end = post.span_of(match.start(), match.end())
        found.append((start, end, match.group()))
    return found


def phrase_pattern(terms: Iterable[str], spaced: bool = False) -> str:
    """A regex matching any of ``terms`` as whole words in folded text (or, with
    ``spaced``, in the :func:`spaced_text` of a post).

    Spaces in a term match any run of spaces or dashes, a hyphen matches a hyphen, a space
    or nothing (``re-elect``, ``re elect``, ``reelect``), an apostrophe matches either kind.
    The terms are arranged as a trie, so matching costs about the same for ten terms or two
    hundred, and the longest phrase wins. A term may offer alternatives, ``[a|b|]`` (see
    :func:`expand`): they stay one branch of the trie rather than one term each, so a term
    with thousands of combinations costs no more than its own length.
    """
    trie: _Trie = {}
    for phrase in _trie_terms(terms):
        node = trie
        for token in _tokens(phrase):
            node = node.setdefault(token, {})
        if node is not trie:
            node[""] = {}
    body = _trie_pattern(trie, _SPACED_PIECES if spaced else _PIECES) or r"(?!x)x"
    return rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])"


_EXPAND_UP_TO = 64


def _trie_terms(terms: Iterable[str]) -> Iterator[str]:
    """The terms to put in the trie. Alternatives are written out where that is cheap, so the
    trie shares their letters and the longest phrase wins ("fiddles the books" over
    "fiddles"); a term with many combinations keeps its groups, but its leading group is
    still written out, because that is where it meets other terms."""
    for term in terms:
        term = " ".join(term.split())
        choices = expand(term) if term.count("[") else [term]
        if len(choices) <= _EXPAND_UP_TO:
            yield from choices
            continue
        lead = _CHOICE.match(term)
        if lead is None:
            yield term
            continue
        for choice in lead.group(1).split("|"):
            yield " ".join((choice + term[lead.end():]).split())


def _tokens(term: str) -> list[str]:
    """A term as trie keys: one character each, or a whole ``[a|b]`` group as one key. A
    group with an empty alternative takes the space after it (or, at the end, before it)
    into its other alternatives, so that leaving it out leaves one space, not two."""
    tokens: list[str] = []
    position = 0
    for match in _CHOICE.finditer(term):
        tokens.extend(term[position:match.start()])
        choices = match.group(1).split("|")
        position = match.end()
        if "" in choices and term[position:position + 1] == " ":
            choices = [c + " " if c else c for c in choices]
            position += 1
        elif "" in choices and position == len(term) and tokens and tokens[-1] == " ":
            tokens.pop()
            choices = [" " + c if c else c for c in choices]
        tokens.append("[" + "|".join(choices) + "]")
    tokens.extend(term[position:])
    return tokens


def _longest(token: str) -> int:
    """Length of the longest text a trie key matches (a group counts its longest alternative)."""
    return max(len(c) for c in token[1:-1].split("|")) if len(token) > 1 else 1


def _piece(token: str, pieces: dict[str, str]) -> str:
    if len(token) > 1 and token.startswith("["):
        # Longest alternative first, so that the longest phrase wins here too.
        choices = sorted(token[1:-1].split("|"), key=len, reverse=True)
        return "(?:" + "|".join("".join(_piece(c, pieces) for c in choice) for choice in choices) + ")"
    return pieces.get(token) or re.escape(token)


def _trie_pattern(node: _Trie, pieces: dict[str, str]) -> str:
    return _trie_branch(node, pieces)[0]


def _trie_branch(node: _Trie, pieces: dict[str, str]) -> tuple[str, int]:
    """The regex for a trie node, and the length of the longest phrase it can match. The
    branch that can match the longest phrase is tried first, so that a group never ends a
    match that a longer phrase would have made."""
    branches = []
    for token, child in node.items():
        if token:
            pattern, longest = _trie_branch(child, pieces)
            branches.append((-(longest + _longest(token)), token, _piece(token, pieces) + pattern))
    if not branches:
        return "", 0
    branches.sort()
    longest = -branches[0][0]
    ends_here = "" in node
    if len(branches) == 1 and not ends_here:
        return branches[0][2], longest
    body = "(?:" + "|".join(b[2] for b in branches) + ")"
    return (body + "?" if ends_here else body), longest


_CHOICE = re.compile(r"\[([^\[\]]*)\]")


def expand(term: str) -> list[str]:
    """Every phrase a lexicon entry stands for. ``[a|b|c]`` offers alternatives and an
    empty alternative makes a word optional, so that "left [the|a] [site|roof] unsafe" is
    four phrases and "fiddl[ed|ing] the books" two. An entry without brackets is itself."""
    match = _CHOICE.search(term)
    if match is None:
        return [" ".join(term.split())]
    found: list[str] = []
    for choice in match.group(1).split("|"):
        found.extend(expand(term[:match.start()] + choice + term[match.end():]))
    return found


def expanded_terms(*names: str) -> list[str]:
    """The entries of the named lexicons with their alternatives written out."""
    return [phrase for name in names for term in load_terms(name) for phrase in expand(term)]


def expanded_pairs(name: str) -> dict[str, str]:
    """``term => value`` entries of a lexicon, one key for every phrase a term stands for."""
    return {phrase: value for term, value in load_pairs(name).items() for phrase in expand(term)}


def compile_terms(*names: str) -> re.Pattern[str]:
    """One compiled phrase regex for the entries of the named lexicon files."""
    return re.compile(phrase_pattern(term for name in names for term in load_terms(name)))


def find_phrases(post: Post, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    """``(start, end, folded phrase)`` of every match, with spans in the original text."""
    found = []
    for match in pattern.finditer(post.folded.text):
        start, end = post.span_of(match.start(), match.end())
        found.append((start, end, match.group()))
    return found


def overlaps(span: tuple[int, int], others: Sequence[tuple[int, int]]) -> bool:
    """True when ``span`` overlaps one of ``others`` (a list of spans sorted by start)."""
    start, end = span
    index = bisect_right(others, (end, end))
    return any(s < end and start < e for s, e in others[max(0, index - 8):index])


def spaced_phrase(phrase: str) -> str:
    """A matched phrase with every run of spaces, dashes and apostrophes made one space, to
    look up in its word list what a regex matched."""
    return re.sub(rf"[\s{DASHES}'’]+", " ", phrase).strip()


def squeezed_phrase(phrase: str) -> str:
    """A matched phrase without spaces, dashes, underscores or apostrophes, to look up in its
    word list what a regex matched however it was spaced."""
    return re.sub(rf"[\s{DASHES}'’_]+", "", phrase)
