"""Threats in incoming messages, found by a small grammar rather than by a list of phrases.

Threats come in endless wordings ("I'll batter the next warden", "one of your councillors is
going to end up hurt", "touch the allotments and I swear I'll do time for one of you"), and
a list of phrases finds only the ones already seen. This grammar finds the parts a threat is
made of, each from a word list a council can extend, and counts points:

* a **harm** to a **target**: a harm verb (``triage_threat_harm.txt``: violence 2 points,
  damage 2, menace 1, contact 0) with who or what it lands on (``triage_threat_targets.txt``,
  :mod:`civicpost.engine.triage.targets`), and someone **meaning** it before it in the
  sentence, a few words away at most (``triage_threat_frames.txt``: "I will", "someone
  should", "I hope"; 1 point): "I will personally drag the clerk out";
* a target, then what will **happen** to it (``triage_threat_outcomes.txt``: "end up hurt"
  2, "be sorry" 1), with "will", "is going to" or a hope between (1 point): "your windows
  won't survive the week"; or a harm it deserves, needs or gets ("the clerk needs a good
  hiding", "next councillor to knock on my door gets a smack");
* "should be" and a harm done to a person: "they should be strung up";
* a **veiled** threat (``triage_threat_veiled.txt``, 1 to 3 points): "accidents happen",
  "wouldn't want anything to happen to your family", "we know which car is yours".

One point more for a **condition** ("if you close the library", "one more fine and", "keep
it up and", "next time"), and one for **menace** anywhere in the message
(``triage_threat_menace.txt``: "just saying", "after dark", "at home tonight"). A veiled
threat aimed at a named person ("Cllr Ford") gets a point too. Three points make a threat.

What keeps innocent words of violence clear (``triage_threat_not.txt``): sayings ("I'd kill
for a decent bus", "the fireworks will blow you away"), harm to nobody in particular or to
the writer ("the storm will batter the coast", "he said he'd smash my car"), sport, games
and elections ("we'll destroy you at the tug of war"), and "not" or "never" between the
meaning and the harm. A sentence in which the writer **reports** a threat ("a man
threatened to punch me at the bottle bank") holds no threat: it is a report to act on, and
triage labels it by what else it is (see :func:`reported_threats`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from civicpost.engine import names
from civicpost.engine.evasion import Gate, skeleton
from civicpost.engine.post import Post
from civicpost.engine.triage.cues import quote
from civicpost.engine.triage.targets import names_official, targets_at
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

_HARM = Phrases("triage_threat_harm", inflect=True, slots="last")
_HARM_DONE = Phrases("triage_threat_harm", inflect=True, slots="drop")  # "should be strung up"
_OUTCOMES = Phrases("triage_threat_outcomes")
_FRAMES = Phrases("triage_threat_frames")
_VEILED = Phrases("triage_threat_veiled")
_MENACE = Phrases("triage_threat_menace")
_NOT = Phrases("triage_threat_not")

THRESHOLD = 3
_WEIGHT = {"violence": 2, "damage": 2, "menace": 1, "contact": 0, "strong": 2, "property": 2, "weak": 1,
           "noun": 2}
_MEANING = frozenset({"intent", "incite", "wish"})
_WISHED = frozenset({"third"})  # harm foretold for someone spoken of counts only as a wish
# Who each kind of harm may fall on.
_PEOPLE = frozenset({"second", "third", "person", "named", "whoever", "next", "thing"})
_FALLS_ON = {"violence": _PEOPLE, "menace": _PEOPLE, "contact": _PEOPLE | {"property"},
             "damage": _PEOPLE | {"property", "body"}}
_SUFFERS = {"strong": frozenset({"second", "person", "named", "whoever", "next", "thing", "property",
                                  "generic"}),
            "property": frozenset({"thing", "property"}),
            "weak": frozenset({"second", "person", "named", "whoever", "next"}),
            "noun": frozenset({"second", "third", "person", "named", "whoever", "next", "generic"})}
# The grammar's own small words (closed classes, so kept here): what may stand between a
# target and what will happen to it ("you will all soon be sorry"), which of those make it
# future, and the words that deny a threat ("I would never hurt anyone").
_BETWEEN = frozenset("will would is are am be going to might could can may shall all soon definitely "
                     "probably really seriously certainly just one day gonna".split())
_FUTURE = frozenset("will would going might could can may shall".split())
_DENIAL = frozenset("not never no".split())
# Words that open a sentence as a statement, not an order: "keep it up and ..." is a
# condition; "I went and ..." is not.
_NOT_ORDERS = frozenset("i you he she it we they the a an my your his her our their this that these those "
                        "there what who why how when where someone somebody people everyone so and but "
                        "well oh just honestly".split())
_FRAME_GAP, _NEAR_GAP, _PASSIVE_GAP, _OPEN_GAP = 8, 2, 8, 8


@dataclass(frozen=True)
class Threat:
    """A threat found in a message; ``start``/``end`` index the original text."""

    start: int
    end: int
    why: str
    points: int


def find_threats(post: Post) -> list[Threat]:
    """Every threat the grammar finds, in order (computed once per message)."""
    return names.memo(post, "triage:threats", _find)


def reported_threats(post: Post) -> list[tuple[int, int]]:
    """Spans of sentences in which the writer reports a threat made to them or heard
    ("he threatened to", "said he'd"): reports to act on, never threats."""
    return names.memo(post, "triage:reported", lambda p: _analyse(p)[1])


def _find(post: Post) -> list[Threat]:
    return _analyse(post)[0]


def _analyse(post: Post) -> tuple[list[Threat], list[tuple[int, int]]]:
    return names.memo(post, "triage:threat-analysis", _run)


def _run(post: Post) -> tuple[list[Threat], list[tuple[int, int]]]:
    if not _may_threaten(post):
        return [], []
    row, squeezed = tokens(post)
    menace = _MENACE.find(row, 0, len(row), squeezed)
    extra = min(2, len({tuple(t.word for t in row[m.start:m.end]) for m in menace}))
    named: list[bool] = []  # worked out once, and only when a sentence needs it
    threats: list[Threat] = []
    reports: list[tuple[int, int]] = []
    for first, last in sentences(row):
        where = positions(row, first, last)
        marks = _NOT.find(row, first, last, squeezed, where=where)
        if any(m.kind == "report" for m in marks):
            reports.append(span(post, row, first, last))
            continue
        if not _has_harm(row, first, last, squeezed, bool(menace), where):
            continue
        sentence = _Sentence(post, row, first, last, squeezed, marks, where)
        if not named:
            named.append(names_official(post, row, squeezed))
        found = sentence.candidates(named[0])
        for points, start, end, why in found:
            # Two shapes of threat in one sentence back each other up: "I'm going to find
            # out where the planning officer lives and pay him a visit".
            backed = 1 if any(p > 0 and e != end for p, _, e, _ in found) else 0
            condition = sentence.condition(start)
            total = points + condition + extra + backed
            if total >= THRESHOLD:
                begin, finish = span(post, row, start, end)
                parts = why + (", with a condition" if condition else "") + (
                    f", with {quote(post.text, *span(post, row, menace[0].start, menace[0].end))}"
                    if extra else "")
                threats.append(Threat(begin, finish, f"{quote(post.text, begin, finish)} reads as a threat "
                                                     f"({parts})", total))
                break  # one threat a sentence is enough for the Clerk
    return threats, reports


def _has_harm(row: Sequence[Token], first: int, last: int, squeezed: bool, menace: bool,
              where: dict[str, list[int]]) -> bool:
    """A cheap first look: does the sentence hold a harm, an outcome or a veiled threat at
    all? (Seeking someone out counts only with menace in the message.)"""
    if not _heads(squeezed, menace).isdisjoint(where):
        return True
    if _OUTCOMES.find(row, first, last, squeezed, where=where):
        return True
    return not _VEILED.trie(squeezed).keys().isdisjoint(where)


class _Sentence:
    """One sentence of a message and the threat parts found in it."""

    def __init__(self, post: Post, row: Sequence[Token], first: int, last: int, squeezed: bool,
                 marks: list[Match], where: dict[str, list[int]]) -> None:
        self.post, self.row, self.first, self.last, self.squeezed = post, row, first, last, squeezed
        self.where = where
        self._known: dict[tuple[int, int], list[tuple[int, str]]] = {}
        self.contest = any(m.kind == "contest" for m in marks)
        self.sayings = [(m.start, m.end) for m in marks if m.kind == "figurative"]
        self.veiled = _VEILED.find(row, first, last, squeezed, self._slot, where)
        self.frames: list[Match] = []
        self.near: set[int] = set()  # starts of frames that need the harm close by
        for frame in _FRAMES.find(row, first, last, squeezed, where=where):
            kind, _, flag = frame.kind.partition(",")
            if flag.strip() == "start" and frame.start != first:
                continue
            if flag.strip() == "near":
                self.near.add(frame.start)
            self.frames.append(frame._replace(kind=kind.strip()))

    def _targets(self, index: int) -> list[tuple[int, str]]:
        return self._slot(self.row, index, self.last)

    def _slot(self, row: Sequence[Token], index: int, limit: int) -> list[tuple[int, str]]:
        known = self._known.get((index, limit))
        if known is None:
            known = self._known[(index, limit)] = targets_at(row, index, limit, self.squeezed)
        return known

    def _in_saying(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.sayings)

    def condition(self, at: int) -> int:
        """One point when the sentence sets a condition for the harm ("if" inside a veiled
        threat, "shame if ...", is part of it, not a condition)."""
        if any(f.kind == "condition" and not any(v.start <= f.start < v.end for v in self.veiled)
               for f in self.frames):
            return 1
        first = self.row[self.first].word
        if first not in _NOT_ORDERS and any(t.word == "and" for t in self.row[self.first + 1:at]):
            return 1  # "Keep it up and ...", "Approve those flats and ..."
        return 0

    def candidates(self, named: bool) -> list[tuple[int, int, int, str]]:
        """(points, first token, end token, parts) of every threat shape in the sentence."""
        found = [*self._agentive(named), *self._outcomes(), *self._wanted(), *self._passive(),
                 *self._veiled(named)]
        return sorted(found, key=lambda c: -c[0])

    def _words(self, start: int, end: int) -> str:
        return quote(self.post.text, *span(self.post, self.row, start, end))

    def _agentive(self, named: bool) -> list[tuple[int, int, int, str]]:
        found = []
        for harm in _HARM.find(self.row, self.first, self.last, self.squeezed, self._harm_slot, self.where):
            if not harm.slots or self._in_saying(harm.start, harm.end):
                continue
            kind = harm.slots[0][2]
            if kind not in _FALLS_ON[harm.kind] or (self.contest and harm.kind != "damage"):
                continue
            frame = self._meaning_before(harm.start)
            if frame is None:
                continue
            # Seeking out a named person ("I'll be waiting for you after the meeting, Cllr
            # Lowe") is more menacing than seeking out "you".
            points = _WEIGHT[harm.kind] + 1 + (1 if named and harm.kind in ("menace", "contact") else 0)
            found.append((points, frame.start, harm.end,
                          f"{self._words(frame.start, frame.end)} with {harm.kind} "
                          f"{self._words(harm.start, harm.end)}"))
        return found

    def _harm_slot(self, row: Sequence[Token], index: int, limit: int) -> list[tuple[int, str]]:
        return self._slot(row, index, limit)

    def _meaning_before(self, at: int) -> Match | None:
        for frame in reversed(self.frames):
            if frame.end > at or frame.kind not in _MEANING:
                continue
            gap = at - frame.end
            if gap > (_NEAR_GAP if frame.start in self.near else _FRAME_GAP):
                return None
            if any(t.word in _DENIAL for t in self.row[frame.end:at]):
                return None
            return frame
        return None

    def _subject_before(self, at: int, kinds: frozenset[str]) -> tuple[int, str, bool] | None:
        """A target that ends just before token ``at`` (with only "will", "is going to" and
        the like between, or a longer clause after "whoever" and "the next ..."): its start,
        kind and whether the words between make it future."""
        best = None
        for start in range(at - 1, max(self.first, at - 14) - 1, -1):
            for end, kind in self._targets(start):
                if end > at or kind not in kinds:
                    continue
                between = self.row[end:at]
                open_clause = kind in ("whoever", "next") and at - end <= _OPEN_GAP
                if open_clause or all(t.word in _BETWEEN for t in between):
                    if any(t.word in _DENIAL for t in between):
                        continue
                    future = any(t.word in _FUTURE for t in between) or self._hoped(start)
                    best = (start, kind, future)  # the widest target wins: "one of your councillors"
                    break
        return best

    def _hoped(self, at: int) -> bool:
        """True when someone hopes for it ("I hope the councillor's house floods and he
        drowns") or means it ("I'll make sure you ...") just before ``at``."""
        return any(f.end <= at and (f.kind == "wish" or (f.kind in _MEANING and at - f.end <= 2))
                   for f in self.frames)

    def _outcomes(self) -> list[tuple[int, int, int, str]]:
        found = []
        for outcome in _OUTCOMES.find(self.row, self.first, self.last, self.squeezed, where=self.where):
            if outcome.kind == "noun" or self._in_saying(outcome.start, outcome.end):
                continue
            if self.contest and outcome.kind == "weak":
                continue
            subject = self._subject_before(outcome.start, _SUFFERS[outcome.kind] | _WISHED)
            if subject is None or (subject[1] == "third" and not self._hoped(subject[0])):
                continue  # "he'll end up in hospital" is a worry; "I hope he drowns in it" is not
            start, kind, future = subject
            ending = self.row[outcome.start].word.startswith("end")  # "end up hurt"
            points = _WEIGHT[outcome.kind] + (1 if future or ending else 0)
            points -= 2 if kind == "generic" else 0
            points += 1 if kind == "next" else 0
            found.append((points, start, outcome.end, f"{self._words(start, outcome.end)}: harm foretold"))
        return found

    def _wanted(self) -> list[tuple[int, int, int, str]]:
        found = []
        for frame in self.frames:
            if frame.kind != "want" or frame.end >= self.last:
                continue
            harm = self._harm_noun(frame.end)
            if harm is None:
                continue
            subject = self._subject_before(frame.start, _SUFFERS["noun"])
            if subject is None:
                continue
            start, kind, _ = subject
            points = 3 - (1 if kind == "generic" else 0)  # "someone is going to get a slap"
            found.append((points, start, harm, f"{self._words(start, harm)}: a harm deserved or due"))
        return found

    def _harm_noun(self, at: int) -> int | None:
        nouns = [m for m in _OUTCOMES.at(self.row, at, self.squeezed, self.last) if m.kind == "noun"]
        if nouns and not self._in_saying(nouns[0].start, nouns[0].end):
            return nouns[0].end
        bare = _HARM_DONE.at(self.row, at, self.squeezed, self.last)
        gerund = [m for m in bare if m.kind in ("violence", "damage") and self.row[at].word.endswith("ing")]
        return gerund[0].end if gerund else None

    def _passive(self) -> list[tuple[int, int, int, str]]:
        found = []
        for frame in self.frames:
            if frame.kind != "passive":
                continue
            subject = self._subject_before(frame.start, frozenset({"second", "third", "person", "named",
                                                                   "whoever", "next"}))
            if subject is None:
                continue
            for index in range(frame.end, min(self.last, frame.end + _PASSIVE_GAP)):
                harms = [m for m in _HARM_DONE.at(self.row, index, self.squeezed, self.last)
                         if m.kind in ("violence", "damage") and not self._in_saying(m.start, m.end)]
                noun = self._harm_noun(index + 1) if self.row[index].word in ("given", "get", "got") else None
                end = harms[0].end if harms else noun
                if end is not None:
                    found.append((3, subject[0], end, f"{self._words(subject[0], end)}: harm called for"))
                    break
        return found

    def _veiled(self, named: bool) -> list[tuple[int, int, int, str]]:
        found: list[tuple[int, int, int, str]] = []
        veiled_all = self.veiled
        if not veiled_all:
            return found
        outcomes = _OUTCOMES.find(self.row, self.first, self.last, self.squeezed, where=self.where)
        harmful = any(m.kind in ("strong", "property") for m in outcomes) or any(
            m.kind in ("violence", "damage") and m.slots and m.slots[0][2] in _FALLS_ON[m.kind]
            for m in _HARM.find(self.row, self.first, self.last, self.squeezed, self._slot, self.where))
        for veiled in veiled_all:
            points = int(veiled.kind) + (1 if named else 0) + (1 if harmful and int(veiled.kind) < 3 else 0)
            why = f"{self._words(veiled.start, veiled.end)}: a veiled threat"
            found.append((min(points, 3), veiled.start, veiled.end, why))
        return found


@lru_cache(maxsize=4)
def _heads(squeezed: bool, menace: bool) -> frozenset[str]:
    """The first words of the harms (those of the "contact" kind only with menace)."""
    return frozenset(entry[0] for entry, kind in _HARM.entries(squeezed) if menace or kind != "contact")


def _may_threaten(post: Post) -> bool:
    """The cheap test every message passes first: are the words of some harm, outcome,
    veiled threat or menace all in it? Most messages are turned away here."""
    return _gate().open(gate_words(post), skeleton(post).stretched)


@lru_cache(maxsize=1)
def _gate() -> Gate:
    """The gate of :func:`_may_threaten`, from every entry that can make a threat (a harm
    of the "contact" kind makes one only with menace, whose words are in the gate) or
    report one."""
    return word_gate((_HARM, _OUTCOMES, _VEILED, _MENACE, _NOT),
                     leave_out=("contact", "figurative", "contest"))
