"""Threats and abuse in an incoming message, found by the engine's own abuse rules.

The rules that stop a council from posting abuse (AB001–AB004 in
:mod:`civicpost.engine.rules.abuse`) are exactly the ones that recognise it when it comes in,
disguises and all (``sh1t``, ``f u c k``, Cyrillic look-alikes). Triage calls them rather
than keeping a second copy:

* AB003 (threat, wish of harm, incitement to violence or damage) gives ``threat``;
* AB002 (slurs and hostile statements about a group) and AB004 (insults and harassment
  aimed at a person) give ``abuse``;
* AB001 (swearing) alone is not abuse of anyone ("the f***ing potholes again"): it makes a
  message ``negative``.

:mod:`civicpost.engine.triage.threat` finds the threats the rule's phrases do not, by a small
grammar (someone meaning a harm to a target, what will happen to a target, veiled threats),
and :mod:`civicpost.engine.triage.incoming` adds the blunter forms of abuse that messages
sent in take.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from civicpost.engine.findings import Hit
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, all_rules
from civicpost.engine.triage.cues import quote
from civicpost.engine.triage.incoming import incoming_abuse
from civicpost.engine.triage.threat import find_threats

_FIRST_CLAUSE = re.compile(r"[;:](?=\s)")


@dataclass(frozen=True)
class Harm:
    """A stretch of a message that one of the abuse rules flagged."""

    label: str  # "threat", "abuse" or "swearing"
    start: int
    end: int
    why: str


_LABEL_OF = {"AB003": "threat", "AB002": "abuse", "AB004": "abuse", "AB001": "swearing"}
_FALLBACK = {"threat": "reads as a threat or incitement to violence",
             "abuse": "is an insult aimed at a person or people",
             "swearing": "is swearing"}


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, Rule], ...]:
    rules = all_rules()
    return tuple((code, rules[code]) for code in ("AB003", "AB002", "AB004", "AB001") if code in rules)


def find_harm(post: Post) -> list[Harm]:
    """Every threat, piece of abuse and swear word in the message, in order."""
    found = []
    for code, rule in _rules():
        label = _LABEL_OF[code]
        for hit in rule.find(post):
            start, end = _clamped(hit, len(post.text))
            found.append(Harm(label, start, end, _why(post.text, hit, start, end, label, code)))
    for start, end in incoming_abuse(post):
        found.append(Harm("abuse", start, end, f"{quote(post.text, start, end)} {_FALLBACK['abuse']}"))
    found.extend(Harm("threat", t.start, t.end, t.why) for t in find_threats(post))
    return sorted(found, key=lambda harm: (harm.start, harm.end))


def _clamped(hit: Hit, size: int) -> tuple[int, int]:
    start = max(0, min(hit.start, size))
    return start, max(start, min(hit.end, size))


def _why(text: str, hit: Hit, start: int, end: int, label: str, code: str) -> str:
    """The first clause of the rule's message says what the words are ("“watch your back”
    reads as a threat of violence"); the rest is advice to a poster, not to the Clerk."""
    first = _FIRST_CLAUSE.split(hit.message, maxsplit=1)[0].strip()
    if not first.startswith("“"):
        first = f"{quote(text, start, end)} {_FALLBACK[label]}"
    return f"{first} ({code})"
