from __future__ import annotations

from typing import Any

from django import forms

from civicpost.desk.channels.models import ChannelAccount, ChannelAdministrator


class HttpsURLField(forms.URLField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class RegisterForm(forms.ModelForm):
    credentials_changed = forms.DateField(
        label="Password or credentials last changed", required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Connecting the account in civicpost records this itself",
        error_messages={"invalid": "Enter a real date, like 2026-01-31"})

    class Meta:
        model = ChannelAccount
        fields = ["name", "handle", "url", "registered_email", "administered_by", "two_factor_enabled",
                  "admin_via_personal_profile", "credentials_changed", "active"]
        field_classes = {"url": HttpsURLField}
        labels = {"name": "Name", "handle": "Handle", "url": "Page address",
                  "registered_email": "Council e-mail address it is registered with",
                  "administered_by": "Who administers it (in a sentence)",
                  "two_factor_enabled": "Two-factor sign-in is on",
                  "admin_via_personal_profile": "Administered through personal profiles (a Facebook page: "
                                                "the exception Ludgershall §6 permits)",
                  "active": "In use"}
        error_messages = {"name": {"required": "Give the account a name, e.g. Facebook page"},
                          "registered_email": {
                              "invalid": "Enter an e-mail address like clerk@council.gov.uk"},
                          "url": {"invalid": "Enter the page's address, like https://www.facebook.com/ourtown"}}
        help_texts = {"two_factor_enabled": "", "admin_via_personal_profile": "", "registered_email": ""}


class AdministratorForm(forms.ModelForm):
    since = forms.DateField(label="Since (optional)", required=False,
                            widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"invalid": "Enter a real date, like 2025-09-01"})

    class Meta:
        model = ChannelAdministrator
        fields = ["name", "how", "profile", "since"]
        labels = {"name": "Who", "how": "How", "profile": "Personal profile (for a page role)"}
        widgets = {"how": forms.RadioSelect}
        error_messages = {"name": {"required": "Say who administers it"},
                          "how": {"required": "Choose how they administer it"}}
