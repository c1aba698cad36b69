"""The register of the council's channel accounts: platform, handle, page address, the council
e-mail address each is registered with, who administers it and how, two-factor sign-in and the
last change of its credentials. The Clerk keeps it; an auditor reads it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from civicpost.desk.channels import services
from civicpost.desk.channels.forms import AdministratorForm, RegisterForm
from civicpost.desk.channels.models import ChannelAccount, ChannelAdministrator
from civicpost.desk.channels.warnings import problems
from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role


@council_page(Role.CLERK, Role.AUDITOR)
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    today = timezone.localdate()
    rows = [{"channel": c, "problems": problems(c, council.email_domain, today) if c.active else [],
             "admins": list(c.administrators.all())}
            for c in ChannelAccount.objects.filter(council=council).prefetch_related("administrators")]
    return render(request, "channels/register.html", {"rows": rows})


@council_page(Role.CLERK, Role.AUDITOR)
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest, pk: int) -> HttpResponse:
    council = request.council  # type: ignore[attr-defined]
    channel = get_object_or_404(ChannelAccount, pk=pk, council=council)
    is_clerk = request.membership.role == Role.CLERK  # type: ignore[attr-defined]
    action = request.POST.get("action")
    form = RegisterForm(request.POST if action == "save" else None,
                        initial={f: getattr(channel, f) for f in RegisterForm.Meta.fields})
    admin_form = AdministratorForm(request.POST if action == "admin" else None, auto_id="id_admin_%s")
    if request.method == "POST":
        if not is_clerk:
            from civicpost.desk.councils.access import forbidden

            return forbidden(request, "Only the Town Clerk can change the register")
        bound = form if action == "save" else admin_form
        if bound.is_bound and bound.is_valid():
            try:
                if bound is form:
                    services.update_register(channel, request.user, dict(form.cleaned_data))
                    messages.success(request, f"{channel.name} saved")
                else:
                    services.add_administrator(channel, request.user, **admin_form.cleaned_data)
                    messages.success(request, "Administrator added")
                return redirect("channels:account", pk=channel.pk)
            except services.NotAllowed as exc:
                bound.add_error(None, str(exc))
    broken = form if form.errors else admin_form if admin_form.errors else None
    return render(request, "channels/account.html", {
        "channel": channel, "form": form, "admin_form": admin_form, "is_clerk": is_clerk,
        "admins": channel.administrators.all(),
        "problems": problems(channel, council.email_domain, timezone.localdate()),
        "error_form": broken}, status=400 if broken is not None else 200)


@council_page(Role.CLERK)
@require_POST
def remove_administrator(request: HttpRequest, pk: int, admin_pk: int) -> HttpResponse:
    channel = get_object_or_404(ChannelAccount, pk=pk, council=request.council)  # type: ignore[attr-defined]
    admin = get_object_or_404(ChannelAdministrator, pk=admin_pk, channel=channel)
    services.remove_administrator(admin, request.user)
    messages.success(request, f"{admin.name} removed")
    return redirect("channels:account", pk=channel.pk)
