"""PD personal data: "Never give out personal details such as home address and telephone
numbers", handle personal or sensitive information in line with data protection law, and be
aware of safeguarding (Loughton §3).

The rules find telephone numbers, e-mail addresses, home addresses, postcodes, National
Insurance numbers, dates of birth, vehicle registrations, private people named beside
sensitive details, and photographs of people without recorded consent. The council's own
contacts are never flagged: list its phone numbers, e-mail domains and address in
``context.council_contacts``. A few everyday signs of council business also stay clear
without the register: a role mailbox (``clerk@``, ``info@``) at the council's or an
organisation's domain, a landline introduced as the office's (``call the Council Offices on
…``), and the address or postcode of a named venue (``Lopping Hall, 205 High Road``).

A postcode that ends a home address is reported once, by PD003 (the whole address, postcode
included); PD004 reports only postcodes that stand apart from any street address.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_pairs, load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register


def _alternation(terms: tuple[str, ...] | list[str]) -> str:
    """Longest first, so that "number plate" wins over "plate"."""
    return "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))


def _in_link_or_handle(text: str, start: int) -> bool:
    """Inside a web address, an @handle or a #hashtag: "http://t.co/LB274Gh", "@TB12FAN"."""
    if start == 0 or text[start - 1].isspace():
        return False
    words = text[max(0, start - 200):start].split()
    before = words[-1] if words else ""
    return before.startswith(("@", "#")) or "://" in before or "www." in before or "/" in before


# --- the council's own contacts --------------------------------------------------------


@dataclass(frozen=True)
class _Contacts:
    """``context.council_contacts`` sorted into what each rule compares against."""

    phones: frozenset[str]  # E.164
    emails: frozenset[str]
    domains: tuple[str, ...]
    texts: tuple[str, ...]  # addresses and anything else, normalised by _squash


_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://")
_DOMAIN_ONLY = re.compile(r"^@?(?:www\.)?([a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9\-]+)+)/?")
_SQUASH = re.compile(r"[^a-z0-9]+")


def _squash(text: str) -> str:
    """Lower case, letters and digits only: "205 High Road," and "205, high road" agree."""
    return _SQUASH.sub("", text.lower())


@lru_cache(maxsize=64)
def _contacts(entries: tuple[str, ...]) -> _Contacts:
    phones, emails, domains, texts = set(), set(), [], []
    for raw in entries:
        entry = raw.strip().lower()
        if not entry:
            continue
        if sum(c.isdigit() for c in entry) >= 9 and "@" not in entry:
            # "01992 564000", "+44 1992 564000", "Tel: 01992 564000"
            number = _e164(_LABEL.sub("", entry))
            if number:
                phones.add(number)
                continue
        if "@" in entry and not entry.startswith("@"):
            emails.add(entry.removeprefix("mailto:"))
            continue
        bare = _SCHEME.sub("", entry)
        domain = _DOMAIN_ONLY.match(bare) if " " not in bare else None
        if domain:
            domains.append(domain.group(1))
        else:
            texts.append(_squash(entry))
    return _Contacts(frozenset(phones), frozenset(emails), tuple(domains), tuple(texts))


_LABEL = re.compile(r"^[a-z .]*:?\s*")


@lru_cache(maxsize=4096)
def _e164(written: str) -> str | None:
    """A UK or international number in E.164 form, or None when it is not one."""
    try:
        number = phonenumbers.parse(written, "GB")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _council_contacts(post: Post) -> _Contacts:
    return _contacts(tuple(post.context.council_contacts))


# --- PD001 telephone numbers -----------------------------------------------------------

# A run of digits and the punctuation people put in phone numbers. Cheap and linear (it starts
# with a character class, which the regex engine scans for quickly), and it keeps the
# phonenumbers matcher (costly) for the few runs that could be a number.
_PHONE_RUN = re.compile(r"[(+\d][\d ().+\-]{8,60}")
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
    for run in _PHONE_RUN.finditer(folded):
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


# --- PD002 e-mail addresses ------------------------------------------------------------

# An address is found from its "@": the domain forwards, the local part backwards. The
# look-behind lets a local part start only where a token starts, so a long run of letters
# before an "@" is tried once, not once per letter.
_LOCAL_PART = re.compile(r"(?<![a-z0-9._%+\-'])[a-z0-9][a-z0-9._%+\-']{0,63}$")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![a-z0-9\-])")
# "jane.smith [at] gmail [dot] com", written to dodge address harvesters.
_EMAIL_SPELT = re.compile(
    r"(?<![a-z0-9._%+\-])([a-z0-9][a-z0-9._%+\-]{0,63})\s?[\[(]\s?at\s?[\])]\s?"
    r"([a-z0-9\-]{1,63}(?:\s?(?:\.|[\[(]\s?dot\s?[\])])\s?[a-z0-9\-]{1,63}){1,4})(?![a-z0-9])")
_SPELT_DOT = re.compile(r"\s?(?:\.|[\[(]\s?dot\s?[\])])\s?")
_FREE_MAIL = frozenset(load_terms("pd_free_mail"))
_ROLE_MAILBOXES = frozenset(load_terms("pd_role_mailboxes"))
_SECOND_LEVEL = frozenset({"co", "org", "gov", "ac", "me", "ltd", "plc", "net", "sch", "nhs",
                           "police", "mod", "com"})
_MAILBOX_SEPARATORS = re.compile(r"[._\-]")


def _provider(domain: str) -> str:
    """The name a domain is registered under: "hotmail" for hotmail.co.uk."""
    labels = domain.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else labels[0]


def _within(domain: str, parent: str) -> bool:
    return domain == parent or domain.endswith("." + parent)


def _email_verdict(local: str, domain: str, contacts: _Contacts) -> str | None:
    """Why an address is flagged ("free", "other"), or None for the council's own."""
    if f"{local}@{domain}" in contacts.emails:
        return None
    if any(_within(domain, parent) for parent in contacts.domains):
        return None
    if _provider(domain) in _FREE_MAIL:
        return "free"
    mailbox = _MAILBOX_SEPARATORS.sub("", local)
    if mailbox in _ROLE_MAILBOXES:
        return None  # clerk@, info@ at an organisation's own domain: business, not personal
    return "other"


def _emails(folded: str) -> list[tuple[int, int, str, str]]:
    """(start, end, local part, domain) of every address in the folded text, in order."""
    found: list[tuple[int, int, str, str]] = []
    at = folded.find("@")
    while at != -1:
        domain = _DOMAIN.match(folded, at + 1)
        local = _LOCAL_PART.search(folded, max(0, at - 64), at) if domain else None
        if domain and local:
            found.append((local.start(), domain.end(), local.group(), domain.group()))
        at = folded.find("@", at + 1)
    if "at)" in folded or "at]" in folded or "at )" in folded or "at ]" in folded:
        found.extend((m.start(), m.end(), m.group(1), _SPELT_DOT.sub(".", m.group(2)))
                     for m in _EMAIL_SPELT.finditer(folded))
    return sorted(found)


@register
class EmailAddress(Rule):
    """An e-mail address that is not the council's own.

    **Why it matters:** a person's e-mail address is personal data, and officers must use
    council e-mail addresses only (Loughton §3). Addresses at a free e-mail service (Gmail,
    Hotmail, Outlook, Yahoo, BT Internet, iCloud …) are always flagged. Not flagged: the
    council's addresses and domains listed in its contacts, and a role mailbox (``clerk@``,
    ``info@``, ``enquiries@``) at a council's or organisation's own domain.

    **Avoid:** "Send your entries to jean.harris@hotmail.co.uk."

    **Write instead:** "Send your entries to clerk@loughton-tc.gov.uk."
    """

    code = "PD002"
    title = "E-mail address"

    def find(self, post: Post) -> Iterator[Hit]:
        contacts = _council_contacts(post)
        for start, end, local, domain in _emails(post.folded.text):
            verdict = _email_verdict(local, domain, contacts)
            if verdict is None:
                continue
            if verdict == "free":
                message = (f"A personal e-mail address ({domain} is a free e-mail service, not "
                           "the council's): never publish a private address, and officers use "
                           "council e-mail addresses only.")
            else:
                message = ("An e-mail address that is not one of the council's own: a person's "
                           "address is personal data. If it is the council's, add its domain to "
                           "the council's contacts.")
            begin, finish = post.span_of(start, end)
            yield Hit(begin, finish, message,
                      Fix("Remove the address, or give the council's own address instead.",
                          "[email address removed]"))


# --- PD003 postal addresses and PD004 postcodes ----------------------------------------

_POSTCODE_BODY = (
    r"(?:gir ?0aa|[a-pr-uwyz](?:[0-9]{1,2}|[0-9][abcdefghjkpstuw]|[a-hk-y][0-9]{1,2}"
    r"|[a-hk-y][0-9][abehmnprvwxy])[ \t]{0,2}[0-9][abd-hjlnp-uw-z]{2})")
_POSTCODE = re.compile(rf"(?<![a-z0-9_@#]){_POSTCODE_BODY}(?![a-z0-9_])")
_AREAS = frozenset(load_terms("pd_postcode_areas"))
_AREA = re.compile(r"[a-z]+")


def _real_postcode(written: str) -> bool:
    """Starts with a real postcode area, and is written in one case ("IG10 4LF", "ig10 4lf"):
    "Hu27le" or "M94Rx" are words or user names, not postcodes."""
    area = _AREA.match(written.lower())
    if area is None or (area.group() not in _AREAS and not written.lower().startswith("gir")):
        return False
    return written.isupper() or written.islower()


# Every postcode ends in a digit and two letters; looking for that first is cheap.
_INWARD = re.compile(r"\d[abd-hjlnp-uw-z]{2}(?![a-z0-9])")
_ORDINAL_TAIL = re.compile(r"(?:1st|2nd|3rd|[04-9]th)$")
_SUFFIXES = _alternation(load_terms("pd_street_suffixes"))
_NAME_WORD = r"[A-Z][A-Za-z'’\-]*\.?"
# A house number (with "Flat 3," before it, a letter or a range after it), one to three
# capitalised words, and a street word: "12 Smith Close", "Flat 3, 27 High Road".
# It starts with the digit, its look-behind after it, so that the engine scans for digits
# quickly; a "Flat 3," before the number is picked up by _FLAT_BEFORE.
_ADDRESS = re.compile(
    r"(?P<number>\d(?<![\w/£$€.:\-]\d)\d{0,2}[A-Za-z]?(?:[ \t]*[-–][ \t]*\d{1,3}[A-Za-z]?)?),?[ \t]+"
    rf"(?:{_NAME_WORD}[ \t]+){{1,3}}?(?=[A-Z])(?i:{_SUFFIXES})(?![\w’'])")
_FLAT_BEFORE = re.compile(r"(?:Flat|FLAT|Apartment|Apt\.?)[ \t]+\d{1,3}[A-Za-z]?,?[ \t]+$")
_FLAT_WORDS = ("Flat", "FLAT", "Apartment", "Apt")
_FLAT_IN_BUILDING = re.compile(
    r"(?<![\w/])(?:Flat|FLAT|Apartment|Apt\.?)[ \t]+\d{1,3}[A-Za-z]?,?[ \t]+"
    rf"(?:{_NAME_WORD}[ \t]+){{1,3}}?(?i:Court|House|Lodge|Mansions|Tower|Apartments|Buildings)"
    r"(?![\w’'])")
# What may lie between a street and its postcode: a comma and a town or county.
_ADDRESS_TAIL = re.compile(
    rf"[ \t]*[,\n]?[ \t\n]*(?:[A-Z][A-Za-z'’\-]+,?[ \t\n]+){{0,3}}?"
    rf"(?i:(?P<postcode>{_POSTCODE_BODY}))"
    r"(?![A-Za-z0-9])")
_RANGE_BEFORE = re.compile(
    r"(?:\d{1,3}[A-Za-z]?[ \t]*(?:-|–|to|and|&)|\b(?:[Nn]os\.?|[Nn]umbers))[ \t]*$")
_LOCATION_BEFORE = re.compile(
    r"(?<![a-z])(?:outside|opposite|o/s|adjacent to|near|junction (?:with|of)|corner of)[ \t]*$",
    re.IGNORECASE)
_VENUES = frozenset(load_terms("pd_venue_words"))
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_SEGMENT = re.compile(r"[,:;(]")
_LAST_WORD = re.compile(r"(?<![\w'’])[A-Z][\w'’\-]*[ \t]*$")
# "The new community hub is at 20 Market Square": a venue named, then linked to the address.
_VENUE_LINK = re.compile(
    r"\b(?:the|our|a|new)\s+(?:[a-z]+\s+){0,2}?(?P<venue>[a-z]+)"
    r"(?:\s+(?:is|are|will|be|has|have|now|moved|moving|to|located|based|open|opens|reopens|at))+\s*$")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class _Address:
    start: int
    end: int  # the end of the postcode when one follows the street
    home: bool
    postcode: tuple[int, int] | None


def _addresses(post: Post) -> list[_Address]:
    return names.memo(post, "pd_addresses", _find_addresses)


def _find_addresses(post: Post) -> list[_Address]:
    text = post.text
    found: list[_Address] = []
    flats = any(word in text for word in _FLAT_WORDS)
    candidates = [(_flat_start(text, m) if flats else m.start(), m) for m in _ADDRESS.finditer(text)]
    if flats:
        candidates.extend((m.start(), m) for m in _FLAT_IN_BUILDING.finditer(text))
    candidates.sort(key=lambda c: (c[0], -c[1].end()))
    matches: list[tuple[int, re.Match[str]]] = []
    for start, match in candidates:
        # "Flat 3, Riverside Court" also holds "3, Riverside Court": keep the wider one.
        if not matches or start >= matches[-1][1].end():
            matches.append((start, match))
    contacts = _council_contacts(post)
    for start, match in matches:
        end, postcode = match.end(), None
        tail = _ADDRESS_TAIL.match(text, end, min(len(text), end + 60))
        if tail and _real_postcode(tail.group("postcode")):
            postcode = (tail.start("postcode"), tail.end("postcode"))
            end = tail.end()
        home = _is_home(post, start, match, contacts, text[start:end])
        found.append(_Address(start, end, home, postcode))
    return found


def _flat_start(text: str, match: re.Match[str]) -> int:
    flat = _FLAT_BEFORE.search(text, max(0, match.start() - 24), match.start())
    return flat.start() if flat else match.start()


def _is_home(post: Post, start: int, match: re.Match[str], contacts: _Contacts,
             address: str) -> bool:
    text = post.text
    before = text[max(0, start - 60):start]
    number = match.groupdict().get("number") or ""
    if "-" in number or "–" in number or _RANGE_BEFORE.search(before):
        return False  # "12-40 Church Lane", "between 12 and 40 Church Lane": a stretch of road
    if _LOCATION_BEFORE.search(before):
        return False  # "opposite 23 Church Lane": a place for works, not someone's home
    if _after_venue(before):
        return False
    squashed = _squash(address)
    return not any(squashed and squashed in entry for entry in contacts.texts)


def _after_venue(before: str, segments: int = 1) -> bool:
    """Whether one of the last ``segments`` comma-separated parts before a number or a
    postcode ends in a capitalised venue word: "Lopping Hall, 205 …", "Council Offices: …"."""
    ends = list(_SENTENCE_END.finditer(before))
    clause = before[ends[-1].end():] if ends else before
    parts = _SEGMENT.split(clause.rstrip(" \t,:;(–-"))
    for part in parts[-segments:]:
        last = _LAST_WORD.search(part)
        if last and _POSSESSIVE.sub("", last.group().lower()) in _VENUES:
            return True
    linked = _VENUE_LINK.search(clause[-80:])
    return bool(linked and linked.group("venue") in _VENUES)


@register
class PostalAddress(Rule):
    """A house number and street: a home address (12 Smith Close, 4a Church Lane, Flat 3,
    27 High Road), with its town and postcode when they follow.

    **Why it matters:** the policy says never give out personal details such as a home
    address. Not flagged: a venue's or public building's address named just before it
    ("Lopping Hall, 205 High Road"), a street on its own ("Church Lane will be closed"),
    a stretch of road ("12–40 Church Lane", "opposite 23 Church Lane"), and the council's
    address when it is in the council's contacts.

    **Avoid:** "Drop donations at Jean's house, 12 Smith Close, Loughton IG10 4LF."

    **Write instead:** "Drop donations at Lopping Hall, 205 High Road, Loughton IG10 4LF."
    """

    code = "PD003"
    title = "Home address"

    def find(self, post: Post) -> Iterator[Hit]:
        for address in _addresses(post):
            if address.home:
                yield Hit(address.start, address.end,
                          "A house number and street: never publish a home address. If this is a "
                          "venue, name it before the address (\"Lopping Hall, 205 High Road\").",
                          Fix("Remove the address, or give the street or area only.",
                              "[address removed]"))


def _postcode_is_public(post: Post, start: int, end: int) -> bool:
    """Part of a venue's address, or one of the council's own contacts."""
    text = post.text
    if any(_squash(text[start:end]) in entry for entry in _council_contacts(post).texts):
        return True
    return _after_venue(text[max(0, start - 100):start], segments=4)


@register
class Postcode(Rule):
    """A full UK postcode (IG10 4LF, EC1A 1BB, sn11 9xx) that is not a venue's.

    **Why it matters:** a full postcode covers about fifteen homes; with a name or a street it
    points to one household. Not flagged: the postcode of a venue or council building named
    just before it ("Lopping Hall, 205 High Road, Loughton IG10 4LF"), one in the council's
    contacts, and the area part alone ("IG10"). A postcode that ends a home address is part
    of that address's PD003 finding and is not reported again here.

    **Avoid:** "Well done to the family at IG10 4LF for the best-kept garden."

    **Write instead:** "Well done to a family in IG10 for the best-kept garden."
    """

    code = "PD004"
    title = "Postcode"

    def find(self, post: Post) -> Iterator[Hit]:
        folded = post.folded.text
        if not _INWARD.search(folded):
            return
        matches = list(_POSTCODE.finditer(folded))
        if not matches:
            return
        attached = {a.postcode[0] for a in _addresses(post) if a.postcode}
        for match in matches:
            start, end = post.span_of(match.start(), match.end())
            original = post.text[start:end]
            if not _real_postcode(original) or _in_link_or_handle(post.text, start):
                continue
            if _ORDINAL_TAIL.search(match.group()) and " " in original and not original.isupper():
                continue  # "Flat B1 2nd floor", not B1 2ND
            if start in attached or _postcode_is_public(post, start, end):
                continue
            outward = original.split()[0] if " " in original.strip() else original[:-3]
            yield Hit(start, end,
                      "A full postcode: with a name or street it points to one household. Give "
                      "the area part only.",
                      Fix(f"Give only the area ({outward.upper()}) instead of the full postcode.",
                          outward.upper()))


# --- PD005 National Insurance numbers --------------------------------------------------

_NINO = re.compile(
    r"(?<![a-z0-9])([a-z]{2})[ \-]?(\d{2})[ \-]?(\d{2})[ \-]?(\d{2})(?:[ \-]?([a-d]))?(?![a-z0-9])")
_SIX_DIGITS = re.compile(r"\d\d[ \-]?\d\d[ \-]?\d\d")
_NINO_ANCHOR = re.compile(r"(?:national insurance|(?<![a-z])ni(?![a-z])|(?<![a-z])nino(?![a-z]))")
_NINO_BAD_PREFIXES = frozenset({"bg", "gb", "kn", "nk", "nt", "tn", "zz"})


def _valid_nino_prefix(prefix: str) -> bool:
    # HMRC never issues D, F, I, Q, U or V first, nor D, F, I, O, Q, U or V second. QQ is
    # the specimen printed on forms and guidance: flagged too, so a test post is caught.
    if prefix == "qq":
        return True
    return (prefix[0] not in "dfiquv" and prefix[1] not in "dfioquv"
            and prefix not in _NINO_BAD_PREFIXES)


@register
class NationalInsuranceNumber(Rule):
    """A National Insurance number (AB 12 34 56 C, AB123456C).

    **Why it matters:** a National Insurance number is a key to a person's tax and benefits
    records and is used in identity fraud; it never belongs in a post. Only numbers with a
    prefix that HMRC issues are flagged; without the final letter, only when the text says
    it is a National Insurance number.

    **Avoid:** "Mr Jones, NI number JH 12 34 56 C, has won the raffle."

    **Write instead:** "Our raffle winner has been told by phone."
    """

    code = "PD005"
    title = "National Insurance number"

    def find(self, post: Post) -> Iterator[Hit]:
        folded = post.folded.text
        if not _SIX_DIGITS.search(folded):
            return
        for match in _NINO.finditer(folded):
            if not _valid_nino_prefix(match.group(1)):
                continue
            if match.group(5) is None and not _NINO_ANCHOR.search(
                    folded, max(0, match.start() - 40), match.start()):
                continue
            start, end = post.span_of(match.start(), match.end())
            yield Hit(start, end,
                      "A National Insurance number: it opens a person's tax and benefit records "
                      "and must never be published.",
                      Fix("Remove the number.", "[NI number removed]"))


# --- PD006 dates of birth --------------------------------------------------------------

_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DAY = r"(?:[0-2]?[0-9]|3[01])(?:st|nd|rd|th)?"
_DATE = (rf"(?:(?P<n>[0-3]?\d[/.\-][01]?\d[/.\-](?P<ny>\d{{4}}|\d{{2}}))(?![\d/])"
         rf"|{_DAY}\s+(?:of\s+)?{_MONTHS}\.?(?:,?\s+(?P<dy>\d{{4}}))?"
         rf"|{_MONTHS}\.?\s+{_DAY}(?:,?\s+(?P<my>\d{{4}}))?)(?![a-z0-9])")
_DOB = re.compile(
    r"(?<![a-z0-9])(?P<anchor>d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s?date|birthdate"
    r"|born(?:\s+on)?)"
    rf"\s*(?:(?:is|was)\s+)?[:\-–]?\s*{_DATE}")
_DOB_WORDS = ("born", "birth", "dob", "d.o.b", "d. o. b")
_OLDEST_LIVING = 110  # years: a birth date older than this is history, not personal data


@register
class DateOfBirth(Rule):
    """A date of birth: "DOB 12/03/1985", "date of birth: 3 March 1962", "born on 3 March
    1962", "d.o.b.".

    **Why it matters:** a date of birth, with a name, is what identity thieves need most.
    Event dates are not flagged; only a date introduced as a birth date. "born on" needs the
    year, and a birth more than 110 years ago (a local history post) is not flagged.

    **Avoid:** "Happy birthday to Jean Harris (DOB 12/03/1935)!"

    **Write instead:** "Happy birthday to Jean, who turns 90 this week!" (with her consent).
    """

    code = "PD006"
    title = "Date of birth"

    def find(self, post: Post) -> Iterator[Hit]:
        folded = post.folded.text
        if not any(word in folded for word in _DOB_WORDS):
            return
        for match in _DOB.finditer(folded):
            year = match.group("ny") or match.group("dy") or match.group("my")
            if match.group("anchor").startswith("born"):
                if year is None or len(year) != 4 or _is_history(int(year), post.context.date):
                    continue
            start, end = post.span_of(match.start(), match.end())
            yield Hit(start, end,
                      "A date of birth: with a name it is what identity fraud needs. Leave it "
                      "out (an age or \"this week\" says enough).",
                      Fix("Remove the date of birth.", "[date of birth removed]"))


def _is_history(year: int, today: dt.date) -> bool:
    return year < today.year - _OLDEST_LIVING


# --- PD007 vehicle registrations -------------------------------------------------------

# Today's format (2001-): area letters, age digits, three random letters: AB12 CDE. Written in
# lower case too ("ab12 cde"), so matched without case and checked afterwards.
_CURRENT_PLATE = re.compile(
    r"(?<![A-Za-z0-9_@#])[A-HJ-PR-Y]{2}(?P<age>\d\d) ?[A-HJ-PR-Z]{3}(?![A-Za-z0-9_])",
    re.IGNORECASE)
# Older formats, in capitals only: prefix (1983-2001) A123 BCD, suffix (1963-1983) ABC 123D.
# The single letter sits against the digits, so "A 20 MPH" is not a plate.
_OLD_PLATE = re.compile(
    r"(?<![A-Za-z0-9_@#])(?:[A-HJ-NPR-Y]\d{1,3} ?[A-HJ-PR-Y]{3}|[A-HJ-PR-Y]{3} ?\d{1,3}[A-HJ-NPR-Y])"
    r"(?![A-Za-z0-9_])")
_VEHICLE = re.compile(
    r"(?<![a-z0-9])(?:" + _alternation(load_terms("pd_vehicle_words")) + r")(?![a-z0-9])")
_VEHICLE_GATE = frozenset(re.split(r"[ \-]", term)[0] for term in load_terms("pd_vehicle_words"))
# A plate in today's format in capitals, looked for digits first because that is cheap.
_EXACT_GATE = re.compile(r"\d\d ?[A-HJ-PR-Z]{3}(?![A-Za-z0-9])")
_NOT_PLATES = frozenset(t.upper() for t in load_terms("pd_reg_not_plates"))


def _age_identifier(age: str) -> bool:
    value = int(age)
    return 2 <= value <= 29 or 51 <= value <= 79


@register
class VehicleRegistration(Rule):
    """A vehicle registration: AB12 CDE, AB12CDE, and older A123 BCD or ABC 123D forms.

    **Why it matters:** a number plate leads to the keeper and their home. A plate in today's
    format written in capitals is flagged wherever it appears; older forms, and plates written
    in lower case, only with a vehicle word nearby (car, van, parked, registration, driver …).
    Postcodes and planning references have a different shape and are not flagged.

    **Avoid:** "The white van AB12 CDE has been parked on the verge for a week."

    **Write instead:** "A van has been parked on the verge for a week; we have told the police."
    """

    code = "PD007"
    title = "Vehicle registration"

    def find(self, post: Post) -> Iterator[Hit]:
        text = post.text
        folded = post.folded.text
        vehicle = bool(names.word_set(post) & _VEHICLE_GATE)
        if not vehicle and not _EXACT_GATE.search(text):
            return
        current = [m for m in _CURRENT_PLATE.finditer(text) if _age_identifier(m.group("age"))]
        old = list(_OLD_PLATE.finditer(text)) if vehicle else []
        for match in sorted(current + old, key=lambda m: m.start()):
            plate = match.group()
            if plate[-3:].upper() in _NOT_PLATES or _in_link_or_handle(text, match.start()):
                continue
            exact = match.re is _CURRENT_PLATE and plate.isupper()
            if not exact and not _VEHICLE.search(folded, max(0, match.start() - 80),
                                                 min(len(folded), match.end() + 80)):
                continue
            yield Hit(match.start(), match.end(),
                      "A vehicle registration: it leads to the keeper and their address. Describe "
                      "the vehicle without the plate.",
                      Fix("Remove the registration.", "[registration removed]"))


# --- PD008 private individuals named with sensitive details ----------------------------

_SENSITIVE_USE = load_pairs("pd_sensitive_terms")
_SENSITIVE = re.compile(names.phrase_pattern(list(_SENSITIVE_USE)))
# "aged 84", "84-year-old", "90th birthday"; not "children aged 5-11" or "aged 16 and over".
_AGE = re.compile(
    r"(?<![a-z0-9])(?:aged\s+\d{1,3}(?!\s*(?:\+|-|–|to\s|and\s|or\s|years?\s+and))"
    r"|\d{1,3}[\s\-]*years?[\s\-]*old|\d{1,3}(?:st|nd|rd|th)\s+birthday)(?![a-z0-9])")
# Where a person lives, to the street: "of Forest Road", "who lives at 12 Smith Close". The
# space before it is part of the match because a pattern that starts with a character is
# searched for much faster than one that starts with a look-behind.
_WHERE_THEY_LIVE = re.compile(
    r"\s(?:of|[Ll]ives (?:in|on|at)|[Ll]iving (?:in|on|at)|[Rr]esident (?:of|in|on))"
    rf"[ \t]+(?:\d{{1,3}}[A-Za-z]?,?[ \t]+)?(?:{_NAME_WORD}[ \t]+){{1,3}}?(?=[A-Z])"
    rf"(?i:{_SUFFIXES})(?![\w’'])"
    r"|\s(?:[Ll]ives alone|[Hh]ome address)(?![a-z])")
# A child's school: "her son, a pupil at Oakwood Primary School", "who attends St John's".
_CHILDS_SCHOOL = re.compile(
    r"(?<![A-Za-z])(?:pupils? at|student at|attends|goes to|in [Yy]ear \d{1,2} at)[ \t]+"
    r"(?:the[ \t]+)?(?:[A-Z][\w'’\-]*[ \t]+){0,4}(?:School|Academy|Primary|Infants|Juniors"
    r"|Nursery|Pre-[Ss]chool)(?![a-z])")
_PUBLIC_OFFICE = re.compile(
    r"(?<![a-z])(?:mayor|mayoress|clerk|chairman|chairwoman|chairperson|chair|mp"
    r"|member of parliament)(?:[ \t]*,|[ \t]+(?:is|was))?[ \t]*$")
_PUBLIC_OFFICE_AFTER = re.compile(
    r"^[ \t]*,?[ \t]*(?:the|our)[ \t]+(?:town[ \t]+|parish[ \t]+|deputy[ \t]+)?"
    r"(?:mayor|mayoress|clerk|chairman|chair|mp)(?![a-z])")
# A death notice: the dead are not data subjects, and an obituary's "aged 92" or "after a
# long illness" is what a council properly publishes in tribute.
_DEATH = re.compile(
    r"(?<![a-z])(?:passed away|died|death of|funeral|rest in peace|rip|the late|obituary"
    r"|condolences|in memory of|in loving memory)(?![a-z])")
# Police officers on duty are acting in public office: "PC Reid arrested a man".
_ON_DUTY = re.compile(r"^(?:pc|pcso|sgt|sergeant|inspector|insp)\.?\s", re.IGNORECASE)
_CATEGORY_WORDS = {
    "health": "health", "disability": "a disability", "family": "family life",
    "money": "money troubles", "criminal record": "a criminal record",
    "immigration status": "immigration status", "religion": "religion",
    "sexuality": "sexuality or gender identity", "child's school": "a child's school",
    "age": "age", "address": "where they live",
}


def _sensitive_in(post: Post, start: int, end: int) -> tuple[str, str] | None:
    """The first sensitive detail in ``text[start:end]``: (category, the words)."""
    folded_start, folded_end = _folded_span(post, start, end)
    folded = post.folded.text
    found: list[tuple[int, str, str]] = []
    match = _SENSITIVE.search(folded, folded_start, folded_end)
    if match:
        term = match.group().replace("’", "'")
        category = _SENSITIVE_USE.get(term) or _category_of(term)
        found.append((match.start(), category, match.group()))
    age = _AGE.search(folded, folded_start, folded_end) if _DIGIT.search(
        folded, folded_start, folded_end) else None
    if age:
        found.append((age.start(), "age", age.group()))
    home = _WHERE_THEY_LIVE.search(post.text, start, end)
    if home:
        found.append((_folded_span(post, home.start(), home.end())[0], "address",
                      home.group().strip()))
    school = _CHILDS_SCHOOL.search(post.text, start, end)
    if school:
        found.append((_folded_span(post, school.start(), school.end())[0], "child's school",
                       school.group()))
    if not found:
        return None
    _, category, words = min(found)
    return category, words


def _category_of(term: str) -> str:
    """Category of a phrase matched loosely (a hyphen as a space, a missing apostrophe)."""
    squashed = _squash(term)
    for phrase, category in _SENSITIVE_USE.items():
        if _squash(phrase) == squashed:
            return category
    return "health"


def _folded_span(post: Post, start: int, end: int) -> tuple[int, int]:
    origin = post.folded.origin
    if origin is None:
        return start, end
    # Folding may add or drop characters; find the folded range that covers start:end.
    return bisect_left(origin, start), bisect_left(origin, end)


def _holds_public_office(post: Post, mention: names.Mention) -> bool:
    text = post.text
    if _ON_DUTY.match(mention.text):
        return True
    before = text[max(0, mention.start - 40):mention.start].lower()
    after = text[mention.end:mention.end + 40].lower()
    return bool(_PUBLIC_OFFICE.search(before) or _PUBLIC_OFFICE_AFTER.match(after))


@register
class PrivatePersonWithSensitiveDetail(Rule):
    """A private person named in the same sentence as a personal or sensitive detail: their
    health, a disability, age, where they live, family life, benefits or debts, a criminal
    record, immigration status, religion, sexuality, or a child's school.

    **Why it matters:** the policy asks for personal and sensitive information to be handled
    under the council's data protection policies; health, religion, sexuality and criminal
    records are special categories that need explicit consent. Councillors (from the council's
    register and "Cllr" titles) and public offices (the Mayor, the Town Clerk) are not private
    individuals; a name with no personal detail is not flagged, nor a death notice ("passed
    away aged 92"), since the law protects the living.

    **Avoid:** "Get well soon to Mrs Jean Harris of Forest Road, who is in hospital after a fall."

    **Write instead:** "Mrs Jean Harris opened the new library today." (or share the get-well
    message only with her written consent)
    """

    code = "PD008"
    title = "Private person with sensitive details"

    def find(self, post: Post) -> Iterator[Hit]:
        for mention in names.mentions(post):
            if mention.kind != names.PERSON or _holds_public_office(post, mention):
                continue
            sentence = names.window(post, mention.start, mention.end, 300, 300)
            if _DEATH.search(post.folded.text, *_folded_span(post, *sentence)):
                continue
            detail = _sensitive_in(post, *sentence)
            if detail is None:
                continue
            category, words = detail
            words = " ".join(words.split())
            who = " ".join(mention.text.split())
            yield Hit(mention.start, mention.end,
                      f"{who} is named in the same sentence as details of "
                      f"{_CATEGORY_WORDS.get(category, category)} (\"{words}\"). Publish a "
                      "private person's personal details only with their written consent.",
                      Fix("Leave out the name or the personal detail, or record the person's "
                          "written consent first."))


# --- PD009 and PD010 photographs of people ---------------------------------------------


@register
class ChildrenInImageWithoutConsent(Rule):
    """An image or video that shows children, without recorded consent.

    **Why it matters:** the policy asks everyone to be aware of safeguarding, because social
    media is misused by offenders. A child may be shown only with a parent's or guardian's
    written consent, recorded before the post goes out.

    **Avoid:** a photograph of the children's lantern parade with no consent recorded.

    **Write instead:** record the parents' consent on the attachment, or use a photograph
    in which no child can be recognised (taken from behind, or of the lanterns alone).
    """

    code = "PD009"
    title = "Children in an image without consent"

    def find(self, post: Post) -> Iterator[Hit]:
        for number, item in enumerate(post.context.media, start=1):
            if item.shows_children and not item.consent:
                yield Hit(0, 0, f"Attachment {number} shows children and no consent is recorded: "
                                "a parent's or guardian's written consent is needed first.",
                          Fix(f"Record consent for attachment {number}, or use an image in which "
                              "no child can be recognised."))


@register
class PeopleInImageWithoutConsent(Rule):
    """An image or video that shows identifiable people, without recorded consent.

    **Why it matters:** a photograph of a recognisable person is their personal data. Record
    their consent, or use a wide shot in which nobody can be recognised.

    **Avoid:** a close-up of residents at the litter pick with no consent recorded.

    **Write instead:** record the residents' consent on the attachment, or use a photograph of
    the bags collected.
    """

    code = "PD010"
    title = "People in an image without consent"

    def find(self, post: Post) -> Iterator[Hit]:
        for number, item in enumerate(post.context.media, start=1):
            if item.shows_people and not item.shows_children and not item.consent:
                yield Hit(0, 0, f"Attachment {number} shows people who can be recognised and no "
                                "consent is recorded.",
                          Fix(f"Record consent for attachment {number}, or use an image in which "
                              "nobody can be recognised."))
