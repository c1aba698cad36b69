"""Criticism that the phrases of ``triage_negative.txt`` do not spell out, found by a small
grammar on the message's words (:mod:`civicpost.engine.triage.tokens`).

* words that criticise wherever they stand ("lost the plot", "short-sighted"), and words
  that criticise when said of the council or its people a few words before them ("the
  council has totally lost touch", "you lot are wasting our money");
* disappointment about a decision ("gutted with the decision to close the museum"), which
  is criticism, and not sorrow ("gutted the fun run was cancelled", "sad to hear");
* "nobody" with what nobody does ("a consultation nobody will read", "nobody asked for a
  new roundabout");
* questions asked to criticise ("who decided to put them facing the car park?") and
  sarcasm ("clearly nobody on the council has ever tried to park there");
* praise as a sentence of its own after a complaint or criticism ("So the precept goes up
  again and the toilets stay shut. Brilliant."), and "Not." taking praise back ("Lovely to
  see our money going on more consultants. Not."): sarcasm, not praise.

The words are in ``lexicons/triage_criticism.txt`` and ``triage_criticism_context.txt``.
Each finding is a :class:`~civicpost.engine.triage.cues.Cue` of kind "criticism",
"rhetorical" or "sarcasm", as the phrase lists give, so that the tone rules treat both alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from civicpost.engine import names
from civicpost.engine.evasion import Gate
from civicpost.engine.post import Post
from civicpost.engine.triage.cues import Cue
from civicpost.engine.triage.tokens import (
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

_WORDS = Phrases("triage_criticism")
_CONTEXT = Phrases("triage_criticism_context")
_AIMED_GAP, _NOBODY_GAP, _MILD_GAP = 5, 4, 3
_NOBODY = frozenset({"nobody", "noone", "none"})


def find_criticism(post: Post) -> tuple[Cue, ...]:
    """Every criticism, rhetorical question and sarcasm the grammar finds, in order."""
    return names.memo(post, "triage:criticism", _find)


def _find(post: Post) -> tuple[Cue, ...]:
    row, squeezed = tokens(post)
    if not row or not _gate().open(gate_words(post), squeezed):
        return ()
    found: list[tuple[int, int, str]] = []  # token spans and kinds
    parts: list[tuple[int, int, list[Match]]] = []
    for first, last in sentences(row):
        where = positions(row, first, last)
        words = _WORDS.find(row, first, last, squeezed, where=where)
        context = _CONTEXT.find(row, first, last, squeezed, where=where)
        parts.append((first, last, context))
        found.extend(_in_sentence(row, first, words, context))
    found.extend(_sarcastic_praise(post, row, parts, bool(found)))
    cues = []
    for start, end, kind in sorted(found):
        begin, finish = span(post, row, start, end)
        cues.append(Cue(begin, finish, post.text[begin:finish], kind))
    return tuple(cues)


def _in_sentence(row: Sequence[Token], first: int, words: list[Match],
                 context: list[Match]) -> list[tuple[int, int, str]]:
    found = []
    subjects = [m for m in context if m.kind == "subject"]
    decided = any(m.kind == "decision" for m in context)
    for match in words:
        kind = match.kind
        if kind == "alone":
            found.append((match.start, match.end, "criticism"))
        elif kind == "aimed" and any(s.end <= match.start <= s.end + _AIMED_GAP for s in subjects):
            found.append((match.start, match.end, "criticism"))
        elif kind == "mild" and (decided or any(match.end <= s.start <= match.end + _MILD_GAP
                                                for s in subjects)):
            found.append((match.start, match.end, "criticism"))
        elif kind == "nobody" and _after_nobody(row, first, match.start):
            found.append((match.start, match.end, "criticism"))
        elif kind in ("rhetorical", "sarcasm"):
            found.append((match.start, match.end, kind))
    return found


def _after_nobody(row: Sequence[Token], first: int, at: int) -> bool:
    for index in range(max(first, at - _NOBODY_GAP), at):
        word = row[index].word
        if word in _NOBODY or (word == "no" and index + 1 < at and row[index + 1].word == "one"):
            return True
    return False


def _sarcastic_praise(post: Post, row: Sequence[Token], parts: list[tuple[int, int, list[Match]]],
                      criticised: bool) -> list[tuple[int, int, str]]:
    """Praise standing as a sentence of its own in a message that complains or criticises
    ("... the toilets stay shut. Brilliant."), and a sentence of praise taken back by
    "Not."."""
    found = []
    for index, (first, last, context) in enumerate(parts):
        alone = [m for m in context if m.start == first and m.end == last]
        if not alone:
            continue
        if alone[0].kind == "praise" and len(parts) > 1 and (criticised or _troubled(post)):
            found.append((first, last, "sarcasm"))
        elif alone[0].kind == "not" and index > 0:
            previous_first, previous_last, _ = parts[index - 1]
            found.append((previous_first, last, "sarcasm"))
    return found


def _troubled(post: Post) -> bool:
    """Does the message complain or criticise elsewhere? (The phrase lists and the service
    grammar, imported here to keep the tone rules free of them.)"""
    from civicpost.engine.triage.complaint import find_service_fault
    from civicpost.engine.triage.tone import _NEGATIVE

    return bool(_NEGATIVE.find(post)) or find_service_fault(post) is not None or " again" in post.folded.text


@lru_cache(maxsize=1)
def _gate() -> Gate:
    """Messages without every uncommon word of some entry (or a word of praise, which may
    be sarcasm) hold no criticism the grammar finds, and skip it."""
    return word_gate((_WORDS, _CONTEXT), leave_out=("sympathy", "subject", "decision"))
