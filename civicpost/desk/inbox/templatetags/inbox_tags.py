"""Template helpers of the inbox: a label as a GOV.UK tag, and a due time in words."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from civicpost.desk.inbox.forms import LABEL_NAMES

register = template.Library()

_COLOUR = {"threat": "red", "libel": "red", "abuse": "red", "foi": "purple", "grievance": "orange",
           "complaint": "orange", "question": "blue", "negative": "yellow", "positive": "green",
           "other": "grey"}


@register.filter
def label_tag(label: str) -> SafeString:
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', _COLOUR.get(label, "grey"),
                       LABEL_NAMES.get(label, label))


@register.filter
def label_name(label: str) -> str:
    return LABEL_NAMES.get(label, label)


@register.filter
def due_words(due: dt.datetime | None) -> str:
    """'today at 17:00', 'tomorrow at 17:00', 'Thu 21 January 2027 at 23:59'."""
    if due is None:
        return "no clock"
    local = timezone.localtime(due)
    today = timezone.localdate()
    if local.date() == today:
        day = "today"
    elif local.date() == today + dt.timedelta(days=1):
        day = "tomorrow"
    else:
        day = f"{local:%a} {local.day} {local:%B %Y}"
    return f"{day} at {local:%H:%M}"
