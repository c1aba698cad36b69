"""Hashtags, and the words a run of letters in one is made of (#loughtonlitterpick is
"loughton", "litter", "pick"), for AX002 and AX003."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post

# A hashtag: "#" not glued to a word, an HTML entity (&#39;) or a link (page#top), then
# letters, digits and underscores with at least one letter ("#1" is a number sign).
_HASHTAG = re.compile(r"(?<![\w&/#])#([^\W_][\w]*)")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_RUN = re.compile(r"[^\W\d_]+")  # the letters of a hashtag, without digits and underscores
_LONGEST_TAG = 60  # longer runs are not split (and never are hashtags in practice)
_LONGEST_WORD = 20
_MOST_TAGS_CHECKED = 100  # a real post has a handful; this bounds the work on huge input
_LOOK_AROUND = 300


@dataclass(frozen=True)
class Hashtag:
    start: int
    end: int
    body: str  # without the "#"


def hashtags(text: str) -> list[Hashtag]:
    """Every hashtag of the text, in order."""
    if "#" not in text:
        return []
    found = []
    for match in _HASHTAG.finditer(text):
        if _HAS_LETTER.search(match.group(1)):
            found.append(Hashtag(match.start(), match.end(), match.group(1)))
    return found


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    return frozenset(load_terms("ax_words"))


_SINGLE = frozenset(load_terms("ax_single_words"))
_ENDINGS = frozenset(load_terms("ax_place_endings"))
# Short words that start many multi-word hashtags but hardly any place names, so that
# #townhall and #carpark are split while #oldham and #newcastle stay whole.
_NOT_PLACE_START = frozenset(
    "town car bus bin bins road city food dog dogs fun play art book pub tea cake bike fire war "
    "rail love shop shops our your my we day job help keep save stop go village school church "
    "garden sports".split()
)
_GRAMMAR = frozenset(
    "shall will the and an as at by do go he if in is it me my no of on or so to up us we her his "
    "our you was are can not for all has have".split()
)
# Three-letter words that often make half of a two-word hashtag (#binday, #dogwalk).
_SHORT_HASHTAG_WORDS = frozenset(
    "day bin fun art pub tea dog run job eco fit map zoo gym kid bus car war cup pie".split()
)
_TWO_LETTER = frozenset("an as at be by do go he if in is it me my no of on or so to up us we".split())


@dataclass(frozen=True)
class Piece:
    text: str
    known: bool


def split_words(run: str, extra: frozenset[str]) -> tuple[Piece, ...] | None:
    """Split a run of lower-case letters into words, fewest unknown letters first, then
    fewest pieces; ``extra`` are more words (the post's own). None when the run is too long
    to try."""
    if len(run) > _LONGEST_TAG:
        return None
    return _split(run, frozenset(w for w in extra if w in run))


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    """Every beginning of every known word, so that a walk along the hashtag stops as soon
    as no word can start there."""
    return frozenset(w[:i] for w in _dictionary() | _ENDINGS for i in range(1, len(w) + 1))


def _known_word(piece: str, extra: frozenset[str]) -> bool:
    if len(piece) == 2 and piece not in _TWO_LETTER:
        return False
    return piece in _dictionary() or piece in extra or piece in _ENDINGS


def _word_edges(run: str, extra: frozenset[str]) -> list[list[int]]:
    """edges[end]: the starts of the known words that end at ``end``."""
    prefixes = _prefixes()
    extra_prefixes = {w[:i] for w in extra for i in range(1, len(w) + 1)}
    size = len(run)
    edges: list[list[int]] = [[] for _ in range(size + 1)]
    for start in range(size):
        for end in range(start + 2, min(size, start + _LONGEST_WORD) + 1):
            piece = run[start:end]
            if piece not in prefixes and piece not in extra_prefixes:
                break
            if _known_word(piece, extra):
                edges[end].append(start)
                if end < size and run[end] == "s" and len(piece) > 2:
                    edges[end + 1].append(start)  # a plural or "womens" in #womensday
    return edges


@lru_cache(maxsize=4096)
def _split(run: str, extra: frozenset[str]) -> tuple[Piece, ...]:
    edges = _word_edges(run, extra)
    size = len(run)
    # best[i][state]: (unknown letters, pieces) of the best split of run[:i] whose last piece
    # is a word (state 0) or a letter of an unknown chunk (state 1); back[i][state]: where
    # that last piece starts and the state before it.
    best: list[list[tuple[int, int] | None]] = [[None, None] for _ in range(size + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0), (0, 0)] for _ in range(size + 1)]
    best[0][0] = (0, 0)
    for end in range(1, size + 1):
        for state in (0, 1):  # one more unknown letter
            previous = best[end - 1][state]
            if previous is not None:
                candidate = (previous[0] + 1, previous[1] + (0 if state else 1))
                if best[end][1] is None or candidate < best[end][1]:  # type: ignore[operator]
                    best[end][1], back[end][1] = candidate, (end - 1, state)
        for start in edges[end]:  # a known word
            # a two-letter word costs a little, so that "on" does not cut "loughton" short
            cost = 1 if end - start == 2 else 0
            for state in (0, 1):
                previous = best[start][state]
                if previous is not None:
                    candidate = (previous[0] + cost, previous[1] + 1)
                    if best[end][0] is None or candidate < best[end][0]:  # type: ignore[operator]
                        best[end][0], back[end][0] = candidate, (start, state)
    final = [(c, state) for state, c in enumerate(best[size]) if c is not None]
    state = min(final)[1]
    pieces: list[Piece] = []
    end = size
    while end > 0:
        start, before = back[end][state]
        pieces.append(Piece(run[start:end], state == 0))
        end, state = start, before
    letters_joined = _join_unknown(pieces[::-1], grammar=False)
    return tuple(_join_unknown(_join_place_names(letters_joined)))


def _join_place_names(pieces: list[Piece]) -> list[Piece]:
    """Join a place-name ending to the short word or unknown chunk before it: new+castle,
    old+ham, lough+ton are names, not two words."""
    joined: list[Piece] = []
    for piece in pieces:
        if joined and piece.text in _ENDINGS:
            before = joined[-1]
            if not before.known or (len(before.text) <= 7 and before.text not in _NOT_PLACE_START):
                joined[-1] = Piece(before.text + piece.text, False)
                continue
        joined.append(piece)
    return joined


def _join_unknown(pieces: list[Piece], grammar: bool = True) -> list[Piece]:
    """Join neighbouring unknown chunks, and (``grammar``) a little grammatical word that
    follows one (ludger+shall is the name Ludgershall, not a name and "shall")."""
    joined: list[Piece] = []
    for piece in pieces:
        absorbed = grammar and piece.known and piece.text in _GRAMMAR
        if joined and not joined[-1].known and (not piece.known or absorbed):
            joined[-1] = Piece(joined[-1].text + piece.text, False)
        else:
            joined.append(piece)
    return joined


def _several_words(pieces: Sequence[Piece]) -> bool:
    """Sure enough that the run is several words, and not a place name that happens to
    split into words (Barnet, Andover, Redcar): three or more words; two words that are
    long enough or common in hashtags (#litterpick, #binday); or one name of four letters
    or more beside at least two words (#loughtonlitterpick)."""
    if len(pieces) < 2 or len(pieces[-1].text) <= 2:
        return False
    unknown = [p for p in pieces if not p.known]
    if unknown:
        return (len(unknown) == 1 and len(unknown[0].text) >= 4
                and sum(1 for p in pieces if p.known and len(p.text) >= 3) >= 2)
    if len(pieces) >= 3:
        return True
    return pieces[0].text not in _GRAMMAR and all(
        len(p.text) >= 4 or p.text in _SHORT_HASHTAG_WORDS for p in pieces)


def _needs_camel_case(run: str) -> bool:
    """A run written all in capitals, or with no capital after its first letter."""
    if run.isupper():
        return len(run) > 5  # shorter ones are acronyms: #NHS, #LTC, #RSPCA
    return run[1:].islower() and len(run) >= 6


def _text_words(post: Post) -> frozenset[str]:
    """Words of the post outside its hashtags, as more words to split hashtags with."""
    text = post.text
    return frozenset(w.text for w in post.words
                     if len(w.text) >= 3 and w.text.isalpha() and text[w.start - 1:w.start] != "#")
