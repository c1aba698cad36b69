"""Connecting a channel account to its platform: the Clerk enters the account's credentials once,
civicpost keeps them encrypted with a key outside the database and never shows them again; staff
publish through the server and never need the platform password (Loughton §3)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from civicpost.connectors import ConnectorError
from civicpost.connectors.credentials import CredentialsError
from civicpost.desk.audit.log import record
from civicpost.desk.channels import transport
from civicpost.desk.channels.models import ChannelAccount
from civicpost.desk.councils.access import council_page
from civicpost.desk.councils.models import Role

# platform: (secret fields, setting fields with their defaults)
FIELDS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "bluesky": (("handle", "app_password"), {"service": "https://bsky.social"}),
    "mastodon": (("access_token",), {"api_base_url": ""}),
    "facebook": (("page_access_token",), {"page_id": ""}),
    "x": (("consumer_key", "consumer_secret", "access_token", "access_token_secret"), {}),
    "instagram": (("access_token",), {"ig_user_id": ""}),
}
LABELS = {"handle": "Handle, e.g. loughtontc.bsky.social", "app_password": "App password",
          "service": "Server", "access_token": "Access token",
          "api_base_url": "Server, e.g. https://mastodon.social",
          "page_access_token": "Page access token", "page_id": "Page id",
          "consumer_key": "API key", "consumer_secret": "API key secret",
          "access_token_secret": "Access token secret", "ig_user_id": "Instagram account id"}
NOT_SECRET = {"handle"}


class ConnectForm(forms.Form):
    def __init__(self, *args: Any, channel: ChannelAccount, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        secrets, options = FIELDS[channel.platform]
        for name in secrets:
            widget = (forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"})
                      if name in NOT_SECRET else forms.PasswordInput(render_value=False))
            required = {"required": f"Enter the {LABELS[name].lower()}"}
            self.fields[name] = forms.CharField(label=LABELS[name], max_length=2000, widget=widget,
                                                error_messages=required)
        for name, default in options.items():
            current = (channel.platform_settings or {}).get(name, default)
            self.fields[name] = forms.CharField(label=LABELS[name], max_length=300, initial=current,
                                                required=not default)

    def split(self, channel: ChannelAccount) -> tuple[dict[str, str], dict[str, str]]:
        secrets, options = FIELDS[channel.platform]
        return ({n: self.cleaned_data[n].strip() for n in secrets},
                {n: self.cleaned_data[n].strip() or options[n] for n in options})


@transaction.atomic
def store_credentials(channel: ChannelAccount, actor: Any, credentials: dict[str, str],
                      settings: dict[str, str]) -> None:
    channel.credentials = transport.vault().encrypt(credentials)
    channel.platform_settings = {**(channel.platform_settings or {}), **settings}
    channel.credentials_changed = timezone.localdate()
    channel.save(update_fields=["credentials", "platform_settings", "credentials_changed"])
    # The audit event names what changed, never the values.
    record("channel.credentials-changed", actor=actor, council=channel.council, subject=channel,
           summary=f"Credentials of {channel} changed by {actor}",
           details={"fields": sorted(credentials), "settings": settings})


@council_page(Role.CLERK)
@require_http_methods(["GET", "POST"])
def connect(request: HttpRequest, pk: int) -> HttpResponse:
    channel = get_object_or_404(ChannelAccount, pk=pk, council=request.council)  # type: ignore[attr-defined]
    if channel.platform not in FIELDS:
        messages.info(request, "A channel posted by hand needs no credentials")
        return redirect("councils:settings")
    form = ConnectForm(request.POST or None, channel=channel)
    if request.method == "POST" and form.is_valid():
        credentials, settings = form.split(channel)
        try:
            store_credentials(channel, request.user, credentials, settings)
        except CredentialsError as exc:
            form.add_error(None, str(exc))
        else:
            try:
                account = transport.connector(channel).check_credentials()
                messages.success(request, f"Connected: {account}")
            except ConnectorError as exc:
                messages.error(request, f"Saved, but {channel.get_platform_display()} refused them: "
                                        f"{exc.platform_reason or exc.message}")
            return redirect("councils:settings")
    return render(request, "channels/connect.html", {"form": form, "channel": channel,
                                                     "error_form": form if form.errors else None},
                  status=400 if form.errors else 200)
