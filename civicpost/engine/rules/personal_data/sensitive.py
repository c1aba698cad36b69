"""PD008 private individuals named with sensitive details."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from civicpost.engine import names
from civicpost.engine.findings import Fix, Hit
from civicpost.engine.lexicons import load_pairs
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register
from civicpost.engine.rules.personal_data.addresses import _NAME_WORD, _SUFFIXES
from civicpost.engine.rules.personal_data.contacts import _squash
from civicpost.engine.rules.personal_data.phones import _DIGIT

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
        if not names.may_name_a_person(post):
            return
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
