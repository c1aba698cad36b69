"""Form inputs written out in Python, exactly as Django's own widget templates write them.

Django renders every widget through its template engine (three or four templates for one
``<input>``, one more for each ``<option>``). The desk's form pages have up to a dozen fields,
and that rendering was a large part of their time under load. The widget's own ``get_context``
still decides every name, value and attribute, so only the last step, turning that context into
text, is done here, and only for the plain inputs, text areas and single selects; anything else
(file inputs, checkbox lists, ...) goes through Django as before. A test renders every field of
every desk form both ways and compares them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

# The widget templates that are nothing but an include of django/forms/widgets/input.html.
INPUT_TEMPLATES = frozenset(f"django/forms/widgets/{name}.html" for name in (
    "text", "email", "date", "number", "password", "hidden", "url", "time", "search", "tel"))
TEXTAREA = "django/forms/widgets/textarea.html"
SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def render_field_widget(field: forms.BoundField, attrs: dict[str, Any]) -> SafeString:
    """What ``field.as_widget(attrs=attrs)`` returns, without the template engine where it can."""
    widget = field.field.widget
    if field.field.localize:
        widget.is_localized = True
    attrs = field.build_widget_attrs(attrs, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)
    text = _written(widget.template_name, context["widget"])
    if text is None:
        return widget._render(widget.template_name, context, field.form.renderer)
    return mark_safe(text)  # Django's renderer strips what its templates write; so does _written


def _written(template: str, widget: dict[str, Any]) -> str | None:
    if template in INPUT_TEMPLATES:
        value = "" if widget["value"] is None else f' value="{_e(widget["value"])}"'
        return (f'<input type="{_e(widget["type"])}" name="{_e(widget["name"])}"{value}'
                f'{_attrs(widget["attrs"])}>')
    if template == TEXTAREA:
        return (f'<textarea name="{_e(widget["name"])}"{_attrs(widget["attrs"])}>\n'
                f'{_e(widget["value"]) if widget["value"] else ""}</textarea>')
    if template == SELECT and not widget.get("allow_multiple_selected"):
        parts = [f'<select name="{_e(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_e(group_name)}">')
            for option in options:
                if option["template_name"] != OPTION:
                    return None
                parts.append(f'\n  <option value="{_e(option["value"])}"{_attrs(option["attrs"])}>'
                             f'{_e(option["label"])}</option>\n')
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return "".join(parts)
    return None


def _attrs(attrs: dict[str, Any]) -> str:
    # django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name alone.
    return "".join(f" {_e(name)}" if value is True else f' {_e(name)}="{_e(value)}"'
                   for name, value in attrs.items() if value is not False)


def _e(value: Any) -> str:
    return str(conditional_escape(str(value)))
