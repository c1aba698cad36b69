"""E-mails about what came in. They go after the change commits, so nobody is told of a message
that was not stored, and a mail server that is down never undoes the storing."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from civicpost.desk.councils.models import Membership, Role

log = logging.getLogger(__name__)
LISTED = 20


def send_after_commit(subject: str, body: str, to: Iterable[str]) -> None:
    recipients = sorted(set(to))
    if not recipients:
        return

    def deliver() -> None:
        try:
            send_mail(subject, body, None, recipients)
        except Exception:  # the change stands; the failure is logged for the administrator
            log.exception("could not send %r to %s", subject, recipients)

    transaction.on_commit(deliver)


def clerk_addresses(council: Any) -> list[str]:
    return list(Membership.objects.filter(council=council, active=True, role=Role.CLERK)
                .values_list("user__email", flat=True))


def _what(message: Any) -> str:
    labels = [name for name in ("threat", "libel") if message.has(name)]
    return " and ".join("a threat" if n == "threat" else "a libel complaint" for n in labels)


def urgent_arrived(council: Any, channel: Any, messages: Sequence[Any]) -> None:
    """Loughton §5: a complaint that mentions libel MUST be reported to the Town Clerk at once;
    §3: threats must be reported to the Clerk. One e-mail per arrival, listing each message."""
    count = len(messages)
    subject = (f"[{council}] Urgent: {count} message{'s' if count != 1 else ''} with a threat or "
               f"a libel complaint on {channel}")
    lines = [f"{count} urgent message{'s' if count != 1 else ''} arrived on {channel}. An incident "
             "has been opened and the evidence preserved. Please look at "
             f"{'them' if count != 1 else 'it'} now.", ""]
    for message in messages[:LISTED]:
        when = timezone.localtime(message.received)
        lines += [f"Message {message.pk} ({reverse('inbox:message', args=[message.pk])}): "
                  f"{_what(message)} from {message.author_display}, {when:%d %B %Y %H:%M}",
                  f"  {message.text[:300]}", ""]
    if count > LISTED:
        lines.append(f"... and {count - LISTED} more: see the inbox, filtered to urgent messages.")
    send_after_commit(subject, "\n".join(lines), clerk_addresses(council))


def history_viewed_again(view: Any) -> None:
    """Repeated viewing of one person's messages may be directed surveillance (RIPA 2000), which a
    town or parish council cannot authorise: the Clerk is told each time the limit is reached."""
    subject = (f"[{view.council}] {view.person_label}'s messages opened {view.views_in_period} times "
               "recently")
    body = (f"{view.user} opened the message history of {view.person_label}. That person's history "
            f"has now been opened {view.views_in_period} times in the period the council watches.\n\n"
            f"The reason given: {view.justification}\n\n"
            "Repeated viewing of one person's social media to gather information about them can be "
            "directed surveillance under RIPA 2000, which a town or parish council cannot authorise. "
            "Please check that each view was needed.")
    send_after_commit(subject, body, clerk_addresses(view.council))
