"""The forms of incidents and breach records."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from civicpost.desk.incidents.models import IncidentKind, IncidentStatus, Outcome


class IncidentForm(forms.Form):
    kind = forms.ChoiceField(label="What kind of incident?", choices=IncidentKind.choices,
                             error_messages={"required": "Choose the kind of incident"})
    summary = forms.CharField(label="What happened, in a few words", max_length=300,
                              error_messages={"required": "Say in a few words what happened"})
    people = forms.CharField(label="People involved (one a line, optional)", required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class IncidentFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Any"), ("active", "Not closed"), *IncidentStatus.choices])
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "Any"), *IncidentKind.choices])


class ActionForm(forms.Form):
    done_on = forms.DateField(label="Date it was done", widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"required": "Enter the date it was done",
                                              "invalid": "Enter a real date, like 2026-12-18"})
    what = forms.CharField(label="What was done", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": "Say what was done"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"done_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class DecideForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=IncidentStatus.choices,
                               error_messages={"required": "Choose a status"})
    outcome = forms.ChoiceField(label="Outcome", required=False, choices=[("", "Not decided yet"),
                                                                          *Outcome.choices])
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    message = forms.IntegerField(label="Message number", min_value=1,
                                 help_text="The number shown on the message's page in the inbox.",
                                 error_messages={"required": "Enter the message number",
                                                 "invalid": "Enter the message number, like 42"})


class BreachForm(forms.Form):
    person = forms.ChoiceField(label="Who breached the policy?",
                               error_messages={"required": "Choose the person"})
    what_happened = forms.CharField(label="What happened", max_length=5000,
                                    widget=forms.Textarea(attrs={"rows": 4}),
                                    error_messages={"required": "Say what the breach was"})
    clause = forms.ChoiceField(label="Which clause of the policy?", required=False)
    post = forms.IntegerField(label="Post number (optional)", required=False, min_value=1,
                              error_messages={"invalid": "Enter a post number, like 42"})
    finding_code = forms.CharField(label="Finding code on that post (optional)", required=False,
                                   max_length=20,
                                   help_text="For example PD001; the finding is copied into the record.")
    message = forms.IntegerField(label="Message number (optional)", required=False, min_value=1,
                                 error_messages={"invalid": "Enter a message number, like 42"})
    incident = forms.IntegerField(label="Incident number (optional)", required=False, min_value=1,
                                  error_messages={"invalid": "Enter an incident number, like 7"})

    def __init__(self, *args: Any, council: Any, clauses: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Choose a person"), *(
            (str(m.pk), f"{m.user.name or m.user.email} ({m.get_role_display()})")
            for m in council.memberships.select_related("user").order_by("user__name"))]
        self.fields["clause"].choices = [("", "Not given"), *(
            (c.id, f"{c.section}: {c.text[:90]}") for c in clauses)]

    def clean_finding_code(self) -> str:
        return str(self.cleaned_data.get("finding_code") or "").strip().upper()


class BreachOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=Outcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Choose the outcome"})
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))
