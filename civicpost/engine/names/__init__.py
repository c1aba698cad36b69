"""Who and what a post talks about: people, councillors, businesses, roles and sentences.

The political, defamation and confidentiality rules all ask the same questions of a post:
which sentences does it have, which people or businesses does it identify, and which of a
word list's phrases does it use. This module answers them once per post and shares the
answers between rules (see :func:`memo`), always in offsets of the ORIGINAL text.

A person is recognised, without any statistical model, when the text gives one of these:

* a councillor's title and a name: ``Cllr Sarah Patel``, ``Councillor Jones``, or a name in
  the council's register of councillors (``context.councillors``);
* an honorific and a name: ``Mrs Harris``, ``Dr A. Khan``, ``PC Reid``;
* a common given name followed by a capitalised surname: ``Jane Smith``, ``Tom O'Brien``
  (the given names are in ``names_given.txt``; capitalised words that are places or things,
  such as *Road*, *Hall* or *Monday*, are never taken for a surname: ``names_not_names.txt``);
* a common given name alone (``Jane in the office``), kept apart as ``GIVEN`` because it
  identifies someone only in a small place, and only some rules count it.

A business is one to four capitalised words ending in a trading word (``Smith Builders``,
``Forest Motors Ltd``, ``Hollins Hardware``: ``names_business_words.txt``), or a name in the
council's partner register. A role is a definite job or office held by one person (``the
Clerk``, ``our caretaker``, ``the council's planning officer``, ``the pub landlord``:
``names_roles.txt``, ``names_trades.txt``). ``@handles`` count too.

Two further finders are kept apart from :func:`mentions`, because only rules about what is
said of someone (defamation, service users) should treat their finds as naming a person:
:func:`descriptions` (``the taxi firm on Station Lane``, ``the Crown on Forest Road``, ``the
village shop``, ``local landlord Kev Doyle``, ``the man at number 12``, ``the bloke who runs
the chip shop``) and :func:`proper_names` (capitalised names nothing else places, ``Bella
Italia``).

Word lists may offer alternatives in one entry, ``left [the|a] [site|roof] unsafe`` (see
:func:`expand`). For speed, rules gate on :func:`word_set` with :func:`key_words` before
running any phrase regex, and :func:`phrase_pattern` builds word lists into a trie so that a
long list costs little more than a short one; a very long list can be matched on
:func:`spaced_text`, where its regex is smaller.
"""

from __future__ import annotations

from civicpost.engine.names.descriptions import descriptions, proper_names
from civicpost.engine.names.gates import PhraseGate, key_words, letter_runs, phrase_gate
from civicpost.engine.names.people import (
    BUSINESS,
    COUNCILLOR,
    GIVEN,
    HANDLE,
    PERSON,
    PROPER,
    ROLE,
    Mention,
    describe,
    inside,
    may_name_a_person,
    mentions,
    mentions_in,
    runs,
)
from civicpost.engine.names.phrases import (
    DASHES,
    compile_spaced_terms,
    compile_terms,
    expand,
    expanded_pairs,
    expanded_terms,
    find_phrases,
    find_spaced_phrases,
    overlaps,
    phrase_pattern,
    spaced_phrase,
    spaced_text,
    squeezed_phrase,
)
from civicpost.engine.names.sentences import previous_sentence, sentence_of, sentences, window
from civicpost.engine.names.shared import T, folded_slice, memo, word_set, word_starts, words_between
from civicpost.engine.parts import names_of_parts

__all__ = [
    "BUSINESS",
    "compile_spaced_terms",
    "compile_terms",
    "COUNCILLOR",
    "DASHES",
    "describe",
    "descriptions",
    "expand",
    "expanded_pairs",
    "expanded_terms",
    "find_phrases",
    "find_spaced_phrases",
    "folded_slice",
    "GIVEN",
    "HANDLE",
    "inside",
    "key_words",
    "letter_runs",
    "may_name_a_person",
    "memo",
    "Mention",
    "mentions",
    "mentions_in",
    "overlaps",
    "PERSON",
    "phrase_gate",
    "phrase_pattern",
    "PhraseGate",
    "previous_sentence",
    "PROPER",
    "proper_names",
    "ROLE",
    "runs",
    "sentence_of",
    "sentences",
    "spaced_phrase",
    "spaced_text",
    "squeezed_phrase",
    "T",
    "window",
    "word_set",
    "word_starts",
    "words_between",
]

# Every other name the single module had (its helpers, what it imported), from its parts.
__getattr__ = names_of_parts(__name__, ("shared", "phrases", "gates", "sentences", "people", "descriptions"))
