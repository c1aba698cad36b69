"""Incident and breach pages: the Clerk handles them, the auditor reads them, and an officer can
open one (a report to the Clerk) but not read the others."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role
from civicpost.desk.inbox.models import Message
from civicpost.desk.inbox.presenting import policy_clauses
from civicpost.desk.incidents import services
from civicpost.desk.incidents.forms import (
    ActionForm,
    BreachForm,
    BreachOutcomeForm,
    DecideForm,
    EvidenceForm,
    IncidentFilterForm,
    IncidentForm,
)
from civicpost.desk.incidents.models import Breach, Incident, IncidentStatus
from civicpost.desk.policies.models import current_version
from civicpost.desk.posts.models import Post

READERS = (Role.CLERK, Role.AUDITOR)


def _incident(request: HttpRequest, pk: int) -> Incident:
    return get_object_or_404(Incident, pk=pk, council=request.council)  # type: ignore[attr-defined]


@council_page(*READERS)
@require_GET
def incident_list(request: HttpRequest) -> HttpResponse:
    form = IncidentFilterForm(request.GET or None)
    found = Incident.objects.filter(council=request.council)  # type: ignore[attr-defined]
    if form.is_valid():
        status = form.cleaned_data["status"]
        if status == "active":
            found = found.exclude(status=IncidentStatus.CLOSED)
        elif status:
            found = found.filter(status=status)
        if form.cleaned_data["kind"]:
            found = found.filter(kind=form.cleaned_data["kind"])
    page = Paginator(found.select_related("opened_by"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "incidents/list.html", {"form": form, "page": page, "query": query.urlencode()})


@council_page(Role.CLERK, Role.OFFICER)
@require_http_methods(["GET", "POST"])
def open_by_hand(request: HttpRequest) -> HttpResponse:
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.open_incident(request.council, request.user,  # type: ignore[attr-defined]
                                              kind=form.cleaned_data["kind"],
                                              summary=form.cleaned_data["summary"],
                                              people=form.cleaned_data["people"])
        except services.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            if request.membership.is_clerk:  # type: ignore[attr-defined]
                messages.success(request, f"Incident {incident.pk} opened")
                return redirect("incidents:detail", pk=incident.pk)
            messages.success(request, f"Reported to the Town Clerk as incident {incident.pk}")
            return redirect("councils:dashboard")
    return render(request, "incidents/new.html", {"form": form, "error_form": form if form.errors else None,
                                                  "clauses": policy_clauses(request.council, "incidents")},  # type: ignore[attr-defined]
                  status=400 if form.errors else 200)


def _page(request: HttpRequest, incident: Incident, *, bound: dict[str, forms.Form] | None = None,
          status: int = 200) -> HttpResponse:
    page_forms: dict[str, forms.Form] = {
        "action_form": ActionForm(), "evidence_form": EvidenceForm(),
        "decide_form": DecideForm(initial={"status": incident.status, "outcome": incident.outcome}),
        **(bound or {})}
    broken = next((f for f in (bound or {}).values() if f.errors), None)
    return render(request, "incidents/detail.html", {
        "incident": incident, "evidence": incident.evidence.select_related("message", "preserved_by"),
        "actions": incident.actions.select_related("recorded_by"),
        "breaches": incident.breaches.select_related("person__user"),
        "events": AuditEvent.objects.filter(subject_type="incident", subject_id=str(incident.pk))
                                    .order_by("at", "pk"),
        "is_clerk": request.membership.is_clerk,  # type: ignore[attr-defined]
        "clauses": policy_clauses(request.council, "incidents"),  # type: ignore[attr-defined]
        "error_form": broken, **page_forms}, status=status)


@council_page(*READERS)
@require_GET
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _incident(request, pk))


def _act(request: HttpRequest, pk: int, name: str, form: forms.Form,
         action: Callable[[Incident, dict[str, Any]], str]) -> HttpResponse:
    incident = _incident(request, pk)
    if form.is_valid():
        try:
            done = action(incident, form.cleaned_data)
        except services.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("incidents:detail", pk=incident.pk)
    incident.refresh_from_db()
    return _page(request, incident, bound={name: form}, status=400)


@council_page(Role.CLERK)
@require_POST
def log_action(request: HttpRequest, pk: int) -> HttpResponse:
    def action(incident: Incident, data: dict[str, Any]) -> str:
        services.log_action(incident, request.user, data["done_on"], data["what"])
        return "Action recorded"
    return _act(request, pk, "action_form", ActionForm(request.POST), action)


@council_page(Role.CLERK)
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    def action(incident: Incident, data: dict[str, Any]) -> str:
        services.decide(incident, request.user, status=data["status"], outcome=data["outcome"],
                        note=data["note"])
        return "Incident updated"
    return _act(request, pk, "decide_form", DecideForm(request.POST), action)


@council_page(Role.CLERK)
@require_POST
def add_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    def action(incident: Incident, data: dict[str, Any]) -> str:
        message = Message.objects.filter(pk=data["message"], council=request.council).first()  # type: ignore[attr-defined]
        if message is None:
            raise services.NotAllowed(f"There is no message {data['message']} in this council's inbox")
        services.add_evidence(incident, request.user, message)
        return f"A copy of message {message.pk} is preserved"
    return _act(request, pk, "evidence_form", EvidenceForm(request.POST), action)


@council_page(*READERS)
@require_GET
def breach_list(request: HttpRequest) -> HttpResponse:
    found = Breach.objects.filter(council=request.council).select_related("person__user")  # type: ignore[attr-defined]
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(request, "incidents/breaches.html", {
        "page": page, "clauses": policy_clauses(request.council, "breaches")})  # type: ignore[attr-defined]


def _clauses(council: Any) -> list[Any]:
    try:
        return list(current_version(council).pack.clauses)
    except LookupError:
        return []


@council_page(Role.CLERK)
@require_http_methods(["GET", "POST"])
def new_breach(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    clauses = _clauses(council)
    initial = {k: request.GET[k] for k in ("incident", "message", "post") if request.GET.get(k, "").isdigit()}
    form = BreachForm(request.POST or None, council=council, clauses=clauses, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            breach = services.record_breach(
                council, request.user, person=council.memberships.get(pk=data["person"]),
                what_happened=data["what_happened"],
                clause=next(((c.id, c.text) for c in clauses if c.id == data["clause"]), None),
                post=_linked(Post, council, data["post"], "post"), finding_code=data["finding_code"],
                message=_linked(Message, council, data["message"], "message"),
                incident=_linked(Incident, council, data["incident"], "incident"))
        except services.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Breach {breach.pk} recorded")
            return redirect("incidents:breach", pk=breach.pk)
    return render(request, "incidents/breach_new.html", {
        "form": form, "error_form": form if form.errors else None,
        "clauses": policy_clauses(council, "breaches")}, status=400 if form.errors else 200)


def _linked(model: Any, council: Any, pk: int | None, what: str) -> Any:
    if pk is None:
        return None
    found = model.objects.filter(pk=pk, council=council).first()
    if found is None:
        raise services.NotAllowed(f"There is no {what} {pk} at this council")
    return found


@council_page(*READERS)
@require_http_methods(["GET", "POST"])
def breach_detail(request: HttpRequest, pk: int) -> HttpResponse:
    breach = get_object_or_404(Breach.objects.select_related("person__user", "post", "message", "incident",
                                                             "recorded_by"),
                               pk=pk, council=request.council)  # type: ignore[attr-defined]
    form = BreachOutcomeForm(request.POST or None, initial={"outcome": breach.outcome})
    if request.method == "POST":
        if not request.membership.is_clerk:  # type: ignore[attr-defined]
            return render(request, "pages/forbidden.html",
                          {"reason": "Only the Town Clerk records the outcome of a breach"}, status=403)
        if form.is_valid():
            try:
                services.decide_breach(breach, request.user, outcome=form.cleaned_data["outcome"],
                                       note=form.cleaned_data["note"])
            except services.NotAllowed as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Outcome recorded")
                return redirect("incidents:breach", pk=breach.pk)
    events = AuditEvent.objects.filter(subject_type="breach", subject_id=str(breach.pk)).order_by("at", "pk")
    return render(request, "incidents/breach.html", {
        "breach": breach, "form": form, "error_form": form if form.errors else None, "events": events,
        "is_clerk": request.membership.is_clerk}, status=400 if form.errors else 200)  # type: ignore[attr-defined]
