"""Who must acknowledge what (Ludgershall §1: all staff and Cllrs must be familiar with the policy
and comply with it; Cllrs refer to the Code of Conduct. Loughton §3: partners must sign it).

Everyone in a role the policy covers acknowledges the council's *current* version, so a new
version asks everyone again. Councillors also acknowledge the Members' Code of Conduct; that is
a document of its own which a new social media policy does not change, so one acknowledgement
of it at this council stands (it is recorded against the version current at the time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from civicpost.desk.councils.models import Role
from civicpost.desk.policies.models import Acknowledgement, PolicyVersion

Document = Acknowledgement.Document

COVERED_ROLES = frozenset({Role.CLERK, Role.OFFICER, Role.COUNCILLOR, Role.PARTNER})


def documents_for(role: str) -> list[str]:
    """The documents a person in ``role`` acknowledges; an auditor reads and acknowledges nothing."""
    if role not in COVERED_ROLES:
        return []
    if role == Role.COUNCILLOR:
        return [Document.POLICY, Document.CODE_OF_CONDUCT]
    return [Document.POLICY]


@dataclass
class Signed:
    """What the people of one council have acknowledged: user id -> document -> date."""

    version: PolicyVersion
    by_user: dict[int, dict[str, Any]] = field(default_factory=dict)

    def when(self, user_id: int, document: str) -> Any:
        return self.by_user.get(user_id, {}).get(document)

    def missing(self, user_id: int, role: str) -> list[str]:
        return [d for d in documents_for(role) if self.when(user_id, d) is None]


def signed(version: PolicyVersion, user_ids: list[int] | None = None) -> Signed:
    """Every acknowledgement that counts now: of this version for the policy, of any version of
    the council's for the Code of Conduct."""
    found = Signed(version)
    query = Acknowledgement.objects.filter(policy_version__council=version.council_id)
    if user_ids is not None:
        query = query.filter(user_id__in=user_ids)
    for user_id, document, version_id, at in query.values_list(
            "user_id", "document", "policy_version_id", "at").order_by("at"):
        if document == Document.POLICY and version_id != version.pk:
            continue
        found.by_user.setdefault(user_id, {}).setdefault(document, at)
    return found


def missing_for(membership: Any, version: PolicyVersion) -> list[str]:
    """What this member still has to acknowledge of ``version`` at their council ([] when
    nothing)."""
    if membership.role not in COVERED_ROLES:
        return []
    return signed(version, [membership.user_id]).missing(membership.user_id, membership.role)
