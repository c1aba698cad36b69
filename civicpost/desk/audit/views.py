"""The audit trail as the Clerk and the auditor read it, with its verification and export."""

from __future__ import annotations

import io

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from civicpost.desk.audit import log
from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role


@council_page(Role.CLERK, Role.AUDITOR)
@require_GET
def trail(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    key = log.chain_key(council)
    events = AuditEvent.objects.filter(chain=key).order_by("-position")
    action = request.GET.get("action", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    checked = log.verify([key]) if request.GET.get("verify") else None
    return render(request, "audit/trail.html", {"page": page, "checked": checked, "action": action,
                                                "query": f"action={action}" if action else ""})


@council_page(Role.CLERK, Role.AUDITOR)
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    log.record("audit.exported", actor=request.user, council=council,
               summary=f"Audit trail exported by {request.user}")
    out = io.StringIO()
    log.export(out, council)
    response = HttpResponse(out.getvalue(), content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{council.slug}-audit.jsonl"'
    return response
