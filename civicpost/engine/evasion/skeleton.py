"""The skeleton of a post: its folded text with leetspeak read as letters, letters spelled
out joined and stretched words squeezed, with the way back to the original characters."""

from __future__ import annotations

import re
import unicodedata

from civicpost.engine import names
from civicpost.engine.post import Post

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


# Single letters spelled out with the same spaces or punctuation between: "f u c k",
# "c.u.n.t" (and not "a m.o.r.o.n", where "a" is a word of its own).
_SPACED = re.compile(r"(?<![a-z0-9])[a-z]([ .\-_*,/|~+]{1,3})[a-z](?![a-z0-9])(?:\1[a-z](?![a-z0-9]))+")
# Letters that are words on their own only when something is spelled out ("a" and "I" are
# words, "f" and "k" are not).
_SINGLE_LETTERS = frozenset("bcdefghjklmnopqrstuvwxyz")
