"""Signing in (with two-factor for the Clerk), signing out, and the lock after failed attempts."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from civicpost.desk.accounts.forms import CodeForm, SignInForm
from civicpost.desk.accounts.middleware import SIGNED_IN_AT
from civicpost.desk.audit.log import record


def locked_out(request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any) -> HttpResponse:
    form = SignInForm(request.POST or None)
    form.is_valid()
    form.add_error(None, "Too many failed sign-in attempts for this account from here. "
                         "Wait 15 minutes and try again, or ask the Town Clerk to unlock it.")
    return render(request, "accounts/sign_in.html", {"form": form}, status=429)


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        user = authenticate(request, email=email, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return locked_out(request)
        if user is None:
            form.add_error(None, "The email address or password is not right")
        elif (problem := staff_domain_problem(user)):
            form.add_error("email", problem)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            request.session[SIGNED_IN_AT] = timezone.now().isoformat()
            record("user.signed-in", actor=user, subject=user, summary=f"{user} signed in")
            if user.needs_two_factor:
                has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
                request.session["after_two_factor"] = _next(request)
                return redirect("accounts:two-factor" if has_device else "accounts:two-factor-setup")
            return redirect(_next(request))
    return render(request, "accounts/sign_in.html", {"form": form})


def staff_domain_problem(user: Any) -> str:
    """Loughton §3: officers use council e-mail addresses only. A staff member whose address is
    not at the council's domain cannot sign in."""
    for membership in user.memberships.filter(active=True).select_related("council"):
        domain = membership.council.email_domain.lower()
        if membership.is_staff_role and domain and user.email_domain != domain:
            return (f"Staff of {membership.council} sign in with their council email address "
                    f"(ending @{domain})")
    return ""


def _next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:sign-in")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("accounts:two-factor-setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            # django-otp slows down guessing: each wrong code doubles the wait before the next.
            form.add_error("code", "Too many wrong codes: wait a few seconds, then enter the current code")
        elif device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            record("user.two-factor-verified", actor=request.user, subject=request.user,
                   summary=f"{request.user} confirmed sign-in with a security code")
            return redirect(request.session.pop("after_two_factor", "/"))
        else:
            form.add_error("code", "That code is not right or has expired: enter the current code")
    return render(request, "accounts/two_factor.html", {"form": form})


@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:sign-in")
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("accounts:two-factor")
    device, _ = TOTPDevice.objects.get_or_create(user=request.user, confirmed=False,
                                                 defaults={"name": "Authenticator app"})
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            record("user.two-factor-enrolled", actor=request.user, subject=request.user,
                   summary=f"{request.user} set up two-factor sign-in")
            messages.success(request, "Two-factor sign-in is set up")
            return redirect(request.session.pop("after_two_factor", "/"))
        form.add_error("code", "That code is not right: check the app shows civicpost and try again")
    qr = segno.make(device.config_url, error="m")
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "qr_svg": qr.svg_inline(scale=4, dark="#0b0c0c"),
        "secret": _base32(device.bin_key)})


def _base32(key: bytes) -> str:
    import base64

    raw = base64.b32encode(key).decode("ascii").rstrip("=")
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        record("user.signed-out", actor=request.user, subject=request.user,
               summary=f"{request.user} signed out")
    logout(request)
    messages.info(request, "You have signed out")
    return redirect("accounts:sign-in")
