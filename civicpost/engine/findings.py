"""What a check produces: severities, fixes, findings and the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How serious a finding is, as the council's policy pack decides.

    ``block`` stops a post until it is fixed or the Clerk overrides it with a reason;
    ``warn`` needs a second look; ``advise`` is a suggestion; ``off`` means the rule
    does not apply in this context.
    """

    BLOCK = "block"
    WARN = "warn"
    ADVISE = "advise"
    OFF = "off"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.OFF: 0, Severity.ADVISE: 1, Severity.WARN: 2, Severity.BLOCK: 3}


@dataclass(frozen=True)
class Fix:
    """A suggested change: ``replacement`` replaces the finding's span when it is given."""

    description: str
    replacement: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"description": self.description, "replacement": self.replacement}


@dataclass(frozen=True)
class Hit:
    """What a rule reports before the policy pack gives it a severity and a clause."""

    start: int
    end: int
    message: str
    fix: Fix | None = None


@dataclass(frozen=True)
class ClauseRef:
    id: str
    text: str


@dataclass(frozen=True)
class Finding:
    """One problem in the text, explained with the clause of the policy it enforces."""

    code: str
    title: str
    severity: Severity
    start: int
    end: int
    excerpt: str
    message: str
    clause: ClauseRef
    fix: Fix | None = None

    @property
    def family(self) -> str:
        return self.code[:2]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "family": self.family,
            "title": self.title,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "message": self.message,
            "clause": {"id": self.clause.id, "text": self.clause.text},
            "fix": self.fix.to_dict() if self.fix else None,
        }


@dataclass(frozen=True)
class Report:
    """The findings for one text under one policy pack, in order of position."""

    text: str
    policy_id: str
    pre_election: bool
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def verdict(self) -> str:
        """``block``, ``warn`` or ``advise`` for the worst finding, ``clear`` when none."""
        if not self.findings:
            return "clear"
        return max(self.findings, key=lambda f: f.severity.rank).severity.value

    @property
    def blocked(self) -> bool:
        return self.verdict == Severity.BLOCK.value

    def families(self) -> set[str]:
        return {f.family for f in self.findings}

    def to_dict(self) -> dict[str, Any]:
        return {
            "policy": self.policy_id,
            "pre_election": self.pre_election,
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
        }
