"""Template helpers that render Django form fields as GOV.UK Frontend components, with the error
message and ``aria-describedby`` links that screen readers need."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from civicpost.desk.pages.widgets import render_field_widget

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
    return render_field_widget(field, attrs)


@register.simple_tag
def govuk_field(field: forms.BoundField, label_class: str = "") -> SafeString:
    """One form field as a GOV.UK form group: label or legend, hint, error message and input.

    Written in Python rather than as an included template because every form page has several
    and the template engine took about half of such a page's time to render them."""
    kind = field.widget_type
    error = field.errors[0] if field.errors else None
    group = "govuk-form-group govuk-form-group--error" if error else "govuk-form-group"
    if kind == "checkbox":
        return format_html(
            '<div class="{}">{}<div class="govuk-checkboxes govuk-checkboxes--small" '
            'data-module="govuk-checkboxes"><div class="govuk-checkboxes__item">{}'
            '<label class="govuk-label govuk-checkboxes__label" for="{}">{}</label>{}</div></div></div>',
            group, _error(field, error), govuk_widget(field), field.auto_id, field.label,
            _hint(field, " govuk-checkboxes__hint"))
    if kind in {"radioselect", "checkboxselectmultiple"}:
        radios = kind == "radioselect"
        item, prefix = ("radio", "govuk-radios") if radios else ("checkbox", "govuk-checkboxes")
        choices = format_html_join(
            "", '<div class="{}__item"><input class="{}__input" id="{}" name="{}" type="{}" value="{}"{}>'
            '<label class="govuk-label {}__label" for="{}">{}</label></div>',
            ((prefix, prefix, choice.id_for_label, field.html_name, item, choice.data["value"],
              mark_safe(" checked") if choice.data["selected"] else "", prefix, choice.id_for_label,
              choice.choice_label) for choice in field))
        described = format_html(' aria-describedby="{}-hint"', field.auto_id) if field.help_text else ""
        return format_html(
            '<div class="{}"><fieldset class="govuk-fieldset"{}><legend class="govuk-fieldset__legend '
            'govuk-fieldset__legend--s">{}</legend>{}{}<div class="{} {}--small" data-module="{}">{}'
            '</div></fieldset></div>',
            group, described, field.label, _hint(field), _error(field, error), prefix, prefix, prefix,
            choices)
    return format_html('<div class="{}"><label class="govuk-label {}" for="{}">{}</label>{}{}{}</div>',
                       group, label_class or "govuk-label--s", field.auto_id, field.label,
                       _hint(field), _error(field, error), govuk_widget(field))


def _hint(field: forms.BoundField, extra: str = "") -> SafeString | str:
    if not field.help_text:
        return ""
    return format_html('<div id="{}-hint" class="govuk-hint{}">{}</div>', field.auto_id, extra,
                       field.help_text)


def _error(field: forms.BoundField, error: str | None) -> SafeString | str:
    if error is None:
        return ""
    return format_html('<p id="{}-error" class="govuk-error-message"><span class="govuk-visually-hidden">'
                       'Error:</span> {}</p>', field.auto_id, error)


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
