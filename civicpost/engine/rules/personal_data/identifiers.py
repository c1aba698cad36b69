"""PD005 National Insurance numbers, PD006 dates of birth and PD007 vehicle registrations."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.personal_data.contacts import _alternation, _in_link_or_handle
from civicpost.engine.text import ascii_twin

_NINO = re.compile(
    r"(?<![a-z0-9])([a-z]{2})[ \-]?(\d{2})[ \-]?(\d{2})[ \-]?(\d{2})(?:[ \-]?([a-d]))?(?![a-z0-9])")
_SIX_DIGITS = re.compile(r"\d\d[ \-]?\d\d[ \-]?\d\d")
_SIX_DIGITS_ASCII = ascii_twin(_SIX_DIGITS)
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
        if not (_SIX_DIGITS_ASCII if folded.isascii() else _SIX_DIGITS).search(folded):
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
_EXACT_GATE_ASCII = ascii_twin(_EXACT_GATE)
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
        if not vehicle and not (_EXACT_GATE_ASCII if text.isascii() else _EXACT_GATE).search(text):
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
