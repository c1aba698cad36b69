"""ST spelling and style: accurate British spelling and no text speak.

Loughton §2: "All spelling and grammar should be accurate. "Text speak " is acceptable to
some audiences but should be avoided wherever possible." The word lists are data files in
``civicpost/engine/lexicons/`` (``st_*.txt``) that a council can extend.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post, Word
from civicpost.engine.rules import Rule, register

# Characters that glue a word to something else: a hashtag, a handle, a path, a file type,
# "U-turn", "U.S.", "drive-thru".
_GLUE_BEFORE = frozenset("#@/\\_-.=&+:$£")
_GLUE_AFTER = frozenset("-_/@&")
_DOMAIN = re.compile(r"\w\.(?:uk|com|org|net|gov|co|io|info|me|ly)\b", re.IGNORECASE)
_LOOK_AROUND = 200  # how far to look for the ends of a link or a sentence: bounded, never O(n)


@dataclass(frozen=True)
class Match:
    """Words ``first``..``last`` (indexes into ``post.words``) that match a lexicon term."""

    first: int
    last: int
    term: str
    suggestion: str
    possessive: bool = False


class Phrasebook:
    """``term => suggestion`` pairs, single words and runs of words, matched on ``post.words``.

    A run of words must be separated by spaces only. The longest term wins; a single word
    with a possessive ``'s`` matches its base word, and the suggestion keeps the ``'s``.
    """

    def __init__(self, pairs: dict[str, str]) -> None:
        self.single: dict[str, str] = {}
        self.runs: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for term, suggestion in pairs.items():
            parts = tuple(term.replace("’", "'").split())
            if len(parts) == 1:
                self.single[parts[0]] = suggestion
            elif parts:
                self.runs.setdefault(parts[0], []).append((parts, suggestion))
        for candidates in self.runs.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self.single_words = frozenset(self.single)
        self.run_words = tuple(frozenset(parts) for candidates in self.runs.values()
                               for parts, _ in candidates)

    def could_match(self, post: Post) -> bool:
        """Cheap gate (set tests in C): most posts hold none of the terms."""
        words = word_set(post)
        return not self.single_words.isdisjoint(words) or any(run <= words for run in self.run_words)

    def matches(self, post: Post) -> Iterator[Match]:
        if not self.could_match(post):
            return
        words = post.words
        text = post.text
        index = 0
        while index < len(words):
            found = self._match_at(words, text, index)
            if found is None:
                index += 1
                continue
            yield found
            index = found.last + 1

    def _match_at(self, words: Sequence[Word], text: str, index: int) -> Match | None:
        word = words[index].text.replace("’", "'")
        for parts, suggestion in self.runs.get(word, ()):
            end = index + len(parts) - 1
            if end < len(words) and all(
                words[index + k].text.replace("’", "'") == parts[k]
                and _spaces_between(text, words[index + k - 1], words[index + k])
                for k in range(1, len(parts))
            ):
                return Match(index, end, " ".join(parts), suggestion)
        if word in self.single:
            return Match(index, index, word, self.single[word])
        if word.endswith("'s") and word[:-2] in self.single:
            return Match(index, index, word[:-2], self.single[word[:-2]], possessive=True)
        return None


def word_set(post: Post) -> frozenset[str]:
    """The post's words as a set (apostrophes made straight, and the word before an
    apostrophe too: "council's" gives "council"), computed once per post and shared by the
    ST, AC and MN rules for their cheap gates. It is the set every family shares
    (:func:`civicpost.engine.names.word_set`)."""
    return names.word_set(post)


def _spaces_between(text: str, left: Word, right: Word) -> bool:
    gap = text[left.end:right.start]
    return bool(gap) and gap.isspace() and len(gap) < 4


def glued(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is part of a hashtag, handle, link, e-mail address, file
    name or hyphenated word, where a spelling or text-speak finding would be wrong."""
    if start > 0 and text[start - 1] in _GLUE_BEFORE:
        return True
    if end < len(text):
        after = text[end]
        if after in _GLUE_AFTER:
            return True
        if after == "." and end + 1 < len(text) and text[end + 1].isalnum():
            return True
    return in_link(text, start, end)


def in_link(text: str, start: int, end: int) -> bool:
    """True when the whitespace-separated chunk around text[start:end] is a link, e-mail
    address, handle or hashtag."""
    left = start
    stop = max(0, start - _LOOK_AROUND)
    while left > stop and not text[left - 1].isspace():
        left -= 1
    right = end
    limit = min(len(text), end + _LOOK_AROUND)
    while right < limit and not text[right].isspace():
        right += 1
    chunk = text[left:right].lstrip("([\"'“‘")
    return (chunk.startswith(("#", "@")) or "://" in chunk or "@" in chunk
            or chunk.lower().startswith("www.") or "/" in chunk or bool(_DOMAIN.search(chunk)))


def sentence_start(text: str, start: int) -> bool:
    """True when only spaces, quotes or bullets stand between ``start`` and the start of the
    text or the end of the previous sentence."""
    index = start - 1
    stop = max(-1, start - _LOOK_AROUND)
    while index > stop:
        char = text[index]
        if char == "\n":
            return True
        if not (char.isspace() or char in "\"'“‘([*•-–—"):
            return char in ".!?:;…"
        index -= 1
    return index < 0


def match_case(original: str, suggestion: str) -> str:
    """The suggestion written in the case of the original: ``COLOR`` gives ``COLOUR``,
    ``Color`` gives ``Colour``."""
    if not suggestion or not original:
        return suggestion
    if len(original) > 1 and original.isupper():
        return suggestion.upper()
    if original[0].isupper():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion


def _shouting(text: str, start: int, end: int) -> bool:
    """True when the letters just around text[start:end] are capitals too (SEE U THERE)."""
    around = text[max(0, start - 6):start] + text[end:end + 6]
    letters = [c for c in around if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _title_case(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _quoted(word: str) -> str:
    return f"“{word}”"


# ---------------------------------------------------------------------------- ST001

_TEXT_SPEAK = Phrasebook(load_pairs("st_textspeak"))
_CAPITALS_NEED_CUE = frozenset(load_terms("st_textspeak_capitals"))
# Words that follow text speak ("B4 the meeting", "U can") but not a road, a grade or a
# file type ("B4 bus route", "grade U", "TXT file").
_CUE_AFTER = frozenset(
    "the a an you u ur your we i it this that then my our they he she all everyone every1 can "
    "will r are have need know get go come there here soon later l8r tomorrow 2moro today 2day "
    "xmas christmas 4 2 xx x".split()
)
_CUE_BEFORE = frozenset(
    "thank thanks see c luv love miss 4 2 for to with call tell ask help send text txt meet wish "
    "let".split()
)
# "2day" is also a two-day something: "a 2day course".
_DURATION_NOUNS = frozenset(
    "event events course courses workshop workshops festival conference training pass passes "
    "ticket tickets programme trip break closure closures camp show fair sale match tournament "
    "residential".split()
)


@register
class TextSpeak(Rule):
    """Text speak: the short forms of texting and chat (gr8, u, pls, thx, 2day, b4, l8r, imo,
    btw, lol, "c u") in a post, with the words to write instead.

    **Why it matters:** Loughton §2 says text speak "should be avoided wherever possible".
    Many readers (and screen readers) stumble on it, and in a council's name it looks
    careless. "ASAP" is listed too: it is an abbreviation rather than texting, but plain
    English guidance asks for it to be written out, and "as soon as possible" costs little.

    Left alone: names and codes that look like text speak — U3A, the B4 bus route, the B4383,
    a U-turn, the U.S., Under-11s (U11), ".txt" files, and anything inside a link, e-mail
    address, handle or hashtag. U, UR, B4, TXT and MSG written in capitals count only when
    texting obviously goes on ("B4 the meeting", "SEE U THERE").

    **Avoid:** "Gr8 turnout 2day at the litter pick, thx every1!"

    **Write instead:** "Great turnout today at the litter pick, thanks everyone!"
    """

    code = "ST001"
    title = "Text speak"

    def find(self, post: Post) -> Iterator[Hit]:
        text = post.text
        for match in _TEXT_SPEAK.matches(post):
            words = post.words  # made only for the few posts with a match
            start, end = words[match.first].start, words[match.last].end
            if glued(text, start, end) or not self._meant(post, match):
                continue
            original = text[start:end]
            case_like = original
            if original.isupper() and not _shouting(text, start, end):
                # "IMO" in an ordinary sentence is an acronym, not shouting: "in my opinion"
                case_like = "Aa" if sentence_start(text, start) else "a"
            yield Hit(start, end, *self._advice(original, match.suggestion, case_like))

    @staticmethod
    def _meant(post: Post, match: Match) -> bool:
        """False where the matched letters are something other than text speak."""
        words, text = post.words, post.text
        word = words[match.first]
        original = text[word.start:word.end]
        after = words[match.last + 1].text if match.last + 1 < len(words) else ""
        if match.first == match.last:
            if match.term == "2day" and {_word(words, match.last + k) for k in (1, 2, 3)} & _DURATION_NOUNS:
                return False  # "our 2day first aid course"
            if word.start > 0 and text[word.start - 1] == "(" and text[word.end:word.end + 1] == ")":
                return False  # a list marker such as "(u)"
            if match.term in _CAPITALS_NEED_CUE and original.isupper():
                before = words[match.first - 1].text if match.first else ""
                return after in _CUE_AFTER or (match.term == "u" and before in _CUE_BEFORE)
        return True

    @staticmethod
    def _advice(original: str, suggestion: str, case_like: str) -> tuple[str, Fix]:
        said = _quoted(original)
        if not suggestion:
            return (f"{said} is text speak; leave it out or say it in words.",
                    Fix("Leave it out, or say what you mean in words."))
        if " / " in suggestion:
            options = " or ".join(_quoted(match_case(case_like, s.strip()))
                                  for s in suggestion.split(" / "))
            return (f"{said} is text speak; write {options}.", Fix(f"Write {options}."))
        written = match_case(case_like, suggestion)
        return (f"{said} is text speak; write {_quoted(written)} so that every reader follows it.",
                Fix(f"Write {_quoted(written)}.", written))


# ---------------------------------------------------------------------------- ST002

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


def _word(words: Sequence[Word], index: int) -> str:
    return words[index].text if 0 <= index < len(words) else ""


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
