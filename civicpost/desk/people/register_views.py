"""The register of partners, suppliers and customers (and whether each may be named), and the
conflicts-of-interest register."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from civicpost.desk.councils.access import council_page, forbidden
from civicpost.desk.councils.models import Role
from civicpost.desk.people import services
from civicpost.desk.people.forms import DecisionForm, DeclareForm, OrganisationChangeForm, OrganisationForm
from civicpost.desk.people.models import Conflict, Organisation

READERS = (Role.CLERK, Role.AUDITOR)
DECLARERS = (Role.CLERK, Role.OFFICER, Role.COUNCILLOR, Role.PARTNER)


@council_page(*READERS)
@require_http_methods(["GET", "POST"])
def organisations(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    form = OrganisationForm(request.POST or None)
    if request.method == "POST":
        if request.membership.role != Role.CLERK:  # type: ignore[attr-defined]
            return forbidden(request, "Only the Town Clerk can add to the register")
        if form.is_valid():
            try:
                added = services.add_organisation(council, request.user, **form.cleaned_data)
            except services.NotAllowed as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{added.name} added")
                return redirect("people:organisations")
    show_all = request.GET.get("show") == "all"
    rows = Organisation.objects.filter(council=council)
    if not show_all:
        rows = rows.filter(active=True)
    return render(request, "people/organisations.html", {
        "rows": rows, "form": form, "show_all": show_all, "error_form": form if form.errors else None},
        status=400 if form.errors else 200)


@council_page(Role.CLERK)
@require_http_methods(["GET", "POST"])
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    shown = get_object_or_404(Organisation, pk=pk, council=request.council)  # type: ignore[attr-defined]
    fields = OrganisationChangeForm.Meta.fields
    form = OrganisationChangeForm(request.POST or None, initial={f: getattr(shown, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        if changes["name"].strip().lower() != shown.name.lower() and Organisation.objects.filter(
                council=shown.council, name__iexact=changes["name"].strip()).exclude(pk=shown.pk).exists():
            form.add_error("name", f"{changes['name']} is in the register already")
        else:
            try:
                services.update_organisation(shown, request.user, changes)
            except services.NotAllowed as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{shown.name} saved")
                return redirect("people:organisations")
    return render(request, "people/organisation.html", {"shown": shown, "form": form,
                                                        "error_form": form if form.errors else None},
                  status=400 if form.errors else 200)


def _visible_conflicts(request: HttpRequest):  # type: ignore[no-untyped-def]
    rows = Conflict.objects.filter(council=request.council).select_related("decided_by")  # type: ignore[attr-defined]
    if request.membership.role not in READERS:  # type: ignore[attr-defined]
        rows = rows.filter(declared_by=request.user)
    return rows


@council_page(*READERS, *DECLARERS)
@require_GET
def conflicts(request: HttpRequest) -> HttpResponse:
    return render(request, "people/conflicts.html", {"rows": _visible_conflicts(request),
                                                     "everyone": request.membership.role in READERS})  # type: ignore[attr-defined]


@council_page(*DECLARERS)
@require_http_methods(["GET", "POST"])
def declare(request: HttpRequest) -> HttpResponse:
    for_clerk = request.membership.role == Role.CLERK  # type: ignore[attr-defined]
    form = DeclareForm(request.POST or None, for_clerk=for_clerk)
    if request.method == "POST" and form.is_valid():
        try:
            services.declare_conflict(request.council, request.user, **form.cleaned_data)  # type: ignore[attr-defined]
        except services.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Thank you: the Clerk will decide whether you may accept it")
            return redirect("people:conflicts")
    return render(request, "people/declare.html", {"form": form, "error_form": form if form.errors else None},
                  status=400 if form.errors else 200)


@council_page(*READERS, *DECLARERS)
@require_http_methods(["GET", "POST"])
def conflict(request: HttpRequest, pk: int) -> HttpResponse:
    shown = get_object_or_404(_visible_conflicts(request), pk=pk)
    is_clerk = request.membership.role == Role.CLERK  # type: ignore[attr-defined]
    form = DecisionForm(request.POST or None) if is_clerk else None
    if request.method == "POST":
        if form is None:
            return forbidden(request, "Only the Town Clerk decides on a friend request")
        if form.is_valid():
            try:
                services.decide_conflict(shown, request.user, decision=form.cleaned_data["decision"],
                                         note=form.cleaned_data["note"],
                                         decided_on=form.cleaned_data["decided_on"])
            except services.NotAllowed as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Decision recorded")
                return redirect("people:conflicts")
    broken = form if form is not None and form.errors else None
    return render(request, "people/conflict.html", {"shown": shown, "form": form, "error_form": broken},
                  status=400 if broken is not None else 200)
