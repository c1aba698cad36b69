"""Cleaning the noise that PDF text extraction (and text pasted from a PDF) leaves behind:
running headers and footers repeated on each page, page numbers ("Page 3 of 7", "- 3 -"),
words hyphenated across line ends, hard line breaks inside sentences, ligatures (ﬁ, ﬂ),
bullets that come out as odd glyphs, and doubled spaces.

What is left is the document's own words: clause text is quoted from it verbatim.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from civicpost.policy_import.markers import starts_with_marker
from civicpost.policy_import.model import Paragraph

_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
# Bullets as PDF extraction often renders them: private-use Symbol and Wingdings code points,
# and shapes that only ever mean "a bullet" at the start of a line.
_ODD_BULLETS = ("\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0e8"
                "\u25cf\u25aa\u25a0\u25e6\u25cb\u25ba\u27a2\u2023\u2043\u2219\u00b7")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.?)?\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$|^[-–—]\s*\d{1,3}\s*[-–—]$|^[\[(]\s*\d{1,3}\s*[\])]$",
    re.IGNORECASE)
_TERMINAL = (".", "!", "?", ":", ";", "”", "’", "\"", "'", ")")
_HYPHEN_PREFIXES = frozenset({"pre", "post", "non", "co", "anti", "self", "ex", "e", "re", "multi",
                              "cross", "semi", "well", "x", "pro", "counter", "over", "under"})


@dataclass(frozen=True)
class PdfLine:
    """A line of text on a PDF page and where it is: x from the left, y from the bottom."""

    text: str
    x: float
    y: float
    size: float
    page: int


def clean_glyphs(text: str) -> str:
    """Ligatures spelt out, invisible characters dropped, an odd bullet glyph at the start made
    "•", and every run of spaces made one."""
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    text = text.translate(_INVISIBLE)
    stripped = text.lstrip()
    if stripped[:1] and (stripped[0] in _ODD_BULLETS or _is_stray_symbol(stripped)):
        text = "• " + stripped[1:].lstrip()
    return _SPACES.sub(" ", text).strip()


def _is_stray_symbol(text: str) -> bool:
    """A lone control, private-use or symbol character before the words of a line: a bullet
    whose font the extraction could not map (it often comes out as U+007F or U+F0xx)."""
    first = text[0]
    return (len(text) > 2 and text[1] == " " and text[2].isalpha() and first not in "©®™°"
            and unicodedata.category(first) in ("Cc", "Co", "So", "Sm"))


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def remove_page_furniture(pages: list[list[PdfLine]]) -> tuple[list[list[PdfLine]], list[str]]:
    """Drop running headers and footers (lines at the top or bottom of at least half the pages,
    the same but for their numbers) and page numbers. Returns the pages and what was dropped."""
    def key(line: PdfLine) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))

    edge = 3
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({key(line) for line in page[:edge] + page[-edge:]})
    threshold = max(2, (len(pages) + 1) // 2)
    running = {k for k, count in seen.items() if count >= threshold}
    kept_pages: list[list[PdfLine]] = []
    dropped: list[str] = []
    for page in pages:
        edges = {id(line) for line in page[:edge] + page[-edge:]}
        kept = []
        for line in page:
            at_edge = id(line) in edges
            if at_edge and (key(line) in running or is_page_number(line.text)):
                dropped.append(line.text)
                continue
            kept.append(line)
        kept_pages.append(kept)
    return kept_pages, dropped


def join_lines(left: str, right: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Two lines of one paragraph as one: a word hyphenated across the break is put back
    together unless its hyphen is its own (``log-in``, ``pre-election``)."""
    left, right = left.rstrip(), right.lstrip()
    match = re.search(r"(\w+)-$", left)
    if match and re.match(r"[^\W\d_]{2}", right) and right[:1].islower() and not left.endswith("--"):
        first = match.group(1)
        second = re.match(r"[\w'’]+", right)
        tail = second.group(0) if second else ""
        joined, hyphened = (first + tail).lower(), f"{first}-{tail}".lower()
        if _keeps_hyphen(first.lower(), tail.lower(), joined, hyphened, vocabulary):
            return left + right
        return left[:-1] + right
    return f"{left} {right}"


def _keeps_hyphen(first: str, tail: str, joined: str, hyphened: str, vocabulary: frozenset[str]) -> bool:
    if joined in vocabulary:
        return False
    if hyphened in vocabulary:
        return True
    common = _common_words()
    if joined in common or joined.rstrip("s") in common:
        return False
    return first in _HYPHEN_PREFIXES or (first in common and tail in common)


@cache
def _common_words() -> frozenset[str]:
    # The engine's list of common English words (kept for splitting hashtags) doubles as a
    # small dictionary here: enough to tell "em-ployees" from "log-in".
    from civicpost.engine.lexicons import load_terms

    return frozenset(load_terms("ax_words"))


def vocabulary_of(lines: list[str]) -> frozenset[str]:
    """Every word of the document as written, hyphenated words included, in lower case."""
    words: set[str] = set()
    for line in lines:
        for word in re.findall(r"[\w'’]+(?:-[\w'’]+)*", line.lower()):
            words.add(word)
            words.update(word.split("-"))
    return frozenset(words)


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def mend_broken_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Join lines that a hard line break or a page break split out of one paragraph.

    A line joins the one before it when it starts with a small letter and is not a list point,
    and the one before does not end its sentence; with no blank line between them, also when the
    line before is as long as the document's wrapped lines are (it ran to the margin).
    """
    if not paragraphs:
        return []
    lengths = sorted(len(p.text) for p in paragraphs)
    wrap_width = lengths[int(len(lengths) * 0.9)] if len(lengths) >= 5 else 0
    vocabulary = vocabulary_of([p.text for p in paragraphs])
    mended: list[Paragraph] = [paragraphs[0]]
    for paragraph in paragraphs[1:]:
        previous = mended[-1]
        if _continues(previous, paragraph, wrap_width):
            previous.text = join_lines(previous.text, paragraph.text, vocabulary)
            continue
        mended.append(paragraph)
    return mended


def _continues(previous: Paragraph, paragraph: Paragraph, wrap_width: int) -> bool:
    if previous.heading_level or paragraph.heading_level or previous.cell or paragraph.cell:
        return False
    if paragraph.list_label or starts_with_marker(paragraph.text) or ends_sentence(previous.text):
        return False
    if paragraph.text[:1].islower():
        return True
    ran_to_margin = wrap_width >= 40 and len(previous.text) >= 0.8 * wrap_width
    return not paragraph.gap_before and ran_to_margin and previous.text[-1:].isalnum()


def paragraphs_from_pages(pages: list[list[PdfLine]], warnings: list[str],
                          furniture: list[str] | None = None) -> list[Paragraph]:
    """The paragraphs of a PDF: furniture removed, glyphs cleaned, lines joined into
    paragraphs at the gaps and indents the layout shows."""
    pages = [[PdfLine(clean_glyphs(line.text), line.x, line.y, line.size, line.page)
              for line in page if clean_glyphs(line.text)] for page in pages]
    pages, dropped = remove_page_furniture(pages)
    if furniture is not None:
        furniture.extend(dropped)
    if dropped:
        warnings.append(f"left out {len(dropped)} running header, footer and page-number lines")
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    gaps = [a.y - b.y for page in pages for a, b in zip(page, page[1:], strict=False)
            if 0 < a.y - b.y < 3 * max(a.size, 1.0)]
    # The space between the lines of one paragraph: the low end of all the gaps, since a policy
    # of short points has nearly as many paragraph breaks as line breaks.
    line_gap = sorted(gaps)[len(gaps) // 5] if gaps else 14.0
    margin = Counter(round(line.x) for line in lines).most_common(1)[0][0]
    lengths = sorted(len(line.text) for line in lines)
    full = lengths[int(len(lengths) * 0.9)] if lengths else 0
    vocabulary = vocabulary_of([line.text for line in lines])
    paragraphs: list[Paragraph] = []
    previous: PdfLine | None = None
    bullet_x: float | None = None  # where the bullet of the paragraph being read sits
    for line in lines:
        indent = max(0, round((line.x - margin) / 7.2))
        new_page = previous is not None and line.page != previous.page
        gap = previous is None or (not new_page and previous.y - line.y > 1.45 * line_gap)
        # A bulleted point's later lines hang to the right of its bullet; a line back under
        # the bullet is the next paragraph.
        outdented = bullet_x is not None and line.x <= bullet_x + 3
        starts = gap or outdented or starts_with_marker(line.text) or previous is None
        if not starts and previous is not None:
            short = len(previous.text) < 0.7 * full and ends_sentence(previous.text)
            heading_like = not ends_sentence(previous.text) and len(previous.text) < 0.5 * full \
                and not line.text[:1].islower()
            # Across a page break a paragraph goes on only where its sentence plainly does.
            broken = new_page and (ends_sentence(previous.text) or not (
                line.text[:1].islower() or len(previous.text) >= 0.8 * full))
            starts = short or heading_like or broken
        if starts:
            paragraphs.append(Paragraph(text=line.text, indent=indent, gap_before=gap or new_page))
            bullet_x = line.x if line.text.startswith("• ") else None
        else:
            paragraphs[-1].text = join_lines(paragraphs[-1].text, line.text, vocabulary)
        previous = line
    return paragraphs
