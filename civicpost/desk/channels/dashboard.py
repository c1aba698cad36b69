"""The dashboard's warning about the council's channel accounts, for the Clerk."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from civicpost.desk.channels.models import ChannelAccount
from civicpost.desk.channels.warnings import problems


def channel_panel(request: HttpRequest) -> list[Any]:
    from civicpost.desk.councils.panels import Panel

    if not request.membership.is_clerk:  # type: ignore[attr-defined]
        return []
    council = request.council  # type: ignore[attr-defined]
    today = timezone.localdate()
    lines = []
    for channel in ChannelAccount.objects.filter(council=council, active=True):
        found = problems(channel, council.email_domain, today)
        if found:
            lines.append((f"{channel.name}: {'; '.join(found)}",
                          reverse("channels:account", args=[channel.pk])))
    if not lines:
        return []
    return [Panel("Channel accounts", lines, tone="warning", order=15)]
