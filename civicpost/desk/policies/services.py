"""Changes to the council's policy: a new version, the dates the Clerk records, an acknowledgement.
Each runs in one transaction and writes its audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from civicpost.desk.audit.log import record
from civicpost.desk.councils.models import Council, Membership, Role
from civicpost.desk.policies import alerts
from civicpost.desk.policies.acknowledging import Document, documents_for
from civicpost.desk.policies.models import Acknowledgement, PolicyVersion, current_version
from civicpost.engine import PolicyError, PolicyPack, parse_pack

DATE_FIELDS = ("approved_on", "approved_by_meeting", "ratified_on", "ratified_by_meeting",
               "reviewed_on", "reviewed_by_meeting", "review_interval_months", "review_due")


class NotAllowed(Exception):
    """The change is not allowed; the message says why, in words for the person who tried."""


class InvalidPack(NotAllowed):
    """The engine refused the pack; ``problems`` has each reason, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("The policy has problems: " + "; ".join(problems))


def require_clerk(council: Council, actor: Any) -> None:
    if not Membership.objects.filter(council=council, user=actor, role=Role.CLERK, active=True).exists():
        raise NotAllowed("Only the Town Clerk can change the council's policy")


def validate(pack_toml: str) -> PolicyPack:
    try:
        return parse_pack(pack_toml, "the policy")
    except PolicyError as exc:
        raise InvalidPack(exc.problems) from None


@transaction.atomic
def save_version(council: Council, actor: Any, pack_toml: str, *, note: str, source: str,
                 based_on: str = "") -> PolicyVersion:
    """Save the pack as the council's next version. From now on every check uses it, and
    everyone the policy covers is asked to acknowledge it again."""
    require_clerk(council, actor)
    pack = validate(pack_toml)
    # Numbering is serialised on the council's row, so two Clerks saving at once get 4 and 5.
    Council.objects.select_for_update().filter(pk=council.pk).first()
    latest = PolicyVersion.objects.filter(council=council).order_by("-number").first()
    if latest is not None and latest.pack_toml == pack_toml:
        raise NotAllowed("Nothing in the policy has changed, so no new version was saved")
    number = (latest.number if latest else 0) + 1
    version = PolicyVersion.objects.create(
        council=council, number=number, pack_toml=pack_toml, created_by=actor,
        based_on=based_on or (latest.based_on if latest else pack.id), note=note.strip()[:300])
    record("policy.version-saved", actor=actor, council=council, subject=version,
           summary=f"Policy version {number} saved ({source})"
                   + (f": {note.strip()}" if note.strip() else ""),
           details={"number": number, "pack_id": pack.id, "sha256": version.pack_sha256,
                    "source": source, "previous": latest.number if latest else None,
                    "clauses": len(pack.clauses), "rules": len(pack.rules)})
    alerts.new_version(version)
    return version


@transaction.atomic
def record_dates(version: PolicyVersion, actor: Any, changes: dict[str, Any]) -> None:
    """The Clerk records the version's approval, ratification, a review that kept it, its
    review interval or its review-due date (each overrides what the pack says)."""
    require_clerk(version.council, actor)
    unknown = set(changes) - set(DATE_FIELDS)
    if unknown:
        raise NotAllowed(f"Not a date of the policy: {', '.join(sorted(unknown))}")
    version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    for day, label in (("approved_on", "approved"), ("ratified_on", "ratified"),
                       ("reviewed_on", "reviewed")):
        value = changes.get(day)
        if isinstance(value, dt.date) and value > timezone.localdate():
            raise NotAllowed(f"The date it was {label} cannot be in the future")
    before = {k: getattr(version, k) for k in changes}
    changed = {k: {"from": before[k], "to": v} for k, v in changes.items() if before[k] != v}
    if not changed:
        return
    for key, value in changes.items():
        setattr(version, key, value)
    version.save(update_fields=list(changes))
    record("policy.dates-recorded", actor=actor, council=version.council, subject=version,
           summary=f"Policy version {version.number}: {', '.join(k.replace('_', ' ') for k in changed)} "
                   "recorded", details=changed)


@transaction.atomic
def acknowledge(council: Council, user: Any, document: str) -> Acknowledgement:
    """The person has read the current version (or, for a councillor, the Code of Conduct)
    and agrees to it. Acknowledging twice keeps the first."""
    membership = Membership.objects.filter(council=council, user=user, active=True).first()
    if membership is None:
        raise NotAllowed("You are not a member of this council")
    if document not in documents_for(membership.role):
        if document == Document.CODE_OF_CONDUCT:
            raise NotAllowed("The Members' Code of Conduct is acknowledged by councillors")
        raise NotAllowed(f"As {membership.get_role_display().lower()} you have nothing to acknowledge")
    try:
        version = current_version(council)
    except LookupError:
        raise NotAllowed("The council has no policy yet, so there is nothing to acknowledge") from None
    existing = Acknowledgement.objects.filter(policy_version=version, user=user, document=document).first()
    if existing is not None:
        return existing
    acknowledgement = Acknowledgement.objects.create(policy_version=version, user=user, document=document)
    record("policy.acknowledged", actor=user, council=council, subject=version,
           summary=f"{user} acknowledged: {Document(document).label} (policy version {version.number})",
           details={"document": document, "version": version.number, "role": membership.role})
    return acknowledgement
