"""E-mails about incidents: an officer's report reaches the Town Clerk (Loughton §3, §5)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from civicpost.desk.inbox.alerts import clerk_addresses, send_after_commit


def incident_reported(incident: Any, actor: Any) -> None:
    send_after_commit(
        f"[{incident.council}] {actor} reported an incident: {incident.get_kind_display()}",
        f"{actor} opened incident {incident.pk} ({reverse('incidents:detail', args=[incident.pk])}):\n\n"
        f"{incident.summary}\n\nPeople involved: {', '.join(incident.people()) or 'not given'}.",
        clerk_addresses(incident.council))
