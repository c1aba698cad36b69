"""The queue: the council's incoming messages, what is due first at the top, overdue ones marked,
filtered by label, state or due date; and the Clerk's inbox settings."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role
from civicpost.desk.inbox import services
from civicpost.desk.inbox.forms import LABEL_NAMES, InboxSettingsForm, QueueFilterForm
from civicpost.desk.inbox.models import OPEN_STATES, ChannelFetch, Message, inbox_settings
from civicpost.desk.inbox.presenting import policy_clauses

PER_PAGE = 50


@council_page(Role.CLERK, Role.OFFICER)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    form = QueueFilterForm(request.GET or None)
    found = Message.objects.filter(council=council).select_related("channel", "assigned_to")
    data = form.cleaned_data if form.is_valid() else {"label": "", "state": "", "due": ""}
    if data["state"] == "all":
        pass
    elif data["state"]:
        found = found.filter(state=data["state"])
    else:
        found = found.filter(state__in=OPEN_STATES)
    if data["label"] == "urgent":
        found = found.filter(urgent=True)
    elif data["label"]:
        found = found.filter(label_names__contains=f" {data['label']} ")
    now = timezone.now()
    if data["due"] == "overdue":
        found = found.filter(due__lt=now)
    elif data["due"] == "today":
        end = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.max))
        found = found.filter(due__gte=now, due__lte=end)
    # What is due first; messages with no clock after every one that has one, oldest first.
    found = found.order_by(F("due").asc(nulls_last=True), "received", "pk")
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    problems = (ChannelFetch.objects.filter(channel__council=council, channel__active=True)
                .exclude(last_error="").select_related("channel"))
    return render(request, "inbox/queue.html", {
        "form": form, "page": page, "query": query.urlencode(), "now": now, "label_names": LABEL_NAMES,
        "fetch_problems": problems, "error_form": form if form.errors else None,
    }, status=400 if form.errors else 200)


@council_page(Role.CLERK)
@require_http_methods(["GET", "POST"])
def inbox_settings_page(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    current = inbox_settings(council)
    form = InboxSettingsForm(request.POST or None, instance=current)
    if request.method == "POST":
        form = InboxSettingsForm(request.POST, instance=type(current).objects.get(pk=current.pk))
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                services.update_settings(council, request.user, changes)
            except (services.NotAllowed, ValueError) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Inbox settings saved")
                return redirect("inbox:settings")
    return render(request, "inbox/settings.html", {
        "form": form, "error_form": form if form.errors else None,
        "clauses": policy_clauses(council, "inbox", "monitoring-log"),
    }, status=400 if form.errors else 200)
