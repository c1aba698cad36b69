"""What the AB rules share: the swear-word and slur list, the words too common to gate on,
the kinds of mention abuse can be aimed at, and how findings quote the post."""

from __future__ import annotations

import re
from collections.abc import Iterable

from civicpost.engine import names
from civicpost.engine.evasion import Pattern, WordList, WordMatch, normal, squeeze
from civicpost.engine.findings import Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post

_WORDS = WordList(("ab_profanity", "ab_slurs"), innocent="ab_innocent",
                  nearby="ab_innocent_nearby", also_names="ab_also_names")
_LONGEST_EXCERPT = 60
# Words too common in council posts to gate a phrase on; a phrase's rarer words are used.
_COMMON = frozenset(
    "the a an all of to be in on our this your you i we go back are is should not out "
    "people men women it its me my get up him her them they he she will where here welcome "
    "waste until children family school space home live time day week help open free".split())


# --------------------------------------------------------------------------- helpers

def _plurals(terms: Iterable[str]) -> list[str]:
    """Each term and its plural ("idiot", "idiots"); a phrase ("waste of space") as it is."""
    found = []
    for term in terms:
        found.append(term)
        if " " not in term:
            found.append(term + ("es" if term.endswith(("s", "sh", "ch", "x")) else "s"))
    return found


def _quote(post: Post, start: int, end: int) -> str:
    excerpt = " ".join(post.text[start:end].split())
    if len(excerpt) > _LONGEST_EXCERPT:
        excerpt = excerpt[:_LONGEST_EXCERPT - 1] + "…"
    return f"“{excerpt}”"


def _a(label: str) -> str:
    return ("an " if label[:1] in "aeiou" else "a ") + label


def _key(phrase: str) -> str:
    """A matched phrase as a key of a lexicon: separators made single spaces."""
    return _SEPARATORS.sub(" ", phrase.replace("’", "'")).strip()


def _both(table: dict[str, str]) -> dict[str, str]:
    """A lexicon's ``phrase => value`` table, looked up by plain or by squeezed phrase."""
    joined = {}
    for phrase, value in table.items():
        joined[normal(phrase)] = value
        joined[squeeze(normal(phrase))] = value
        joined[normal(phrase).replace("'", "")] = value
        joined[squeeze(normal(phrase)).replace("'", "")] = value
    return joined


_SEPARATORS = re.compile(r"[\s\-_]+")
_DISGUISED = " Writing it with symbols, spaces or repeated letters does not make it acceptable."
_GROUPS = list(load_terms("ab_groups"))
_PERSONS = list(load_terms("ab_person_nouns"))


def _word_message(post: Post, match: WordMatch, why: str) -> str:
    message = f"{_quote(post, match.start, match.end)} is {_a(match.entry.label)}: {why}"
    return message + (_DISGUISED if match.disguised else "")


def _no_overlaps(hits: list[Hit]) -> list[Hit]:
    """One hit for one stretch of text: the widest, in order of position."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


_TARGET_KINDS = (names.COUNCILLOR, names.PERSON, names.ROLE, names.HANDLE, names.GIVEN)


# A command, not a description: "Get lost!", "oh just go away", "will you shut up". A phrase
# used "alone" must end its sentence: "nobody wants you!" but not "nobody wants you to miss it".
_BEFORE_COMMAND = frozenset(w for word in "just so now oh please and go you u ya then mate well why do"
                            .split() for w in (word, squeeze(word)))
_AFTER_COMMAND = Pattern(
    r"\s*(?:$|[^\sa-z]|(?:you|u|ya|and|already|now|then|mate|pal|love|woman|man|idiot|please|forever"
    r"|back|lol)(?![a-z]))")
_WORD_BEFORE = re.compile(r"([a-z']+)[\s,]*$")
