"""AX accessibility: posts everyone can read, under the Public Sector Bodies
(Websites and Mobile Applications) Accessibility Regulations 2018 and the government's
guidance on accessible social media."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register


@register
class ImageWithoutAltText(Rule):
    """An image or video is attached without a text alternative.

    **Why it matters:** people who use screen readers hear nothing of an image without alt
    text. Describe what the image shows and repeat any words that appear in it.

    **Avoid:** a poster of the Christmas lights switch-on attached with no description.

    **Write instead:** alt text such as "Poster: Christmas lights switch-on, Saturday
    30 November, 4pm, Market Square".
    """

    code = "AX001"
    title = "Image without alt text"

    def find(self, post: Post) -> Iterator[Hit]:
        for number, item in enumerate(post.context.media, start=1):
            if item.type in ("image", "gif", "video") and not (item.alt or "").strip():
                what = "video" if item.type == "video" else "image"
                yield Hit(0, 0, f"Attachment {number} ({what}) has no alt text; describe what it "
                                "shows, including any words in it.",
                          Fix(f"Add alt text to attachment {number}."))


# ---------------------------------------------------------------------------- hashtags

# A hashtag: "#" not glued to a word, an HTML entity (&#39;) or a link (page#top), then
# letters, digits and underscores with at least one letter ("#1" is a number sign).
_HASHTAG = re.compile(r"(?<![\w&/#])#([^\W_][\w]*)")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_RUN = re.compile(r"[^\W\d_]+")  # the letters of a hashtag, without digits and underscores
_LONGEST_TAG = 60  # longer runs are not split (and never are hashtags in practice)
_LONGEST_WORD = 20
_MOST_TAGS_CHECKED = 100  # a real post has a handful; this bounds the work on huge input
_LOOK_AROUND = 300


@dataclass(frozen=True)
class Hashtag:
    start: int
    end: int
    body: str  # without the "#"


def hashtags(text: str) -> list[Hashtag]:
    """Every hashtag of the text, in order."""
    if "#" not in text:
        return []
    found = []
    for match in _HASHTAG.finditer(text):
        if _HAS_LETTER.search(match.group(1)):
            found.append(Hashtag(match.start(), match.end(), match.group(1)))
    return found


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    return frozenset(load_terms("ax_words"))


_SINGLE = frozenset(load_terms("ax_single_words"))
_ENDINGS = frozenset(load_terms("ax_place_endings"))
# Short words that start many multi-word hashtags but hardly any place names, so that
# #townhall and #carpark are split while #oldham and #newcastle stay whole.
_NOT_PLACE_START = frozenset(
    "town car bus bin bins road city food dog dogs fun play art book pub tea cake bike fire war "
    "rail love shop shops our your my we day job help keep save stop go village school church "
    "garden sports".split()
)
_GRAMMAR = frozenset(
    "shall will the and an as at by do go he if in is it me my no of on or so to up us we her his "
    "our you was are can not for all has have".split()
)
# Three-letter words that often make half of a two-word hashtag (#binday, #dogwalk).
_SHORT_HASHTAG_WORDS = frozenset(
    "day bin fun art pub tea dog run job eco fit map zoo gym kid bus car war cup pie".split()
)
_TWO_LETTER = frozenset("an as at be by do go he if in is it me my no of on or so to up us we".split())


@dataclass(frozen=True)
class Piece:
    text: str
    known: bool


def split_words(run: str, extra: frozenset[str]) -> tuple[Piece, ...] | None:
    """Split a run of lower-case letters into words, fewest unknown letters first, then
    fewest pieces; ``extra`` are more words (the post's own). None when the run is too long
    to try."""
    if len(run) > _LONGEST_TAG:
        return None
    return _split(run, frozenset(w for w in extra if w in run))


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    """Every beginning of every known word, so that a walk along the hashtag stops as soon
    as no word can start there."""
    return frozenset(w[:i] for w in _dictionary() | _ENDINGS for i in range(1, len(w) + 1))


def _known_word(piece: str, extra: frozenset[str]) -> bool:
    if len(piece) == 2 and piece not in _TWO_LETTER:
        return False
    return piece in _dictionary() or piece in extra or piece in _ENDINGS


def _word_edges(run: str, extra: frozenset[str]) -> list[list[int]]:
    """edges[end]: the starts of the known words that end at ``end``."""
    prefixes = _prefixes()
    extra_prefixes = {w[:i] for w in extra for i in range(1, len(w) + 1)}
    size = len(run)
    edges: list[list[int]] = [[] for _ in range(size + 1)]
    for start in range(size):
        for end in range(start + 2, min(size, start + _LONGEST_WORD) + 1):
            piece = run[start:end]
            if piece not in prefixes and piece not in extra_prefixes:
                break
            if _known_word(piece, extra):
                edges[end].append(start)
                if end < size and run[end] == "s" and len(piece) > 2:
                    edges[end + 1].append(start)  # a plural or "womens" in #womensday
    return edges


@lru_cache(maxsize=4096)
def _split(run: str, extra: frozenset[str]) -> tuple[Piece, ...]:
    edges = _word_edges(run, extra)
    size = len(run)
    # best[i][state]: (unknown letters, pieces) of the best split of run[:i] whose last piece
    # is a word (state 0) or a letter of an unknown chunk (state 1); back[i][state]: where
    # that last piece starts and the state before it.
    best: list[list[tuple[int, int] | None]] = [[None, None] for _ in range(size + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0), (0, 0)] for _ in range(size + 1)]
    best[0][0] = (0, 0)
    for end in range(1, size + 1):
        for state in (0, 1):  # one more unknown letter
            previous = best[end - 1][state]
            if previous is not None:
                candidate = (previous[0] + 1, previous[1] + (0 if state else 1))
                if best[end][1] is None or candidate < best[end][1]:  # type: ignore[operator]
                    best[end][1], back[end][1] = candidate, (end - 1, state)
        for start in edges[end]:  # a known word
            # a two-letter word costs a little, so that "on" does not cut "loughton" short
            cost = 1 if end - start == 2 else 0
            for state in (0, 1):
                previous = best[start][state]
                if previous is not None:
                    candidate = (previous[0] + cost, previous[1] + 1)
                    if best[end][0] is None or candidate < best[end][0]:  # type: ignore[operator]
                        best[end][0], back[end][0] = candidate, (start, state)
    final = [(c, state) for state, c in enumerate(best[size]) if c is not None]
    state = min(final)[1]
    pieces: list[Piece] = []
    end = size
    while end > 0:
        start, before = back[end][state]
        pieces.append(Piece(run[start:end], state == 0))
        end, state = start, before
    letters_joined = _join_unknown(pieces[::-1], grammar=False)
    return tuple(_join_unknown(_join_place_names(letters_joined)))


def _join_place_names(pieces: list[Piece]) -> list[Piece]:
    """Join a place-name ending to the short word or unknown chunk before it: new+castle,
    old+ham, lough+ton are names, not two words."""
    joined: list[Piece] = []
    for piece in pieces:
        if joined and piece.text in _ENDINGS:
            before = joined[-1]
            if not before.known or (len(before.text) <= 7 and before.text not in _NOT_PLACE_START):
                joined[-1] = Piece(before.text + piece.text, False)
                continue
        joined.append(piece)
    return joined


def _join_unknown(pieces: list[Piece], grammar: bool = True) -> list[Piece]:
    """Join neighbouring unknown chunks, and (``grammar``) a little grammatical word that
    follows one (ludger+shall is the name Ludgershall, not a name and "shall")."""
    joined: list[Piece] = []
    for piece in pieces:
        absorbed = grammar and piece.known and piece.text in _GRAMMAR
        if joined and not joined[-1].known and (not piece.known or absorbed):
            joined[-1] = Piece(joined[-1].text + piece.text, False)
        else:
            joined.append(piece)
    return joined


def _several_words(pieces: Sequence[Piece]) -> bool:
    """Sure enough that the run is several words, and not a place name that happens to
    split into words (Barnet, Andover, Redcar): three or more words; two words that are
    long enough or common in hashtags (#litterpick, #binday); or one name of four letters
    or more beside at least two words (#loughtonlitterpick)."""
    if len(pieces) < 2 or len(pieces[-1].text) <= 2:
        return False
    unknown = [p for p in pieces if not p.known]
    if unknown:
        return (len(unknown) == 1 and len(unknown[0].text) >= 4
                and sum(1 for p in pieces if p.known and len(p.text) >= 3) >= 2)
    if len(pieces) >= 3:
        return True
    return pieces[0].text not in _GRAMMAR and all(
        len(p.text) >= 4 or p.text in _SHORT_HASHTAG_WORDS for p in pieces)


def _needs_camel_case(run: str) -> bool:
    """A run written all in capitals, or with no capital after its first letter."""
    if run.isupper():
        return len(run) > 5  # shorter ones are acronyms: #NHS, #LTC, #RSPCA
    return run[1:].islower() and len(run) >= 6


def _text_words(post: Post) -> frozenset[str]:
    """Words of the post outside its hashtags, as more words to split hashtags with."""
    text = post.text
    return frozenset(w.text for w in post.words
                     if len(w.text) >= 3 and w.text.isalpha() and text[w.start - 1:w.start] != "#")


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


# ---------------------------------------------------------------------------- AX004

_REDUNDANT_START = re.compile(
    r"^\s*(?:(?:this|here)\s+is\s+)?(?:an?\s+|the\s+)?"
    r"(?:image|picture|photo|photograph|pic|graphic|img)\s+(?:of|showing|that\s+shows|which\s+shows)\b",
    re.IGNORECASE,
)
_FILE_NAME = re.compile(
    r"^\s*[\w\-.() ]*\.(?:jpe?g|png|gif|webp|heic|heif|bmp|tiff?|svg|mp4|mov|avi|webm)\s*$"
    r"|^\s*(?:img|dsc|dscn|dcim|pxl|mvimg|vid|wp|screenshot|image|photo)[\s_-]*\d[\w\s\-.]*$"
    r"|^[\W\d_]+$",
    re.IGNORECASE,
)


@register
class PoorAltText(Rule):
    """Alt text that does not describe the image: it starts "image of", "picture of" or
    "photo of", repeats a file name (IMG_1234.jpg), or is a single word.

    **Why it matters:** a screen reader already says that it is an image, so "image of"
    wastes the listener's time; a file name or one word ("poster") tells them nothing. Good
    alt text says what the image shows and repeats any words in it.

    **Avoid:** alt text "IMG_2041.jpg", "Poster" or "Picture of the lights switch-on".

    **Write instead:** "The Mayor switches on the Christmas lights in the Market Square,
    watched by a crowd of families."
    """

    code = "AX004"
    title = "Alt text that does not describe the image"

    def find(self, post: Post) -> Iterator[Hit]:
        for number, item in enumerate(post.context.media, start=1):
            alt = (item.alt or "").strip()
            if not alt:
                continue  # AX001's finding
            problem = _alt_problem(alt)
            if problem:
                yield Hit(0, 0, f"The alt text of attachment {number} ({alt[:40]!r}) {problem}",
                          Fix(f"Rewrite the alt text of attachment {number}: say what the image "
                              "shows and repeat any words in it."))


def _alt_problem(alt: str) -> str | None:
    if _FILE_NAME.match(alt):
        return "is a file name, which tells a screen-reader user nothing about the image."
    if _REDUNDANT_START.match(alt):
        return ("starts by saying it is an image, which the screen reader already says; "
                "start with what it shows.")
    if len(alt.split()) == 1:
        return "is a single word; describe what the image shows, including any words in it."
    return None


# ---------------------------------------------------------------------------- AX005

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
    return bool(_WORD_CHAR.search(token))


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


# ---------------------------------------------------------------------------- AX006

_BASE = (
    "\U0001F300-\U0001F3FA\U0001F400-\U0001F64F\U0001F680-\U0001F6FF\U0001F7E0-\U0001F7EB"
    "\U0001F900-\U0001F9FF\U0001FA70-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u2B1B\u2B1C"
    "\u231A\u231B\u23E9-\u23F3\u23F8-\u23FA\U0001F004\U0001F0CF\U0001F18E\U0001F191-\U0001F19A"
    "\U0001F201-\U0001F251"
)
_MODIFIERS = "\U0001F3FB-\U0001F3FF\uFE0F\uFE0E\U000E0020-\U000E007F"
_EMOJI = re.compile(
    r"[\U0001F1E6-\U0001F1FF]{2}"  # a flag
    r"|[0-9#*]\uFE0F?\u20E3"  # a keycap
    rf"|[{_BASE}][{_MODIFIERS}]*(?:\u200D[{_BASE}][{_MODIFIERS}]*)*"
)
_MOST_EMOJI = 3
# Words after which an emoji stands for a noun ("bring the 🐶", "join us for 🍕") ...
_BEFORE_NOUN = frozenset("the a an your our my their his her some of for with".split())
# ... and pronouns after which it stands for a verb ("We ❤️ Loughton").
# ("you" is left out: "Thank you 🙏 see you soon" is not a verb.)
_PRONOUNS = frozenset("i we they".split())
_LAST_WORD = re.compile(r"([A-Za-z]+)[ \t]*$")
_NEXT_LETTER = re.compile(r"[ \t]*[A-Za-z]")


@dataclass(frozen=True)
class Use:
    """One emoji, or a run of the same emoji, where it stands in the text."""

    start: int
    end: int
    emoji: str
    count: int


def _uses(text: str) -> list[Use]:
    uses: list[Use] = []
    for match in _EMOJI.finditer(text):
        emoji = match.group()
        if uses and uses[-1].emoji == emoji and not text[uses[-1].end:match.start()].strip():
            last = uses[-1]
            uses[-1] = Use(last.start, match.end(), emoji, last.count + 1)
        else:
            uses.append(Use(match.start(), match.end(), emoji, 1))
    return uses


def _gate(text: str) -> bool:
    """Cheap test: can the text hold an emoji at all?"""
    return not text.isascii()


@register
class EmojiOveruse(Rule):
    """Emoji overuse: the same emoji repeated (🎉🎉🎉), more than three emoji in a post, or an
    emoji standing for a word ("Bring the 🐶", "Join us for 🍕", "We ❤️ Loughton").

    **Why it matters:** screen readers read every emoji out by its name: "🎉🎉🎉" is heard as
    "party popper, party popper, party popper", and "We ❤️ Loughton" as "We red heart
    Loughton". The government's guidance on accessible social media asks for emoji to be
    used sparingly, never repeated and never in place of words.

    **Avoid:** "🎄🎄🎄 Bring the 👨‍👩‍👧 for 🍫 and 🎶!"

    **Write instead:** "Bring the family for hot chocolate and carols! 🎄"
    """

    code = "AX006"
    title = "Emoji overuse"

    def find(self, post: Post) -> Iterator[Hit]:
        text = post.text
        if not _gate(text):
            return
        uses = _uses(text)
        hits = [*self._repeats(uses), *self._for_words(text, uses)]
        if len(uses) > _MOST_EMOJI:
            extra = uses[_MOST_EMOJI]
            total = sum(u.count for u in uses)
            hits.append(Hit(extra.start, extra.end,
                            f"This post has {total} emoji; screen readers read each one out by "
                            f"name, so use no more than {_MOST_EMOJI}.",
                            Fix(f"Keep the {_MOST_EMOJI} emoji that matter most, or none.")))
        yield from sorted(hits, key=lambda h: h.start)

    @staticmethod
    def _repeats(uses: Sequence[Use]) -> Iterator[Hit]:
        for use in uses:
            if use.count > 1:
                yield Hit(use.start, use.end,
                          f"The same emoji {use.count} times in a row is read out {use.count} times "
                          "by a screen reader; use it once.",
                          Fix("Use the emoji once.", use.emoji))

    @staticmethod
    def _for_words(text: str, uses: Sequence[Use]) -> Iterator[Hit]:
        for use in uses:
            before = _LAST_WORD.search(text, max(0, use.start - 30), use.start)
            if before is None:
                continue
            word = before.group(1).lower()
            stands_for_verb = word in _PRONOUNS and _NEXT_LETTER.match(text, use.end)
            if word in _BEFORE_NOUN or stands_for_verb:
                yield Hit(use.start, use.end,
                          f"The emoji stands in place of a word after “{before.group(1)}”; a screen "
                          "reader reads out its name instead, so write the word.",
                          Fix("Write the word, and add the emoji after it if you like."))
