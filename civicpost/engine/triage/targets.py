"""Who or what a threat is aimed at: the target grammar of :mod:`civicpost.engine.triage.threat`.

A target is one of (vocabulary in ``lexicons/triage_threat_targets.txt``):

* a pronoun or the like: "you", "you lot", "the lot of them", "people like you";
* a described person: "whoever approved this", "the next warden who ...";
* a title and a name: "Cllr Ford", "Mrs Clarke", "Mr Mayor";
* an opener and a noun, with up to three describing words between: "that new planning
  office", "the whole council chamber", "one of your councillors", "every one of those
  cameras";
* a thing with its owner: "your car", "his face", "the clerk's teeth", "the tyres on the
  mayor's car" (a thing without an owner, "the car", is nobody's in particular).

Each target has a kind ("second", "third", "person", "property", "thing", "named",
"whoever", "next", "body", "generic", "self"); the threat rules decide which kinds a harm
may fall on. :func:`names_official` says whether a message names a councillor or an officer
at all (a veiled threat that does is worse).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from civicpost.engine.evasion import squeeze
from civicpost.engine.post import Post
from civicpost.engine.triage.tokens import BREAK, COMMA, Phrases, Token

_TARGETS = Phrases("triage_threat_targets")
NOUNS = frozenset({"person", "property", "thing", "body"})
# Grammar words that end the describing words between an opener and its noun: "the video
# at the town hall" is a video, not the town hall. A closed class, so kept here.
_STOP = frozenset("""the a an and or but to of in on at for with by from into onto over under who that
which is are was were be been will would not if when as than so because i you he she it we they me
him her us them my your his its our their this these those there here what where how all some
""".split()) | {BREAK, COMMA}
_OWNED_BY = frozenset({"on", "of", "in", "at", "belonging"})
_DESCRIBING = 3


def targets_at(row: Sequence[Token], index: int, limit: int, squeezed: bool) -> list[tuple[int, str]]:
    """The targets that start at token ``index`` (and end by ``limit``), as (end, kind),
    longest first."""
    found: list[tuple[int, str]] = []
    for match in _TARGETS.at(row, index, squeezed, limit):
        kind, end = match.kind, match.end
        if kind in ("second", "third", "generic", "self", "whoever"):
            found.append((end, kind))
            if kind == "generic" and any(t.word in ("who", "that") for t in row[end:min(limit, end + 5)]):
                found.append((end, "whoever"))  # "anyone from the council who comes on my land"
        elif kind == "next":
            noun = _noun_phrase(row, end, limit, squeezed, owned=True)
            found.append((noun[0], "next") if noun else (end, "next"))
        elif kind == "title":
            if end < limit and row[end].word not in _STOP:
                found.append((end + 1, "named"))
            found.append((end, "person"))
        elif kind in ("det", "poss"):
            noun = _noun_phrase(row, end, limit, squeezed, owned=kind == "poss")
            if noun:
                found.append(noun)
        elif kind in ("person", "property", "body"):
            found.append((end, kind))
    extended = [_extend(row, end, kind, limit, squeezed) for end, kind in found]
    usable = [(end, kind) for end, kind in extended if kind]
    return sorted(set(usable), key=lambda target: -target[0])


def _noun_phrase(row: Sequence[Token], start: int, limit: int, squeezed: bool,
                 owned: bool) -> tuple[int, str] | None:
    """The noun after an opener, with describing words before it: the last noun of the
    run wins ("the council office window" is a window of the council's)."""
    best: tuple[int, str] | None = None
    owner_seen = owned
    position = start
    while position < limit and position < start + _DESCRIBING + 1:
        nouns = [m if m.kind != "title" else m._replace(kind="person")
                 for m in _TARGETS.at(row, position, squeezed, limit) if m.kind in NOUNS or m.kind == "title"]
        if nouns:
            noun = nouns[0]
            if noun.kind == "thing":
                if owner_seen:
                    best = (noun.end, "thing")
                else:
                    best = (noun.end, "")  # a thing of nobody's, unless "on the mayor's car" follows
            else:
                best = (noun.end, noun.kind)
                owner_seen = True
            position = noun.end
            continue
        if row[position].word in _STOP or best is not None:
            break
        if _is_owner(row[position].word, squeezed):
            owner_seen = True  # "the clerks head": an apostrophe left out
        position += 1
    return best


def _is_owner(word: str, squeezed: bool) -> bool:
    if len(word) < 4 or not word.endswith("s"):
        return False
    return _TARGETS.kind_of((word[:-1],), squeezed) in ("person", "title")


def _extend(row: Sequence[Token], end: int, kind: str, limit: int, squeezed: bool) -> tuple[int, str]:
    """A target's owner or its things: "the clerk 's teeth", "the tyres on his car"."""
    if end < limit and row[end].word == "'s" and kind in ("person", "named", "third", "next", "whoever"):
        thing = _noun_phrase(row, end + 1, limit, squeezed, owned=True)
        if thing and thing[1]:
            return thing
    if kind in ("", "thing", "property") and end < limit and row[end].word in _OWNED_BY:
        for owner_end, owner in targets_at(row, end + 1, limit, squeezed):
            if owner in ("second", "third", "person", "named", "thing", "property", "body"):
                return owner_end, "thing" if kind in ("", "thing") else kind
    return end, kind


def names_official(post: Post, row: Sequence[Token], squeezed: bool) -> bool:
    """True when the message names a councillor or an officer ("Cllr Ford", "Mrs Clarke",
    or a name on the council's register of councillors)."""
    surnames = {squeeze(n.split()[-1].lower()) if squeezed else n.split()[-1].lower()
                for n in post.context.councillors if n.split()}
    titles = _titles(squeezed)
    for index, token in enumerate(row):
        if token.word in surnames:
            return True
        if token.word in titles and index + 1 < len(row) and any(
                kind == "named" for _, kind in targets_at(row, index, len(row), squeezed)):
            return True
    return False


@lru_cache(maxsize=2)
def _titles(squeezed: bool) -> frozenset[str]:
    return frozenset(entry[0] for entry, kind in _TARGETS.entries(squeezed) if kind == "title")
