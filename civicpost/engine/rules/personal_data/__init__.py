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

from civicpost.engine.parts import names_of_parts
from civicpost.engine.rules.personal_data.addresses import PostalAddress, Postcode
from civicpost.engine.rules.personal_data.emails import EmailAddress
from civicpost.engine.rules.personal_data.identifiers import (
    DateOfBirth,
    NationalInsuranceNumber,
    VehicleRegistration,
)
from civicpost.engine.rules.personal_data.images import (
    ChildrenInImageWithoutConsent,
    PeopleInImageWithoutConsent,
)
from civicpost.engine.rules.personal_data.phones import PhoneNumber
from civicpost.engine.rules.personal_data.sensitive import PrivatePersonWithSensitiveDetail

__all__ = [
    "ChildrenInImageWithoutConsent",
    "DateOfBirth",
    "EmailAddress",
    "NationalInsuranceNumber",
    "PeopleInImageWithoutConsent",
    "PhoneNumber",
    "PostalAddress",
    "Postcode",
    "PrivatePersonWithSensitiveDetail",
    "VehicleRegistration",
]

# Every other name the single module had (its helpers, what it imported), from its parts.
__getattr__ = names_of_parts(__name__, (
    "contacts",
    "phones",
    "emails",
    "addresses",
    "identifiers",
    "sensitive",
    "images",
))
