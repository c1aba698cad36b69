from __future__ import annotations

from typing import Any

from django import forms

from civicpost.desk.channels.models import ChannelAccount
from civicpost.desk.councils.models import Council, Role


class PauseForm(forms.Form):
    reason = forms.CharField(label="Why is publishing paused?", max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Shown on every page while publishing is paused, e.g. "
                                       "'Pre-election period from 30 March' or 'Flooding incident'.",
                             error_messages={"required": "Say why publishing is paused"})


class CouncilSettingsForm(forms.ModelForm):
    class Meta:
        model = Council
        fields = ["name", "email_domain", "office_phone", "public_contacts", "controversial_issues",
                  "approval_valid_hours", "replies_need_approval"]
        labels = {"email_domain": "Council e-mail domain", "approval_valid_hours":
                  "Hours an approval stays valid", "replies_need_approval":
                  "Replies need approval like posts"}
        widgets = {"public_contacts": forms.Textarea(attrs={"rows": 3}),
                   "controversial_issues": forms.Textarea(attrs={"rows": 3})}

    def clean_email_domain(self) -> str:
        domain = self.cleaned_data["email_domain"].strip().lower().lstrip("@")
        if "." not in domain or " " in domain or "@" in domain:
            raise forms.ValidationError("Enter a domain like loughton-tc.gov.uk")
        return domain


class HttpsURLField(forms.URLField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class ChannelForm(forms.ModelForm):
    class Meta:
        model = ChannelAccount
        field_classes = {"url": HttpsURLField}
        fields = ["platform", "name", "handle", "url", "registered_email", "administered_by",
                  "admin_via_personal_profile", "two_factor_enabled"]


class MemberForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(label="Email address")
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)
    organisation = forms.CharField(label="Organisation (partners only)", required=False, max_length=200)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.council = council

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        email, role = data.get("email", ""), data.get("role")
        if email and role in {Role.CLERK, Role.OFFICER}:
            domain = email.rsplit("@", 1)[-1].lower()
            if domain != self.council.email_domain.lower():
                self.add_error("email", f"Staff use their council address, ending "
                                        f"@{self.council.email_domain} (Loughton §3)")
        if role == Role.PARTNER and not data.get("organisation"):
            self.add_error("organisation", "Name the partner organisation")
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices)
    may_approve = forms.BooleanField(label="May approve posts (delegated by the Clerk)", required=False)
    active = forms.BooleanField(label="Active", required=False)
