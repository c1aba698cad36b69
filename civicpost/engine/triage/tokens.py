"""A message as a row of plain words, for the triage grammars (threats, grievances,
complaints, criticism).

The words come from the engine's skeleton of the message (:mod:`civicpost.engine.evasion`):
case, accents and look-alike letters folded, leetspeak read as letters (``k1ll``), letters
spelled out joined (``k i l l``) and, in a message with a stretched word (``kiiill``), every
run of one letter written once. On top of that each word is read the way it is meant:
contractions are split ("I'll" is "I will", "won't" is "will not", "clerk's" is "clerk 's")
and text speak is read from ``lexicons/triage_spoken_forms.txt`` ("gonna" is "going to",
"u" is "you"). The grammars and their word lists are then written once, in plain English,
and still match "ill do u in", "I'm gonna" and "I will".

Written here rather than with a tokenizer library because every word must keep its span in
the original text through the engine's own folding and evasion handling, which no
tokenizer knows about; the rules are a few lines.

:class:`Phrases` is a triage word list matched on these words. An entry may hold ``*``, a
slot for a target the caller recognises ("sort * out", "pay * a visit"), and may have its
first word inflected ("batter" also matches "batters", "battered", "battering").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from civicpost.engine import names
from civicpost.engine.evasion import Gate, skeleton, squeeze, to_original, words
from civicpost.engine.lexicons import load_pairs
from civicpost.engine.post import Post

BREAK = "."  # the word of a token that ends a sentence
COMMA = ","
SLOT = "*"


class Token(NamedTuple):
    """One word of the message as the grammars read it; ``start``/``end`` index the
    skeleton's text (see :func:`span`)."""

    word: str
    start: int
    end: int


_RAW = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*|[.!?;\n\u2026]+|,")
_CLITICS = {"ll": "will", "re": "are", "ve": "have", "d": "would", "m": "am"}
_NOT_STEMS = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}
# "it's", "there's": "is"; after any other word "'s" is a possessive (or "is"; the grammars
# accept either where it matters).
_IS_AFTER = frozenset("it he she that there what who where here how everything nothing someone "
                      "somebody everyone everybody anyone one".split())


class _Reader:
    """Turns the words of a text into canonical words, plain or squeezed."""

    def __init__(self, squeezed: bool) -> None:
        self.squeezed = squeezed
        fix = squeeze if squeezed else (lambda word: word)
        self.fix = fix
        spoken = load_pairs("triage_spoken_forms")
        self.spoken = {fix(k): tuple(fix(w) for w in v.split()) for k, v in spoken.items()}
        self.clitics = {fix(k): fix(v) for k, v in _CLITICS.items()}
        self.not_stems = {fix(k): fix(v) for k, v in _NOT_STEMS.items()}
        self.is_after = frozenset(fix(w) for w in _IS_AFTER)
        self.is_word, self.not_word = fix("is"), fix("not")

    def words(self, text: str) -> list[Token]:
        out: list[Token] = []
        for match in _RAW.finditer(text):
            raw, start, end = match.group(), match.start(), match.end()
            first = raw[0]
            if not ("a" <= first <= "z" or "0" <= first <= "9"):
                out.append(Token(COMMA if raw == "," else BREAK, start, end))
            elif "'" in raw:
                out.extend(self._contraction(raw, start, end))
            elif raw in self.spoken:
                out.extend(Token(word, start, end) for word in self.spoken[raw])
            else:
                out.append(Token(raw, start, end))
        return out

    def _contraction(self, raw: str, start: int, end: int) -> list[Token]:
        if raw.endswith("n't"):
            stem = raw[:-3]
            return [Token(self.not_stems.get(stem, stem), start, end - 3), Token(self.not_word, end - 3, end)]
        head, _, tail = raw.rpartition("'")
        cut = start + len(head)
        if tail in self.clitics:
            return [Token(head, start, cut), Token(self.clitics[tail], cut, end)]
        if tail == "s":
            return [Token(head, start, cut), Token(self.is_word if head in self.is_after else "'s", cut, end)]
        return [Token(raw.replace("'", ""), start, end)]


@lru_cache(maxsize=2)
def reader(squeezed: bool) -> _Reader:
    return _Reader(squeezed)


def tokens(post: Post) -> tuple[tuple[Token, ...], bool]:
    """The message's words, and whether they are squeezed (computed once per message)."""
    return names.memo(post, "triage:tokens", _tokens)


def _tokens(post: Post) -> tuple[tuple[Token, ...], bool]:
    sk = skeleton(post)
    return tuple(reader(sk.stretched).words(sk.text)), sk.stretched


def span(post: Post, row: Sequence[Token], first: int, last: int) -> tuple[int, int]:
    """The span of the original text that tokens ``first`` to ``last`` (exclusive) came from."""
    return to_original(post, row[first].start, row[last - 1].end)


def sentences(row: Sequence[Token]) -> list[tuple[int, int]]:
    """Token ranges of the sentences of a row (the break tokens left out)."""
    found, start = [], 0
    for index, token in enumerate(row):
        if token.word == BREAK:
            if index > start:
                found.append((start, index))
            start = index + 1
    if len(row) > start:
        found.append((start, len(row)))
    return found


def phrase_words(phrase: str, squeezed: bool) -> tuple[str, ...]:
    """A word list's phrase as canonical words ("I'll" is "i will"), ``*`` kept as a slot."""
    text = squeeze(phrase) if squeezed else phrase
    parts: list[str] = []
    for piece in text.replace("’", "'").split():
        if piece == SLOT:
            parts.append(SLOT)
        else:
            parts.extend(t.word for t in reader(squeezed).words(piece) if t.word not in (BREAK, COMMA))
    return tuple(parts)


# --------------------------------------------------------------------------- inflection

def inflections(verb: str, irregular: Iterable[str] = ()) -> set[str]:
    """A verb's forms: "stab" -> stab, stabs, stabbed, stabbing (doubled and plain, where
    English is not sure), with any irregular forms given."""
    forms = {verb, *irregular}
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(verb + "es")
    elif len(verb) > 2 and verb.endswith("y") and verb[-2] not in "aeiou":
        forms.update((verb[:-1] + "ies", verb[:-1] + "ied"))
    else:
        forms.add(verb + "s")
    if verb.endswith("e"):
        forms.update((verb + "d", verb[:-1] + "ing"))
    else:
        forms.update((verb + "ed", verb + "ing"))
        if len(verb) >= 3 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
            forms.update((verb + verb[-1] + "ed", verb + verb[-1] + "ing"))
    return forms


@lru_cache(maxsize=1)
def _irregular() -> dict[str, tuple[str, ...]]:
    return {verb: tuple(forms.split()) for verb, forms in load_pairs("triage_verb_forms").items()}


# --------------------------------------------------------------------------- word lists

class Match(NamedTuple):
    """A word list entry found at tokens ``start`` to ``end``; ``slots`` are the targets it
    holds, as (start, end, kind)."""

    start: int
    end: int
    kind: str
    slots: tuple[tuple[int, int, str], ...] = ()


SlotReader = Callable[[Sequence[Token], int, int], list[tuple[int, str]]]


_END = ""  # the key of a trie node under which an entry that ends there keeps its kind
_Node = dict[str, Any]


class Phrases:
    """A triage lexicon (``phrase => kind``, ``[a|b|]`` alternatives) matched on tokens.
    With ``inflect`` the first word of every entry also matches its other forms. ``slots``
    says what to do with entries that have no ``*``: leave them ("keep"), give them one at
    the end ("last": "kill" is "kill *"), or drop every slot ("drop": "sort * out" is
    "sort out", for a harm done to nobody named, as in "should be sorted out").

    The entries are kept as a trie of words, so that a list with thousands of written-out
    alternatives costs one dictionary step a word."""

    def __init__(self, name: str, default_kind: str = "", inflect: bool = False, slots: str = "keep") -> None:
        self.name = name
        self.default_kind = default_kind
        self.inflect = inflect
        self.slots = slots
        self._entries: dict[bool, list[tuple[tuple[str, ...], str]]] = {}
        self._tries: dict[bool, _Node] = {}

    def entries(self, squeezed: bool) -> list[tuple[tuple[str, ...], str]]:
        """Every entry as canonical words (inflected, with slots as ``*``) and its kind."""
        cached = self._entries.get(squeezed)
        if cached is not None:
            return cached
        found: list[tuple[tuple[str, ...], str]] = []
        irregular = _irregular()
        for phrase, kind in names.expanded_pairs(self.name).items():
            words = phrase_words(phrase, False)
            if self.slots == "drop":
                words = tuple(w for w in words if w != SLOT)
            elif self.slots == "last" and SLOT not in words:
                words = (*words, SLOT)
            if not words:
                continue
            heads = inflections(words[0], irregular.get(words[0], ())) if self.inflect else {words[0]}
            for head in sorted(heads):
                entry = (head, *words[1:])
                if squeezed:
                    entry = tuple(w if w == SLOT else squeeze(w) for w in entry)
                found.append((entry, kind.strip() or self.default_kind))
        self._entries[squeezed] = found
        return found

    def trie(self, squeezed: bool) -> _Node:
        cached = self._tries.get(squeezed)
        if cached is not None:
            return cached
        root: _Node = {}
        for entry, kind in self.entries(squeezed):
            node = root
            for word in entry:
                node = node.setdefault(word, {})
            node.setdefault(_END, kind)  # the first entry of a phrase decides its kind
        self._tries[squeezed] = root
        return root

    def words(self, squeezed: bool) -> frozenset[str]:
        """Every first word of an entry: a row without any of them holds no entry."""
        return frozenset(self.trie(squeezed))

    def kind_of(self, words: tuple[str, ...], squeezed: bool) -> str | None:
        """The kind of the entry that is exactly ``words``, if there is one."""
        node: _Node | None = self.trie(squeezed)
        for word in words:
            node = node.get(word) if node is not None else None
        return None if node is None else node.get(_END)

    def at(self, row: Sequence[Token], index: int, squeezed: bool, limit: int,
           slot: SlotReader | None = None) -> list[Match]:
        """The entries that start at token ``index`` and end by ``limit``, longest first."""
        if index >= limit:
            return []
        trie = self._tries.get(squeezed) or self.trie(squeezed)
        first = trie.get(row[index].word)
        if first is None:
            return []
        found: list[Match] = []
        stack: list[tuple[_Node, int, tuple[tuple[int, int, str], ...]]] = [(first, index + 1, ())]
        while stack:
            node, position, slots = stack.pop()
            kind = node.get(_END)
            if kind is not None:
                found.append(Match(index, position, kind, slots))
            if position >= limit:
                continue
            child = node.get(row[position].word)
            if child is not None:
                stack.append((child, position + 1, slots))
            after = node.get(SLOT)
            if after is not None and slot is not None:
                for end, target in slot(row, position, limit):
                    stack.append((after, end, (*slots, (position, end, target))))
        found.sort(key=lambda m: m.start - m.end)
        return found

    def find(self, row: Sequence[Token], start: int, end: int, squeezed: bool,
             slot: SlotReader | None = None, where: Mapping[str, list[int]] | None = None) -> list[Match]:
        """The longest entry at each token from ``start`` to ``end``, in order. ``where``
        (the tokens of the range by word, see :func:`positions`) lets a list that shares no
        first word with the range skip it at once."""
        trie = self._tries.get(squeezed) or self.trie(squeezed)
        if where is not None:
            indexes = sorted(i for word in trie.keys() & where.keys() for i in where[word])
        else:
            indexes = [i for i in range(start, end) if row[i].word in trie]
        found = []
        for index in indexes:
            matches = self.at(row, index, squeezed, end, slot)
            if matches:
                found.append(matches[0])
        return found


def positions(row: Sequence[Token], start: int, end: int) -> dict[str, list[int]]:
    """The tokens from ``start`` to ``end`` by word, for :meth:`Phrases.find`."""
    found: dict[str, list[int]] = {}
    for index in range(start, end):
        found.setdefault(row[index].word, []).append(index)
    return found


# --------------------------------------------------------------------------- gates

# Words too common to open a gate on their own (closed classes and the commonest verbs): an
# entry made only of them ("do * in") needs all of them in the message.
COMMON = frozenset("""the a an and or but to of in on at for with by from into onto over under up down off
out round back who that which is are was were be been being will would shall should can could may might
must not no never if when as than so because i you he she it we they me him her us them my your his its
our their this these those there here what where how all some any every each one other another about
after before again ever then now just very really such do does did done doing make makes made get gets
got getting go goes went gone going see saw seen come came coming take took put set give gave given have
has had having know way more next time""".split())
# How the words of a message's skeleton (letters only: "i'll" is "i" and "ll") stand for
# the grammars' words.
_PIECES = {"ll": ("will",), "t": ("not",), "re": ("are",), "ve": ("have",), "d": ("would",),
           "m": ("am",), "s": ("is",), "won": ("will",)}


def gate_words(post: Post) -> frozenset[str]:
    """The message's words for a gate (:func:`word_gate`): the skeleton's words with the
    grammars' words they stand for ("ll" is "will", "gonna" is "going to")."""
    return names.memo(post, "triage:gate-words", _gate_words)


def _gate_words(post: Post) -> frozenset[str]:
    present = words(post)
    spoken = reader(skeleton(post).stretched).spoken
    pieces = present | {w.rpartition("'")[2] for w in present if "'" in w}
    extra = {w for piece in pieces & (_PIECES.keys() | spoken.keys())
             for w in (_PIECES.get(piece) or spoken[piece])}
    return present | extra if extra else present


def word_gate(lists: Iterable[Phrases], leave_out: Iterable[str] = ()) -> Gate:
    """A gate that opens only for a message holding every uncommon word of some entry of
    ``lists`` (entries of the kinds in ``leave_out`` aside): most messages hold none, and
    skip the grammar."""
    skip = set(leave_out)
    terms = [" ".join(w for w in entry if w != SLOT)
             for phrases in lists for entry, kind in phrases.entries(False) if kind not in skip]
    return Gate(terms, COMMON)
