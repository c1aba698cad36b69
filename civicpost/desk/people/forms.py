from __future__ import annotations

from typing import Any

from django import forms

from civicpost.desk.people.models import Conflict, Organisation, Person


def date_field(label: str, *, required: bool = False, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}),
                           error_messages={"invalid": f"{label}: enter a real date, like 2026-03-16",
                                           "required": f"Enter the date: {label.lower()}"}, **kwargs)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "role", "organisation", "email", "notes"]
        labels = {"name": "Full name", "organisation": "Organisation (partners only)",
                  "email": "E-mail address (optional)", "notes": "Notes (optional)"}
        widgets = {"role": forms.RadioSelect}
        error_messages = {"name": {"required": "Enter the person's full name"},
                          "role": {"required": "Choose the person's role"},
                          "email": {"invalid": "Enter an e-mail address like name@example.org"}}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("role") == "partner" and not data.get("organisation"):
            self.add_error("organisation", "Name the partner organisation")
        return data


class PersonChangeForm(PersonForm):
    class Meta(PersonForm.Meta):
        fields = [*PersonForm.Meta.fields, "active"]
        labels = {**PersonForm.Meta.labels, "active": "Still in the register (untick when they leave)"}


class PaperForm(forms.Form):
    document = forms.ChoiceField(label="What they signed", widget=forms.RadioSelect,
                                 choices=[("policy", "The social media policy (the current version)"),
                                          ("code-of-conduct", "The Members' Code of Conduct")],
                                 error_messages={"required": "Choose what they signed"})
    signed_on = date_field("Signed on", required=True)


class OrganisationForm(forms.ModelForm):
    naming_on = date_field("Date of its answer")

    class Meta:
        model = Organisation
        fields = ["name", "other_names", "kind", "naming", "naming_on", "naming_by", "notes"]
        labels = {"name": "Name", "other_names": "Other names it goes by (optional)", "kind": "What it is",
                  "naming": "May the council name it in posts?", "naming_by": "Who answered, and how",
                  "notes": "Notes (optional)"}
        widgets = {"other_names": forms.Textarea(attrs={"rows": 2}), "kind": forms.RadioSelect,
                   "naming": forms.RadioSelect}
        error_messages = {"name": {"required": "Enter the organisation's name"}}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        naming = data.get("naming")
        if naming and naming != Organisation.Naming.NOT_ASKED and not data.get("naming_on"):
            self.add_error("naming_on", "Give the date of its answer: an approval to be named is dated")
        return data


class OrganisationChangeForm(OrganisationForm):
    class Meta(OrganisationForm.Meta):
        fields = [*OrganisationForm.Meta.fields, "active"]
        labels = {**OrganisationForm.Meta.labels, "active": "Still a partner, supplier or customer"}


class DeclareForm(forms.ModelForm):
    requested_on = date_field("When the request came (optional)")
    person_name = forms.CharField(label="Whose friend request is it? (leave empty if yours)", required=False,
                                  max_length=200)

    class Meta:
        model = Conflict
        fields = ["with_whom", "relationship", "platform", "nature", "requested_on"]
        labels = {"with_whom": "Who sent the request", "relationship": "Who are they to the council?",
                  "platform": "Where (optional)", "nature": "What is your connection with them?"}
        widgets = {"relationship": forms.RadioSelect, "nature": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"with_whom": {"required": "Say who sent the friend request"},
                          "relationship": {"required": "Choose who they are to the council"},
                          "nature": {"required": "Describe the connection, so the Clerk can decide"}}

    def __init__(self, *args: Any, for_clerk: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not for_clerk:
            del self.fields["person_name"]
        else:
            self.order_fields(["person_name", *self.Meta.fields])


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="Decision", widget=forms.RadioSelect,
                                 choices=[c for c in Conflict.Decision.choices if c[0] != "pending"],
                                 error_messages={"required": "Choose a decision"})
    note = forms.CharField(label="Reason, and any conditions", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    decided_on = date_field("Decided on (today if empty)")
