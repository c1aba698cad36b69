"""PD003 home addresses and PD004 postcodes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.personal_data.contacts import (
    _SENTENCE_END,
    _alternation,
    _Contacts,
    _council_contacts,
    _in_link_or_handle,
    _squash,
)
from civicpost.engine.text import ascii_twin

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
_INWARD_ASCII = ascii_twin(_INWARD)
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
_ADDRESS_ASCII = ascii_twin(_ADDRESS)
_FLAT_BEFORE = re.compile(r"(?:Flat|FLAT|Apartment|Apt\.?)[ \t]+\d{1,3}[A-Za-z]?,?[ \t]+$")
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
    # Every flat pattern starts with one of these words: without them, skip the flat patterns.
    flats = "Flat" in text or "FLAT" in text or "Apartment" in text or "Apt" in text
    candidates = [(_flat_start(text, m) if flats else m.start(), m) for m in
                  (_ADDRESS_ASCII if text.isascii() else _ADDRESS).finditer(text)]
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
        if not (_INWARD_ASCII if folded.isascii() else _INWARD).search(folded):
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
