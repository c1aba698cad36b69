"""MN mentions of partners, suppliers and customers.

Loughton §3: "Don't cite or reference customers partners or suppliers without their approval."
The council keeps a register of its partners and whether each has approved being named
(``context.partners``); these rules hold posts against it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from civicpost.engine.context import Partner
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_terms
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.style import word_set
from civicpost.engine.text import fold

_SUFFIX_WORDS = frozenset("ltd limited plc llp cic inc llc co company".split())
_NAME_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|&")
_SUFFIX = r"(?:[\s,]+(?:ltd|limited|plc|llp|cic|inc|llc|(?:&|and)\s*co(?:mpany)?)\b\.?)?"


@lru_cache(maxsize=1024)
def core_name(name: str) -> tuple[str, ...]:
    """The words of a business name without "The" and its legal suffix, folded:
    "The Greenway Landscapes Ltd." gives ("greenway", "landscapes")."""
    tokens = [("and" if t == "&" else t.replace("’", "'")) for t in _NAME_TOKEN.findall(fold(name).text)]
    while tokens and (tokens[-1] in _SUFFIX_WORDS or tokens[-1] == "and"):
        tokens.pop()
    if tokens and tokens[0] == "the":
        tokens.pop(0)
    return tuple(tokens)


@lru_cache(maxsize=512)
def _pattern(name: str) -> re.Pattern[str] | None:
    """A pattern for the name in folded text, tolerant of case, "&"/"and", an apostrophe and
    a legal suffix; None for a name too short to find safely."""
    core = core_name(name)
    if len("".join(core)) < 3:
        return None
    parts = [r"(?:&|and)" if t == "and" else re.escape(t).replace("'", "['’]?") for t in core]
    body = r"[\s-]*".join(parts)
    return re.compile(rf"(?<![a-z0-9])(?:the\s+)?{body}(?:['’]s)?{_SUFFIX}(?![a-z0-9])")


@lru_cache(maxsize=64)  # a council's register is the same for every post it checks
def _unapproved(partners: tuple[Partner, ...]) -> tuple[tuple[str, re.Pattern[str], Partner], ...]:
    """The register's partners that have not approved being named (once each, and not when
    the same name has approved), with the first word of the name and its pattern."""
    approved = {core_name(p.name) for p in partners if p.approved}
    seen: set[tuple[str, ...]] = set()
    found = []
    for partner in partners:
        core = core_name(partner.name)
        if partner.approved or core in approved or core in seen:
            continue
        seen.add(core)
        pattern = _pattern(partner.name)
        if pattern is not None:
            found.append((core[0].split("'", 1)[0], pattern, partner))
    return tuple(found)


@register
class UnapprovedPartnerNamed(Rule):
    """Partner, supplier or customer named without approval: a name from the council's
    partner register that has not approved being named appears in the post ("Greenway
    Landscapes", whether written "Greenway Landscapes Ltd", "greenway landscapes" or
    "Greenway Landscapes Limited"). Partners that have approved are clear.

    **Why it matters:** Loughton §3: "Don't cite or reference customers partners or suppliers
    without their approval." A business may not want to be linked with a council decision,
    and naming a supplier can look like an endorsement.

    **Avoid:** "Our contractor Greenway Landscapes Ltd starts work on the verges on Monday"
    (Greenway has not approved being named).

    **Write instead:** "Our contractor starts work on the verges on Monday", or record
    Greenway's approval in the partner register first.
    """

    code = "MN001"
    title = "Partner named without approval"

    def find(self, post: Post) -> Iterator[Hit]:
        partners = post.context.partners
        if not partners:
            return
        folded = post.folded.text
        found: list[tuple[int, int, Partner]] = []
        for first_word, pattern, partner in _unapproved(partners):
            # cheap gate: the name's first word must be in the text at all
            if first_word in folded:
                found += [(m.start(), m.end(), partner) for m in pattern.finditer(folded)]
        # "Greenway" inside "Greenway Landscapes" is one mention, not two
        last_end = -1
        for first, last, partner in sorted(found, key=lambda f: (f[0], -f[1])):
            if first < last_end:
                continue
            last_end = last
            start, end = post.span_of(first, last)
            yield Hit(start, end,
                      f"{partner.name} is in the partner register without approval to be named; "
                      "the policy says not to cite partners, suppliers or customers without "
                      "their approval.",
                      Fix("Leave the name out (\"our contractor\"), or record their approval in "
                          "the partner register first."))


# ---------------------------------------------------------------------------- MN002

_PUBLIC = frozenset(load_terms("mn_public_bodies"))
_NOT_NAME = frozenset(load_terms("mn_not_name_words"))
# "Spaces Limited", "Tickets Limited": the adjective, not a company.
_LIMITED_NOT_COMPANY = frozenset(
    "spaces places numbers tickets parking seating availability stock time offer edition capacity "
    "supplies supply access seats space".split()
)
_LEGAL = re.compile(r"(?<![\w&])(?:Ltd|LTD|Limited|LIMITED|PLC|Plc|plc|LLP|CIC|Inc|LLC)\b"
                    r"|(?:&|and|AND)[ \t]+(?:Sons?|SONS?|Co|CO)\b")
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*|&|of|the")


def _name_words(before: str) -> list[str]:
    """The words of a name that ends ``before``: up to six capitalised words (and "&",
    "of", "the"), read backwards from the end."""
    words: list[str] = []
    for word in reversed(before.split()[-6:]):
        if not _NAME_WORD.fullmatch(word):
            break
        words.append(word)
    return words[::-1]
_ROLE = re.compile(
    r"\b(?:(?:sub-?)?contractors?|suppliers?)[ \t]*[,:]?[ \t]+"
    r"((?:[A-Z][\w'’-]*)(?:[ \t]+(?:[A-Z][\w'’-]*|&)){0,4})"
)
# Cheap gates (set tests on the post's words) before the patterns are tried.
_SUFFIX_GATE = frozenset("ltd limited plc llp cic inc llc son sons co".split())
_ROLE_GATE = frozenset("contractor contractors subcontractor subcontractors supplier suppliers".split())
_STOP_FIRST = frozenset(
    "the on in at this next we i our it he she they monday tuesday wednesday thursday friday "
    "saturday sunday january february march april may june july august september october "
    "november december".split()
)


def _trim(words: list[str]) -> list[str]:
    """Drop leading words that are not part of the name (up to the end of an earlier
    sentence: "Saturday. Fieldview CIC"), and lower-case joining words at either end."""
    for index in range(len(words) - 1, -1, -1):
        if words[index].endswith(".") and len(words[index]) > 3:
            words = words[index + 1:]
            break
    while words and (words[0].lower() in _NOT_NAME or words[0] in ("of", "the", "&")):
        words = words[1:]
    while words and words[-1] in ("of", "the", "&"):
        words = words[:-1]
    return words


def _registered(name: str, partners: tuple[Partner, ...]) -> bool:
    core = " ".join(core_name(name))
    for partner in partners:
        known = " ".join(core_name(partner.name))
        if known and (core == known or f" {known} " in f" {core} " or f" {core} " in f" {known} "):
            return True
    return False


def _public_body(name: str) -> bool:
    return any(word in _PUBLIC for word in core_name(name))


@register
class UnregisteredBusinessNamed(Rule):
    """Business named that is not in the partner register: a company name with a legal
    suffix (Ltd, Limited, plc, LLP, CIC, & Sons, & Co), or a name given as "contractor X" or
    "supplier X", that the council's partner register does not hold.

    **Why it matters:** Loughton §3: "Don't cite or reference customers partners or suppliers
    without their approval." A business outside the register has no recorded approval, so
    check with it (and add it to the register) before naming it. Public bodies (councils, the
    NHS, the police, agencies, schools, trusts and charities) are not flagged.

    **Avoid:** "Thanks to Hargreaves & Sons for the new benches" when Hargreaves & Sons is not
    in the register.

    **Write instead:** check that Hargreaves & Sons is happy to be named and add it to the
    register, or write "Thanks to our contractor for the new benches".
    """

    code = "MN002"
    title = "Business not in the partner register"

    def find(self, post: Post) -> Iterator[Hit]:
        text = post.text
        partners = post.context.partners
        found: dict[int, tuple[int, str]] = {}
        skip: dict[str, bool] = {}  # a name is judged once, however often it appears
        words = word_set(post)
        candidates = [*(self._with_suffix(text) if not _SUFFIX_GATE.isdisjoint(words) else ()),
                      *(self._by_role(text) if not _ROLE_GATE.isdisjoint(words) else ())]
        for start, end in candidates:
            name = text[start:end]
            if name not in skip:
                skip[name] = (not core_name(name) or _public_body(name)
                              or _registered(name, partners))
            if skip[name]:
                continue
            if start not in found or found[start][0] < end:
                found[start] = (end, name)
        for start in sorted(found):
            end, name = found[start]
            yield Hit(start, end,
                      f"{name} looks like a business that is not in the council's partner "
                      "register; check that it has agreed to be named, and add it to the register.",
                      Fix("Check the business is happy to be named and record its approval, or "
                          "leave the name out."))

    @staticmethod
    def _with_suffix(text: str) -> Iterator[tuple[int, int]]:
        for suffix in _LEGAL.finditer(text):
            window_start = max(0, suffix.start() - 80)
            window = text[window_start:suffix.start()]
            if window[-1:] not in (" ", "\t"):
                continue
            words = _trim(_name_words(window.rsplit("\n", 1)[-1]))
            if not words or not any(w[:1].isupper() for w in words):
                continue
            if suffix.group().lower().startswith("limited") and words[-1].lower() in _LIMITED_NOT_COMPANY:
                continue
            first = text.rindex(words[0], window_start, suffix.start())
            yield first, suffix.end()

    @staticmethod
    def _by_role(text: str) -> Iterator[tuple[int, int]]:
        for match in _ROLE.finditer(text):
            words = match.group(1).split()
            if words[0].lower() in _STOP_FIRST:
                continue
            words = _trim(words)
            if not words:
                continue
            start = text.index(words[0], match.start(1), match.end(1))
            yield start, text.rindex(words[-1], start, match.end(1)) + len(words[-1])
