from __future__ import annotations

from typing import Any

from django import forms

from civicpost.desk.elections.models import Election


def date_field(label: str, *, required: bool, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}),
                           error_messages={"invalid": f"{label}: enter a real date, like 2027-05-06",
                                           "required": "Enter the day of the poll"}, **kwargs)


class ElectionForm(forms.ModelForm):
    poll = date_field("Day of the poll", required=True)
    notice = date_field("Notice of election published on (optional)", required=False,
                        help_text="Leave empty until it is published: the period then starts on the latest "
                                  "day the law allows. A council may publish it earlier.")

    class Meta:
        model = Election
        fields = ["kind", "name", "poll", "notice", "notes"]
        labels = {"kind": "What election is it?", "name": "Name", "notes": "Notes (optional)"}
        widgets = {"kind": forms.RadioSelect}
        error_messages = {"kind": {"required": "Choose what election it is"},
                          "name": {"required": "Give the election a name, e.g. Essex County Council "
                                               "elections"}}
        help_texts = {"name": "As residents know it"}


class ElectionChangeForm(ElectionForm):
    class Meta(ElectionForm.Meta):
        fields = [*ElectionForm.Meta.fields, "active"]
        labels = {**ElectionForm.Meta.labels, "active": "Going ahead (untick if the poll is countermanded or "
                                                        "uncontested)"}
        help_texts = {**ElectionForm.Meta.help_texts, "active": ""}


class OrdinaryForm(forms.Form):
    poll = forms.ChoiceField(
        label="Which year are the council's next ordinary elections?", widget=forms.RadioSelect,
        help_text="On the first Thursday in May, every four years (unless moved by order)",
        error_messages={"required": "Choose the year of the council's next ordinary elections"})

    def __init__(self, *args: Any, polls: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["poll"].choices = [(p.isoformat(), f"{p.day} {p:%B %Y}") for p in polls]


