"""Mapping a clause to the engine's rule families and the desk's capabilities, each with a
confidence (0..1) and the words of the clause that led to it.

The vocabulary is data (``cues/``); this module only weighs it. A family or capability is
suggested at :data:`THRESHOLD` or more; what falls below is kept as a weaker suggestion for the
Clerk to consider. No software can enforce a clause that nothing reaches: it is ``guidance``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from civicpost.policy_import.cues import (
    Cue,
    CueSet,
    Normalised,
    capability_cues,
    compile_phrase,
    context_settings,
    duty_patterns,
    family_cues,
    imperative_verbs,
    incoming_patterns,
    matches,
    normalise,
    rule_choices,
)

THRESHOLD = 0.5
HEADING_SHARE = 0.5
"""A cue in a clause's heading counts half as much as one in the clause itself."""


@dataclass(frozen=True)
class Suggestion:
    target: str
    """A family code ("PD") or a desk capability ("desk:incidents")."""
    confidence: float
    why: tuple[str, ...]
    """The words that led to it, as the clause (or its heading) writes them."""

    @property
    def chosen(self) -> bool:
        return self.confidence >= THRESHOLD


def states_duty(sentence: str) -> bool:
    """Whether a sentence is a rule of the policy (must, should, never, an imperative ...)
    rather than a description."""
    folded = normalise(sentence).text
    if any(p.search(folded) for p in duty_patterns()):
        return True
    first = folded.split(" ", 1)[0] if folded else ""
    return first in imperative_verbs()


def suggest(text: str, headings: Sequence[str] = (), *, duty: bool, point: bool
            ) -> dict[str, Suggestion]:
    """Every family and capability the clause's words point to, strongest first.

    ``duty``: the clause states a duty; ``point``: it is a bulleted or numbered point or a
    table cell. Running prose that states no duty counts for less (``cues/context.toml``)."""
    clause = normalise(text)
    titles = [normalise(h) for h in headings if h]
    settings = context_settings()
    factor = 1.0 if duty or point else float(settings["prose"]["factor"])
    incoming = settings["incoming"]
    received = any(p.search(clause.text) for p in incoming_patterns())
    found: dict[str, tuple[list[tuple[Cue, str]], list[tuple[Cue, str]]]] = {}
    for cue_set in family_cues().values():
        found[cue_set.target] = _found(cue_set, clause, titles)
    present = {target for target, (own, head) in found.items()
               if _score([c for c in own if not c[0].unless], [c for c in head if not c[0].unless])
               * factor >= THRESHOLD}
    suggestions: list[Suggestion] = []
    for target, (own, head) in found.items():
        own = [c for c in own if not set(c[0].unless) & present]
        head = [c for c in head if not set(c[0].unless) & present]
        score = _score(own, head) * factor
        if received and target in incoming["families"]:
            score *= float(incoming["factor"])
        if score > 0:
            suggestions.append(_suggestion(target, score, own, head))
    for cue_set in capability_cues().values():
        own, head = _found(cue_set, clause, titles)
        score = _score(own, head) * factor
        if score > 0:
            suggestions.append(_suggestion(cue_set.target, score, own, head))
    suggestions.sort(key=lambda s: -s.confidence)
    return {s.target: s for s in suggestions}


def rules_for(family: str, text: str) -> list[str]:
    """The rules of ``family`` a clause with this text is given (``cues/rules.toml``)."""
    folded = normalise(text).text
    chosen: set[str] = set()
    choices = _rule_groups().get(family)
    if choices is None:
        return []
    default, groups = choices
    for patterns, rules in groups:
        if any(p.search(folded) for p in patterns):
            chosen.update(rules)
    return sorted(chosen or default)


@cache
def _rule_groups() -> dict[str, tuple[list[str], list[tuple[list[re.Pattern[str]], list[str]]]]]:
    result = {}
    for family, table in rule_choices().items():
        groups = [([compile_phrase(c) for c in group["cues"]], list(group["rules"]))
                  for group in table.get("groups", [])]
        result[family] = (list(table["default"]), groups)
    return result


def _found(cue_set: CueSet, clause: Normalised, titles: list[Normalised]
           ) -> tuple[list[tuple[Cue, str]], list[tuple[Cue, str]]]:
    own = matches(cue_set, clause)
    phrases = {cue.phrase for cue, _ in own}
    head: list[tuple[Cue, str]] = []
    for title in titles:
        for cue, words in matches(cue_set, title):
            if cue.phrase not in phrases:
                phrases.add(cue.phrase)
                head.append((cue, words))
    return own, head


def _score(own: list[tuple[Cue, str]], head: list[tuple[Cue, str]]) -> float:
    missing = 1.0
    for cue, _ in own:
        missing *= 1.0 - cue.weight
    for cue, _ in head:
        missing *= 1.0 - cue.weight * HEADING_SHARE
    return 1.0 - missing


def _suggestion(target: str, score: float, own: list[tuple[Cue, str]],
                head: list[tuple[Cue, str]]) -> Suggestion:
    why: list[str] = []
    for _, words in sorted(own, key=lambda c: -c[0].weight):
        if words and words not in why:
            why.append(words)
    for _, words in head:
        if words and f"heading: {words}" not in why:
            why.append(f"heading: {words}")
    return Suggestion(target, round(min(score, 1.0), 2), tuple(why))
