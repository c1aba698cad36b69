"""The dashboard, choosing a council, the "pause all publishing" switch and the Clerk's settings."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.module_loading import import_string
from django.views.decorators.http import require_http_methods, require_POST

from civicpost.desk.councils import services
from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.forms import ChannelForm, CouncilSettingsForm, MemberForm, PauseForm, RoleForm
from civicpost.desk.councils.middleware import SESSION_KEY
from civicpost.desk.councils.models import Membership, Role


@council_page()
def dashboard(request: HttpRequest) -> HttpResponse:
    panels = []
    for path in settings.CIVICPOST_DASHBOARD_PANELS:
        panels.extend(import_string(path)(request))
    return render(request, "councils/dashboard.html", {"panels": panels})


@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:sign-in")
    memberships = list(Membership.objects.filter(user=request.user, active=True).select_related("council"))
    if request.method == "POST":
        wanted = request.POST.get("council", "")
        chosen = next((m for m in memberships if str(m.council_id) == wanted), None)
        if chosen is not None:
            request.session[SESSION_KEY] = chosen.council_id
            return redirect("councils:dashboard")
        messages.info(request, "Choose one of your councils")
    return render(request, "councils/choose.html", {"memberships": memberships})


@council_page(Role.CLERK)
@require_http_methods(["GET", "POST"])
def pause(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    form = PauseForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("action") == "resume":
            services.resume_publishing(council, request.user)
            messages.success(request, "Publishing resumed")
            return redirect("councils:dashboard")
        if form.is_valid():
            services.pause_publishing(council, request.user, form.cleaned_data["reason"])
            messages.success(request, "All publishing is paused")
            return redirect("councils:dashboard")
    return render(request, "councils/pause.html", {"form": form, "error_form": form if form.errors else None},
                  status=400 if form.errors else 200)


@council_page(Role.CLERK)
@require_http_methods(["GET", "POST"])
def council_settings(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    form = CouncilSettingsForm(request.POST or None, instance=council)
    if request.method == "POST":
        fresh = type(council).objects.get(pk=council.pk)
        form = CouncilSettingsForm(request.POST, instance=fresh)
        if form.is_valid():
            original = type(council).objects.get(pk=council.pk)
            changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
            services.update_settings(original, request.user, changes)
            messages.success(request, "Settings saved")
            return redirect("councils:settings")
    return _settings_page(request, settings_form=form)


def _settings_page(request: HttpRequest, *, settings_form: CouncilSettingsForm | None = None,
                   channel_form: ChannelForm | None = None, member_form: MemberForm | None = None,
                   status: int | None = None) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    forms = {"settings_form": settings_form or CouncilSettingsForm(instance=council),
             "channel_form": channel_form or ChannelForm(),
             "member_form": member_form or MemberForm(council=council)}
    broken = next((f for f in forms.values() if f.errors), None)
    context = {**forms, "error_form": broken, "roles": Role.choices,
               "channels": council.channels.all(),
               "memberships": council.memberships.select_related("user").order_by("role", "user__name")}
    return render(request, "councils/settings.html", context,
                  status=status or (400 if broken is not None else 200))


@council_page(Role.CLERK)
@require_POST
def add_channel(request: HttpRequest) -> HttpResponse:
    form = ChannelForm(request.POST)
    if form.is_valid():
        services.add_channel(request.council, request.user, form.save(commit=False))  # type: ignore[attr-defined]
        messages.success(request, "Channel account added")
        return redirect("councils:settings")
    return _settings_page(request, channel_form=form)


@council_page(Role.CLERK)
@require_POST
def add_member(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    form = MemberForm(request.POST, council=council)
    if form.is_valid():
        try:
            _, password = services.add_member(council, request.user, **form.cleaned_data)
        except services.NotAllowed as exc:
            form.add_error("email", str(exc))
        else:
            note = f" Their first password is {password} – pass it on privately." if password else ""
            messages.success(request, f"{form.cleaned_data['name']} added.{note}")
            return redirect("councils:settings")
    return _settings_page(request, member_form=form)


@council_page(Role.CLERK)
@require_POST
def change_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=pk, council=request.council)  # type: ignore[attr-defined]
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.change_role(membership, request.user, **form.cleaned_data)
            messages.success(request, f"{membership.user}'s role saved")
        except services.NotAllowed as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "Choose a role")
    return redirect("councils:settings")
