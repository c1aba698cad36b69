"""PD001 telephone numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.personal_data.contacts import (
    _SENTENCE_END,
    _alternation,
    _council_contacts,
    _e164,
)
from civicpost.engine.text import ascii_twin

# A run of digits and the punctuation people put in phone numbers. Cheap and linear (it starts
# with a character class, which the regex engine scans for quickly), and it keeps the
# phonenumbers matcher (costly) for the few runs that could be a number.
_PHONE_RUN = re.compile(r"[(+\d][\d ().+\-]{8,60}")
# The same for text that is all ASCII, nearly every post: twice as quick over a whole post.
_ASCII_PHONE_RUN = ascii_twin(_PHONE_RUN)
_DIGIT = re.compile(r"\d")
_NON_DIGIT = re.compile(r"\D")
_NUMBER_LABEL = re.compile(
    r"(?<![a-z0-9])(?:" + _alternation(load_terms("pd_number_labels")) + r")"
    r"\.?\s*(?:no\.?|nos\.?|number|num|ref\.?|reference|id|#)?\s*[:.#\-]?\s*$")
_PUBLIC_LINE = re.compile(
    r"(?<![a-z0-9])(?:" + _alternation(load_terms("pd_public_lines")) + r")(?:['’]s)?"
    r"(?![a-z0-9])[^.!?\n]{0,30}$")
_ORGANISATION = re.compile(
    r"(?<![a-z0-9])(?:" + _alternation(load_terms("pd_organisation_words")) + r")(?![a-z0-9])")
_PERSONAL_MARKER = re.compile(r"(?<![a-z])(?:home|mobile|personal|private|my|his|her)(?![a-z])")
# The Ofcom ranges set aside for drama and examples; phonenumbers reads some as unallocated,
# but a post that uses one is still publishing a phone number.
_DRAMA = ("7700900", "1632960")


@dataclass(frozen=True)
class _Phone:
    start: int
    end: int
    kind: str  # mobile, landline, non-geographic, international


def _phones(post: Post) -> list[_Phone]:
    folded = post.folded.text
    found: list[_Phone] = []
    seen_end = -1
    for run in (_ASCII_PHONE_RUN if folded.isascii() else _PHONE_RUN).finditer(folded):
        if len(_DIGIT.findall(run.group())) < 10:
            continue
        for offset, length, kind in _numbers_in(run.group()):
            start = run.start() + offset
            end = start + length
            if start < seen_end:
                continue
            if _stands_alone(folded, start, end) and not _is_labelled(folded, start):
                found.append(_Phone(start, end, kind))
                seen_end = end
    return found


@lru_cache(maxsize=2048)
def _numbers_in(run: str) -> tuple[tuple[int, int, str], ...]:
    """(offset, length, kind) of each phone number in a run of digits and punctuation.
    Cached: the matcher is the costly part, and long texts repeat the same numbers."""
    found = []
    for match in PhoneNumberMatcher(run, "GB", leniency=Leniency.POSSIBLE, max_tries=20):
        start, end, raw = match.start, match.end, match.raw_string
        if run[start] == "(" and raw.count("(") > raw.count(")"):
            start += 1  # "Contact Jean (07700 900123)": the bracket is the sentence's
        kind = _phone_kind(raw, match.number)
        if kind:
            found.append((start, end - start, kind))
    return tuple(found)


def _phone_kind(raw: str, number: phonenumbers.PhoneNumber) -> str | None:
    """What kind of number ``raw`` is, or None when it is not written like a phone number."""
    digits = _NON_DIGIT.sub("", raw)
    international = raw.lstrip("( ").startswith("+") or digits.startswith("00")
    if number.country_code != 44:
        # Foreign numbers only when written with their country code: "+33 1 23 45 67 89".
        return "international" if international and phonenumbers.is_valid_number(number) else None
    if not (international or (digits.startswith("0") and not digits.startswith("00"))):
        return None  # a UK number is written with its 0 or +44; "2024 1234567" is not one
    national = phonenumbers.national_significant_number(number)
    if not (phonenumbers.is_valid_number(number) or national.startswith(_DRAMA)
            or (len(national) == 10 and national[0] in "1235789")):
        return None
    if national.startswith("7") and not national.startswith(("70", "76")):
        return "mobile"
    if national[0] in "12":
        return "landline"
    return "non-geographic"


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Not a piece of a longer code, date or reference ("EPF/0123/2024", "ab01234567890")."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or after.isalnum() or before == "/" or after == "/":
        return False
    if before in ".:-," and start >= 2 and text[start - 2].isdigit():
        return False
    return not (after in ".:-," and end + 1 < len(text) and text[end + 1].isdigit())


def _is_labelled(text: str, start: int) -> bool:
    """A reference number introduced as one: "Case ref: 0123 456 7890"."""
    return _NUMBER_LABEL.search(text, max(0, start - 30), start) is not None


def _is_public_line(text: str, phone: _Phone) -> bool:
    """A landline introduced as an office's line ("call the Council Offices on …"), or an
    03/08 number (which private people do not have) in a sentence naming an organisation."""
    if phone.kind not in ("landline", "non-geographic"):
        return False
    before = text[max(0, phone.start - 60):phone.start]
    ends = list(_SENTENCE_END.finditer(before))
    clause = before[ends[-1].end():] if ends else before
    if _PERSONAL_MARKER.search(clause):
        return False
    if _PUBLIC_LINE.search(clause):
        return True
    if phone.kind != "non-geographic":
        return False
    after = text[phone.end:phone.end + 60]
    stop = _SENTENCE_END.search(after)
    return bool(_ORGANISATION.search(clause) or _ORGANISATION.search(after[:stop.start()] if stop else after))


def _own_number(post: Post, phone: _Phone) -> bool:
    own = _council_contacts(post).phones
    return bool(own) and _e164(post.folded.text[phone.start:phone.end]) in own


_PHONE_WHY = {
    "mobile": "A mobile phone number",
    "landline": "A phone number",
    "non-geographic": "A phone number",
    "international": "An international phone number",
}


@register
class PhoneNumber(Rule):
    """A telephone number: mobile, landline, 03/08 or international, in any common layout
    (07700 900123, +44 (0)7700 900 123, (01234) 567890, 020-7946-0958).

    **Why it matters:** the policy says never give out personal details such as telephone
    numbers. A number in a post is copied and kept forever. Not flagged: the council's own
    numbers listed in its contacts (in any layout), a landline introduced as the office's
    ("call the Council Offices on 01992 564000"), an 03 or 08 number in a sentence that names
    an organisation or service ("Essex Highways: 0345 603 7631"), and numbers that are dates,
    times, prices or references. A mobile number is always flagged unless it is in the contacts.

    **Avoid:** "For a lift to the lunch club ring Jean on 07700 900123."

    **Write instead:** "For a lift to the lunch club call the Town Council on 01992 564000."
    """

    code = "PD001"
    title = "Phone number"

    def find(self, post: Post) -> Iterator[Hit]:
        folded = post.folded.text
        for phone in _phones(post):
            if _own_number(post, phone) or _is_public_line(folded, phone):
                continue
            start, end = post.span_of(phone.start, phone.end)
            yield Hit(start, end,
                      f"{_PHONE_WHY[phone.kind]}: never publish a personal number. If this is the "
                      "council's own number, add it to the council's contacts.",
                      Fix("Remove the number, or give the council's own number instead.",
                          "[phone number removed]"))
