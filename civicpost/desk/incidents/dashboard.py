"""The dashboard's panel of incidents and breaches, for the Clerk and the auditor."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from civicpost.desk.councils.models import Role
from civicpost.desk.incidents.models import Breach, Incident, IncidentStatus


def incidents_panel(request: HttpRequest) -> list[Any]:
    from civicpost.desk.councils.panels import Panel

    if request.membership.role not in {Role.CLERK, Role.AUDITOR}:  # type: ignore[attr-defined]
        return []
    council = request.council  # type: ignore[attr-defined]
    open_ones = Incident.objects.filter(council=council).exclude(status=IncidentStatus.CLOSED).count()
    undecided = Breach.objects.filter(council=council, outcome="").count()
    panel = Panel("Incidents", order=8, tone="warning" if open_ones else "")
    panel.lines.append((f"{open_ones} incident{'s' if open_ones != 1 else ''} not closed",
                        f"{reverse('incidents:list')}?status=active"))
    panel.lines.append((f"{undecided} breach record{'s' if undecided != 1 else ''} without an outcome",
                        reverse("incidents:breaches")))
    return [panel]
