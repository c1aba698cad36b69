"""E-mails the desk sends about posts. They go after the change commits, so nobody is told of a
change that did not happen, and a mail server that is down never undoes a change."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.core.mail import send_mail
from django.db import transaction

from civicpost.desk.councils.models import Membership, Role

log = logging.getLogger(__name__)


def _send(subject: str, body: str, to: Iterable[str]) -> None:
    recipients = sorted(set(to))
    if not recipients:
        return

    def deliver() -> None:
        try:
            send_mail(subject, body, None, recipients)
        except Exception:  # the change stands; the failure is logged for the administrator
            log.exception("could not send %r to %s", subject, recipients)

    transaction.on_commit(deliver)


def approvers(council: Any) -> list[str]:
    return [m.user.email for m in Membership.objects.filter(council=council, active=True)
            .select_related("user") if m.can_approve]


def clerks(council: Any) -> list[str]:
    return list(Membership.objects.filter(council=council, active=True, role=Role.CLERK)
                .values_list("user__email", flat=True))


def post_submitted(post: Any) -> None:
    _send(f"[{post.council}] Post {post.pk} is waiting for your approval",
          f"{post.author} submitted a post for approval:\n\n{post.text}\n\n"
          f"Findings: {post.current_version.verdict}.", [e for e in approvers(post.council)
                                                         if e != post.author.email])


def post_returned(post: Any, comment: str) -> None:
    _send(f"[{post.council}] Post {post.pk} was returned for changes",
          f"Your post was returned with this comment:\n\n{comment}\n\nThe post:\n\n{post.text}",
          [post.author.email])


def emergency_published(post: Any, actor: Any) -> None:
    _send(f"[{post.council}] Emergency post {post.pk} was published without approval",
          f"{actor} published an emergency post at once. It needs your review after the fact.\n\n"
          f"{post.text}", clerks(post.council))


def publication_failed(publication: Any) -> None:
    _send(f"[{publication.post.council}] Post {publication.post_id} could not be published "
          f"to {publication.channel}",
          f"The platform said: {publication.last_error}", [publication.post.author.email])
