"""ST002 American spelling and ST003 common misspellings, with the British spelling."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_pairs
from civicpost.engine.post import Post, Word
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.style.words import (
    Match,
    Phrasebook,
    _quoted,
    _spaces_between,
    _title_case,
    _word,
    glued,
    match_case,
    sentence_start,
    word_set,
)

_AMERICAN = Phrasebook(load_pairs("st_american"))
_AMERICAN_IZE = Phrasebook(load_pairs("st_american_ize"))

_COMPUTING = frozenset(
    "computer computers software antivirus anti virus malware app apps coding code spreadsheet "
    "install installed installing run running download downloaded downloading java python "
    "macro".split()
)
_PROGRAM_FILE = frozenset("code codes file files installer crashed crashes crash window".split())
_TYRE_BEFORE = frozenset(
    "flat spare car bike bicycle cycle front rear new worn bald burst punctured winter "
    "summer four two the a your my our their his her van lorry tractor".split()
)
_TYRE_AFTER = frozenset(
    "pressure pressures tread treads shop shops fitter fitters fitting dumping dump dumped fire "
    "fires recycling marks change changes repair repairs wall walls".split()
)
_TIRE_VERB_AFTER = frozenset("of out easily quickly".split())
_LICENCE_BEFORE = frozenset(
    "a the your my our their his her its this that driving drivers driver's premises alcohol tv "
    "television fishing taxi marriage personal valid new full provisional music entertainment "
    "gaming trading hackney operator operator's dog firearms shotgun software commons "
    "annual".split()
)
_LICENCE_AFTER = frozenset(
    "holder holders fee fees application applications number plate plates conditions renewal "
    "renewals agreement agreements terms review reviews hearing hearings".split()
)
_VERB_BEFORE = frozenset("to will would can may must should shall not could".split())
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty hundred hundreds thousand thousands square cubic few several per".split()
)
_STOREY_AFTER = frozenset(
    "building buildings house houses extension extensions block blocks home homes development "
    "developments structure car".split()
)
_KERB_BEFORE = frozenset("dropped raised lowered high low the a".split())
_CURB_VERB_AFTER = frozenset("on to in".split())
_CHEQUE = re.compile(
    r"\b(?:by|cash or|write an?|wrote an?|written an?|bounced|bouncing|blank|post-?dated)"
    r"\s+(checks?)\b"
    r"|\b(checks?)\s+(?:or cash|or card|made payable|payable|for £|for the sum)",
)


def _program(words: Sequence[Word], i: int) -> str | None:
    before = {_word(words, k) for k in range(i - 3, i)}
    if before & _COMPUTING or _word(words, i + 1) in _PROGRAM_FILE:
        return None
    return "programme" if words[i].text == "program" else "programmes"


def _tire(words: Sequence[Word], i: int) -> str | None:
    after = _word(words, i + 1)
    if after in _TYRE_AFTER or (_word(words, i - 1) in _TYRE_BEFORE and after not in _TIRE_VERB_AFTER):
        return "tyre" if words[i].text == "tire" else "tyres"
    return None


def _license(words: Sequence[Word], i: int) -> str | None:
    before, after = _word(words, i - 1), _word(words, i + 1)
    if before in _VERB_BEFORE:
        return None
    if before in _LICENCE_BEFORE or after in _LICENCE_AFTER:
        return "licence" if words[i].text == "license" else "licences"
    return None


def _meter(words: Sequence[Word], i: int) -> str | None:
    before = _word(words, i - 1)
    if before.isdigit() or before in _NUMBER_WORDS or before.replace(".", "").isdigit():
        return "metre" if words[i].text == "meter" else "metres"
    return None


def _story(words: Sequence[Word], i: int) -> str | None:
    before, after = _word(words, i - 1), _word(words, i + 1)
    number = before.isdigit() or before in _NUMBER_WORDS or before in ("single", "multi")
    if number and after in _STOREY_AFTER:
        return "storey" if words[i].text == "story" else "storeys"
    return None


def _dialog(words: Sequence[Word], i: int) -> str | None:
    if _word(words, i + 1) in ("box", "boxes", "window", "windows"):
        return None
    return "dialogue" if words[i].text == "dialog" else "dialogues"


def _curb(words: Sequence[Word], i: int) -> str | None:
    if _word(words, i - 1) in _KERB_BEFORE and _word(words, i + 1) not in _CURB_VERB_AFTER:
        return "kerb" if words[i].text == "curb" else "kerbs"
    return None


# Words that are British in one sense and American in another: the words around them decide.
_IN_CONTEXT: dict[str, Callable[[Sequence[Word], int], str | None]] = {
    "program": _program, "programs": _program,
    "tire": _tire, "tires": _tire,
    "license": _license, "licenses": _license,
    "meter": _meter, "meters": _meter,
    "story": _story, "stories": _story,
    "dialog": _dialog, "dialogs": _dialog,
    "curb": _curb, "curbs": _curb,
}


def _proper_name(text: str, words: Sequence[Word], index: int) -> bool:
    """A capitalised word inside a sentence, or beside another capitalised word, is taken as
    part of a name (Kennedy Center, Center Parcs, Pearl Harbor, the Labor Party)."""
    word = words[index]
    original = text[word.start:word.end]
    if not _title_case(original):
        return False
    if not sentence_start(text, word.start):
        return True
    if index + 1 < len(words):
        following = words[index + 1]
        nearby = text[following.start:following.end]
        return _title_case(nearby) and nearby != "I" and _spaces_between(text, word, following)
    return False


@register
class AmericanSpelling(Rule):
    """American spelling: a word spelt the American way, with the British spelling
    (color → colour, center → centre, canceled → cancelled, pediatric → paediatric,
    defense → defence, gray → grey, aluminum → aluminium).

    **Why it matters:** Loughton §2 asks for accurate spelling, and British councils write
    British English. Words that are right in one sense are judged by the words around them:
    a computer *program* but a *programme* of events; a gas *meter* but *100 metres*; a
    *tyre* only where it is one ("flat tire", "tire pressure"), never "tire of"; a *licence*
    (the noun) but "to license" (the verb); "pay by *cheque*" but "check the times"; a
    dropped *kerb* but "to curb spending". The -ize spellings (organize, recognize) are
    accepted British spelling too (Oxford), so their message only asks the writer to keep to
    the -ise spelling most councils use. Names are left alone: a capitalised word inside a
    sentence or beside another capitalised word (Kennedy Center, Center Parcs, Pearl
    Harbor) is not flagged.

    **Avoid:** "The community center's color run is canceled."

    **Write instead:** "The community centre's colour run is cancelled."
    """

    code = "ST002"
    title = "American spelling"

    def find(self, post: Post) -> Iterator[Hit]:
        taken: set[int] = set()
        for book, ize in ((_AMERICAN, False), (_AMERICAN_IZE, True)):
            for match in book.matches(post):
                hit = self._hit(post, match, ize)
                if hit is not None:
                    taken.add(match.first)
                    yield hit
        if not _IN_CONTEXT.keys().isdisjoint(word_set(post)):
            yield from self._in_context(post.text, post.words, taken)
        if "check" in post.folded.text:
            yield from self._cheques(post)

    def _in_context(self, text: str, words: Sequence[Word], taken: set[int]) -> Iterator[Hit]:
        for index, word in enumerate(words):
            judge = _IN_CONTEXT.get(word.text)
            if judge is None or index in taken:
                continue
            suggestion = judge(words, index)
            if suggestion and not glued(text, word.start, word.end) \
                    and not _proper_name(text, words, index):
                yield self._american(text, word.start, word.end, suggestion)

    def _cheques(self, post: Post) -> Iterator[Hit]:
        text = post.text
        for cheque in _CHEQUE.finditer(post.folded.text):
            group = 1 if cheque.group(1) else 2
            start, end = post.span_of(cheque.start(group), cheque.end(group))
            plural = cheque.group(group).endswith("s")
            yield self._american(text, start, end, "cheques" if plural else "cheque")

    def _hit(self, post: Post, match: Match, ize: bool) -> Hit | None:
        text, words = post.text, post.words
        start, end = words[match.first].start, words[match.last].end
        if glued(text, start, end) or _proper_name(text, words, match.first):
            return None
        suggestion = match.suggestion + ("'s" if match.possessive else "")
        if not ize:
            return self._american(text, start, end, suggestion)
        original = text[start:end]
        written = match_case(original, suggestion)
        return Hit(start, end,
                   f"{_quoted(original)}: the -ize spelling is accepted, but most councils write "
                   f"{_quoted(written)}; keep to one spelling throughout.",
                   Fix(f"Write {_quoted(written)}.", written))

    @staticmethod
    def _american(text: str, start: int, end: int, suggestion: str) -> Hit:
        original = text[start:end]
        written = match_case(original, suggestion)
        return Hit(start, end,
                   f"{_quoted(original)} is the American spelling; British English, which the "
                   f"council writes in, has {_quoted(written)}.",
                   Fix(f"Write {_quoted(written)}.", written))


# ---------------------------------------------------------------------------- ST003

_MISSPELLINGS = Phrasebook(load_pairs("st_misspellings"))


@register
class CommonMisspelling(Rule):
    """Common misspelling: a word from the list of words most often misspelt (accomodation,
    seperate, definately, recieve, occured, untill, goverment, enviroment, commitee,
    councellor, tommorow, wierd, "could of"), with the correct spelling.

    **Why it matters:** Loughton §2 asks that "all spelling and grammar should be accurate".
    A misspelt word in a council post is noticed, shared and remembered. The list holds
    only forms that are never right, so "wether", "lightening" or "stationary" are not on it:
    a spell checker that knows the sentence is needed for those. "We would of course…" is
    not taken for "would of".

    **Avoid:** "The Planning Commitee will recieve the councellors' report untill Friday."

    **Write instead:** "The Planning Committee will receive the councillors' report until
    Friday."
    """

    code = "ST003"
    title = "Common misspelling"

    def find(self, post: Post) -> Iterator[Hit]:
        text = post.text
        for match in _MISSPELLINGS.matches(post):
            words = post.words  # made only for the few posts with a match
            start, end = words[match.first].start, words[match.last].end
            if glued(text, start, end):
                continue
            if match.term.endswith(" of") and _word(words, match.last + 1) == "course":
                continue
            original = text[start:end]
            written = match_case(original, match.suggestion + ("'s" if match.possessive else ""))
            yield Hit(start, end, f"{_quoted(original)} is misspelt; write {_quoted(written)}.",
                      Fix(f"Write {_quoted(written)}.", written))
