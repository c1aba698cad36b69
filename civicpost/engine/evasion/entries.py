"""The entries of a word list, the innocent words that contain them, and the tests that
tell a disguised word or a name from an ordinary one, for :class:`WordList`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from civicpost.engine.evasion.patterns import normal
from civicpost.engine.evasion.skeleton import squeeze
from civicpost.engine.lexicons import load_pairs, load_terms

# Endings a word written with "*" (match anywhere) or "+" (match as a word start) may take
# when it is disguised by spacing, splitting or stars: "f u c k i n g", "sh*tty".
_ENDINGS = ("", "s", "es", "ed", "d", "ing", "in", "er", "ers", "y", "ty", "ey", "head", "heads",
            "hole", "holes", "face", "wit", "wits", "bag", "bags", "off")


@dataclass(frozen=True)
class Entry:
    """One entry of a word list: the word as written, its label, and where it may match."""

    word: str
    label: str
    source: str
    mode: str  # "word": a whole word; "start": a word start; "inside": anywhere in a word


@dataclass(frozen=True)
class WordMatch:
    """A word of a list found in a post; ``start``/``end`` index the ORIGINAL text."""

    start: int
    end: int
    entry: Entry
    disguised: bool


def _entries(sources: Sequence[str]) -> list[Entry]:
    found = []
    for source in sources:
        for raw, label in load_pairs(source).items():
            word, mode = raw, "word"
            if word.startswith("*") and word.endswith("*"):
                word, mode = word[1:-1], "inside"
            elif word.endswith("*"):
                word, mode = word[:-1], "start"
            word = normal(word)
            if word:
                found.append(Entry(word, label.strip(), source, mode))
    return found


_WORD_SEPARATORS = re.compile(r"[\s\-_]+")


# Words broken by punctuation without spaces into short pieces: "sh.it", "f-u-c-k",
# "dick-head". Found from the punctuation between letters, which is rare, then read from the
# start of the word; "switch-on" and "loughton-tc.gov.uk" have a piece too long to bother.
_BROKEN = re.compile(r"[a-z]{1,5}+(?:[.\-_~|+]++[a-z]{1,5}+)+(?![a-z])")
_JUNCTION = re.compile(r"[.\-_~|+](?<=[a-z].)(?=[a-z])")
# A word with stars in it: "f*ck", "c**t", "f***ing" (a star stands for up to one letter).
_STARRED = re.compile(r"(?<![a-z])[a-z]++(?:[*#%]++[a-z]++)+")
_STAR_RUN = re.compile(r"[*#%]+")
_HANDLE = re.compile(r"(?<![a-z0-9_])@[a-z0-9_]+")
_LINK = re.compile(r"(?:https?://|www\.)\S+")
_SENTENCE_END = re.compile(r"[.!?\n]")
_VETO_WINDOW = 80


_PLAIN_SEPARATORS = re.compile(r"[\s\-]+")
_TRIPLE = re.compile(r"([a-z])\1\1")


def _disguised(excerpt: str, entry: Entry) -> bool:
    """True when the words were written to get past a filter: symbols, digits, look-alike
    letters, letters spaced out or stretched ("sh1t", "f u c k", "fuuuck")."""
    plain = excerpt.lower()
    core = _PLAIN_SEPARATORS.sub("", plain)
    if core != plain and " " not in entry.word:
        return True
    return not (core.isascii() and core.isalpha()) or bool(_TRIPLE.search(core))


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and "a" <= text[start - 1] <= "z":
        start -= 1
    while end < len(text) and "a" <= text[end] <= "z":
        end += 1
    return start, end


_NOT_NAME_BEFORE = frozenset(
    "you what a an the such big total absolute complete utter he she is was and but oh ya yer "
    "your".split())
_CAPITALISED_AFTER = re.compile(r"[ \t]+[A-Z][a-z]+")
_CAPITALISED_BEFORE = re.compile(r"([A-Z][a-z]+)(?:['’]s?)?[ \t]+$")


def _capitalised_beside(text: str, start: int, end: int) -> bool:
    if _CAPITALISED_AFTER.match(text, end):
        return True
    before = _CAPITALISED_BEFORE.search(text[max(0, start - 40):start])
    return before is not None and before.group(1).lower() not in _NOT_NAME_BEFORE


def _innocents(name: str, listed: Sequence[str]) -> dict[str, list[tuple[re.Pattern[str], int]]]:
    """For each listed word, the innocent words and phrases that contain it, as patterns."""
    table: dict[str, list[tuple[re.Pattern[str], int]]] = {}
    for innocent in load_terms(name):
        # Spaces match any spacing; hyphens and apostrophes are kept ("-cum-" must not
        # excuse every "cum"), though an apostrophe may be left out ("offas dyke").
        body = r"[\s\-_]+".join(re.escape(part).replace("'", "'?") for part in innocent.split())
        pattern = re.compile(body)
        joined = squeeze(re.sub(r"[\s\-']", "", innocent))
        for word in listed:
            if squeeze(word.replace(" ", "")) in joined:
                table.setdefault(word, []).append((pattern, len(innocent) + 4))
    return table


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Everyday words (the accessibility rules' list): a listed word split after one of
    them is never read as a split-up swear word ("pen is", "the rapist")."""
    return frozenset(load_terms("ax_words"))
