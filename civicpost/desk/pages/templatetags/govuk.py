"""Template helpers that render Django form fields as GOV.UK Frontend components, with the error
message and ``aria-describedby`` links that screen readers need."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

_INPUT_CLASS = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


@register.filter
def govuk_widget(field: forms.BoundField) -> SafeString:
    kind = field.widget_type
    classes = [_INPUT_CLASS.get(kind, "govuk-input")]
    if field.errors:
        classes.append(f"{classes[0]}--error")
    existing = field.field.widget.attrs.get("class", "")
    described = [f"{field.auto_id}-hint"] if field.help_text else []
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs: dict[str, Any] = {"class": " ".join([*classes, existing]).strip()}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return field.widget_type == "checkbox"


@register.filter
def is_choice_list(field: forms.BoundField) -> bool:
    return field.widget_type in {"radioselect", "checkboxselectmultiple"}


@register.simple_tag
def error_anchor(form: forms.Form, name: str) -> str:
    if name == "__all__":
        return "#main-content"
    field = form[name]
    return f"#{field.auto_id}"


@register.filter
def severity_tag(severity: str) -> SafeString:
    colour = {"block": "govuk-tag--red", "warn": "govuk-tag--orange", "advise": "govuk-tag--blue"}
    label = {"block": "Must fix", "warn": "Check", "advise": "Suggestion"}
    return format_html('<strong class="govuk-tag {}">{}</strong>', colour.get(severity, ""),
                       label.get(severity, severity))
