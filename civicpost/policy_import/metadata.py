"""What a policy document says about itself: its title, the council, and the dates it was
adopted, approved, ratified and last reviewed, when it is next due for review and how often it
is reviewed. Dates come out as ISO ``YYYY-MM-DD``, or ``YYYY-MM`` where the document names only
the month ("Approved at Finance & Policy February 2021")."""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, field

from civicpost.policy_import.markers import read_marker
from civicpost.policy_import.model import Paragraph

_MONTHS = {name: number for number in range(1, 13)
           for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())}
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b{_MONTH},?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?\b"),
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>\d{4}|\d{2})(?![\d.])"),
]
# Which date a label introduces. The nearest label before a date (in its sentence) names it;
# "next review" and "review date" are looked for before plain "reviewed".
_LABELS = [
    ("next_review", re.compile(
        r"next\s+review(?:\s+date)?|review\s+date|due\s+for\s+review|review\s+due|date\s+of\s+next\s+review"
        r"|(?:to|will)\s+be\s+reviewed\s+(?:by|in|on|before|no\s+later\s+than)|review\s+by", re.I)),
    ("ratified", re.compile(r"ratified|ratification", re.I)),
    ("approved", re.compile(r"approved|approval", re.I)),
    ("adopted", re.compile(r"adopted|adoption|agreed|resolved|came\s+into\s+(?:force|effect)"
                           r"|effective\s+(?:from|date)|issued", re.I)),
    ("last_reviewed", re.compile(r"(?:last\s+)?reviewed|last\s+review|date\s+of\s+review|revised"
                                 r"|amended|updated", re.I)),
]
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eighteen": 18,
                 "twelve": 12, "twenty four": 24, "twenty-four": 24, "thirty six": 36}
_INTERVAL = re.compile(
    r"\breview\w*\b[^.;]{0,60}?\b(?:every|each)\s+(?:(?P<n>\d{1,2}|one|two|three|four|five|six|twelve"
    r"|eighteen|twenty[- ]four|thirty six)\s+)?(?P<unit>years?|months?)\b", re.I)
_INTERVAL_WORDS = re.compile(
    r"\breview\w*\b[^.;]{0,40}?\b(?P<word>annually|yearly|biennially|every\s+other\s+year)\b"
    r"|\b(?P<annual>annual|biennial)\s+review\b", re.I)
_VERSION = re.compile(r"^(?:version|v\.?|issue)\s*\d+(?:\.\d+)*\.?$", re.I)
_REFERENCE = re.compile(r"^[A-Z]{1,4}(?:/[A-Z]{1,4})+\s+\d{1,2}\.\d{1,2}\.\d{2,4}$")
_COUNCIL = re.compile(
    r"((?:[A-Z][\w'’.-]*)(?:[\s-]+(?:[A-Z][\w'’.-]*|upon|on|in|under|le|de|cum|and|&|by|with|the|next"
    r"|juxta|en|la|sub|super))*?)\s+(Town|Parish|Community|City|Village|Neighbourhood)\s+Council\b")
_NOT_NAMES = frozenset({"the", "this", "our", "your", "each", "any", "a", "every", "full", "that",
                        "whole", "town", "parish", "when", "if", "all", "no", "its", "their"})
_TITLE_WORDS = re.compile(r"polic|protocol|guidance|guideline|note\b|code\b|procedure|strateg|social media"
                          r"|charter|rules\b", re.I)
_SMALL = frozenset("a an and as at by for from in into of on or the to with".split())
_GENERIC_HEADINGS = frozenset({"introduction", "purpose", "scope", "background", "contents", "summary"})


@dataclass
class Metadata:
    title: str | None = None
    council: str | None = None
    document_reference: str = ""
    adopted: str | None = None
    approved: str | None = None
    ratified: str | None = None
    last_reviewed: str | None = None
    next_review: str | None = None
    review_interval_months: int | None = None
    review_due: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)
    """For each date found, the words of the document it was read from."""
    warnings: list[str] = field(default_factory=list)


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every date written in ``text``: (start, end, ISO date), left to right, none overlapping."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []  # an impossible date ("31 February") yields no month either
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            iso = _iso(match)
            if iso:
                found.append((match.start(), match.end(), iso))
    return sorted(found)


def labelled_dates(sentence: str) -> list[tuple[str, str, str]]:
    """(field, ISO date, the words) for each date in ``sentence`` that a label introduces."""
    result = []
    for start, end, iso in find_dates(sentence):
        best: tuple[int, int, str] | None = None
        for name, pattern in _LABELS:
            for match in pattern.finditer(sentence[:start]):
                distance = start - match.end()
                if distance > 60:
                    continue
                rank = (match.end(), match.end() - match.start())
                if best is None or rank > best[:2]:
                    best = (rank[0], rank[1], name)
        if best is not None:
            label_start = sentence.rfind(" ", 0, max(0, best[0] - best[1])) + 1
            result.append((best[2], iso, sentence[label_start:end].strip()))
    return result


def review_interval(text: str) -> tuple[int, str] | None:
    """Months between reviews, and the words that say so ("reviewed every 2 years")."""
    match = _INTERVAL.search(text)
    if match:
        raw = (match.group("n") or "one").lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw.replace("-", " "), 0)
        months = n * 12 if match.group("unit").lower().startswith("year") else n
        if months:
            return months, match.group(0)
    match = _INTERVAL_WORDS.search(text)
    if match:
        word = (match.group("word") or match.group("annual") or "").lower()
        months = 24 if word.startswith("bienn") or "other" in word else 12
        return months, match.group(0)
    return None


def is_metadata_sentence(sentence: str) -> bool:
    """A sentence that only records the document's dates, version or reference: it is metadata,
    not a clause ("Adopted: 12 March 2019", "Version 2.1.", "PB/MS 8.7.19")."""
    text = sentence.strip()
    if _VERSION.match(text) or _REFERENCE.match(text):
        return True
    words = len(text.split())
    if not words or words > 16 or not find_dates(text):
        return False
    if labelled_dates(text):
        return True
    return words <= 4  # a bare date under the text, as a dated signature


def extract_metadata(paragraphs: list[Paragraph], furniture: list[str] | None = None
                     ) -> tuple[Metadata, set[int]]:
    """The document's metadata, and the paragraphs that hold nothing but metadata (the title
    block, date lines, date tables), which are therefore not clauses."""
    meta = Metadata()
    consumed = _title_block(paragraphs, meta)
    rows: dict[tuple[int, int], list[int]] = {}
    for index, paragraph in enumerate(paragraphs):
        if paragraph.cell:
            rows.setdefault(paragraph.cell[:2], []).append(index)
    for indices in rows.values():
        line = " ".join(paragraphs[i].text for i in indices)
        if len(line.split()) <= 12 and labelled_dates(line):
            consumed.update(indices)
    for index, paragraph in enumerate(paragraphs):
        if paragraph.cell and index not in consumed:
            continue
        line = paragraph.text if not paragraph.cell else " ".join(
            paragraphs[i].text for i in rows[paragraph.cell[:2]])
        _read_dates(line, meta, paragraph.cell is not None)
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", paragraph.text) if s.strip()]
        if sentences and all(is_metadata_sentence(s) for s in sentences):
            consumed.add(index)
            if _REFERENCE.match(paragraph.text.strip()) and not meta.document_reference:
                meta.document_reference = paragraph.text.strip()
    if meta.council is None:
        meta.council = _council_anywhere([p.text for p in paragraphs] + list(furniture or []))
    _settle_dates(meta)
    return meta, consumed


def _read_dates(line: str, meta: Metadata, is_row: bool) -> None:
    for sentence in re.split(r"(?<=[.!?])\s+", line):
        for name, iso, words in labelled_dates(sentence):
            if getattr(meta, name) is None:
                setattr(meta, name, iso)
                meta.evidence[name] = words
        if len(sentence.split()) <= 4 and _REFERENCE.match(sentence.strip()):
            dates = find_dates(sentence)
            if dates and "dated" not in meta.evidence:
                meta.evidence["dated"] = sentence.strip()
                meta.evidence["_dated_iso"] = dates[0][2]
        interval = review_interval(sentence)
        if interval and meta.review_interval_months is None:
            meta.review_interval_months, meta.evidence["review_interval_months"] = interval


def _settle_dates(meta: Metadata) -> None:
    dated = meta.evidence.pop("_dated_iso", None)
    if dated and not (meta.adopted or meta.approved or meta.ratified):
        meta.adopted = dated
        meta.evidence["adopted"] = meta.evidence.pop("dated")
        meta.warnings.append(f"the document records no adoption date, only '{meta.evidence['adopted']}'"
                             ": taken as the date it was adopted; check it")
    meta.evidence.pop("dated", None)
    if meta.next_review:
        meta.review_due = meta.next_review
        return
    stated = [d for d in (meta.last_reviewed, meta.ratified, meta.approved, meta.adopted) if d]
    if stated and meta.review_interval_months:
        meta.review_due = add_months(max(stated, key=_sort_key), meta.review_interval_months)


def add_months(date: str, months: int) -> str:
    """``YYYY-MM`` or ``YYYY-MM-DD`` plus a number of months, keeping the form it came in."""
    year, month = int(date[:4]), int(date[5:7])
    total = year * 12 + month - 1 + months
    year, month = divmod(total, 12)
    if len(date) == 7:
        return f"{year:04d}-{month + 1:02d}"
    day = min(int(date[8:10]), calendar.monthrange(year, month + 1)[1])
    return f"{year:04d}-{month + 1:02d}-{day:02d}"


def _sort_key(date: str) -> str:
    return date if len(date) == 10 else f"{date}-99"


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    month_raw = (groups.get("month") or "").lower().rstrip(".")
    month = int(month_raw) if month_raw.isdigit() else _MONTHS.get(month_raw, 0)
    year = int(groups["year"])
    if year < 100:
        year += 2000
    if not 1 <= month <= 12 or not 1990 <= year <= 2100:
        return None
    day_raw = groups.get("day")
    if not day_raw:
        return f"{year:04d}-{month:02d}"
    day = int(day_raw)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _title_block(paragraphs: list[Paragraph], meta: Metadata) -> set[int]:
    """The lines a document opens with before its first section: council name and title."""
    lines: list[tuple[int, str, bool]] = []
    first_level = 0
    for index, paragraph in enumerate(paragraphs[:8]):
        text = " ".join(paragraph.text.replace("**", "").split())
        if paragraph.cell:
            break
        if is_metadata_sentence(text) or all(is_metadata_sentence(s) for s in
                                              re.split(r"(?<=[.!?])\s+", text) if s):
            continue
        if read_marker(text).kind:
            break
        if paragraph.heading_level:
            first_level = first_level or paragraph.heading_level
            if paragraph.heading_level > first_level:
                break
        elif len(text.split()) > 14 or text.endswith((".", ";", "!", "?")) or (
                lines and not paragraph.gap_before and not paragraph.heading_level
                and len(text.split()) > 10):
            break
        # One council line and one title line at most: a further heading-like line is the
        # first section's heading ("Posting for the Council"), not part of the title.
        is_council = _council_in(_smart_case(text)) is not None
        council_seen = any(council for _, _, council in lines)
        title_seen = any(_TITLE_WORDS.search(t) for _, t, council in lines if not council)
        if lines and not ((is_council and not council_seen) or (not is_council and not title_seen)):
            break
        lines.append((index, text, is_council))
    if len(lines) == 1 and lines[0][1].lower().rstrip(":") in _GENERIC_HEADINGS:
        return set()
    council_line = next((i for i, _, council in lines if council), None)
    if council_line is not None:
        meta.council = _council_in(_smart_case(dict((i, t) for i, t, _ in lines)[council_line]))
    titles = [(i, t) for i, t, council in lines if not council]
    chosen = next(((i, t) for i, t in titles if _TITLE_WORDS.search(t)), titles[0] if titles else None)
    if chosen is None and council_line is not None:
        text = dict((i, t) for i, t, _ in lines)[council_line]
        if _TITLE_WORDS.search(text):
            chosen = (council_line, text)
    if chosen is not None:
        meta.title = _smart_case(chosen[1]).rstrip(":").strip()
    return {i for i, _, _ in lines}


def _council_in(text: str) -> str | None:
    for match in _COUNCIL.finditer(text):
        name = match.group(1)
        words = name.split()
        while words and words[0].lower() in _NOT_NAMES:
            words = words[1:]
        if words:
            return f"{' '.join(words)} {match.group(2)} Council"
    return None


def _council_anywhere(texts: list[str]) -> str | None:
    names: Counter[str] = Counter()
    for text in texts:
        for match in _COUNCIL.finditer(_smart_case(text)):
            words = match.group(1).split()
            while words and words[0].lower() in _NOT_NAMES:
                words = words[1:]
            if words:
                names[f"{' '.join(words)} {match.group(2)} Council"] += 1
    return names.most_common(1)[0][0] if names else None


def _smart_case(text: str) -> str:
    """A line in capitals in title case ("SOCIAL MEDIA POLICY FOR STAFF" → "Social Media
    Policy for Staff"); any other line as it is. Short unknown words stay in capitals (LTC)."""
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return text
    from civicpost.policy_import.cleaning import _common_words

    common = _common_words()
    words = []
    for position, word in enumerate(text.split()):
        lower = word.lower()
        bare = re.sub(r"\W", "", lower)
        if position and bare in _SMALL:
            words.append(lower)
        elif len(bare) <= 4 and bare not in common and bare not in _SMALL and bare.isalpha():
            words.append(word)
        else:
            words.append(lower[:1].upper() + lower[1:])
    return " ".join(words)
