"""The sentences of a post, and the part of a sentence around a span."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from civicpost.engine.names.shared import memo
from civicpost.engine.post import Post

# Punctuation that ends a sentence (with any closing quotes or brackets) before a space or
# the end, or a line break. Written to open with one character class, so that the regex
# engine skips in C to the few places where a sentence can end; it matches exactly what
# r"[.!?…]+[\"'”’)\]]*(?=\s|$)|\n" matches.
_BREAK = re.compile(r"[.!?…\n](?:(?<=\n)|(?<=[.!?…])[.!?…]*[\"'”’)\]]*(?=\s|$))")
_ABBREVIATIONS = frozenset({
    "cllr", "cllrs", "mr", "mrs", "ms", "mx", "dr", "st", "no", "nos", "rev", "revd", "prof",
    "sgt", "insp", "pc", "e.g", "i.e", "approx", "tel", "ref", "vs", "cf", "fig", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rd", "ave",
})
_LAST_WORD = re.compile(r"([A-Za-z.]+)$")


def sentences(post: Post) -> list[tuple[int, int]]:
    """Sentence spans of the original text (lines count as sentences too)."""
    return memo(post, "sentences", lambda p: _split_sentences(p.text))


def _split_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in _BREAK.finditer(text):
        if match.group().startswith(".") and _after_abbreviation(text, match.start()):
            continue
        end = match.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _after_abbreviation(text: str, dot: int) -> bool:
    tail = _LAST_WORD.search(text[max(0, dot - 12):dot])
    if not tail:
        return False
    word = tail.group(1).lower()
    # An initial ("J. Smith") or a title ("Cllr. Jones") does not end a sentence.
    return len(word) == 1 or word in _ABBREVIATIONS


def sentence_of(post: Post, position: int) -> tuple[int, int]:
    """The span of the sentence that holds ``position``."""
    spans = sentences(post)
    starts = memo(post, "sentence_starts", lambda p: [s for s, _ in sentences(p)])
    index = bisect_right(starts, position) - 1
    if index < 0:
        return (0, len(post.text))
    return spans[index]


def window(post: Post, start: int, end: int, before: int = 200, after: int = 200) -> tuple[int, int]:
    """The part of the sentence around ``start:end``, at most ``before``/``after`` characters
    either side, so that no rule ever scans a whole megabyte-long "sentence" per match."""
    s_start, s_end = sentence_of(post, start)
    return max(s_start, start - before), min(max(s_end, end), end + after)


def previous_sentence(post: Post, sentence: tuple[int, int]) -> tuple[int, int] | None:
    spans = sentences(post)
    starts = memo(post, "sentence_starts", lambda p: [s for s, _ in sentences(p)])
    index = bisect_left(starts, sentence[0])
    return spans[index - 1] if index > 0 else None
