"""The outbox: the worker sends each queued publication to its platform, exactly once.

1. A publication is *claimed* with a conditional update (queued → sending), so two workers never
   send the same one. The claim commits before the platform is called: no database lock is held
   while the network is slow.
2. The platform is called with the publication's idempotency key and, on any attempt after the
   first, the time of the first attempt, so the connector returns the post an earlier attempt
   made instead of making a second (Bluesky: a record key derived from the idempotency key;
   Mastodon: its Idempotency-Key header; the others look the post up).
3. The outcome is recorded in one transaction with its audit event.

A worker killed anywhere in between leaves the publication *sending*; after the lease
(``CIVICPOST_SEND_LEASE_SECONDS``, default 300) another worker takes it back and step 2 makes the
retry safe. Nothing is lost and nothing is posted twice. Transient failures back off
exponentially; a permanent one (or too many) is shown to the officer with the platform's reason.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from typing import Any

from django.db import transaction
from django.db.models import DateTimeField, F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from civicpost.connectors import ConnectorError, Media, OutgoingPost, PublishState
from civicpost.desk.audit.log import record
from civicpost.desk.channels import transport
from civicpost.desk.posts import alerts
from civicpost.desk.posts.models import Post, Publication
from civicpost.desk.posts.publishing import settle

MAX_ATTEMPTS = 8
BATCH = 50


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=int(os.environ.get("CIVICPOST_SEND_LEASE_SECONDS", "300")))


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4, 8 … minutes, at most an hour."""
    return dt.timedelta(minutes=min(60, 2 ** max(0, attempts - 1)))


def _fault(point: str) -> None:
    # Lets the crash tests kill the worker at an exact point of a send; unset in real use.
    if os.environ.get("CIVICPOST_FAULT") == point:
        os._exit(137)


def reclaim_stale(now: dt.datetime) -> int:
    """Sends whose worker vanished (killed, machine lost) go back to the queue after the lease."""
    return Publication.objects.filter(state=Publication.State.SENDING,
                                      claimed_at__lt=now - lease()).update(
        state=Publication.State.QUEUED, claimed_by="", next_attempt=now)


def deliver_queued(now: dt.datetime | None = None) -> int:
    """The worker's duty: send what is due. Returns how many were sent."""
    now = now or timezone.now()
    reclaim_stale(now)
    due = (Publication.objects.filter(state=Publication.State.QUEUED, post__council__publishing_paused=False)
           .filter(Q(next_attempt__isnull=True) | Q(next_attempt__lte=now))
           .exclude(channel__platform="manual").order_by("next_attempt", "pk")
           .values_list("pk", flat=True))
    worker = f"{socket.gethostname()}:{os.getpid()}"
    sent = 0
    for pk in list(due[:BATCH]):
        at = timezone.now()
        claimed = Publication.objects.filter(pk=pk, state=Publication.State.QUEUED).update(
            state=Publication.State.SENDING, claimed_by=worker, claimed_at=at,
            attempts=F("attempts") + 1,
            first_attempt=Coalesce(F("first_attempt"), Value(at), output_field=DateTimeField()))
        if claimed:
            sent += send(Publication.objects.select_related("post", "channel", "version").get(pk=pk))
    return sent


def outgoing(publication: Publication) -> OutgoingPost:
    post = publication.post
    media = []
    for snapshot in publication.version.media:
        attachment = post.attachments.filter(pk=snapshot.get("id")).first()
        if attachment is None:
            continue
        with attachment.file.open("rb") as handle:
            media.append(Media(handle.read(), attachment.content_type, snapshot.get("alt") or ""))
    # Any claim after the first may follow an attempt whose outcome is unknown.
    retry = bool(publication.first_attempt and publication.claimed_at
                 and publication.claimed_at > publication.first_attempt)
    return OutgoingPost(text=publication.version.text, idempotency_key=publication.idempotency_key,
                        media=tuple(media), reply_to=reply_target(post) or None,
                        first_attempt_at=publication.first_attempt if retry else None)


def reply_target(post: Post) -> str:
    """The platform's id of what a reply answers: the inbox message it was written for, when the
    desk has one with that link, else the link itself."""
    if post.kind != "reply" or not post.in_reply_to:
        return ""
    from django.apps import apps

    if apps.is_installed("civicpost.desk.inbox"):
        message_model: Any = apps.get_model("inbox", "Message")
        found = message_model.objects.filter(council=post.council, url=post.in_reply_to).first()
        if found is not None and getattr(found, "external_id", ""):
            return str(found.external_id)
    return post.in_reply_to


def send(publication: Publication) -> int:
    _fault("before-send")
    try:
        published = transport.connector(publication.channel).publish(outgoing(publication))
    except ConnectorError as exc:
        _failed(publication, exc)
        return 0
    except Exception as exc:  # a bug or an unreadable file must not leave the row claimed
        _failed(publication, ConnectorError(f"civicpost could not send it: {exc}", permanent=False))
        return 0
    _fault("after-send")
    with transaction.atomic():
        updated = Publication.objects.filter(pk=publication.pk, state=Publication.State.SENDING).update(
            state=(Publication.State.AWAITING_LINK if published.state == PublishState.PENDING
                   else Publication.State.PUBLISHED),
            external_id=published.external_id, url=published.url or "",
            published_at=published.published_at, last_error="", claimed_by="")
        if not updated:
            return 0  # reclaimed meanwhile: the other worker's retry records the same post
        record("post.published", actor=None, council=publication.post.council, subject=publication.post,
               summary=f"Post {publication.post_id} is live on {publication.channel}"
                       + (f": {published.url}" if published.url else "")
                       + (" (found from an earlier attempt)" if published.already_existed else ""),
               details={"channel": publication.channel_id, "url": published.url,
                        "external_id": published.external_id, "attempts": publication.attempts,
                        "idempotency_key": publication.idempotency_key,
                        "already_existed": published.already_existed})
        settle(publication.post)
    return 1


def _failed(publication: Publication, error: ConnectorError) -> None:
    reason = error.platform_reason or error.message
    permanent = error.permanent or publication.attempts >= MAX_ATTEMPTS
    now = timezone.now()
    wait = (dt.timedelta(seconds=error.retry_after) if error.retry_after
            else backoff(publication.attempts))
    with transaction.atomic():
        Publication.objects.filter(pk=publication.pk, state=Publication.State.SENDING).update(
            state=Publication.State.FAILED if permanent else Publication.State.QUEUED,
            last_error=reason[:2000], claimed_by="",
            next_attempt=None if permanent else now + wait)
        record("post.publish-failed" if permanent else "post.publish-retry", actor=None,
               council=publication.post.council, subject=publication.post,
               summary=(f"Post {publication.post_id} could not be published to {publication.channel}: "
                        f"{reason}" if permanent else
                        f"Post {publication.post_id}: {publication.channel} did not take it yet "
                        f"({reason}); trying again at {timezone.localtime(now + wait):%H:%M}"),
               details={"channel": publication.channel_id, "reason": reason,
                        "attempts": publication.attempts, "permanent": permanent})
        if permanent:
            publication.last_error = reason
            alerts.publication_failed(publication)


def retry_failed(publication: Publication, actor: Any) -> None:
    """The officer fixed the cause (a new token, a shorter text) and asks for another go."""
    with transaction.atomic():
        updated = Publication.objects.filter(pk=publication.pk, state=Publication.State.FAILED).update(
            state=Publication.State.QUEUED, next_attempt=timezone.now(), attempts=0)
        if updated:
            record("post.publish-retry-requested", actor=actor, council=publication.post.council,
                   subject=publication.post,
                   summary=f"{actor} asked to publish post {publication.post_id} to "
                           f"{publication.channel} again")
