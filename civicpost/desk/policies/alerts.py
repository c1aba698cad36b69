"""E-mails about the policy, sent after the change commits (as every e-mail of the desk is)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.core.mail import send_mass_mail
from django.db import transaction

from civicpost.desk.councils.models import Membership

log = logging.getLogger(__name__)


def send_each(messages: Iterable[tuple[str, str, str]]) -> None:
    """(subject, body, address) messages, one per person, after the transaction commits; a mail
    server that is down never undoes the change (it is logged)."""
    batch = [(subject, body, None, [to]) for subject, body, to in messages if to]
    if not batch:
        return

    def deliver() -> None:
        try:
            send_mass_mail(batch, fail_silently=False)
        except Exception:
            log.exception("could not send %d policy e-mails", len(batch))

    transaction.on_commit(deliver)


def new_version(version: Any) -> None:
    from civicpost.desk.policies.acknowledging import COVERED_ROLES

    council = version.council
    people = (Membership.objects.filter(council=council, active=True, role__in=COVERED_ROLES)
              .select_related("user").exclude(user=version.created_by))
    send_each(
        (f"[{council}] The social media policy has changed: please read it again",
         f"{council} has saved version {version.number} of its social media policy"
         + (f" ({version.note})" if version.note else "") + ".\n\n"
         "Please read it and acknowledge it in civicpost (the Policy page). Until you do, "
         "the Clerk sees your acknowledgement as outstanding"
         + (", and as a partner organisation you cannot draft posts." if m.role == "partner" else "."),
         m.user.email)
        for m in people)
