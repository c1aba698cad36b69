"""ST001 text speak: the short forms of texting and chat, with the words to write instead."""

from __future__ import annotations

from collections.abc import Iterator

from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.style.words import (
    Match,
    Phrasebook,
    _quoted,
    _shouting,
    _word,
    glued,
    match_case,
    sentence_start,
)

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
