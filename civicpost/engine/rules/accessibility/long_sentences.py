"""AX005 long sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicpost.engine.findings import Fix, Hit
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.accessibility.hashtags import _WORD_CHAR

_LONGEST_SENTENCE = 25
# Written to open with one character class, so that the regex engine skips in C to the few
# places where a sentence can end; it matches exactly what r"[.!?…]+[\"'”’)\]]*(?=\s)|\n"
# matches.
_BOUNDARY = re.compile(r"[.!?…\n](?:(?<=\n)|(?<=[.!?…])[.!?…]*[\"'”’)\]]*(?=\s))")
_TITLES = frozenset("mr mrs ms dr st cllr no nos rev prof sgt insp capt col gen lt mt".split())


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of the text: split at . ! ? followed by a space (not after
    a title such as "Mr" or "Cllr", nor before a lower-case word as after "e.g.") and at line
    breaks."""
    spans = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group() != "\n":
            stop = match.start()
            before = text[max(0, stop - 6):stop].split()
            if text[stop] == "." and before and before[-1].lower() in _TITLES:
                continue  # "Mr. Jones", "Cllr. Smith"
            if text[end:end + 4].lstrip(" \t")[:1].islower():
                continue  # "e.g. the", "approx. 20"
        spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _is_word(token: str) -> bool:
    # A letter or digit at either end settles it without a regex, for most tokens; isalnum()
    # is what [^\W_] matches, character by character.
    return token[0].isalnum() or token[-1].isalnum() or bool(_WORD_CHAR.search(token))


@register
class LongSentence(Rule):
    """Long sentence: a sentence of more than 25 words. A link, an e-mail address or a
    hashtag counts as one word.

    **Why it matters:** plain English guidance (and the government's guidance on accessible
    social media) keeps sentences to about 25 words at most. Long sentences are hard to
    follow on a small screen, for readers with dyslexia or a learning disability, and for
    anyone reading English as a second language.

    **Avoid:** "The Town Council would like to remind all residents that the annual meeting
    of the parish, which everyone on the electoral roll is welcome to attend and speak at,
    will take place in the Council Chamber on Tuesday 14 May at 7pm."

    **Write instead:** "Come to the Annual Parish Meeting on Tuesday 14 May at 7pm in the
    Council Chamber. Everyone on the electoral roll can attend and speak."
    """

    code = "AX005"
    title = "Long sentence"

    def find(self, post: Post) -> Iterator[Hit]:
        text = post.text
        if len(text) < 2 * _LONGEST_SENTENCE or len(text.split()) <= _LONGEST_SENTENCE:
            return  # no sentence can be too long
        for start, end in sentences(text):
            tokens = text[start:end].split()
            if len(tokens) <= _LONGEST_SENTENCE:
                continue  # the cheap upper bound is enough
            count = sum(1 for token in tokens if _is_word(token))
            if count <= _LONGEST_SENTENCE:
                continue
            first, last = start, end
            while first < last and text[first].isspace():
                first += 1
            while last > first and text[last - 1].isspace():
                last -= 1
            yield Hit(first, last,
                      f"This sentence has {count} words; plain English keeps sentences to "
                      f"{_LONGEST_SENTENCE} words or fewer, so split it into shorter ones.",
                      Fix("Split it into two or more shorter sentences."))
