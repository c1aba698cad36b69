"""A message's page: what it says with the words that triggered each label marked, when the answer
is due, and what the person looking may do (take it, reply, refer it, hide it, report it, record
an FOI decision, acknowledge an urgent one)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from civicpost.desk.accounts.models import User
from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role
from civicpost.desk.inbox import forms as inbox_forms
from civicpost.desk.inbox import history, presenting, replying, services
from civicpost.desk.inbox.models import Message, inbox_settings
from civicpost.desk.incidents import services as incidents
from civicpost.desk.incidents.models import Evidence
from civicpost.engine.triage import foi_validity

STAFF = (Role.CLERK, Role.OFFICER)


def _message(request: HttpRequest, pk: int) -> Message:
    return get_object_or_404(Message.objects.select_related("channel", "council", "assigned_to",
                                                            "reply_post", "answers_post"),
                             pk=pk, council=request.council)  # type: ignore[attr-defined]


def _forms(request: HttpRequest, message: Message) -> dict[str, forms.Form]:
    council = request.council  # type: ignore[attr-defined]
    rules = inbox_settings(council).rules()
    return {"take_form": inbox_forms.TakeForm(council=council),
            "settle_form": inbox_forms.SettleForm(),
            "reply_form": inbox_forms.ReplyForm(),
            "moderate_form": inbox_forms.ModerateForm(rules=rules),
            "foi_form": inbox_forms.FoiDecisionForm(),
            "refer_form": inbox_forms.ReferForm(
                initial={"procedure": "grievance" if message.has("grievance") else "complaints"}),
            "report_form": inbox_forms.ReportForm(initial={
                "kind": _suggested_kind(message), "people": message.author_display,
                "summary": f"{message.get_kind_display()} from {message.author_display} "
                           f"on {message.channel}"})}


def _suggested_kind(message: Message) -> str:
    for label in ("threat", "libel", "abuse"):
        if message.has(label):
            return label
    return "harassment"


def _page(request: HttpRequest, message: Message, *, bound: dict[str, forms.Form] | None = None,
          status: int = 200) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    council = request.council  # type: ignore[attr-defined]
    settings = inbox_settings(council)
    page_forms = {**_forms(request, message), **(bound or {})}
    broken = next((f for f in (bound or {}).values() if f.errors), None)
    validity = (foi_validity(message.text, message.author_name or None, message.author_handle or None,
                             handle_is_address=settings.handle_is_address) if message.has("foi") else None)
    context: dict[str, Any] = {
        "message": message, "labels": presenting.shown_labels(message),
        "pieces": presenting.marked_text(message), "clocks": presenting.shown_clocks(message),
        "overdue": message.is_overdue(), "validity": validity, "settings": settings,
        "inbox_clauses": presenting.policy_clauses(council, "inbox"),
        "history_views": history.recent_views(message),
        "events": AuditEvent.objects.filter(subject_type="message", subject_id=str(message.pk))
                                    .order_by("at", "pk"),
        "evidence": (Evidence.objects.filter(message=message).select_related("incident")
                     if membership.role in {Role.CLERK, Role.AUDITOR} else []),
        "is_clerk": membership.is_clerk, "error_form": broken, **page_forms,
    }
    return render(request, "inbox/message.html", context, status=status)


@council_page(*STAFF)
@require_GET
def message_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _message(request, pk))


def _act(request: HttpRequest, pk: int, name: str, form: forms.Form,
         action: Callable[[Message, dict[str, Any]], str]) -> HttpResponse:
    """Form → service → message → back to the page; on error, the page again with the form as typed."""
    message = _message(request, pk)
    if form.is_valid():
        try:
            done = action(message, form.cleaned_data)
        except (services.NotAllowed, incidents.NotAllowed) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("inbox:message", pk=message.pk)
    message.refresh_from_db()
    return _page(request, message, bound={name: form}, status=400)


@council_page(*STAFF)
@require_POST
def take(request: HttpRequest, pk: int) -> HttpResponse:
    def action(message: Message, data: dict[str, Any]) -> str:
        assignee = User.objects.filter(pk=data["assignee"]).first() if data["assignee"] else None
        services.take(message, request.user, assignee)
        return f"In hand with {assignee or 'you'}"
    form = inbox_forms.TakeForm(request.POST, council=request.council)  # type: ignore[attr-defined]
    return _act(request, pk, "take_form", form, action)


@council_page(*STAFF)
@require_POST
def settle(request: HttpRequest, pk: int) -> HttpResponse:
    def action(message: Message, data: dict[str, Any]) -> str:
        services.settle(message, request.user, data["state"], data["note"])
        return {"answered": "Marked as answered", "closed": "Closed", "in-hand": "Reopened"}[data["state"]]
    return _act(request, pk, "settle_form", inbox_forms.SettleForm(request.POST), action)


@council_page(Role.CLERK)
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    def action(message: Message, data: dict[str, Any]) -> str:
        services.acknowledge(message, request.user)
        return "Acknowledged: the alert is cleared"
    return _act(request, pk, "ack_form", forms.Form(request.POST), action)


@council_page(*STAFF)
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    message = _message(request, pk)
    form = inbox_forms.ReplyForm(request.POST)
    if form.is_valid():
        try:
            done = replying.reply(message, request.user, form.cleaned_data["text"].replace("\r\n", "\n"))
        except services.NotAllowed as exc:
            form.add_error("text", str(exc))
        else:
            (messages.success if done.sent else messages.warning)(request, done.note)
            return redirect("inbox:message", pk=message.pk)
    return _page(request, message, bound={"reply_form": form}, status=400)


@council_page(*STAFF)
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    def action(message: Message, data: dict[str, Any]) -> str:
        services.moderate(message, request.user, data["action"], data["reason"], data["note"])
        verb = "hidden" if data["action"] == "hide" else "deleted"
        return f"Recorded as {verb} on {message.channel}; the original stays in the archive"
    rules = inbox_settings(request.council).rules()  # type: ignore[attr-defined]
    return _act(request, pk, "moderate_form", inbox_forms.ModerateForm(request.POST, rules=rules), action)


@council_page(Role.CLERK)
@require_POST
def decide_foi(request: HttpRequest, pk: int) -> HttpResponse:
    def action(message: Message, data: dict[str, Any]) -> str:
        services.decide_foi(message, request.user, data["decision"], data["note"])
        return "Decision recorded"
    return _act(request, pk, "foi_form", inbox_forms.FoiDecisionForm(request.POST), action)


@council_page(*STAFF)
@require_POST
def refer(request: HttpRequest, pk: int) -> HttpResponse:
    def action(message: Message, data: dict[str, Any]) -> str:
        services.refer(message, request.user, data["procedure"], data["note"])
        return "Referral recorded"
    return _act(request, pk, "refer_form", inbox_forms.ReferForm(request.POST), action)


@council_page(*STAFF)
@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    def action(message: Message, data: dict[str, Any]) -> str:
        incident = incidents.open_incident(request.council, request.user,  # type: ignore[attr-defined]
                                           kind=data["kind"], summary=data["summary"],
                                           people=data["people"], messages=[message])
        return (f"Reported to the Town Clerk as incident {incident.pk}; a copy of the message is "
                "kept as evidence")
    return _act(request, pk, "report_form", inbox_forms.ReportForm(request.POST), action)
