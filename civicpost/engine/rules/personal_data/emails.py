"""PD002 e-mail addresses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.personal_data.contacts import _Contacts, _council_contacts

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
