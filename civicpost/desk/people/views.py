"""The register of people and who has acknowledged the policy. The Clerk keeps them; an auditor
reads them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role
from civicpost.desk.people import services
from civicpost.desk.people.forms import PaperForm, PersonChangeForm, PersonForm
from civicpost.desk.people.models import Person, ReminderSchedule
from civicpost.desk.people.register import everyone, policy_or_none

READERS = (Role.CLERK, Role.AUDITOR)


@council_page(*READERS)
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    entries = everyone(council, include_inactive=request.GET.get("show") == "all")
    return render(request, "people/register.html", {
        "entries": entries, "version": policy_or_none(council), "show_all": request.GET.get("show") == "all"})


@council_page(Role.CLERK)
@require_http_methods(["GET", "POST"])
def add_person(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.add_person(request.council, request.user, **form.cleaned_data)  # type: ignore[attr-defined]
        except services.NotAllowed as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(request, f"{person.name} added to the register")
            return redirect("people:register")
    return render(request, "people/person_add.html",
                  {"form": form, "error_form": form if form.errors else None},
                  status=400 if form.errors else 200)


@council_page(Role.CLERK)
@require_http_methods(["GET", "POST"])
def person(request: HttpRequest, pk: int) -> HttpResponse:
    shown = get_object_or_404(Person, pk=pk, council=request.council)  # type: ignore[attr-defined]
    form = PersonChangeForm(request.POST if request.POST.get("action") == "save" else None, instance=None,
                            initial={f: getattr(shown, f) for f in PersonChangeForm.Meta.fields})
    paper = PaperForm(request.POST if request.POST.get("action") == "paper" else None,
                      auto_id="id_paper_%s")
    if request.method == "POST":
        try:
            if form.is_bound and form.is_valid():
                services.update_person(shown, request.user, form.cleaned_data)
                messages.success(request, f"{shown.name} saved")
                return redirect("people:register")
            if paper.is_bound and paper.is_valid():
                services.record_paper_acknowledgement(shown, request.user, **paper.cleaned_data)
                messages.success(request, f"{shown.name}'s signed copy is recorded")
                return redirect("people:person", pk=shown.pk)
        except services.NotAllowed as exc:
            (paper if paper.is_bound else form).add_error(None, str(exc))
    broken = form if form.errors else paper if paper.errors else None
    entry = next((e for e in everyone(shown.council, include_inactive=True) if e.person == shown), None)
    return render(request, "people/person.html",
                  {"shown": shown, "form": form, "paper": paper, "entry": entry, "error_form": broken},
                  status=400 if broken is not None else 200)


@council_page(*READERS)
@require_GET
def acknowledgements(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    entries = everyone(council)
    covered = [e for e in entries if e.required]
    schedule = ReminderSchedule.objects.filter(council=council).first()
    return render(request, "people/acknowledgements.html", {
        "version": policy_or_none(council), "outstanding": [e for e in covered if e.missing],
        "done": [e for e in covered if not e.missing], "schedule": schedule,
        "without_email": [e for e in covered if e.missing and not e.email]})


@council_page(Role.CLERK)
@require_POST
def remind(request: HttpRequest) -> HttpResponse:
    try:
        sent = services.send_reminders(request.council, request.user)  # type: ignore[attr-defined]
    except services.NotAllowed as exc:
        messages.error(request, str(exc))
    else:
        if sent:
            people = "person" if len(sent) == 1 else "people"
            messages.success(request, f"Reminder sent to {len(sent)} {people}")
        else:
            messages.info(request, "Nobody to remind: everyone with an e-mail address has acknowledged it")
    return redirect("people:acknowledgements")


@council_page(Role.CLERK)
@require_POST
def weekly(request: HttpRequest) -> HttpResponse:
    on = request.POST.get("weekly") == "on"
    services.set_weekly_reminders(request.council, request.user, on)  # type: ignore[attr-defined]
    messages.success(request, "Weekly reminders are on" if on else "Weekly reminders are off")
    return redirect("people:acknowledgements")
