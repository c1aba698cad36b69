"""The cue vocabulary (``cues/*.toml``, ``cues/*.txt``): loading it and finding its cues in a
clause. The syntax is described at the top of ``cues/families.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

TIERS = {"strong": 0.85, "medium": 0.6, "weak": 0.25}


@dataclass(frozen=True)
class Cue:
    phrase: str
    weight: float
    pattern: re.Pattern[str]
    unless: tuple[str, ...] = ()
    anchor: str = ""
    """The cue's longest plain word: where it is not in the text, the cue cannot match."""


@dataclass(frozen=True)
class CueSet:
    """The cues of one rule family or desk capability."""

    target: str
    cues: tuple[Cue, ...]
    exclusions: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Normalised:
    """Text folded for matching (lower case, one space for any run of punctuation, apostrophes
    dropped), with the offset in the original text of every folded character."""

    text: str
    offsets: tuple[int, ...]
    original: str

    def span(self, start: int, end: int) -> str:
        """The original words behind folded characters ``start:end``."""
        if start >= end:
            return ""
        return self.original[self.offsets[start]:self.offsets[end - 1] + 1].strip(" ,.;:()“”\"'‘’")


def normalise(text: str) -> Normalised:
    folded: list[str] = []
    offsets: list[int] = []
    space = True
    for index, char in enumerate(text):
        if char in "'’‘`´":
            continue
        lower = char.lower()
        if len(lower) == 1 and lower.isalnum():
            folded.append(lower)
            offsets.append(index)
            space = False
        elif not space:
            folded.append(" ")
            offsets.append(index)
            space = True
    return Normalised("".join(folded), tuple(offsets), text)


def compile_phrase(phrase: str) -> re.Pattern[str]:
    """A cue as a regular expression over normalised text."""
    parts: list[str] = []
    for token in phrase.split():
        if token == "...":
            parts.append(r"(?: [a-z0-9]+){0,5}")
            continue
        stem = token.endswith("*")
        words = normalise(token.rstrip("*")).text.split()
        if not words:
            continue
        core = " ".join(re.escape(w).replace("email", "e ?mail") for w in words)
        parts.append(core + (r"[a-z0-9]*" if stem else ""))
    body = ""
    for part in parts:
        body += part if part.startswith("(?: ") or not body else " " + part
    return re.compile(rf"(?<![a-z0-9]){body}(?![a-z0-9])")


def anchor_of(phrase: str) -> str:
    words = [w for token in phrase.split() if token != "..."
             for w in normalise(token.rstrip("*")).text.split()]
    longest = max(words, key=len, default="")
    return "mail" if longest == "email" else longest


def _cue_set(target: str, table: dict[str, Any]) -> CueSet:
    cues: list[Cue] = []
    for tier, weight in TIERS.items():
        for phrase in table.get(tier, []):
            cues.append(Cue(phrase, weight, compile_phrase(phrase), anchor=anchor_of(phrase)))
    for group in table.get("group", []):
        weight = TIERS[group.get("tier", "medium")]
        unless = tuple(group.get("unless", []))
        for phrase in group.get("cues", []):
            cues.append(Cue(phrase, weight, compile_phrase(phrase), unless, anchor_of(phrase)))
    exclusions = tuple(compile_phrase(p) for p in table.get("not", []))
    return CueSet(target, tuple(cues), exclusions)


def _read(name: str) -> str:
    return (resources.files(__package__) / "cues" / name).read_text(encoding="utf-8")


@cache
def family_cues() -> dict[str, CueSet]:
    data = tomllib.loads(_read("families.toml"))
    return {code: _cue_set(code, table) for code, table in data.items()}


@cache
def capability_cues() -> dict[str, CueSet]:
    data = tomllib.loads(_read("capabilities.toml"))
    return {name: _cue_set(name, table) for name, table in data.items()}


@cache
def context_settings() -> dict[str, Any]:
    return tomllib.loads(_read("context.toml"))


@cache
def incoming_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(compile_phrase(p) for p in context_settings()["incoming"]["cues"])


@cache
def rule_choices() -> dict[str, Any]:
    return tomllib.loads(_read("rules.toml"))


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of a ``cues/<name>.txt`` list (``#`` starts a comment)."""
    entries = []
    for line in _read(f"{name}.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(line)
    return tuple(entries)


@cache
def duty_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(compile_phrase(p) for p in word_list("duty"))


@cache
def imperative_verbs() -> frozenset[str]:
    return frozenset(normalise(v).text for v in word_list("imperatives"))


def matches(cue_set: CueSet, text: Normalised) -> list[tuple[Cue, str]]:
    """The cues of the set found in ``text``, with the original words each matched. Cues that
    match the same words ("speak* for the" and "speaking for") are one piece of evidence: only
    the strongest of them counts."""
    folded = text.text
    for exclusion in cue_set.exclusions:
        folded = exclusion.sub(lambda m: " " * len(m.group(0)), folded)
    hits = []
    for cue in cue_set.cues:
        if cue.anchor not in folded:
            continue
        match = cue.pattern.search(folded)
        if match:
            hits.append((cue, match.start(), match.end()))
    hits.sort(key=lambda hit: (-hit[0].weight, hit[1]))
    kept: list[tuple[Cue, int, int]] = []
    for cue, start, end in hits:
        if all(end <= s or e <= start for _, s, e in kept):
            kept.append((cue, start, end))
    kept.sort(key=lambda hit: hit[1])
    return [(cue, text.span(start, end)) for cue, start, end in kept]
