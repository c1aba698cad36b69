"""Every change to a post is one of these functions: each runs in one transaction and writes its
audit event, and views, commands and the worker call nothing else (so "every change is audited"
holds by construction)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from civicpost.desk.audit.log import record
from civicpost.desk.councils.models import Membership, Role
from civicpost.desk.posts.checking import check_text
from civicpost.desk.posts.models import (
    Attachment,
    Decision,
    Kind,
    Post,
    PostType,
    PostVersion,
    Status,
)

MIN_OVERRIDE_REASON = 15


class NotAllowed(Exception):
    """The change is not allowed; the message says why, in words for the person who tried."""


@dataclass(frozen=True)
class Draft:
    text: str
    post_type: str = PostType.PROMOTION
    kind: str = Kind.POST
    channel_ids: tuple[int, ...] = ()
    scheduled_for: dt.datetime | None = None
    in_reply_to: str = ""


def _membership(post_or_council: Any, user: Any) -> Membership:
    council = getattr(post_or_council, "council", post_or_council)
    membership = Membership.objects.filter(council=council, user=user, active=True).first()
    if membership is None:
        raise NotAllowed("You are not a member of this council")
    return membership


def _new_version(post: Post, author: Any, text: str, role: str) -> PostVersion:
    media = [a.snapshot() for a in post.attachments.filter(removed=False).order_by("pk")]
    checked = check_text(post.council, text, role=role, kind=post.kind,
                         when=post.scheduled_for, media=media)
    number = (post.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = PostVersion.objects.create(
        post=post, number=number, text=text, media=media, author=author,
        policy_version=checked.policy, check_context=checked.context,
        verdict=checked.report.verdict, findings=[f.to_dict() for f in checked.report.findings])
    post.current_version = version
    return version


def _set_channels(post: Post, channel_ids: Iterable[int]) -> None:
    ids = set(channel_ids)
    channels = list(post.council.channels.filter(pk__in=ids, active=True))
    if len(channels) != len(ids):
        raise NotAllowed("Choose channels from this council's own accounts")
    post.channels.set(channels)


@transaction.atomic
def create_post(council: Any, author: Any, draft: Draft) -> Post:
    membership = _membership(council, author)
    if not membership.can_draft:
        raise NotAllowed(f"As {membership.get_role_display().lower()} you cannot draft council posts")
    _check_may_draft(membership)
    post = Post.objects.create(council=council, author=author, post_type=draft.post_type,
                               kind=draft.kind, scheduled_for=draft.scheduled_for,
                               in_reply_to=draft.in_reply_to)
    _set_channels(post, draft.channel_ids)
    version = _new_version(post, author, draft.text, membership.role)
    post.save()
    record("post.drafted", actor=author, council=council, subject=post,
           summary=f"Post {post.pk} drafted ({version.verdict})",
           details={"version": version.number, "verdict": version.verdict,
                    "codes": [f["code"] for f in version.findings]})
    return post


def _refuse_platform_limits(post: Post) -> None:
    from civicpost.desk.posts import limits

    broken = limits.problems(post)
    if broken:
        raise NotAllowed("The platform would refuse it: " + " ".join(broken))


def _check_may_draft(membership: Membership) -> None:
    """Loughton §3: a partner organisation may draft only once it has signed the policy."""
    from civicpost.desk.councils import drafting

    problem = drafting.why_not(membership)
    if problem:
        raise NotAllowed(problem)


@transaction.atomic
def edit_post(post: Post, actor: Any, draft: Draft) -> PostVersion | None:
    """Save changes as a new version. Editing an approved post sends it back for approval."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    membership = _membership(post, actor)
    if not post.editable:
        raise NotAllowed(f"A {post.get_status_display().lower()} post cannot be changed; "
                         "write a correction as a new post")
    if not membership.can_draft:
        raise NotAllowed("You cannot change council posts")
    if membership.role == Role.PARTNER and post.author_id != actor.pk:
        raise NotAllowed("A partner may change only its own drafts")
    changed_meta = (post.post_type != draft.post_type or post.scheduled_for != draft.scheduled_for
                    or post.in_reply_to != draft.in_reply_to
                    or set(post.channels.values_list("pk", flat=True)) != set(draft.channel_ids))
    text_changed = post.text != draft.text
    if not (changed_meta or text_changed):
        return None
    post.post_type, post.scheduled_for, post.in_reply_to = (
        draft.post_type, draft.scheduled_for, draft.in_reply_to)
    _set_channels(post, draft.channel_ids)
    version = _new_version(post, actor, draft.text, membership.role)
    was_approved = post.status == Status.APPROVED
    if was_approved:
        post.status = Status.SUBMITTED
        _clear_approval(post)
    post.save()
    record("post.edited", actor=actor, council=post.council, subject=post,
           summary=f"Post {post.pk} edited (version {version.number}, {version.verdict})"
                   + ("; approval withdrawn, it needs approving again" if was_approved else ""),
           details={"version": version.number, "verdict": version.verdict,
                    "approval_withdrawn": was_approved})
    return version


def _clear_approval(post: Post) -> None:
    post.approved_version = None
    post.approved_by = None
    post.approved_at = None
    post.approval_expires = None


@transaction.atomic
def recheck(post: Post, actor: Any) -> PostVersion:
    """Check the current text again (after an attachment changed, or the policy did)."""
    membership = _membership(post, actor)
    version = _new_version(post, actor, post.text, membership.role)
    if post.status == Status.APPROVED:
        post.status = Status.SUBMITTED
        _clear_approval(post)
    post.save()
    record("post.rechecked", actor=actor, council=post.council, subject=post,
           summary=f"Post {post.pk} checked again ({version.verdict})",
           details={"version": version.number, "verdict": version.verdict})
    return version


@transaction.atomic
def add_attachment(post: Post, actor: Any, upload: UploadedFile, *, alt: str, credit: str,
                   shows_people: bool, shows_children: bool, consent: bool) -> Attachment:
    if not post.editable:
        raise NotAllowed("This post can no longer be changed")
    content = upload.read()
    digest = hashlib.sha256(content).hexdigest()
    attachment = Attachment(post=post, original_name=upload.name or "image",
                            content_type=upload.content_type or "application/octet-stream",
                            size=len(content), sha256=digest, alt=alt, credit=credit,
                            shows_people=shows_people, shows_children=shows_children,
                            consent=consent, uploaded_by=actor)
    upload.seek(0)
    attachment.file.save(digest, upload, save=False)
    attachment.save()
    record("post.attachment-added", actor=actor, council=post.council, subject=post,
           summary=f"Image {attachment.original_name} added to post {post.pk}",
           details={"attachment": attachment.snapshot()})
    recheck(post, actor)
    return attachment


@transaction.atomic
def remove_attachment(post: Post, actor: Any, attachment: Attachment) -> None:
    if not post.editable:
        raise NotAllowed("This post can no longer be changed")
    attachment.removed = True
    attachment.save(update_fields=["removed"])
    record("post.attachment-removed", actor=actor, council=post.council, subject=post,
           summary=f"Image {attachment.original_name} removed from post {post.pk} (kept in the archive)",
           details={"attachment": attachment.pk})
    recheck(post, actor)


@transaction.atomic
def submit(post: Post, actor: Any) -> None:
    post = Post.objects.select_for_update().get(pk=post.pk)
    membership = _membership(post, actor)
    if post.status not in {Status.DRAFT, Status.RETURNED}:
        raise NotAllowed(f"Only a draft can be submitted; this post is {post.get_status_display().lower()}")
    if not membership.can_draft:
        raise NotAllowed("You cannot submit council posts")
    _check_may_draft(membership)
    if not post.channels.exists():
        raise NotAllowed("Choose at least one channel before submitting")
    _refuse_platform_limits(post)
    post.status = Status.SUBMITTED
    post.save()
    Decision.objects.create(post=post, version=post.current_version, action=Decision.Action.SUBMITTED,
                            by=actor)
    record("post.submitted", actor=actor, council=post.council, subject=post,
           summary=f"Post {post.pk} submitted for approval",
           details={"version": post.current_version.number})
    from civicpost.desk.posts import alerts

    alerts.post_submitted(post)


@transaction.atomic
def approve(post: Post, actor: Any, *, comment: str = "", override_reason: str = "") -> None:
    """Approve the current version. Nobody approves their own post; a blocking finding can be
    overridden only by the Clerk, with a written reason."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    membership = _membership(post, actor)
    version = post.current_version
    if post.status != Status.SUBMITTED:
        raise NotAllowed(f"Only a post waiting for approval can be approved; this one is "
                         f"{post.get_status_display().lower()}")
    if not membership.can_approve:
        raise NotAllowed("Only the Town Clerk or an officer the Clerk has delegated to can approve")
    if actor.pk in {post.author_id, version.author_id}:
        raise NotAllowed("Nobody approves their own post: another approver must look at it")
    _refuse_platform_limits(post)
    blocking = version.blocking
    action = Decision.Action.APPROVED
    if blocking:
        if membership.role != Role.CLERK:
            raise NotAllowed("This post has a finding that must be fixed: only the Town Clerk can "
                             "approve it over that finding, with a reason")
        if len(override_reason.strip()) < MIN_OVERRIDE_REASON:
            raise NotAllowed("Write the reason for approving over the blocking finding "
                             f"(at least {MIN_OVERRIDE_REASON} characters)")
        action = Decision.Action.OVERRIDDEN
    now = timezone.now()
    post.status = Status.APPROVED
    post.approved_version = version
    post.approved_by = actor
    post.approved_at = now
    post.approval_expires = now + dt.timedelta(hours=post.council.approval_valid_hours)
    if post.scheduled_for and post.scheduled_for > post.approval_expires:
        post.approval_expires = post.scheduled_for + dt.timedelta(hours=1)
    post.save()
    codes = sorted({f["code"] for f in blocking})
    Decision.objects.create(post=post, version=version, action=action, by=actor,
                            comment=override_reason.strip() if blocking else comment.strip(),
                            overridden_codes=codes)
    record("post.overridden" if blocking else "post.approved", actor=actor, council=post.council,
           subject=post,
           summary=(f"Post {post.pk} approved over {', '.join(codes)}: {override_reason.strip()}"
                    if blocking else f"Post {post.pk} approved"),
           details={"version": version.number, "overridden": codes,
                    "reason": override_reason.strip(), "comment": comment.strip(),
                    "expires": post.approval_expires.isoformat()})


@transaction.atomic
def return_post(post: Post, actor: Any, comment: str) -> None:
    post = Post.objects.select_for_update().get(pk=post.pk)
    membership = _membership(post, actor)
    if post.status not in {Status.SUBMITTED, Status.APPROVED}:
        raise NotAllowed("Only a post waiting for approval (or approved, not yet published) can be returned")
    if not membership.can_approve:
        raise NotAllowed("Only an approver can return a post")
    if not comment.strip():
        raise NotAllowed("Say what needs changing")
    post.status = Status.RETURNED
    _clear_approval(post)
    post.save()
    Decision.objects.create(post=post, version=post.current_version, action=Decision.Action.RETURNED,
                            by=actor, comment=comment.strip())
    record("post.returned", actor=actor, council=post.council, subject=post,
           summary=f"Post {post.pk} returned: {comment.strip()}", details={"comment": comment.strip()})
    from civicpost.desk.posts import alerts

    alerts.post_returned(post, comment.strip())


@transaction.atomic
def withdraw(post: Post, actor: Any, reason: str) -> None:
    post = Post.objects.select_for_update().get(pk=post.pk)
    membership = _membership(post, actor)
    if post.status in {Status.PUBLISHED, Status.PUBLISHING, Status.WITHDRAWN}:
        raise NotAllowed("A published post cannot be withdrawn here: delete it on the platform "
                         "and record why")
    if not (membership.is_clerk or post.author_id == actor.pk):
        raise NotAllowed("Only the author or the Clerk can withdraw a post")
    post.status = Status.WITHDRAWN
    _clear_approval(post)
    post.save()
    Decision.objects.create(post=post, version=post.current_version, action=Decision.Action.WITHDRAWN,
                            by=actor, comment=reason.strip())
    record("post.withdrawn", actor=actor, council=post.council, subject=post,
           summary=f"Post {post.pk} withdrawn" + (f": {reason.strip()}" if reason.strip() else ""))


def expire_if_due(post: Post, now: dt.datetime | None = None) -> bool:
    """An approval not used in time lapses: the post goes back to waiting for approval."""
    now = now or timezone.now()
    with transaction.atomic():
        changed = Post.objects.filter(pk=post.pk, status=Status.APPROVED,
                                      approval_expires__lte=now).update(
            status=Status.SUBMITTED, approved_version=None, approved_by=None, approved_at=None,
            approval_expires=None)
        if not changed:
            return False
        post.refresh_from_db()
        Decision.objects.create(post=post, version=post.current_version, action=Decision.Action.EXPIRED)
        record("post.approval-expired", actor=None, council=post.council, subject=post,
               summary=f"Approval of post {post.pk} expired before it was published; it needs "
                       "approving again")
    return True

