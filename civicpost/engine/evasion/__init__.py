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

from civicpost.engine.evasion.entries import Entry, WordMatch
from civicpost.engine.evasion.patterns import AllOf, Gate, Pattern, gate_words, normal, phrases
from civicpost.engine.evasion.skeleton import (
    Skeleton,
    original_span,
    skeleton,
    squeeze,
    stretch_pattern,
    stretches,
    to_original,
    unleet,
    words,
)
from civicpost.engine.evasion.wordlist import WordList
from civicpost.engine.parts import names_of_parts

__all__ = [
    "AllOf",
    "Entry",
    "Gate",
    "gate_words",
    "normal",
    "original_span",
    "Pattern",
    "phrases",
    "Skeleton",
    "skeleton",
    "squeeze",
    "stretch_pattern",
    "stretches",
    "to_original",
    "unleet",
    "WordList",
    "WordMatch",
    "words",
]

# Every other name the single module had (its helpers, what it imported), from its parts.
__getattr__ = names_of_parts(__name__, ("skeleton", "patterns", "entries", "wordlist"))
