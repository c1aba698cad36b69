"""The inbox's forms. Each error message says what to do, GOV.UK style."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from civicpost.desk.councils.models import STAFF_ROLES
from civicpost.desk.inbox.models import FoiDecision, InboxSettings, Kind, Procedure, State
from civicpost.desk.incidents.models import IncidentKind
from civicpost.engine.triage import LABELS
from civicpost.inbox_import import FORMATS

MAX_TEXT = 20_000
LABEL_NAMES = {
    "threat": "Threat", "libel": "Libel complaint", "abuse": "Abuse", "foi": "FOI request",
    "grievance": "Staff grievance", "complaint": "Complaint", "question": "Question",
    "negative": "Negative comment", "positive": "Positive comment", "other": "Nothing to act on",
}
FORMAT_NAMES = {
    "facebook-csv": "Facebook Page comments (CSV)", "facebook-json": "Facebook Graph API (JSON)",
    "x-json": "X posts or direct messages (JSON)", "bluesky-json": "Bluesky thread or notifications (JSON)",
    "generic-csv": "The generic CSV (id, author, handle, text, created, url, in_reply_to)",
}


class QueueFilterForm(forms.Form):
    label = forms.ChoiceField(label="Label", required=False,
                              choices=[("", "Any"), ("urgent", "Urgent (threat or libel complaint)"),
                                       *((name, LABEL_NAMES[name]) for name in LABELS)])
    state = forms.ChoiceField(label="State", required=False,
                              choices=[("", "Waiting (new or in hand)"), *State.choices, ("all", "Any")])
    due = forms.ChoiceField(label="Due", required=False,
                            choices=[("", "Any time"), ("overdue", "Overdue"), ("today", "Due today")])


class ImportForm(forms.Form):
    channel = forms.ChoiceField(label="Which account is it from?",
                                error_messages={"required": "Choose the account the export is from"})
    export = forms.FileField(label="Export file", help_text="A CSV or JSON file as the platform gave it.",
                             error_messages={"required": "Choose the export file to upload",
                                             "empty": "The file is empty: export it again"})
    format = forms.ChoiceField(label="Format", required=False,
                               choices=[("", "Work it out from the file"),
                                        *((f, FORMAT_NAMES[f]) for f in FORMATS)])

    def __init__(self, *args: Any, council: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", "Choose an account"), *(
            (str(c.pk), str(c)) for c in council.channels.filter(active=True))]


class HandEntryForm(forms.Form):
    channel = forms.ChoiceField(label="Where did it arrive?",
                                error_messages={"required": "Choose the channel"})
    kind = forms.ChoiceField(label="What is it?", choices=Kind.choices, initial=Kind.COMMENT,
                             widget=forms.RadioSelect)
    author_name = forms.CharField(label="Who wrote it (their name as given)", required=False, max_length=300)
    author_handle = forms.CharField(label="Their handle or e-mail address (optional)", required=False,
                                    max_length=300)
    text = forms.CharField(label="What it says", max_length=MAX_TEXT, strip=False,
                           widget=forms.Textarea(attrs={"rows": 5}),
                           error_messages={"required": "Write what the message says"})
    received_date = forms.DateField(label="Date received", widget=forms.DateInput(attrs={"type": "date"}),
                                    error_messages={"required": "Enter the date it arrived",
                                                    "invalid": "Enter a real date, like 2026-12-18"})
    received_time = forms.TimeField(label="Time received", widget=forms.TimeInput(attrs={"type": "time"}),
                                    error_messages={"required": "Enter the time it arrived",
                                                    "invalid": "Enter a time, like 09:30"})
    link = forms.URLField(label="Link to it (optional)", required=False, max_length=1000,
                          assume_scheme="https", error_messages={"invalid": "Enter a full link, like https://…"})

    def __init__(self, *args: Any, council: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [(str(c.pk), str(c)) for c in
                                          council.channels.filter(active=True, platform="manual")]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("received_date") and data.get("received_time"):
            when = timezone.make_aware(dt.datetime.combine(data["received_date"], data["received_time"]))
            if when > timezone.now() + dt.timedelta(minutes=5):
                self.add_error("received_date", "The time it arrived cannot be in the future")
            data["received"] = when
        if "\x00" in data.get("text", ""):
            self.add_error("text", "The text contains a character that cannot be stored (NUL)")
        return data


class TakeForm(forms.Form):
    prefix = "take"

    assignee = forms.ChoiceField(label="Who will deal with it?", required=False)

    def __init__(self, *args: Any, council: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "Me"), *(
            (str(m.user_id), m.user.name or m.user.email) for m in
            council.memberships.filter(active=True, role__in=STAFF_ROLES).select_related("user"))]


class SettleForm(forms.Form):
    prefix = "settle"

    state = forms.ChoiceField(choices=[(State.ANSWERED, "Answered"), (State.CLOSED, "Closed"),
                                       (State.IN_HAND, "Reopen")], widget=forms.HiddenInput)
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReplyForm(forms.Form):
    prefix = "reply"

    text = forms.CharField(label="Your reply", max_length=MAX_TEXT, strip=False,
                           widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "true"}),
                           help_text="It is checked against the policy like every post.",
                           error_messages={"required": "Write the reply"})


class ModerateForm(forms.Form):
    prefix = "moderate"

    action = forms.ChoiceField(label="Hide or delete it on the council's page?",
                               choices=[("hide", "Hide it (the writer and their friends still see it)"),
                                        ("delete", "Delete it")], widget=forms.RadioSelect,
                               error_messages={"required": "Choose hide or delete"})
    reason = forms.ChoiceField(label="Which house rule did it break?", widget=forms.RadioSelect,
                               error_messages={"required": "Choose the house rule it broke"})
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, rules: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [(rule, rule) for rule in rules]


class FoiDecisionForm(forms.Form):
    prefix = "foi"

    decision = forms.ChoiceField(label="Your decision", choices=FoiDecision.choices, widget=forms.RadioSelect,
                                 error_messages={"required": "Choose your decision"})
    note = forms.CharField(label="Note", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="What you decided and why; what you asked the requester for.",
                           error_messages={"required": "Write a note of the decision"})


class ReferForm(forms.Form):
    prefix = "refer"

    procedure = forms.ChoiceField(label="Referred to", choices=Procedure.choices, widget=forms.RadioSelect,
                                  error_messages={"required": "Choose the procedure"})
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(forms.Form):
    prefix = "report"

    kind = forms.ChoiceField(label="What kind of incident?", choices=IncidentKind.choices,
                             error_messages={"required": "Choose the kind of incident"})
    summary = forms.CharField(label="What happened, in a few words", max_length=300,
                              error_messages={"required": "Say in a few words what happened"})
    people = forms.CharField(label="People involved (one a line, optional)", required=False,
                             max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class HistoryForm(forms.Form):
    justification = forms.CharField(
        label="Why do you need to see this person's other messages?", max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded in the audit trail with your name. For example: to check whether the "
                  "threat in this message repeats an earlier one before reporting it to the police.",
        error_messages={"required": "Say why you need to see them"})


class InboxSettingsForm(forms.ModelForm):
    class Meta:
        model = InboxSettings
        fields = ["question_days", "complaint_days", "negative_days", "close_of_business",
                  "house_rules", "complaints_procedure", "grievance_procedure", "handle_is_address",
                  "history_views_warned", "history_period_days"]
        labels = {"question_days": "Questions: answer within (working days)",
                  "complaint_days": "Complaints: respond within (working days)",
                  "negative_days": "Negative comments: deal with within (working days)",
                  "close_of_business": "End of the working day",
                  "house_rules": "House rules for the council's pages",
                  "complaints_procedure": "The complaints procedure",
                  "grievance_procedure": "The grievance procedure",
                  "handle_is_address": "Accept a social media handle as the address for an FOI request",
                  "history_views_warned": "Warn when one person's history is opened this many times",
                  "history_period_days": "Within this many days"}
        widgets = {"house_rules": forms.Textarea(attrs={"rows": 6}),
                   "complaints_procedure": forms.Textarea(attrs={"rows": 2}),
                   "grievance_procedure": forms.Textarea(attrs={"rows": 2}),
                   "close_of_business": forms.TimeInput(attrs={"type": "time"})}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("question_days", "complaint_days", "negative_days"):
            if data.get(name) is not None and data[name] > 60:
                self.add_error(name, "Enter a number of working days from 0 to 60")
        if not [line for line in (data.get("house_rules") or "").splitlines() if line.strip()]:
            self.add_error("house_rules", "Write at least one house rule")
        if data.get("history_views_warned") is not None and data["history_views_warned"] < 2:
            self.add_error("history_views_warned", "Enter 2 or more")
        if data.get("history_period_days") is not None and not 1 <= data["history_period_days"] <= 366:
            self.add_error("history_period_days", "Enter a number of days from 1 to 366")
        return data
