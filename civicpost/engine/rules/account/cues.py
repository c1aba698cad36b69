"""What the AC rules share: word lists as patterns, a cue (a pattern with its gate words,
matched forwards from a plain word and extended backwards) and the sentence around a match."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from civicpost.engine.lexicons import load_terms

# Speed: a regex that begins with \b, a look-behind or an optional group is tried at every
# position of the text (tens of microseconds each). So every pattern here is gated by a set
# test on the post's words and, where it can be, begins with a plain word ("council …",
# "we …") and extends its span backwards afterwards.


def _words(terms: str) -> frozenset[str]:
    return frozenset(terms.split())


def _alternation(terms: Iterable[str], plural: bool = False) -> str:
    """A regex alternation of lexicon terms, longest first, optionally with plurals."""
    ordered = sorted(set(terms), key=len, reverse=True)
    body = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in ordered)
    return f"(?:{body})(?:e?s)?" if plural else f"(?:{body})"


def _with_plurals(terms: Iterable[str]) -> frozenset[str]:
    found = set()
    for term in terms:
        found |= {term, term + "s", term + "es"}
    return frozenset(found)


_APOS = "['’]"
_SERVICE_OBJECTS = load_terms("ac_service_objects")
_OBJECTS = _alternation(_SERVICE_OBJECTS, plural=True)
_OBJECT_WORDS = _with_plurals(_SERVICE_OBJECTS) | _words("hall hire")
_SENTENCE_STOP = frozenset(".!?\n")
_LOOK_BACK = 60
# "the", "our town", "Loughton Town" before "council"
_COUNCIL_BEFORE = re.compile(
    r"(?:(?:the|our|this|your)\s+)?(?:[a-z]+\s+)?(?:(?:town|parish|district|county|city|borough|"
    r"community)\s+)?$"
)
# Words that place a post in the council's world: a meeting, market or "bookings are open"
# is the council's business only when the post is about the council.
_COUNCIL_WORDS = _words(
    "council councils councillor councillors cllr cllrs committee parish town mayor clerk ltc "
    "rfo councils'"
)
# Another authority's business is not this council's ("the County Council has decided…").
_OTHER_AUTHORITY = re.compile(r"\b(?:county|district|borough|unitary)\s+council\b")


_STOP = re.compile(r"[.!?\n]")


def _sentence_start(folded: str, start: int, reach: int) -> int:
    """Where the sentence holding ``start`` begins, looking back at most ``reach`` characters."""
    first = max(0, start - reach)
    return max(first, *(folded.rfind(stop, first, start) + 1 for stop in _SENTENCE_STOP))


def _clause_before(folded: str, start: int) -> str:
    """The words before ``start`` in its sentence (at most 60 characters)."""
    return folded[_sentence_start(folded, start, _LOOK_BACK):start]


def _sentence_of(folded: str, start: int, end: int) -> str:
    """The sentence around ``start:end`` (at most 300 characters either side)."""
    stop = _STOP.search(folded, end, end + 300)
    last = stop.start() if stop else min(len(folded), end + 300)
    return folded[_sentence_start(folded, start, 300):last]


def _is_question(folded: str, end: int) -> bool:
    """Whether the sentence that holds ``end`` ends with a question mark."""
    stop = _STOP.search(folded, end, end + 300)
    return stop is not None and stop.group() == "?"


def _starts_word(folded: str, index: int) -> bool:
    return index == 0 or not (folded[index - 1].isalnum() or folded[index - 1] in "'’")


def _council_start(folded: str, index: int) -> int:
    """Where the name of the council that ends at ``index`` ("council …") starts."""
    before = _COUNCIL_BEFORE.search(folded, max(0, index - 40), index)
    return before.start() if before else index


_BACK_REACH = 80
# A second test of a match: (folded text, start, end, the post's words) -> keep it?
Accept = Callable[[str, int, int, frozenset[str]], bool]


@dataclass(frozen=True)
class Cue:
    """A pattern, tried only when the post has at least one word of each group in ``needs``.
    ``council_first``: the pattern starts at "council" and its span is extended back over
    "the town". ``back``: words that must come just before the match ("reminder" before "from
    the council"), so that the pattern itself can start at a plain word and stay fast; the
    span is extended over them. ``hedged``: a question, a condition or the writer's own
    reaction before it clears it (AC001). ``accept``: a further test of each match."""

    pattern: re.Pattern[str]
    needs: tuple[frozenset[str], ...]
    why: str = ""
    council_first: bool = False
    hedged: bool = True
    accept: Accept | None = None
    back: re.Pattern[str] | None = None

    def ready(self, words: frozenset[str]) -> bool:
        for group in self.needs:
            if group.isdisjoint(words):
                return False
        return True

    def spans(self, folded: str, words: frozenset[str] = frozenset()) -> Iterator[tuple[int, int, str]]:
        for match in self.pattern.finditer(folded):
            if not _starts_word(folded, match.start()):
                continue
            start = match.start()
            if self.back is not None:
                lead = self.back.search(folded, max(0, start - _BACK_REACH), start)
                if lead is None or not _starts_word(folded, lead.start()):
                    continue
                start = lead.start()
            if self.accept is not None and not self.accept(folded, start, match.end(), words):
                continue
            if self.council_first:
                start = _council_start(folded, start)
            yield start, match.end(), self.why


def _cue(pattern: str, *needs: str, why: str = "", council_first: bool = False,
         hedged: bool = True, accept: Accept | None = None, back: str | None = None) -> Cue:
    return Cue(re.compile(pattern), tuple(_words(n) for n in needs), why, council_first, hedged,
               accept, None if back is None else re.compile(back + r"\s+$"))


def _apart(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans in order, overlapping ones joined: one finding for one stretch of text."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and span[0] < kept[-1][1]:
            first, last, why = kept[-1]
            kept[-1] = (first, max(last, span[1]), why)
            continue
        kept.append(span)
    return kept


def _about_council(folded: str, start: int, end: int, words: frozenset[str]) -> bool:
    """The post is about the council (a council word anywhere in it)."""
    return not _COUNCIL_WORDS.isdisjoint(words)
