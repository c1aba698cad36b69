"""Getting messages in by hand: uploading a platform's export, typing one in on a manual channel,
and the report of each arrival (imported, already stored, rejected and why)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role
from civicpost.desk.inbox import importing, services
from civicpost.desk.inbox.forms import HandEntryForm, ImportForm
from civicpost.desk.inbox.models import Arrival

STAFF = (Role.CLERK, Role.OFFICER)


@council_page(*STAFF)
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    form = ImportForm(request.POST or None, request.FILES or None, council=council)
    if request.method == "POST" and form.is_valid():
        channel = council.channels.get(pk=form.cleaned_data["channel"])
        export = form.cleaned_data["export"]
        try:
            arrival = importing.import_export(
                council, request.user, channel, export.read(), file_name=export.name or "export",
                format=form.cleaned_data["format"] or None)
        except services.NotAllowed as exc:
            form.add_error("export", str(exc))
        else:
            messages.success(request, f"{arrival.imported} message{'s' if arrival.imported != 1 else ''} "
                                      "imported")
            return redirect("inbox:arrival", pk=arrival.pk)
    recent = Arrival.objects.filter(council=council).select_related("channel", "by")[:10]
    return render(request, "inbox/upload.html", {
        "form": form, "error_form": form if form.errors else None, "recent": recent,
    }, status=400 if form.errors else 200)


@council_page(*STAFF)
@require_GET
def arrival_report(request: HttpRequest, pk: int) -> HttpResponse:
    arrival = get_object_or_404(Arrival.objects.select_related("channel", "by"), pk=pk,
                                council=request.council)  # type: ignore[attr-defined]
    stored = arrival.messages.order_by("received", "pk")
    return render(request, "inbox/arrival.html", {"arrival": arrival, "stored": stored[:200],
                                                  "more": max(0, arrival.imported - 200)})


@council_page(*STAFF)
@require_http_methods(["GET", "POST"])
def enter(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    form = HandEntryForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        channel = council.channels.get(pk=data["channel"])
        try:
            stored = importing.enter_by_hand(
                council, request.user, channel, text=data["text"].replace("\r\n", "\n"),
                received=data["received"], kind=data["kind"], author_name=data["author_name"],
                author_handle=data["author_handle"], link=data["link"])
        except services.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            if not stored.imported:
                messages.info(request, "That message is already in the inbox: nothing was added")
                return redirect("inbox:queue")
            message = stored.arrival.messages.get()
            messages.success(request, "Message added to the inbox")
            return redirect("inbox:message", pk=message.pk)
    return render(request, "inbox/enter.html", {
        "form": form, "error_form": form if form.errors else None,
        "has_manual": bool(form.fields["channel"].choices),
    }, status=400 if form.errors else 200)
