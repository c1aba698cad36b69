"""Complaints about the council's service, found by a small grammar rather than by phrases.

Residents rarely say "I wish to complain". They say what is wrong: "the fence around the
play park has been broken for ages", "the play area is covered in broken glass", "waited in
all day for the bulky waste collection and nobody came", "the heating didn't work, we were
freezing". The grammar reads a sentence for (``lexicons/triage_complaint_things.txt`` and
``triage_complaint_states.txt``):

* a **thing** of the service and, a few words after it, a **state** it is in ("the toilets
  at the rec stink", "the heating in the library has been broken all week"), or a state
  just before it ("broken glass", "overflowing bins", "no sign of the new dog bin");
* a service that let someone down, whatever the thing ("nobody came", "I've been on hold
  to the council for forty minutes", "heard nothing back");
* a fault asked to be put right ("please fix them", "needs emptying");
* what a fault did to the writer, in a message about a thing of the service ("my mum
  slipped", "we were freezing").

Some states need more: "out" and "off" are faults of lights, heating and water only ("the
bins are out on Wednesday" is a reminder), and "closed" or "locked" needs how long ("still
closed", "locked for weeks"; "the library is closed on Mondays" is information). A question
about a state ("Is Forest Road still closed tomorrow?") asks rather than complains, and a
fault put right ("thanks for fixing it") is a complaint no more.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from civicpost.engine import names
from civicpost.engine.evasion import Gate, skeleton, to_original
from civicpost.engine.post import Post
from civicpost.engine.triage.threat import find_threats, reported_threats
from civicpost.engine.triage.tokens import (
    BREAK,
    Match,
    Phrases,
    Token,
    gate_words,
    positions,
    sentences,
    span,
    tokens,
    word_gate,
)

_THINGS = Phrases("triage_complaint_things")
_STATES = Phrases("triage_complaint_states")
_AFTER_GAP, _BEFORE_GAP = 7, 3
_WRITER = frozenset("i me my us our we".split())
# A question that opens with one of these asks about a state ("Is the tip open?"); "Why is
# the barrier still broken?" complains. Closed-class words, so kept here.
_ASKING = frozenset("is are was were does do did has have".split())
# Words before a thing that make it part of another thing's description ("the heating in the
# library", "the plans for the green"): prepositions, a closed class.
_PREPOSITIONS = frozenset("in on at by for of around near outside inside behind through along opposite "
                          "from".split())
_DETERMINERS = frozenset("the a an this that these those our my your their its".split())


def find_service_fault(post: Post) -> tuple[int, int, str] | None:
    """The first fault of the council's service the message reports, as (start, end, what),
    or None."""
    return names.memo(post, "triage:service-fault", _find)


def _find(post: Post) -> tuple[int, int, str] | None:
    row, squeezed = tokens(post)
    if not row:
        return None
    reported = _reported_threat(post, row, squeezed)
    if reported is not None:
        return reported
    if not _gate().open(gate_words(post), squeezed):
        return None
    threats = [(t.start, t.end) for t in find_threats(post)]
    text = skeleton(post).text
    parts: list[tuple[list[Match], list[Match], int, int]] = []
    for first, last in sentences(row):
        where = positions(row, first, last)
        states = _STATES.find(row, first, last, squeezed, where=where)
        if any(s.kind == "resolved" for s in states):
            return None
        if any(s.kind == "asking" for s in states):
            continue
        things = _THINGS.find(row, first, last, squeezed, where=where)
        parts.append((things, states, first, last))
    any_thing = any(things for things, _, _, _ in parts)
    for things, states, first, last in parts:
        if _asks_about(row, text, first, last) or _inside(post, row, first, last, threats):
            continue  # a question about a state; a threat ("shame if the planters got smashed")
        found = _fault(row, things, states, any_thing, first, last)
        if found is not None:
            start, end, what = found
            return (*span(post, row, start, end), what)
    return None


def _fault(row: Sequence[Token], things: list[Match], states: list[Match], any_thing: bool,
           first: int, last: int) -> tuple[int, int, str] | None:
    lasting = any(s.kind == "long" and row[s.start].word == "still" for s in states) or (
        any(s.kind == "long" for s in states) and any(t.word == "been" for t in row[first:last]))
    things = [t for t in things if not _describes(row, t.start, first)]
    for state in states:
        kind = state.kind
        if kind == "event":
            return state.start, state.end, "reports a service that let the writer down"
        if kind == "fix":
            return state.start, state.end, "asks for a fault to be put right"
        if kind == "impact" and any_thing:
            return state.start, state.end, "says what a fault of the service did to the writer"
        if kind.startswith("after") or kind == "before":
            if kind == "after long" and not lasting:
                continue
            for thing in things:
                if thing.end <= state.start <= thing.end + _AFTER_GAP and _fits(thing, kind) and \
                        "but" not in (t.word for t in row[thing.end:state.start]):
                    return thing.start, state.end, "reports a thing of the service broken, dirty or not done"
        if kind in ("before", "lead"):
            for thing in things:
                if state.end <= thing.start <= state.end + _BEFORE_GAP:
                    return state.start, thing.end, "reports a thing of the service broken, dirty or missing"
    return None


def _inside(post: Post, row: Sequence[Token], first: int, last: int, spans: list[tuple[int, int]]) -> bool:
    start, end = span(post, row, first, last)
    return any(s < end and start < e for s, e in spans)


def _reported_threat(post: Post, row: Sequence[Token], squeezed: bool) -> tuple[int, int, str] | None:
    """A threat made to the writer (or theirs) at one of the council's places ("a bloke
    threatened to punch me at the bottle bank"): a report the council must act on, so a
    complaint. A threat in a private quarrel ("my neighbour threatened to burn my fence
    down") is only what else the message is."""
    for start, end in reported_threats(post):
        first = next(i for i, t in enumerate(row) if to_original(post, t.start, t.end)[0] >= start)
        last = first
        while last < len(row) and row[last].word != BREAK:
            last += 1
        words = [t.word for t in row[first:last]]
        if not _WRITER.intersection(words):
            continue
        for thing in _THINGS.find(row, first, last, squeezed):
            if thing.start == first or row[thing.start - 1].word not in ("my", "our"):
                return start, end, "reports a threat made to the writer at a place of the council's"
    return None


def _describes(row: Sequence[Token], start: int, first: int) -> bool:
    """True when the thing at ``start`` follows a preposition ("in the library"): it
    describes another thing and is not what the state is said of."""
    before = start - 1
    if before >= first and row[before].word in _DETERMINERS:
        before -= 1
    return before >= first and row[before].word in _PREPOSITIONS


def _fits(thing: Match, kind: str) -> bool:
    return kind != "after supply" or thing.kind == "supply"


def _asks_about(row: Sequence[Token], text: str, first: int, last: int) -> bool:
    """True for a question that opens with "is", "will", "does" and the like."""
    if row[first].word not in _ASKING or last >= len(row) or row[last].word != BREAK:
        return False
    return "?" in text[row[last].start:row[last].end]


def asks_about_state(post: Post, position: int) -> bool:
    """True when the sentence at ``position`` (an offset of the original text) asks rather
    than complains: a question that opens with "is", "will", "does" and the like ("Is
    Forest Road still closed tomorrow?"), or one that asks where to report a fault ("Where
    do I report a blocked drain?")."""
    start, end = names.sentence_of(post, position)
    sentence = post.text[start:end].strip().rstrip("\"')”’ ")
    first = sentence.split(maxsplit=1)[0].lower() if sentence else ""
    if sentence.endswith("?") and first in _ASKING:
        return True
    row, squeezed = tokens(post)
    inside = [i for i, t in enumerate(row) if start <= to_original(post, t.start, t.end)[0] < end]
    if not inside:
        return False
    return any(m.kind == "asking" for m in _STATES.find(row, inside[0], inside[-1] + 1, squeezed))


@lru_cache(maxsize=1)
def _gate() -> Gate:
    """Messages without every uncommon word of some state, let-down, fix or impact hold no
    fault and skip the grammar."""
    return word_gate((_STATES,), leave_out=("long", "neutral", "asking", "resolved"))
