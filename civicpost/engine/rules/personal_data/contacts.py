"""What the PD rules share: the council's own contacts (``context.council_contacts``) sorted
into phone numbers, e-mail addresses, domains and addresses, and small text helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

from civicpost.engine.post import Post


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


_SENTENCE_END = re.compile(r"[.!?]\s|\n")
