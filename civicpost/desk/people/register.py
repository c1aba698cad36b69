"""The register of people as one list: members (who sign in) and the people kept in the register
without a sign-in, each with what they have acknowledged of the council's current policy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from civicpost.desk.councils.models import Council, Membership, Role
from civicpost.desk.people.models import PaperAcknowledgement, Person
from civicpost.desk.policies.acknowledging import Document, documents_for, signed
from civicpost.desk.policies.models import PolicyVersion, current_version

_ROLE_ORDER = {Role.CLERK: 0, Role.OFFICER: 1, Role.COUNCILLOR: 2, Role.PARTNER: 3, Role.AUDITOR: 4}


@dataclass
class Entry:
    name: str
    role: str
    role_label: str
    organisation: str
    email: str
    signs_in: bool
    active: bool
    membership: Membership | None = None
    person: Person | None = None
    signed: dict[str, Any] = field(default_factory=dict)  # document -> when (datetime or date)
    required: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [d for d in self.required if d not in self.signed]

    @property
    def missing_labels(self) -> list[str]:
        return [Document(d).label for d in self.missing]

    @property
    def policy_signed(self) -> Any:
        return self.signed.get(Document.POLICY)

    @property
    def code_signed(self) -> Any:
        return self.signed.get(Document.CODE_OF_CONDUCT)

    @property
    def key(self) -> str:
        return f"member-{self.membership.pk}" if self.membership else f"person-{self.person.pk}"  # type: ignore[union-attr]


def policy_or_none(council: Council) -> PolicyVersion | None:
    try:
        return current_version(council)
    except LookupError:
        return None


def everyone(council: Council, *, include_inactive: bool = False) -> list[Entry]:
    version = policy_or_none(council)
    members = Membership.objects.filter(council=council).select_related("user")
    people = Person.objects.filter(council=council)
    if not include_inactive:
        members, people = members.filter(active=True), people.filter(active=True)
    entries: list[Entry] = []
    members = list(members)
    done = signed(version, [m.user_id for m in members]) if version else None
    for m in members:
        entry = Entry(m.user.name or m.user.email, m.role, m.get_role_display(), m.organisation, m.user.email,
                      True, m.active, membership=m, required=documents_for(m.role) if version else [])
        if done is not None:
            entry.signed = {d: done.when(m.user_id, d) for d in entry.required if done.when(m.user_id, d)}
        entries.append(entry)
    people = list(people)
    paper = _paper(version, [p.pk for p in people]) if version else {}
    for p in people:
        entry = Entry(p.name, p.role, p.get_role_display(), p.organisation, p.email, False, p.active,
                      person=p, required=documents_for(p.role) if version else [])
        entry.signed = paper.get(p.pk, {})
        entries.append(entry)
    entries.sort(key=lambda e: (not e.active, _ROLE_ORDER.get(e.role, 9), e.name.lower()))
    return entries


def _paper(version: PolicyVersion, person_ids: list[int]) -> dict[int, dict[str, dt.date]]:
    """Signed paper copies that count now: this version of the policy; the Code of Conduct at
    any version (as for members, see ``policies.acknowledging``)."""
    found: dict[int, dict[str, dt.date]] = {}
    rows = PaperAcknowledgement.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "document", "policy_version_id", "signed_on").order_by("signed_on")
    for person_id, document, version_id, signed_on in rows:
        if document == Document.POLICY and version_id != version.pk:
            continue
        found.setdefault(person_id, {}).setdefault(document, signed_on)
    return found


def outstanding(council: Council) -> list[Entry]:
    return [e for e in everyone(council) if e.missing]


def councillor_names(council: Council) -> list[str]:
    """Every active councillor's name, members and register entries alike (the PO rules read it)."""
    names = {m.user.name for m in Membership.objects.filter(
        council=council, role=Role.COUNCILLOR, active=True).select_related("user") if m.user.name}
    names.update(Person.objects.filter(council=council, role=Role.COUNCILLOR, active=True)
                 .values_list("name", flat=True))
    return sorted(n for n in names if n)
