"""The council's registers as the engine's context wants them: councillors, partners, the
controversial issues, the council's own contacts and the elections that cover its area."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from civicpost.desk.councils.models import Council


def registers(council: Council) -> dict[str, Any]:
    from civicpost.desk.elections.calendar import for_engine
    from civicpost.desk.people.models import Organisation
    from civicpost.desk.people.register import councillor_names

    partners = [{"name": name, "approved": organisation.approved}
                for organisation in Organisation.objects.filter(council=council, active=True)
                for name in organisation.names()]
    return {
        "councillors": councillor_names(council),
        "partners": partners,
        "controversial_issues": council.issue_lines(),
        "council_contacts": council.contact_lines(),
        "elections": for_engine(council, timezone.localdate()),
    }
