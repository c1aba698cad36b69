"""A rule's regex compiled for plain and for squeezed text (:class:`Pattern`), and the cheap
word tests that let ordinary posts skip it (:class:`Gate`, :class:`AllOf`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from civicpost.engine import names
from civicpost.engine.evasion.skeleton import Skeleton, skeleton, squeeze, to_original, words
from civicpost.engine.post import Post


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
# Every word that some Gate tests, plain or squeezed. A post's other words can never open a
# gate, so the gates are given only the few of its words that are here (gate_words): each
# set test then looks at four words or so instead of forty.
_VOCABULARY: set[str] = set()


def gate_words(post: Post) -> frozenset[str]:
    """The post's words (:func:`words`) that some :class:`Gate` tests: for ``Gate.open`` it is
    the same as all the post's words, and much quicker. Never use it for anything else."""
    kept: tuple[int, frozenset[str]] = names.memo(post, "gate_words", _gate_words)
    if kept[0] != len(_VOCABULARY):  # a gate made since, with words of its own
        kept = post.shared["gate_words"] = _gate_words(post)
    return kept[1]


def _gate_words(post: Post) -> tuple[int, frozenset[str]]:
    return len(_VOCABULARY), words(post) & _VOCABULARY


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
        for table in (self._plain, self._squeezed):
            _VOCABULARY.update(table)
            _VOCABULARY.update(word for others in table.values() for needed in others for word in needed)

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
        """True when the post's words (:func:`words`, or :func:`gate_words`) hold every
        required word of a term."""
        keys, table = (self.squeezed, self._squeezed) if stretched else (self.plain, self._plain)
        if present.isdisjoint(keys):
            return False
        return any(others <= present for key in present & keys for others in table[key])

    def keys(self, stretched: bool) -> frozenset[str]:
        """Words one of which a post must hold for the gate to open."""
        return self.squeezed if stretched else self.plain

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

    def keys(self, stretched: bool) -> frozenset[str]:
        """Words one of which a post must hold for every gate to open (the first gate's)."""
        return self.gates[0].keys(stretched)


def any_keys(gates: Iterable[Gate | AllOf], stretched: bool) -> frozenset[str]:
    """Words one of which a post must hold for any of ``gates`` to open: a post without
    them can skip all of them in one set operation."""
    return frozenset().union(*(gate.keys(stretched) for gate in gates))
