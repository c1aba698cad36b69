"""Publishing an approved post to its channels, exactly once each.

A :class:`Publication` row per post and channel carries a unique idempotency key, so asking twice
(a double click, a retry, two workers, a restart) never makes a second one. On the manual channel
the officer copies the approved text to the platform and records the live link; the platforms'
connectors send it themselves through :func:`deliver`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from civicpost.desk.audit.log import record
from civicpost.desk.councils.models import Role
from civicpost.desk.posts import alerts
from civicpost.desk.posts.models import Decision, Post, PostType, Publication, Status
from civicpost.desk.posts.services import NotAllowed, _membership, expire_if_due

LIVE_LINK_SCHEMES = ("https://", "http://")


def _refuse_if_paused(post: Post) -> None:
    post.council.refresh_from_db(fields=["publishing_paused", "paused_reason"])
    if post.council.publishing_paused:
        reason = f": {post.council.paused_reason}" if post.council.paused_reason else ""
        raise NotAllowed(f"Publishing is paused for {post.council}{reason}. The Clerk can resume it.")


def _open_publications(post: Post, actor: Any) -> list[Publication]:
    publications = []
    for channel in post.channels.all():
        publication, _ = Publication.objects.get_or_create(
            idempotency_key=f"post-{post.pk}-channel-{channel.pk}",
            defaults={"post": post, "version": post.current_version, "channel": channel,
                      "state": Publication.State.QUEUED, "next_attempt": timezone.now()})
        publications.append(publication)
    for publication in publications:
        if publication.channel.is_manual and publication.state == Publication.State.QUEUED:
            publication.state = Publication.State.AWAITING_LINK
            publication.save(update_fields=["state"])
    if any(p.state == Publication.State.QUEUED for p in publications):
        from civicpost.desk.tasks import nudge_outbox

        transaction.on_commit(nudge_outbox)
    return publications


@transaction.atomic
def publish_now(post: Post, actor: Any | None, *, scheduled: bool = False) -> list[Publication]:
    """Send an approved post to its channels (the worker calls this at a post's scheduled time)."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.status in {Status.PUBLISHING, Status.PUBLISHED}:
        return list(post.publications.all())  # already on its way: asking again changes nothing
    if post.status != Status.APPROVED:
        raise NotAllowed("Only an approved post can be published")
    if actor is not None:
        membership = _membership(post, actor)
        if not membership.is_staff_role:
            raise NotAllowed("Only the Clerk or an officer can publish")
    if expire_if_due(post):
        raise NotAllowed("The approval has expired: the post needs approving again")
    if not scheduled and post.scheduled_for and post.scheduled_for > timezone.now():
        when = timezone.localtime(post.scheduled_for)
        raise NotAllowed(f"This post is scheduled for {when:%d %B %Y at %H:%M}; it will be published then")
    _refuse_if_paused(post)
    if post.current_version_id != post.approved_version_id:
        raise NotAllowed("The text changed after approval: it needs approving again")
    updated = Post.objects.filter(pk=post.pk, status=Status.APPROVED).update(status=Status.PUBLISHING)
    if not updated:
        return list(post.publications.all())
    post.status = Status.PUBLISHING
    publications = _open_publications(post, actor)
    record("post.publishing", actor=actor, council=post.council, subject=post,
           summary=f"Post {post.pk} released for publishing to "
                   f"{', '.join(str(p.channel) for p in publications)}"
                   + (" at its scheduled time" if scheduled else ""),
           details={"version": post.current_version.number,
                    "publications": [p.idempotency_key for p in publications]})
    return publications


@transaction.atomic
def emergency_publish(post: Post, actor: Any) -> list[Publication]:
    """Ludgershall §3 emergency information: an officer may publish at once when no blocking
    finding stands. The post is marked for the Clerk's review after the fact."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    membership = _membership(post, actor)
    if post.post_type != PostType.EMERGENCY:
        raise NotAllowed("Only a post of type 'Emergency information' can be fast-tracked")
    if not membership.is_staff_role:
        raise NotAllowed("Only the Clerk or an officer can publish an emergency post")
    if post.status not in {Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED}:
        raise NotAllowed("This post cannot be published now")
    if post.current_version.blocking:
        raise NotAllowed("A finding that must be fixed stands: fix it first (the fast track is "
                         "only for posts with none)")
    if not post.channels.exists():
        raise NotAllowed("Choose at least one channel")
    _refuse_if_paused(post)
    now = timezone.now()
    post.status = Status.PUBLISHING
    post.fast_tracked = True
    post.review_needed = True
    post.approved_version = post.current_version
    post.approved_at = now
    post.scheduled_for = None
    post.save()
    Decision.objects.create(post=post, version=post.current_version,
                            action=Decision.Action.FAST_TRACKED, by=actor)
    publications = _open_publications(post, actor)
    record("post.emergency-published", actor=actor, council=post.council, subject=post,
           summary=f"Emergency post {post.pk} published at once by {actor}; the Clerk must review it",
           details={"version": post.current_version.number})
    alerts.emergency_published(post, actor)
    return publications


@transaction.atomic
def publish_reply(post: Post, actor: Any) -> list[Publication]:
    """A reply where the council's settings say replies need no approval: published at once by
    the Clerk or an officer, provided no blocking finding stands."""
    post = Post.objects.select_for_update().select_related("council").get(pk=post.pk)
    membership = _membership(post, actor)
    if post.kind != "reply":
        raise NotAllowed("Only a reply can go out without approval")
    if post.council.replies_need_approval:
        raise NotAllowed("The council's replies need approval: submit it for approval")
    if not membership.is_staff_role:
        raise NotAllowed("Only the Clerk or an officer can publish a reply")
    if post.status not in {Status.DRAFT, Status.RETURNED}:
        raise NotAllowed("This reply cannot be published now")
    if post.current_version.blocking:
        raise NotAllowed("A finding that must be fixed stands: fix it first")
    if not post.channels.exists():
        raise NotAllowed("Choose the channel to reply on")
    _refuse_if_paused(post)
    post.status = Status.PUBLISHING
    post.approved_version = post.current_version
    post.approved_at = timezone.now()
    post.save()
    Decision.objects.create(post=post, version=post.current_version, action=Decision.Action.RELEASED,
                            by=actor)
    publications = _open_publications(post, actor)
    record("post.reply-published", actor=actor, council=post.council, subject=post,
           summary=f"Reply {post.pk} published by {actor} (replies need no approval at this council)",
           details={"version": post.current_version.number})
    return publications


@transaction.atomic
def review_emergency(post: Post, actor: Any, comment: str) -> None:
    post = Post.objects.select_for_update().get(pk=post.pk)
    membership = _membership(post, actor)
    if membership.role != Role.CLERK:
        raise NotAllowed("Only the Town Clerk reviews emergency posts")
    if not post.review_needed:
        raise NotAllowed("This post does not need a review")
    post.review_needed = False
    post.reviewed_by = actor
    post.reviewed_at = timezone.now()
    post.save()
    Decision.objects.create(post=post, version=post.current_version, action=Decision.Action.REVIEWED,
                            by=actor, comment=comment.strip())
    record("post.emergency-reviewed", actor=actor, council=post.council, subject=post,
           summary=f"Emergency post {post.pk} reviewed" + (f": {comment.strip()}" if comment.strip() else ""))


@transaction.atomic
def record_live_link(publication: Publication, actor: Any, url: str) -> None:
    """The manual channel: the officer posted the approved text and records where it is live."""
    publication = Publication.objects.select_for_update().select_related("post", "channel").get(
        pk=publication.pk)
    membership = _membership(publication.post, actor)
    if not membership.is_staff_role:
        raise NotAllowed("Only the Clerk or an officer can record a live link")
    url = url.strip()
    if not url.startswith(LIVE_LINK_SCHEMES) or len(url) > 500 or " " in url:
        raise NotAllowed("Enter the full link to the live post, starting https://")
    if publication.state == Publication.State.PUBLISHED:
        raise NotAllowed("A live link is already recorded for this channel")
    if publication.state != Publication.State.AWAITING_LINK:
        raise NotAllowed("This channel is not waiting for a link")
    publication.state = Publication.State.PUBLISHED
    publication.url = url
    publication.published_at = timezone.now()
    publication.recorded_by = actor
    publication.save()
    record("post.published", actor=actor, council=publication.post.council, subject=publication.post,
           summary=f"Post {publication.post_id} is live on {publication.channel}: {url}",
           details={"channel": publication.channel_id, "url": url,
                    "idempotency_key": publication.idempotency_key})
    settle(publication.post)


def settle(post: Post) -> None:
    """A post is published once every one of its channels is."""
    states = set(post.publications.values_list("state", flat=True))
    if states == {Publication.State.PUBLISHED}:
        updated = Post.objects.filter(pk=post.pk, status=Status.PUBLISHING).update(
            status=Status.PUBLISHED, published_at=timezone.now())
        if updated:
            record("post.published-everywhere", actor=None, council=post.council, subject=post,
                   summary=f"Post {post.pk} is published on all its channels")


def release_scheduled(now: dt.datetime | None = None) -> int:
    """The worker's duty: publish approved posts whose time has come (not while paused)."""
    now = now or timezone.now()
    due = Post.objects.filter(status=Status.APPROVED, scheduled_for__lte=now,
                              council__publishing_paused=False).values_list("pk", flat=True)
    released = 0
    for pk in list(due[:200]):
        try:
            if publish_now(Post.objects.get(pk=pk), None, scheduled=True):
                released += 1
        except NotAllowed:
            continue  # e.g. the approval expired: the post is back in the approval queue
    return released


def expire_approvals(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    lapsed = Post.objects.filter(status=Status.APPROVED, approval_expires__lte=now)
    return sum(expire_if_due(post, now) for post in lapsed[:500])
