"""The policy's forms: acknowledging, the dates the Clerk records, uploading a document to import
and confirming the importer's draft."""

from __future__ import annotations

from typing import Any

from django import forms

from civicpost.desk.policies.importing import TARGETS, chosen_targets
from civicpost.engine import shipped_packs

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


class AcknowledgeForm(forms.Form):
    document = forms.CharField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label="I have read it, and I will follow it",
        error_messages={"required": "Tick the box to say you have read it and will follow it"})


def date_field(label: str, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}),
                           error_messages={"invalid": f"{label}: enter a real date, like 2021-03-16"},
                           **kwargs)


class DatesForm(forms.Form):
    approved_on = date_field("Approved on")
    approved_by_meeting = forms.CharField(label="Approved by (meeting)", required=False, max_length=200,
                                          help_text="For example, Finance & Policy Committee, minute 45/21")
    ratified_on = date_field("Ratified on")
    ratified_by_meeting = forms.CharField(label="Ratified by (meeting)", required=False, max_length=200,
                                          help_text="For example, Full Town Council, minute 112/21")
    reviewed_on = date_field("Reviewed and kept without change on")
    reviewed_by_meeting = forms.CharField(label="Reviewed by (meeting)", required=False, max_length=200)
    review_interval_months = forms.IntegerField(
        label="Review every (months)", required=False, min_value=1, max_value=120,
        help_text="Leave empty to use what the policy says",
        error_messages={"min_value": "The review interval must be at least 1 month",
                        "max_value": "The review interval must be 120 months or fewer"})
    review_due = date_field("Next review due by",
                            help_text="Leave empty to work it out from the dates and the interval")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        approved, ratified = data.get("approved_on"), data.get("ratified_on")
        if approved and ratified and ratified < approved:
            self.add_error("ratified_on", "The policy is ratified on or after the day it is approved")
        return data


class UploadForm(forms.Form):
    document = forms.FileField(
        label="The policy document", help_text="Plain text, Word (.docx) or PDF, up to 10 MB",
        error_messages={"required": "Choose the policy document to import",
                        "empty": "The file is empty: choose the policy document"})

    def clean_document(self) -> Any:
        upload = self.cleaned_data["document"]
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError("The file is larger than 10 MB; a social media policy is far smaller")
        return upload


def template_choices() -> list[tuple[str, str]]:
    return [(pack, pack) for pack in shipped_packs()]


class ConfirmImportForm(forms.Form):
    """The Clerk's choice of families and capabilities for each clause of the draft."""

    council_name = forms.CharField(label="Council", max_length=200,
                                   error_messages={"required": "Enter the council's name"})
    title = forms.CharField(label="Title of the policy", max_length=300,
                            error_messages={"required": "Enter the policy's title"})
    template = forms.ChoiceField(label="Take the severities from", choices=template_choices,
                                 help_text="Each rule's severity per situation comes from this pack; "
                                           "you can change them afterwards in Edit the policy")
    note = forms.CharField(label="Note for the version", required=False, max_length=300)

    def __init__(self, *args: Any, draft: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.draft = draft
        for index, clause in enumerate(draft["clauses"]):
            self.fields[f"clause-{index}"] = forms.MultipleChoiceField(
                label=f"How clause {clause['id']} is enforced", required=False,
                choices=[(t, t) for t in TARGETS], initial=chosen_targets(clause),
                widget=forms.CheckboxSelectMultiple)

    def choices(self) -> dict[str, set[str]]:
        return {clause["id"]: set(self.cleaned_data.get(f"clause-{index}", []))
                for index, clause in enumerate(self.draft["clauses"])}
