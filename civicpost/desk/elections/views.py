"""The election calendar: the Clerk records the elections that cover the council's area; in a
pre-election period every check of the council applies the stricter rules, and the banner on
every page says so."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role
from civicpost.desk.elections import services
from civicpost.desk.elections.calendar import periods_on
from civicpost.desk.elections.forms import ElectionChangeForm, ElectionForm, OrdinaryForm
from civicpost.desk.elections.models import Election, Kind
from civicpost.desk.elections.timetable import next_ordinary_polls


def _page(request: HttpRequest, form: ElectionForm | None = None, ordinary: OrdinaryForm | None = None,
          status: int = 200) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    today = timezone.localdate()
    rows = Election.objects.filter(council=council).order_by("-active", "poll")
    polls = next_ordinary_polls(today)
    has_ordinary = rows.filter(kind=Kind.ORDINARY, active=True, poll__gte=today).exists()
    form = form or ElectionForm()
    ordinary = ordinary or OrdinaryForm(polls=polls)
    broken = form if form.errors else ordinary if ordinary.errors else None
    return render(request, "elections/calendar.html", {
        "upcoming": [e for e in rows if e.active and e.poll >= today],
        "past": [e for e in rows if not e.active or e.poll < today], "today": today,
        "now": periods_on(council, today), "form": form, "ordinary": ordinary,
        "offer_ordinary": not has_ordinary, "error_form": broken}, status=status)


@council_page(Role.CLERK)
@require_http_methods(["GET", "POST"])
def calendar(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request)
    form = ElectionForm(request.POST)
    if form.is_valid():
        try:
            added = services.add_election(request.council, request.user, **form.cleaned_data)  # type: ignore[attr-defined]
        except services.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{added.name} added: the pre-election period runs from "
                                      f"{added.period_start:%d %B %Y} to the poll on {added.poll:%d %B %Y}")
            return redirect("elections:calendar")
    return _page(request, form=form, status=400)


@council_page(Role.CLERK)
@require_POST
def add_ordinary(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    ordinary = OrdinaryForm(request.POST, polls=next_ordinary_polls(timezone.localdate()))
    if ordinary.is_valid():
        poll = dt.date.fromisoformat(ordinary.cleaned_data["poll"])
        try:
            added = services.add_election(council, request.user, kind=Kind.ORDINARY, poll=poll, notice=None,
                                          name=f"{council.name} ordinary elections", notes="")
        except services.NotAllowed as exc:
            ordinary.add_error("poll", str(exc))
        else:
            messages.success(request, f"{added.name} on {poll:%d %B %Y} added: the pre-election period runs "
                                      f"from {added.period_start:%d %B %Y}")
            return redirect("elections:calendar")
    return _page(request, ordinary=ordinary, status=400)


@council_page(Role.CLERK)
@require_http_methods(["GET", "POST"])
def election(request: HttpRequest, pk: int) -> HttpResponse:
    shown = get_object_or_404(Election, pk=pk, council=request.council)  # type: ignore[attr-defined]
    fields = ElectionChangeForm.Meta.fields
    form = ElectionChangeForm(request.POST or None, initial={f: getattr(shown, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_election(shown, request.user, dict(form.cleaned_data))
        except services.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{form.cleaned_data['name']} saved")
            return redirect("elections:calendar")
    return render(request, "elections/election.html", {"shown": shown, "form": form,
                                                       "error_form": form if form.errors else None},
                  status=400 if form.errors else 200)


@council_page(Role.CLERK)
@require_POST
def pause(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    now = periods_on(council, timezone.localdate())
    if not now:
        messages.info(request, "No pre-election period today: use Pause all publishing for anything else")
        return redirect("councils:pause")
    try:
        services.pause_for_period(council, request.user, now)
    except services.NotAllowed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "All publishing is paused for the pre-election period")
    return redirect("councils:dashboard")
