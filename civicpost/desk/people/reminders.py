"""Reminding people to acknowledge the council's current policy: by the Clerk's button, or once a
week by the worker where the Clerk has turned that on. E-mails go after the change commits."""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from civicpost.desk.councils.models import Council
from civicpost.desk.policies.alerts import send_each

log = logging.getLogger(__name__)

WEEK = dt.timedelta(days=7)


def remind(council: Council) -> list[str]:
    """E-mail each person (member or register entry with an address) who has something to
    acknowledge; returns their addresses."""
    from civicpost.desk.people.register import outstanding, policy_or_none

    version = policy_or_none(council)
    if version is None:
        return []
    link = reverse("policies:policy")
    messages = []
    for entry in outstanding(council):
        if not entry.email:
            continue
        what = " and ".join(entry.missing_labels)
        how = (f"Please read it in civicpost (the Policy page, {link}) and acknowledge it there."
               if entry.signs_in else "Please ask the Clerk for a copy to read and sign.")
        messages.append((f"[{council}] Reminder: please acknowledge the {what}",
                         f"Dear {entry.name},\n\n{council} asks everyone its social media policy covers "
                         f"to read and acknowledge version {version.number} of the policy"
                         + (" and councillors the Members' Code of Conduct" if "Code" in what else "")
                         + f".\n\nYou have not yet acknowledged: {what}.\n\n{how}\n", entry.email))
    send_each(messages)
    return [to for _, _, to in messages]


def send_weekly_reminders() -> int:
    """The worker's duty: each council that asked for weekly reminders gets one round a week.
    The round is claimed with a conditional update, so two workers never both send it."""
    from civicpost.desk.people import services
    from civicpost.desk.people.models import ReminderSchedule

    now = timezone.now()
    due = Q(last_sent__isnull=True) | Q(last_sent__lte=now - WEEK)
    rounds = 0
    for schedule in ReminderSchedule.objects.filter(due, weekly=True).select_related("council"):
        claimed = ReminderSchedule.objects.filter(due, pk=schedule.pk, weekly=True).update(last_sent=now)
        if claimed != 1:
            continue
        services.send_reminders(schedule.council, None)
        rounds += 1
    return rounds
