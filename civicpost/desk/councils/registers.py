"""The council's registers as the engine's context wants them: councillors, partners, the
controversial issues, the council's own contacts and the elections that cover its area."""

from __future__ import annotations

from typing import Any

from civicpost.desk.councils.models import Council, Membership, Role


def registers(council: Council) -> dict[str, Any]:
    councillors = sorted({m.user.name for m in Membership.objects.filter(
        council=council, role=Role.COUNCILLOR, active=True).select_related("user") if m.user.name})
    return {
        "councillors": councillors,
        "controversial_issues": council.issue_lines(),
        "council_contacts": council.contact_lines(),
    }
