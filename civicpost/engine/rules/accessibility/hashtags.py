"""AX002 hashtags not in CamelCase and AX003 too many hashtags, or hashtags mid-sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicpost.engine.findings import Fix, Hit
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.accessibility.hashtag_words import (
    _LOOK_AROUND,
    _MOST_TAGS_CHECKED,
    _RUN,
    _SINGLE,
    Hashtag,
    _dictionary,
    _needs_camel_case,
    _several_words,
    _text_words,
    hashtags,
    split_words,
)


@register
class HashtagNotCamelCase(Rule):
    """Hashtag not in CamelCase: a hashtag of several words written all in lower case or
    all in capitals (#loughtontowncouncil, #BINDAY), with the CamelCase spelling where the
    words can be told apart (#LoughtonTownCouncil, #BinDay).

    **Why it matters:** screen readers read "#loughtontowncouncil" as one long made-up
    word, and sighted readers stumble over it too. A capital at the start of each word lets
    both read it. One-word hashtags (#Loughton, #christmas) and short acronyms (#NHS) are
    fine. The words are told apart with a list of common words (``ax_words``) and the words
    of the post; place names such as #newcastle or #oldham are kept whole. A council adds its
    own one-word names to ``ax_single_words``.

    **Avoid:** "#loughtonlitterpick"

    **Write instead:** "#LoughtonLitterPick"
    """

    code = "AX002"
    title = "Hashtag not in CamelCase"

    def find(self, post: Post) -> Iterator[Hit]:
        tags = hashtags(post.text)
        if not tags:
            return
        extra = _text_words(post)
        for tag in tags[:_MOST_TAGS_CHECKED]:
            hit = self._check(tag, extra)
            if hit is not None:
                yield hit

    @staticmethod
    def _check(tag: Hashtag, extra: frozenset[str]) -> Hit | None:
        camel = []
        flagged = False
        last = 0
        for run in _RUN.finditer(tag.body):
            camel.append(tag.body[last:run.start()])
            last = run.end()
            letters = run.group()
            lower = letters.lower()
            if not _needs_camel_case(letters) or lower in _SINGLE or lower in extra \
                    or lower in _dictionary():
                camel.append(letters)
                continue
            pieces = split_words(lower, extra)
            if pieces is None or not _several_words(pieces):
                camel.append(letters)
                continue
            flagged = True
            camel.append("".join(p.text.capitalize() for p in pieces))
        if not flagged:
            return None
        camel.append(tag.body[last:])
        suggestion = "#" + "".join(camel)
        return Hit(tag.start, tag.end,
                   f"Screen readers cannot tell the words of #{tag.body} apart; write it in "
                   f"CamelCase: {suggestion}.",
                   Fix(f"Write {suggestion}, with a capital at the start of each word.", suggestion))


# ---------------------------------------------------------------------------- AX003

_MOST_HASHTAGS = 3
_SENTENCE_END = frozenset(".!?…\n")
_WORD_CHAR = re.compile(r"[^\W_]")


def _words_follow(text: str, tag: Hashtag) -> bool:
    """True when words (not only hashtags, handles, links or emoji) follow the hashtag in
    its sentence."""
    index = tag.end
    limit = min(len(text), tag.end + _LOOK_AROUND)
    while index < limit:
        char = text[index]
        if char in _SENTENCE_END:
            return False
        if char.isspace():
            index += 1
            continue
        end = index
        while end < limit and not text[end].isspace() and text[end] not in _SENTENCE_END:
            end += 1
        token = text[index:end]
        if not token.startswith(("#", "@")) and "://" not in token \
                and not token.lower().startswith("www.") and _WORD_CHAR.search(token):
            return True
        index = end
    return False


def _word_before(text: str, tag: Hashtag) -> bool:
    """True when a word of the same sentence comes before the hashtag."""
    index = tag.start - 1
    stop = max(0, tag.start - _LOOK_AROUND)
    while index >= stop:
        char = text[index]
        if char in _SENTENCE_END:
            return False
        if _WORD_CHAR.match(char):
            # the token this character ends: a hashtag or handle does not count as a word
            start = index
            while start > stop and not text[start - 1].isspace():
                start -= 1
            if text[start] not in "#@":
                return True
            index = start
        index -= 1
    return False


@register
class HashtagPlacement(Rule):
    """Too many hashtags, or a hashtag in the middle of a sentence.

    **Why it matters:** a screen reader reads each hashtag out as "hashtag" and the words,
    so more than two or three of them bury the message, and a hashtag inside a sentence
    breaks it up. The government's guidance on accessible social media asks for no more
    than three, placed at the end of the post. A hashtag that ends a sentence is left alone.

    **Avoid:** "Join us at the #ChristmasMarket on #Saturday in the #MarketSquare #Loughton
    #Christmas"

    **Write instead:** "Join us at the Christmas market on Saturday in the Market Square.
    #LoughtonChristmas"
    """

    code = "AX003"
    title = "Too many hashtags, or hashtags mid-sentence"

    def find(self, post: Post) -> Iterator[Hit]:
        text = post.text
        tags = hashtags(text)
        for tag in tags[:_MOST_TAGS_CHECKED]:
            if _word_before(text, tag) and _words_follow(text, tag):
                yield Hit(tag.start, tag.end,
                          f"#{tag.body} sits in the middle of a sentence, where a screen reader "
                          "breaks the sentence up to read it; put hashtags at the end of the post.",
                          Fix("Write the words plainly in the sentence and put the hashtag at the "
                              "end of the post."))
        if len(tags) > _MOST_HASHTAGS:
            extra = tags[_MOST_HASHTAGS:]
            end = extra[0].end
            for tag in extra[1:]:
                between = text[end:tag.start]
                if between.strip(" \t\n,;·|") or len(between) > 20:
                    break
                end = tag.end
            yield Hit(extra[0].start, end,
                      f"This post has {len(tags)} hashtags; use no more than {_MOST_HASHTAGS}, "
                      "so that the message is not lost when a screen reader reads them all out.",
                      Fix(f"Keep the {_MOST_HASHTAGS} hashtags that matter most and remove the rest."))
