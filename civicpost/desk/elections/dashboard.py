"""What the election calendar adds to every page (the pre-election banner) and to the dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from civicpost.desk.councils.registers import kept
from civicpost.desk.elections.calendar import periods_on, upcoming

SHOW_AHEAD = dt.timedelta(days=366)


def pre_election_banner(request: HttpRequest) -> list[dict[str, Any]]:
    membership = getattr(request, "membership", None)
    if membership is None:
        return []
    today = timezone.localdate()
    council = request.council  # type: ignore[attr-defined]
    now = kept(council, "election periods", lambda: periods_on(council, today), today)
    if not now:
        return []
    return [{"template": "elections/_period_banner.html",
             "alert": {"elections": now, "clerk": membership.is_clerk,
                       "paused": request.council.publishing_paused}}]  # type: ignore[attr-defined]


def election_panel(request: HttpRequest) -> list[Any]:
    from civicpost.desk.councils.panels import Panel

    membership = request.membership  # type: ignore[attr-defined]
    if not (membership.is_staff_role or membership.read_only):
        return []
    today = timezone.localdate()
    soon = [e for e in upcoming(request.council, today) if e.poll - today <= SHOW_AHEAD]  # type: ignore[attr-defined]
    lines: list[tuple[str, str]] = []
    for e in soon:
        link = reverse("elections:election", args=[e.pk]) if membership.is_clerk else ""
        if e.covers(today):
            when = f"pre-election period now, until the poll on {e.poll:%d %B %Y}"
        else:
            days = (e.period_start - today).days
            when = (f"poll {e.poll:%d %B %Y}; pre-election period from {e.period_start:%d %B %Y}"
                    + (f" (in {days} day{'s' if days != 1 else ''})" if days <= 60 else ""))
        lines.append((f"{e.name}: {when}", link))
    if membership.is_clerk and not any(e.kind == "ordinary" for e in upcoming(request.council, today)):  # type: ignore[attr-defined]
        lines.append(("Add the council's next ordinary elections to the calendar",
                      reverse("elections:calendar")))
    if not lines:
        return []
    return [Panel("Elections", lines, tone="warning" if any(e.covers(today) for e in soon) else "", order=8)]
