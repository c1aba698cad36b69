"""Does the writer work for the council (or sit on it)? The first half of a grievance.

Staff and councillors say so in many ways: "I've cleaned the council offices for eleven
years", "As the parish clerk I've been working sixty-hour weeks", "I'm a cleaner at the
community centre and the council cut my hours", "My contract with the council says 30
hours". A list of phrases finds the wordings already seen; this grammar reads the parts
(``lexicons/triage_grievance_staff.txt``), on the message's words as
:mod:`civicpost.engine.triage.tokens` reads them:

* a **relation** ("I work", "I've cleaned", "working") and a **place** ("the council",
  "the town hall", "the grounds team") after it, with only "for", "at", "the" and the like
  between ("I've been on hold to the council" is no job);
* an **opener** ("as the", "I'm a", "I've been a") and a **role**: the council's own roles
  ("parish clerk", "councillor", "council employee") count alone, a role any employer has
  ("cleaner", "manager") only in a message that names the council;
* **"my"** and a work thing ("my contract", "my manager") with a place after it.

A relative who works there ("my husband works for the council") and a wish to ("I'd love to
work in the parks team") are not the writer working there.
"""

from __future__ import annotations

from collections.abc import Sequence

from civicpost.engine import names
from civicpost.engine.post import Post
from civicpost.engine.triage.tokens import Phrases, Token, positions, sentences, span, tokens

_STAFF = Phrases("triage_grievance_staff")
# The words that may stand between a relation and its place ("worked for this council",
# "cleaned the council offices"): prepositions and determiners, a closed class.
_BETWEEN = frozenset("for at in on with within by the this that our a an".split())
_GAP = 3


def works_for_council(post: Post) -> tuple[int, int] | None:
    """The span of the words that say the writer works for the council, or None."""
    return names.memo(post, "triage:workplace", _find)


def _find(post: Post) -> tuple[int, int] | None:
    row, squeezed = tokens(post)
    if not row or _STAFF.words(squeezed).isdisjoint(t.word for t in row):
        return None
    found: list[tuple[int, int, str]] = []  # (first token, end token, kind)
    for first, last in sentences(row):
        where = positions(row, first, last)
        for match in _STAFF.find(row, first, last, squeezed, where=where):
            kind, _, flag = match.kind.partition(",")
            if flag.strip() == "start" and match.start != first:
                continue
            found.append((match.start, match.end, kind.strip()))
    names_council = any(kind == "place" and _names_the_council(row, start, end) for start, end, kind in found)
    for index, (start, end, kind) in enumerate(found):
        later = [f for f in found[index + 1:] if _same_sentence(row, end, f[0])]
        if kind == "relation" and _place_after(row, end, later):
            return span(post, row, start, _place_after(row, end, later))
        if kind == "opener" and later and later[0][0] == end:
            role_end, role = later[0][1], later[0][2]
            if role == "own role" or (role == "role" and names_council):
                return span(post, row, start, role_end)
        if kind == "my" and _place_after(row, end, later):
            return span(post, row, start, _place_after(row, end, later))
    return None


def _place_after(row: Sequence[Token], end: int, later: list[tuple[int, int, str]]) -> int:
    """The end of a place that follows token ``end`` with only small words between, or 0."""
    for start, place_end, kind in later:
        if start - end > _GAP:
            break
        if kind == "place" and all(t.word in _BETWEEN for t in row[end:start]):
            return place_end
    return 0


def _same_sentence(row: Sequence[Token], end: int, start: int) -> bool:
    return start >= end and all(t.word != "." for t in row[end:start])


def _names_the_council(row: Sequence[Token], start: int, end: int) -> bool:
    """"here" and "there" are places of work only beside a job; the council's own words
    ("the council", "the town hall") name it."""
    return not all(t.word in ("here", "there") for t in row[start:end])

