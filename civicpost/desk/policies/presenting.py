"""The policy as pages show it: clauses under their sections, what the severities mean in
words, and what changed from one version to the next."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from civicpost.engine import PolicyPack
from civicpost.engine.policy import Clause


@dataclass
class Section:
    title: str
    clauses: list[Clause] = field(default_factory=list)


def sections(pack: PolicyPack) -> list[Section]:
    """The clauses in the document's order, a heading wherever the section changes."""
    out: list[Section] = []
    for clause in pack.clauses:
        if not out or out[-1].title != clause.section:
            out.append(Section(clause.section))
        out[-1].clauses.append(clause)
    return out


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    reworded: list[str] = field(default_factory=list)
    enforcement: list[str] = field(default_factory=list)
    severities: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return any((self.added, self.removed, self.reworded, self.enforcement, self.severities))

    def lines(self) -> list[str]:
        out = []
        for label, items in (("Clauses added", self.added), ("Clauses removed", self.removed),
                             ("Clauses reworded", self.reworded),
                             ("Clauses enforced differently", self.enforcement),
                             ("Severities changed", self.severities)):
            if items:
                out.append(f"{label}: {', '.join(items)}")
        return out


def changes(before: PolicyPack, after: PolicyPack) -> Changes:
    old = {c.id: c for c in before.clauses}
    new = {c.id: c for c in after.clauses}
    found = Changes(added=[i for i in new if i not in old], removed=[i for i in old if i not in new])
    for clause_id in new.keys() & old.keys():
        a, b = old[clause_id], new[clause_id]
        if a.text != b.text:
            found.reworded.append(clause_id)
        if (a.rules, a.enforced_by) != (b.rules, b.enforced_by):
            found.enforcement.append(clause_id)
    found.reworded.sort(key=list(new).index)
    found.enforcement.sort(key=list(new).index)
    for code in sorted(set(before.rules) | set(after.rules)):
        a_setting, b_setting = before.rules.get(code), after.rules.get(code)
        if _levels(a_setting) != _levels(b_setting):
            found.severities.append(code)
    return found


def _levels(setting: Any) -> dict[str, str] | None:
    if setting is None:
        return None
    return {k: v.value for k, v in setting.severities.items()} | {"clause": setting.clause_id}
