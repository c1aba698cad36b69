"""The rows of a post's life, built in memory exactly as the desk's services write them.

Each method below mirrors one service (``civicpost.desk.posts.services`` and ``publishing``):
the same fields, the same decision, the same audit event with the same summary and details. The
benchmark seeds ten thousand posts; calling the services one by one would take many minutes,
so the rows are collected here and written with ``bulk_create``. Audit events are collected
with their times and linked into the council's hash chain in time order at the end, as they
would have been appended.

Import this module only after Django is set up.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.db.models import Max

# _jsonable is the very normalisation record() applies to details before hashing.
from civicpost.desk.audit.log import _jsonable, chain_key
from civicpost.desk.audit.models import AuditChain, AuditEvent
from civicpost.desk.posts.models import Decision, Post, PostVersion, Publication, Status


@contextmanager
def explicit_timestamps(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let ``bulk_create`` keep the times we set: auto_now(_add) would stamp every row "now"."""
    switched = []
    for model in model_classes:
        for f in model._meta.concrete_fields:
            if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
                switched.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in switched:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def actor_label(actor: Any | None) -> str:
    """Who, as record() writes it."""
    if actor is None or not getattr(actor, "pk", None):
        return "system"
    return f"{actor.name} <{actor.email}>" if getattr(actor, "name", "") else actor.email


@dataclass
class PendingEvent:
    at: dt.datetime
    order: int
    event: AuditEvent


class ChainWriter:
    """Audit events for one council, linked into its chain in time order when written."""

    def __init__(self, council: Any) -> None:
        self.council = council
        self.key = chain_key(council)
        self.pending: list[PendingEvent] = []
        self._order = itertools.count()

    def append(self, at: dt.datetime, action: str, *, actor: Any | None, subject: models.Model,
               summary: str, details: dict[str, Any] | None = None) -> None:
        event = AuditEvent(
            chain=self.key, at=at.replace(microsecond=0), council_id=self.council.pk,
            actor_id=actor.pk if actor is not None and getattr(actor, "pk", None) else None,
            actor_label=actor_label(actor), action=action,
            subject_type=subject._meta.model_name, subject_id=str(subject.pk),
            summary=summary[:500], details=_jsonable(details or {}))
        self.pending.append(PendingEvent(event.at, next(self._order), event))

    def link(self) -> tuple[list[AuditEvent], int, str]:
        """The events with positions and hashes after the chain's current head; and the new head."""
        chain, _ = AuditChain.objects.get_or_create(key=self.key)
        length, head = chain.length, chain.head
        next_id = (AuditEvent.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        events = []
        for pending in sorted(self.pending, key=lambda p: (p.at, p.order)):
            event = pending.event
            length += 1
            event.pk, event.position, event.previous_hash = next_id, length, head
            event.hash = event.computed_hash()
            head = event.hash
            next_id += 1
            events.append(event)
        return events, length, head


@dataclass
class Story:
    """One post while its rows are built: the post, its versions and its publications."""

    post: Post
    versions: list[PostVersion] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)

    @property
    def current(self) -> PostVersion:
        return self.versions[-1]


class PostRows:
    """Every row of every post, as the services would have written them."""

    def __init__(self, council: Any, policy_version: Any, approval_valid_hours: int) -> None:
        self.council = council
        self.policy_version = policy_version
        self.valid_for = dt.timedelta(hours=approval_valid_hours)
        self.chain = ChainWriter(council)
        self.posts: list[Post] = []
        self.versions: list[PostVersion] = []
        self.decisions: list[Decision] = []
        self.publications: list[Publication] = []
        self.channel_links: list[models.Model] = []
        self.next_post_id = (Post.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        self._channels_of: dict[int, list[Any]] = defaultdict(list)

    # services.create_post
    def draft(self, at: dt.datetime, author: Any, *, text: str, verdict: str,
              findings: list[dict[str, Any]], context: dict[str, Any], post_type: str, kind: str,
              channels: list[Any], in_reply_to: str = "",
              scheduled_for: dt.datetime | None = None) -> Story:
        post = Post(pk=self.next_post_id, council=self.council, author=author, post_type=post_type,
                    kind=kind, scheduled_for=scheduled_for, in_reply_to=in_reply_to, created=at,
                    updated=at)
        self.next_post_id += 1
        self.posts.append(post)
        through = Post.channels.through
        for channel in channels:
            self.channel_links.append(through(post_id=post.pk, channelaccount_id=channel.pk))
        self._channels_of[post.pk] = sorted(channels, key=lambda c: (c.platform, c.name))
        story = Story(post)
        self._version(story, at, author, text, verdict, findings, context)
        self.chain.append(at, "post.drafted", actor=author, subject=post,
                          summary=f"Post {post.pk} drafted ({verdict})",
                          details={"version": 1, "verdict": verdict,
                                   "codes": [f["code"] for f in findings]})
        return story

    def _version(self, story: Story, at: dt.datetime, author: Any, text: str, verdict: str,
                 findings: list[dict[str, Any]], context: dict[str, Any]) -> PostVersion:
        version = PostVersion(post=story.post, number=len(story.versions) + 1, text=text, media=[],
                              author=author, policy_version=self.policy_version,
                              check_context=context, verdict=verdict, findings=findings, created=at)
        story.versions.append(version)
        self.versions.append(version)
        story.post.current_version = version
        return version

    # services.edit_post (never of an approved post in this seed, so no approval is withdrawn)
    def edit(self, story: Story, at: dt.datetime, actor: Any, *, text: str, verdict: str,
             findings: list[dict[str, Any]], context: dict[str, Any]) -> None:
        assert story.post.status != Status.APPROVED
        version = self._version(story, at, actor, text, verdict, findings, context)
        story.post.updated = at
        self.chain.append(at, "post.edited", actor=actor, subject=story.post,
                          summary=f"Post {story.post.pk} edited (version {version.number}, {verdict})",
                          details={"version": version.number, "verdict": verdict,
                                   "approval_withdrawn": False})

    def _decide(self, story: Story, at: dt.datetime, action: str, by: Any | None, comment: str = "",
                codes: list[str] | None = None) -> None:
        self.decisions.append(Decision(post=story.post, version=story.current, action=action, by=by,
                                       comment=comment, overridden_codes=codes or [], at=at))

    # services.submit
    def submit(self, story: Story, at: dt.datetime, actor: Any) -> None:
        story.post.status = Status.SUBMITTED
        story.post.updated = at
        self._decide(story, at, Decision.Action.SUBMITTED, actor)
        self.chain.append(at, "post.submitted", actor=actor, subject=story.post,
                          summary=f"Post {story.post.pk} submitted for approval",
                          details={"version": story.current.number})

    # services.approve
    def approve(self, story: Story, at: dt.datetime, actor: Any, *, comment: str = "",
                override_reason: str = "") -> None:
        post, version = story.post, story.current
        blocking = version.blocking
        post.status = Status.APPROVED
        post.approved_version, post.approved_by, post.approved_at = version, actor, at
        post.approval_expires = at + self.valid_for
        if post.scheduled_for and post.scheduled_for > post.approval_expires:
            post.approval_expires = post.scheduled_for + dt.timedelta(hours=1)
        post.updated = at
        codes = sorted({f["code"] for f in blocking})
        reason = override_reason.strip()
        self._decide(story, at, Decision.Action.OVERRIDDEN if blocking else Decision.Action.APPROVED,
                     actor, reason if blocking else comment.strip(), codes)
        self.chain.append(at, "post.overridden" if blocking else "post.approved", actor=actor,
                          subject=post,
                          summary=(f"Post {post.pk} approved over {', '.join(codes)}: {reason}"
                                   if blocking else f"Post {post.pk} approved"),
                          details={"version": version.number, "overridden": codes, "reason": reason,
                                   "comment": comment.strip(),
                                   "expires": post.approval_expires.isoformat()})

    @staticmethod
    def _clear_approval(post: Post) -> None:
        post.approved_version = post.approved_by = post.approved_at = post.approval_expires = None

    # services.return_post
    def return_post(self, story: Story, at: dt.datetime, actor: Any, comment: str) -> None:
        story.post.status = Status.RETURNED
        self._clear_approval(story.post)
        story.post.updated = at
        self._decide(story, at, Decision.Action.RETURNED, actor, comment.strip())
        self.chain.append(at, "post.returned", actor=actor, subject=story.post,
                          summary=f"Post {story.post.pk} returned: {comment.strip()}",
                          details={"comment": comment.strip()})

    # services.withdraw
    def withdraw(self, story: Story, at: dt.datetime, actor: Any, reason: str) -> None:
        story.post.status = Status.WITHDRAWN
        self._clear_approval(story.post)
        story.post.updated = at
        self._decide(story, at, Decision.Action.WITHDRAWN, actor, reason.strip())
        self.chain.append(at, "post.withdrawn", actor=actor, subject=story.post,
                          summary=f"Post {story.post.pk} withdrawn"
                                  + (f": {reason.strip()}" if reason.strip() else ""))

    # publishing.publish_now, on channels posted by hand (each waits for its live link)
    def publish(self, story: Story, at: dt.datetime, actor: Any | None, *, scheduled: bool) -> None:
        post = story.post
        post.status = Status.PUBLISHING  # an update(), so post.updated does not move
        for channel in self._channels_of[post.pk]:
            story.publications.append(Publication(
                post=post, version=story.current, channel=channel,
                idempotency_key=f"post-{post.pk}-channel-{channel.pk}",
                state=Publication.State.AWAITING_LINK, next_attempt=at, created=at))
        self.publications.extend(story.publications)
        self.chain.append(at, "post.publishing", actor=actor, subject=post,
                          summary=f"Post {post.pk} released for publishing to "
                                  f"{', '.join(str(p.channel) for p in story.publications)}"
                                  + (" at its scheduled time" if scheduled else ""),
                          details={"version": story.current.number,
                                   "publications": [p.idempotency_key for p in story.publications]})

    # publishing.record_live_link, then publishing.settle
    def live_link(self, story: Story, publication: Publication, at: dt.datetime, actor: Any,
                  url: str) -> None:
        publication.state = Publication.State.PUBLISHED
        publication.url, publication.published_at, publication.recorded_by = url, at, actor
        self.chain.append(at, "post.published", actor=actor, subject=story.post,
                          summary=f"Post {story.post.pk} is live on {publication.channel}: {url}",
                          details={"channel": publication.channel.pk, "url": url,
                                   "idempotency_key": publication.idempotency_key})
        if all(p.state == Publication.State.PUBLISHED for p in story.publications):
            story.post.status = Status.PUBLISHED
            story.post.published_at = at
            self.chain.append(at, "post.published-everywhere", actor=None, subject=story.post,
                              summary=f"Post {story.post.pk} is published on all its channels")

    def write(self) -> int:
        """Everything in one transaction; returns the number of audit events appended."""
        for rows, time_of in ((self.versions, "created"), (self.decisions, "at"),
                              (self.publications, "created")):
            _number_in_time_order(rows, time_of)
        events, length, head = self.chain.link()
        with transaction.atomic(), explicit_timestamps(Post, PostVersion, Decision, Publication):
            # Foreign keys are checked at commit, so a post may name its version before it exists.
            Post.objects.bulk_create(self.posts, batch_size=2000)
            PostVersion.objects.bulk_create(self.versions, batch_size=2000)
            Post.channels.through.objects.bulk_create(self.channel_links, batch_size=2000)
            Decision.objects.bulk_create(self.decisions, batch_size=2000)
            Publication.objects.bulk_create(self.publications, batch_size=2000)
            AuditEvent.objects.bulk_create(events, batch_size=2000)
            AuditChain.objects.filter(key=self.chain.key).update(length=length, head=head)
        return len(events)


def _number_in_time_order(rows: list[Any], time_of: str) -> None:
    """Primary keys in the order the rows were made, as an auto-increment would give them."""
    if not rows:
        return
    model = type(rows[0])
    first = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    for offset, row in enumerate(sorted(rows, key=lambda r: getattr(r, time_of))):
        row.pk = first + offset
