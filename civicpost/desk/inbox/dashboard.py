"""What the inbox adds to every page and to the dashboard: the Clerk's banner for urgent messages
not yet acknowledged, and the panel of what is due."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from civicpost.desk.inbox.models import Message
from civicpost.desk.inbox.services import open_messages


def urgent_banner(request: HttpRequest) -> list[dict[str, Any]]:
    """Loughton §5: a libel complaint MUST reach the Town Clerk immediately; threats too (§3).
    The banner stays on every page of the Clerk's until each urgent message is acknowledged."""
    membership = getattr(request, "membership", None)
    if membership is None or not membership.is_clerk:
        return []
    waiting = Message.objects.filter(council=request.council, urgent=True,  # type: ignore[attr-defined]
                                     alert_acknowledged_at__isnull=True)
    count = waiting.count()
    if not count:
        return []
    first = waiting.order_by("received").values_list("pk", flat=True).first()
    link = reverse("inbox:message", args=[first]) if count == 1 else f"{reverse('inbox:queue')}?label=urgent"
    return [{"template": "inbox/_urgent_banner.html", "alert": {"count": count, "link": link}}]


def inbox_panel(request: HttpRequest) -> list[Any]:
    from civicpost.desk.councils.panels import Panel

    membership = request.membership  # type: ignore[attr-defined]
    if not membership.is_staff_role:
        return []
    now = timezone.now()
    end_of_today = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.max))
    counted = open_messages(request.council).aggregate(  # type: ignore[attr-defined]
        overdue=Count("pk", filter=Q(due__lt=now)),
        due_today=Count("pk", filter=Q(due__gte=now, due__lte=end_of_today)),
        urgent=Count("pk", filter=Q(urgent=True)), waiting=Count("pk"))
    overdue, due_today, urgent = counted["overdue"], counted["due_today"], counted["urgent"]
    queue = reverse("inbox:queue")
    panel = Panel("Inbox", order=6, tone="warning" if overdue or urgent else "")
    if urgent:
        panel.lines.append((f"{urgent} urgent (threat or libel complaint)", f"{queue}?label=urgent"))
    panel.lines.append((f"{overdue} overdue", f"{queue}?due=overdue"))
    panel.lines.append((f"{due_today} due today", f"{queue}?due=today"))
    panel.lines.append((f"{counted['waiting']} waiting in all", queue))
    return [panel]
