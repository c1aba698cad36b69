"""Seeing through the spellings people use to slip abuse past a word filter.

Folding (``text.py``) already undoes case, accents, full-width letters and look-alike letters
from other scripts. This module undoes the rest, keeping the way back to the original
characters:

* the **mapped** text reads leetspeak and symbols inside words as the letters they stand
  for (``sh1t``, ``b!tch``, ``a$$``, ``c0ck``, ``tw@t``). It has the folded text's length,
  so offsets stay aligned. Digits count as letters only in a word with two real letters or
  more, so road numbers (A55), times (10am) and years stay what they are;
* letters **spelled out** with the same spaces or dots between them are joined
  (``m o r o n``, ``f.u.c.k``), so that every rule reads them as the word;
* when a word is **stretched** (a letter three times or more: ``fuuuck``, ``shiiit``,
  ``kiiill you``), the text is also **squeezed**, every run of one repeated letter written
  once, and matched with patterns squeezed the same way. Text without a stretched word,
  nearly every real post, is matched with plain patterns, which is several times faster.
  :func:`stretches` checks that a word's letters repeat at least as often as the listed
  word's own (``niger`` is not ``nigger``, ``assess`` is not ``asses``).

:class:`WordList` finds a council's list of words however they are disguised: spaced out
(``f u c k``), broken by punctuation (``f.u.c.k``, ``sh.it``), split in two (``fu ck``),
starred out (``f*ck``, ``c**t``), stretched, or glued to other words (``fuckoff``), while
the innocent words that contain one (Scunthorpe, Shitterton, cocktail, Dickens, Arsenal) are
left alone. :class:`Pattern` compiles a rule's own pattern both ways and reports its matches
in offsets of the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from civicpost.engine import names
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post

# --------------------------------------------------------------------------- the skeleton

_DIGITS = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "9": "g"}
_SYMBOLS = {"$": "s", "@": "a", "!": "i"}
# Cheap test for leetspeak: digits between letters ("sh1t", "b00bs"), a digit before three
# letters ("5hit"), "$" after or before a letter ("a$$", "$hit"), "!" between letters
# ("b!tch") and "@" before a short word end ("tw@t"). Times (10am, 7pm), ordinals (2nd),
# postcodes (IG10 4LF), roads (A55), sentence ends ("snow!") and e-mail addresses pass. It
# starts with a character class, so the regex engine skips ordinary letters fast.
_LEET_HINT = re.compile(
    r"[0-9$!@](?:(?<=[a-z][0-9])[0-9]*(?=[a-z])|(?<![a-z0-9].)(?<=[0-9])(?=[a-z]{3})|(?<=[a-z]\$)"
    r"|(?<=\$)(?=[a-z])|(?<=[a-z]!)(?=[a-z])|(?<=[a-z]@)(?=[a-z]{1,6}(?![a-z\-]|\.[a-z])))")
# A run of letters, digits and the symbols above that holds a letter beside a digit or a
# symbol. The lookbehind makes it start only at the start of a run, so a long run of digits
# with no letter is read once, never once per position.
_LEET_RUN = re.compile(r"(?<![a-z0-9@$!])(?=[a-z0-9@$!]*?(?:[a-z][0-9@$!]|[0-9@$!][a-z]))[a-z0-9@$!]+")
_LETTERS = re.compile(r"[a-z]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
# The repeats after the first letter of a run; deleting them squeezes the text. An empty
# replacement keeps re.sub in C, where "\1" would call back into Python for every run.
_REPEAT_TAIL = re.compile(r"(?<=([a-z]))\1+")
_THREE_ALIKE = re.compile(r"(.)\1\1")
_TOKEN = re.compile(r"[a-z]+")


def _unleet(run: str, at_start_of_handle: bool) -> str:
    letters = len(_LETTERS.findall(run))
    out = []
    last = len(run) - 1
    for index, char in enumerate(run):
        if char in _DIGITS:
            # "A55" and "10am" keep their digits; "sh1t" and "b0ll0cks" do not.
            out.append(_DIGITS[char] if letters >= 2 else char)
        elif char == "!":
            # Only inside a word: "sh!t", but never the "!" that ends a sentence.
            out.append("i" if 0 < index < last else char)
        elif char == "@" and index == 0 and at_start_of_handle:
            out.append(char)  # "@name" is an @handle; WordList looks at handles itself
        elif char == "@" and index > 0 and len(run) - index > 6:
            out.append(char)  # "clerk@loughtontc": an e-mail address, not "tw@t" or "b@stard"
        elif char in _SYMBOLS:
            out.append(_SYMBOLS[char])
        else:
            out.append(char)
    return "".join(out)


def unleet(folded: str) -> str:
    """The folded text with leetspeak inside words read as letters and curly apostrophes
    made straight (same length)."""
    text = folded.translate(_APOSTROPHES) if ("’" in folded or "‘" in folded or "`" in folded) \
        else folded
    if not _LEET_HINT.search(text):
        return text

    def replace(match: re.Match[str]) -> str:
        start = match.start()
        handle = start == 0 or not text[start - 1].isalnum()
        return _unleet(match.group(), handle)

    return _LEET_RUN.sub(replace, text)


def squeeze(text: str) -> str:
    """``text`` with every run of one repeated letter written once: "fuuuck" -> "fuck"."""
    return _REPEAT_TAIL.sub("", text)


def _has_stretched_word(text: str) -> bool:
    if _THREE_ALIKE.search(text) is None:  # the common case, in one fast scan
        return False
    return any(match.group(1).isalpha() for match in _THREE_ALIKE.finditer(text))


class Skeleton:
    """The mapped text of a post, and the text that patterns run on.

    ``text`` is the mapped text, with two changes where a post needs them: letters spelled
    out with spaces or dots between them are joined ("m o r o n" -> "moron"), and when a
    word is ``stretched`` every run of one repeated letter is written once (then the rules
    use their squeezed patterns). :meth:`to_mapped` turns a span of ``text`` into one of the
    mapped (and folded) text. Ordinary posts need neither change, and ``text`` is simply the
    mapped text.
    """

    def __init__(self, folded: str, folded_words: frozenset[str] | None = None) -> None:
        self.folded = folded
        self.mapped = unleet(folded)
        # Only apostrophes changed: the words are the folded text's, which rules share.
        plain = self.mapped is folded or self.mapped == folded.translate(_APOSTROPHES)
        if plain and folded_words is not None:
            # The post's words are fewer than its characters: look for disguises in them.
            self.stretched = _has_stretched_word(" ".join(folded_words))
            maybe_spaced = not folded_words.isdisjoint(_SINGLE_LETTERS)
        else:
            self.stretched = _has_stretched_word(self.mapped)
            maybe_spaced = True
        spelled = [m.span() for m in _SPACED.finditer(self.mapped)] if maybe_spaced else []
        self.shares_words = plain and not self.stretched and not spelled
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        if self.stretched or spelled:
            self.text = self._rewrite(spelled)
        else:
            self.text = self.mapped

    def _rewrite(self, spelled: list[tuple[int, int]]) -> str:
        """Join spelled-out letters and, for a stretched post, squeeze repeated letters,
        remembering where each character of the result came from."""
        mapped = self.mapped
        dropped: set[int] = set()
        for start, end in spelled:
            if mapped[start] in "ai" and mapped[start + 1] == " " and end - start >= 9:
                start += 2  # "a f u c k i n g idiot": the article is a word of its own
            dropped.update(i for i in range(start, end) if not "a" <= mapped[i] <= "z")
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for index, char in enumerate(mapped):
            if index in dropped:
                continue
            if self.stretched and out and out[-1] == char and "a" <= char <= "z":
                ends[-1] = index + 1  # one more of the same letter: part of the same run
                continue
            out.append(char)
            starts.append(index)
            ends.append(index + 1)
        self._starts, self._ends = starts, ends
        return "".join(out)

    def to_mapped(self, start: int, end: int) -> tuple[int, int]:
        """The span of the mapped (and folded) text that a span of ``text`` came from."""
        if self._starts is None or self._ends is None:
            return start, end
        size = len(self._starts)
        first = self._starts[start] if start < size else len(self.mapped)
        if end <= start:
            return first, first
        return first, self._ends[min(end, size) - 1]


def skeleton(post: Post) -> Skeleton:
    """The post's skeleton, computed once per check and shared by every rule."""
    return names.memo(post, "skeleton", lambda p: Skeleton(p.folded.text, names.word_set(p)))


def words(post: Post) -> frozenset[str]:
    """The words of the skeleton's ``text``, for cheap gates before any pattern is run.

    For a post with no disguise at all this is the word set every rule shares."""
    return names.memo(post, "skeleton_words", _words)


def _words(post: Post) -> frozenset[str]:
    sk = skeleton(post)
    if sk.shares_words:
        return names.word_set(post)
    return frozenset(_TOKEN.findall(sk.text))


def to_original(post: Post, start: int, end: int) -> tuple[int, int]:
    """The span of the original text that a span of the skeleton's ``text`` came from."""
    mapped_start, mapped_end = skeleton(post).to_mapped(start, end)
    return original_span(post, mapped_start, mapped_end)


def original_span(post: Post, start: int, end: int) -> tuple[int, int]:
    """The span of the original text for a span of the mapped (or folded) text, with any
    combining marks on its last letter ("k̸")."""
    first, last = post.span_of(start, end)
    text = post.text
    if post.folded.origin is not None:
        while last < len(text) and unicodedata.combining(text[last]):
            last += 1
    return first, last


def _runs_of(text: str) -> list[tuple[str, int]]:
    runs: list[tuple[str, int]] = []
    for char in text:
        if runs and runs[-1][0] == char:
            runs[-1] = (char, runs[-1][1] + 1)
        else:
            runs.append((char, 1))
    return runs


def stretch_pattern(word: str) -> str:
    """A regex (as text) for ``word`` with its letters stretched as :func:`stretches` allows."""
    parts = []
    for char, count in _runs_of(word):
        letter = re.escape(char)
        parts.append(f"(?:{letter}|{letter}{{3,}})" if count == 1 else f"{letter}{{{count},}}")
    return "".join(parts)


def stretches(found: str, word: str) -> bool:
    """True when ``found`` is ``word`` with some letters stretched out ("shiiit" is "shit"):
    each letter is written as often as in the word, or three times or more. A letter is
    never written fewer times ("niger" is not "nigger") and a single letter merely doubled
    is another word ("assess" is not "asses", "woop" is not "wop")."""
    if found == word:
        return True
    mine, theirs = _runs_of(found), _runs_of(word)
    return len(mine) == len(theirs) and all(
        a == b and (m == n or m >= max(3, n)) for (a, m), (b, n) in zip(mine, theirs, strict=True))


# --------------------------------------------------------------------------- patterns

def normal(term: str) -> str:
    """A lexicon term with its spacing made uniform: "jerk-off" -> "jerk off"."""
    return " ".join(term.replace("-", " ").split())


def phrases(terms: Iterable[str], squeezed: bool = False) -> str:
    """A regex (as text) for any of ``terms`` as whole words, plain or squeezed."""
    return names.phrase_pattern(squeeze(normal(t)) if squeezed else normal(t) for t in terms)


class Pattern:
    """A rule's regex, compiled for plain text and for squeezed text.

    The template is written in plain spelling, with ``<NAME>`` for each part: a part that is
    a string is a regex fragment, any other iterable a list of words or phrases to match as
    alternatives. The squeezed version squeezes the template's words ("kill" -> "kil") and
    the parts the same way.
    """

    def __init__(self, template: str, **parts: str | Iterable[str]) -> None:
        fragments = {k: v for k, v in parts.items() if isinstance(v, str)}
        lists = {k: tuple(v) for k, v in parts.items() if not isinstance(v, str)}
        self.plain = re.compile(_fill(template, fragments, lists, squeezed=False))
        self.squeezed = re.compile(_fill(squeeze(template), fragments, lists, squeezed=True))

    def on(self, sk: Skeleton) -> re.Pattern[str]:
        return self.squeezed if sk.stretched else self.plain

    def finditer(self, post: Post) -> Iterator[tuple[int, int, re.Match[str]]]:
        """Matches in the post's skeleton, with their spans in the original text."""
        sk = skeleton(post)
        for match in self.on(sk).finditer(sk.text):
            start, end = to_original(post, match.start(), match.end())
            yield start, end, match


def _fill(template: str, fragments: Mapping[str, str], lists: Mapping[str, tuple[str, ...]],
          squeezed: bool) -> str:
    source = template
    for name, fragment in fragments.items():
        source = source.replace(f"<{name}>", squeeze(fragment) if squeezed else fragment)
    for name, terms in lists.items():
        source = source.replace(f"<{name}>", phrases(terms, squeezed))
    return source


_GATE_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")


class Gate:
    """A cheap test that lets ordinary posts skip a pattern: every distinctive word of one of
    ``terms`` must be among the post's words (:func:`words`). Words in ``common`` and words
    with an apostrophe ("you're" may be written "youre") are not required, unless a term has
    nothing else. The test looks first for each term's longest required word, so most posts
    are turned away by one set operation."""

    def __init__(self, terms: Iterable[str] = (), common: frozenset[str] = frozenset()) -> None:
        plain: dict[str, set[frozenset[str]]] = {}
        for term in terms:
            found = [w for w in _GATE_WORD.findall(normal(term).lower()) if "'" not in w]
            if not found:
                continue
            needed = [w for w in found if w not in common] or found
            key = max(needed, key=len)
            plain.setdefault(key, set()).add(frozenset(needed) - {key})
        self._plain = {k: tuple(v) for k, v in plain.items()}
        self._squeezed: dict[str, tuple[frozenset[str], ...]] = {}
        for key, others in plain.items():
            entry = self._squeezed.setdefault(squeeze(key), ())
            self._squeezed[squeeze(key)] = entry + tuple(frozenset(squeeze(w) for w in o) for o in others)
        self.plain = frozenset(self._plain)
        self.squeezed = frozenset(self._squeezed)

    def __or__(self, other: Gate) -> Gate:
        joined = Gate()
        joined._plain = {**self._plain}
        for key, others in other._plain.items():
            joined._plain[key] = joined._plain.get(key, ()) + others
        joined._squeezed = {**self._squeezed}
        for key, others in other._squeezed.items():
            joined._squeezed[key] = joined._squeezed.get(key, ()) + others
        joined.plain = self.plain | other.plain
        joined.squeezed = self.squeezed | other.squeezed
        return joined

    def open(self, present: frozenset[str], stretched: bool) -> bool:
        """True when the post's words (:func:`words`) hold every required word of a term."""
        keys, table = (self.squeezed, self._squeezed) if stretched else (self.plain, self._plain)
        if present.isdisjoint(keys):
            return False
        return any(others <= present for key in present & keys for others in table[key])

    def __and__(self, other: Gate | AllOf) -> AllOf:
        return AllOf((self,)) & other


@dataclass(frozen=True)
class AllOf:
    """Gates that must all be open: "an insult word and the word you"."""

    gates: tuple[Gate, ...]

    def __and__(self, other: Gate | AllOf) -> AllOf:
        return AllOf(self.gates + (other.gates if isinstance(other, AllOf) else (other,)))

    def open(self, present: frozenset[str], stretched: bool) -> bool:
        return all(gate.open(present, stretched) for gate in self.gates)


# --------------------------------------------------------------------------- word lists

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
# Single letters spelled out with the same spaces or punctuation between: "f u c k",
# "c.u.n.t" (and not "a m.o.r.o.n", where "a" is a word of its own).
_SPACED = re.compile(r"(?<![a-z0-9])[a-z]([ .\-_*,/|~+]{1,3})[a-z](?![a-z0-9])(?:\1[a-z](?![a-z0-9]))+")
# Letters that are words on their own only when something is spelled out ("a" and "I" are
# words, "f" and "k" are not).
_SINGLE_LETTERS = frozenset("bcdefghjklmnopqrstuvwxyz")
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


class WordList:
    """Words from lexicon files (``word => label``), found however they are disguised.

    In a lexicon, ``word`` matches the whole word only, ``word*`` also at the start of a
    longer word ("arse*": arsehole, arsed), and ``*word*`` anywhere inside a word
    ("*fuck*": motherfucker, fuckoff). The innocent words and phrases that contain a listed
    word are listed in ``innocent`` (Scunthorpe, Shitterton, "spick and span"), and words that
    are innocent near certain other words in ``nearby`` ("tits => bird nest feeder": blue tits
    in a nature post). Words that are also names (``also_names``) are left alone when written
    as a name beside another capitalised word ("Dick Whittington", "Offa's Dyke").
    """

    def __init__(self, sources: Sequence[str], innocent: str, nearby: str, also_names: str) -> None:
        self.key = "wordlist:" + ",".join(sources)
        entries = _entries(sources)
        self._forms: dict[str, list[tuple[str, Entry]]] = {}  # squeezed form -> (form, entry)
        phrase_entries: list[Entry] = []
        grows: list[Entry] = []
        for entry in entries:
            if " " in entry.word:
                phrase_entries.append(entry)
                continue
            for ending in ("",) if entry.mode == "word" else _ENDINGS:
                form = entry.word + ending
                self._forms.setdefault(squeeze(form), []).append((form, entry))
            if entry.mode != "word":
                grows.append(entry)
        self._key_of = {form: key for key, forms in self._forms.items() for form, _ in forms}
        self._plain_keys = frozenset(self._key_of)
        self._squeezed_keys = frozenset(self._forms)
        self._word_patterns: dict[str, re.Pattern[str]] = {}
        self._grows(grows)
        self._phrase_setup(phrase_entries)
        self._split_setup()
        self._innocent = _innocents(innocent, [e.word for e in entries])
        self._nearby = {squeeze(normal(word)): frozenset(squeeze(w) for w in vetoes.split())
                        for word, vetoes in load_pairs(nearby).items()}
        self._names = frozenset(squeeze(w) for w in load_terms(also_names))
        self._by_first: dict[str, list[str]] = {}
        for form in self._key_of:
            self._by_first.setdefault(form[0], []).append(form)

    def _grows(self, grows: list[Entry]) -> None:
        """Words that may grow are found on the mapped text with their letters stretched,
        after a cheap test that their spelling is in the text at all."""
        starts = sorted({e.word for e in grows if e.mode == "start"}, key=len, reverse=True)
        insides = sorted({e.word for e in grows if e.mode == "inside"}, key=len, reverse=True)
        parts = [f"(?<![a-z])(?:{'|'.join(map(stretch_pattern, starts))})"] if starts else []
        if insides:
            parts.append("|".join(map(stretch_pattern, insides)))
        self._grow_pattern = re.compile("|".join(parts)) if parts else None
        self._grow_plain = tuple(sorted({e.word for e in grows}))
        self._grow_hint = re.compile("|".join(map(re.escape, self._grow_plain))) if grows else None
        self._grow_squeezed = tuple(sorted({squeeze(e.word) for e in grows}))
        # A starred word inside a longer one ("bullsh*t"): each letter may be a star.
        self._starred_inside = re.compile("|".join(
            "".join(f"[{re.escape(c)}*#%]" for c in word) for word in sorted(
                {e.word for e in grows}, key=len, reverse=True))) if grows else None
        self._grown_by_key: dict[str, list[Entry]] = {}
        for entry in grows:
            self._grown_by_key.setdefault(squeeze(entry.word), []).append(entry)

    def _phrase_setup(self, entries: list[Entry]) -> None:
        terms = [e.word for e in entries]
        self._phrases = Pattern("<TERMS>", TERMS=terms) if terms else None
        self._phrase_gate = Gate(terms, frozenset({"the", "a", "an", "off", "up", "of", "in"}))
        self._phrase_entries = {key: e for e in entries for key in (e.word, squeeze(e.word))}

    def _split_setup(self) -> None:
        # A listed word split in two by a space ("fu ck", "sh it"), but never where the first
        # piece is an everyday word ("pen is", "the rapist", "push it").
        common = _common_words()
        plain = {f"{form[:cut]} {form[cut:]}" for form in self._key_of if len(form) >= 4
                 for cut in range(2, len(form) - 1) if form[:cut] not in common}
        self._split = Pattern("<PAIRS>", PAIRS=sorted(plain)) if plain else None
        self._heads_plain = frozenset(pair.split()[0] for pair in plain)
        self._heads_squeezed = frozenset(squeeze(head) for head in self._heads_plain)

    # -- finding ------------------------------------------------------------------------

    def find(self, post: Post) -> tuple[WordMatch, ...]:
        """Every listed word in the post, in order, once each (shared by the rules)."""
        return names.memo(post, self.key, self._find)

    def _find(self, post: Post) -> tuple[WordMatch, ...]:
        sk = skeleton(post)
        present = words(post)
        found: list[tuple[int, int, Entry]] = []  # spans in the MAPPED text
        if sk.stretched:
            keys = present & self._squeezed_keys
        else:
            keys = frozenset(self._key_of[form] for form in present & self._plain_keys)
        if keys:
            found.extend(self._whole_words(sk, keys))
        if self._grow_pattern is not None and self._may_grow(sk, present):
            found.extend(self._grown_words(sk))
        if self._phrases is not None and self._phrase_gate.open(present, sk.stretched):
            found.extend(self._phrase_words(post, sk))
        heads = self._heads_squeezed if sk.stretched else self._heads_plain
        if self._split is not None and not present.isdisjoint(heads):
            found.extend(self._split_words(sk))
        found.extend(self._disguised_words(post, sk.mapped))
        if "@" in sk.mapped:
            found = self._handles(sk.mapped, found)
        if not found:
            return ()
        return self._keep(post, sk, found)

    def _may_grow(self, sk: Skeleton, present: frozenset[str]) -> bool:
        """Cheap test for a word that may sit inside a longer word ("motherfucker"): look
        only in the post's words that are not everyday words, joined."""
        if sk.stretched:
            return any(key in sk.text for key in self._grow_squeezed)
        unusual = " ".join(present - _common_words())
        return self._grow_hint is not None and self._grow_hint.search(unusual) is not None

    def _grown(self, piece: str) -> Entry | None:
        """The word-start or inside-a-word entry that ``piece`` spells, allowing stretched
        letters."""
        for entry in self._grown_by_key.get(squeeze(piece), ()):
            if stretches(piece, entry.word):
                return entry
        return None

    def _lookup(self, mapped_word: str) -> Entry | None:
        """The entry whose form ``mapped_word`` is, allowing stretched letters."""
        for form, entry in self._forms.get(squeeze(mapped_word), ()):
            if stretches(mapped_word, form):
                return entry
        return None

    def _whole_words(self, sk: Skeleton, keys: Iterable[str]) -> Iterator[tuple[int, int, Entry]]:
        for key in keys:
            pattern = self._word_patterns.get(key)
            if pattern is None:
                body = "|".join(stretch_pattern(form) for form, _ in self._forms[key])
                pattern = self._word_patterns[key] = re.compile(rf"(?<![a-z])(?:{body})(?![a-z])")
            for match in pattern.finditer(sk.mapped):
                entry = self._lookup(match.group())
                if entry is not None:
                    yield match.start(), match.end(), entry

    def _grown_words(self, sk: Skeleton) -> Iterator[tuple[int, int, Entry]]:
        """Words that may start a longer word or sit inside one: reported as the whole word."""
        assert self._grow_pattern is not None
        text = sk.mapped
        for match in self._grow_pattern.finditer(text):
            entry = self._grown(match.group())
            if entry is None or self._innocent_at(text, match.start(), match.end(), entry.word):
                continue
            yield (*_word_around(text, match.start(), match.end()), entry)

    def _phrase_words(self, post: Post, sk: Skeleton) -> Iterator[tuple[int, int, Entry]]:
        assert self._phrases is not None
        for match in self._phrases.on(sk).finditer(sk.text):
            entry = self._phrase_entries.get(_WORD_SEPARATORS.sub(" ", match.group()))
            if entry is not None:
                yield (*sk.to_mapped(match.start(), match.end()), entry)

    def _split_words(self, sk: Skeleton) -> Iterator[tuple[int, int, Entry]]:
        """A listed word split in two by a space or a dash: "fu ck", "sh it"."""
        assert self._split is not None
        for match in self._split.on(sk).finditer(sk.text):
            start, end = sk.to_mapped(match.start(), match.end())
            entry = self._lookup("".join(_TOKEN.findall(sk.mapped[start:end])))
            if entry is not None:
                yield start, end, entry

    def _disguised_words(self, post: Post, mapped: str) -> Iterator[tuple[int, int, Entry]]:
        """Spelled out ("f u c k"), broken ("sh.it") and starred ("f*ck") words."""
        if skeleton(post).text is not mapped or not words(post).isdisjoint(_SINGLE_LETTERS):
            for match in _SPACED.finditer(mapped):
                start = match.start()
                if mapped[start] in "ai" and mapped[start + 1] == " " and match.end() - start >= 9:
                    start += 2  # "a f u c k i n g": the article is a word of its own
                joined = "".join(_TOKEN.findall(mapped[start:match.end()]))
                entry = self._lookup(joined)
                if entry is None and self._grow_pattern is not None:
                    # "f u c k i n g h e l l": a listed word inside a longer spelled-out run
                    inside = self._grow_pattern.search(joined)
                    entry = self._grown(inside.group()) if inside else None
                if entry is not None:
                    yield start, match.end(), entry
        done = -1
        for junction in _JUNCTION.finditer(mapped):
            if junction.start() < done:
                continue
            start = junction.start()
            while start > 0 and "a" <= mapped[start - 1] <= "z":
                start -= 1
            broken = _BROKEN.match(mapped, start)
            if broken is None:
                continue
            done = broken.end()
            entry = self._lookup("".join(_TOKEN.findall(broken.group())))
            if entry is not None:
                yield broken.start(), broken.end(), entry
        if "*" in mapped or "#" in mapped or "%" in mapped:
            for match in _STARRED.finditer(mapped):
                entry = self._starred(match.group())
                if entry is not None:
                    yield match.start(), match.end(), entry

    def _starred(self, word: str) -> Entry | None:
        """The entry a starred word stands for: "f*ck" (a whole form) or "bullsh*t" (a word
        that may sit inside a longer one)."""
        if sum(len(t) for t in _TOKEN.findall(word)) < 2:
            return None  # "f***" could be several words
        pattern = re.compile(_STAR_RUN.sub(lambda m: f"[a-z]{{0,{len(m.group())}}}", word))
        for form in self._by_first.get(word[0], ()):
            if pattern.fullmatch(form):
                return self._lookup(form)
        if self._starred_inside is None:
            return None
        for inside in self._starred_inside.finditer(word):
            piece = inside.group()
            if _STAR_RUN.search(piece) and sum(c.isalpha() for c in piece) >= 2:
                for entries in self._grown_by_key.values():
                    for entry in entries:
                        if len(entry.word) == len(piece) and all(
                                a == b or a in "*#%" for a, b in zip(piece, entry.word, strict=True)):
                            return entry
        return None

    def _handles(self, mapped: str, found: list[tuple[int, int, Entry]]) -> list[tuple[int, int, Entry]]:
        """An @handle is someone's account name, not the author's words, so nothing inside
        one counts, except an "@" that stands for an "a": "@rse" read as "arse"."""
        handles = [(m.start(), m.end()) for m in _HANDLE.finditer(mapped)]
        kept = [f for f in found if not any(s <= f[0] < e for s, e in handles)]
        for start, end in handles:
            body = mapped[start + 1:end]
            if body.isalpha():
                entry = self._lookup("a" + body)
                if entry is not None:
                    kept.append((start, end, entry))
        return kept

    # -- what to keep -------------------------------------------------------------------

    def _keep(self, post: Post, sk: Skeleton, found: list[tuple[int, int, Entry]]) -> tuple[WordMatch, ...]:
        mapped = sk.mapped
        links = [(m.start(), m.end()) for m in _LINK.finditer(mapped)] \
            if "/" in mapped or "www." in mapped else []
        kept: list[WordMatch] = []
        last_end = -1
        for start, end, entry in sorted(found, key=lambda f: (f[0], -f[1])):
            if start < last_end:
                continue  # one finding for one word, the widest
            if any(s <= start < e for s, e in links):
                continue
            if self._innocent_at(mapped, start, end, entry.word):
                continue
            if self._vetoed(mapped, start, end, entry) or self._is_name(post, start, end, entry):
                continue
            first, last = original_span(post, start, end)
            kept.append(WordMatch(first, last, entry, _disguised(post.text[first:last], entry)))
            last_end = end
        return tuple(kept)

    def _innocent_at(self, mapped: str, start: int, end: int, word: str) -> bool:
        for pattern, size in self._innocent.get(word, ()):
            for match in pattern.finditer(mapped, max(0, start - size), min(len(mapped), end + size)):
                if match.start() <= start and end <= match.end():
                    return True
        return False

    def _vetoed(self, mapped: str, start: int, end: int, entry: Entry) -> bool:
        vetoes = self._nearby.get(squeeze(entry.word))
        if not vetoes:
            return False
        lo = max(0, start - _VETO_WINDOW)
        hi = min(len(mapped), end + _VETO_WINDOW)
        before = _SENTENCE_END.split(mapped[lo:start])[-1]
        after = _SENTENCE_END.split(mapped[end:hi])[0]
        nearby = {squeeze(w) for w in _TOKEN.findall(before + " " + after)}
        return not nearby.isdisjoint(vetoes)

    def _is_name(self, post: Post, start: int, end: int, entry: Entry) -> bool:
        """"Dick Turpin", "Offa's Dyke": a listed word written as part of a name."""
        if squeeze(entry.word) not in self._names:
            return False
        first, last = post.span_of(start, end)
        word = post.text[first:last]
        if not (word[:1].isupper() and word[1:].islower()):
            return False
        return _capitalised_beside(post.text, first, last)


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
