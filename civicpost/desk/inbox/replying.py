"""Replying from the desk. A reply is a post of kind ``reply`` on the message's own channel: it
gets the same checks as any post and, where the council's replies need approval, goes to the
approvers; otherwise it is published at once (``publish_reply``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from civicpost.desk.audit.log import record
from civicpost.desk.inbox.models import Message, State
from civicpost.desk.inbox.services import NotAllowed, _staff
from civicpost.desk.posts import publishing
from civicpost.desk.posts import services as posts
from civicpost.desk.posts.models import Kind, Post, PostType, Status

MAX_LINK = 500


@dataclass(frozen=True)
class Replied:
    post: Post
    sent: bool
    note: str


def reply(message: Message, actor: Any, text: str) -> Replied:
    """Write the reply (kept as a draft whatever happens next), then submit it for approval or
    publish it. When the second step is refused (a finding that must be fixed, publishing
    paused), the draft stays, linked to the message, and ``note`` says why."""
    post = _draft(message, actor, text)
    council = post.council
    try:
        if council.replies_need_approval:
            posts.submit(post, actor)
            note = "Your reply is waiting for approval"
        else:
            publishing.publish_reply(post, actor)
            note = "Your reply is on its way"
    except posts.NotAllowed as exc:
        return Replied(post, False, f"Your reply is saved as a draft (post {post.pk}): {exc}")
    how = "submitted for approval" if council.replies_need_approval else "published"
    _answered(message, actor, post, how)
    return Replied(post, True, note)


@transaction.atomic
def _draft(message: Message, actor: Any, text: str) -> Post:
    message = Message.objects.select_for_update().select_related("council", "channel").get(pk=message.pk)
    _staff(message.council, actor)
    current = Post.objects.filter(pk=message.reply_post_id).first()
    if current is not None and current.status != Status.WITHDRAWN:
        raise NotAllowed(f"A reply is already written (post {current.pk}): change it there")
    if not message.channel.active:
        raise NotAllowed(f"{message.channel} is no longer one of the council's active accounts")
    if not text.strip():
        raise NotAllowed("Write the reply")
    asks = message.has("question") or message.has("foi")
    try:
        post = posts.create_post(message.council, actor, posts.Draft(
            text=text, post_type=PostType.ANSWER if asks else PostType.DIALOGUE, kind=Kind.REPLY,
            channel_ids=(message.channel_id,),
            in_reply_to=message.link if len(message.link) <= MAX_LINK else ""))
    except posts.NotAllowed as exc:
        raise NotAllowed(str(exc)) from None
    message.reply_post = post
    if message.is_open:
        message.state, message.assigned_to = State.IN_HAND, message.assigned_to or actor
    message.save(update_fields=["reply_post", "state", "assigned_to", "updated"])
    record("inbox.reply-drafted", actor=actor, council=message.council, subject=message,
           summary=f"Message {message.pk}: reply drafted as post {post.pk}",
           details={"post": post.pk})
    return post


@transaction.atomic
def _answered(message: Message, actor: Any, post: Post, how: str) -> None:
    message = Message.objects.select_for_update().select_related("council").get(pk=message.pk)
    if message.is_open:
        message.state = State.ANSWERED
        message.save(update_fields=["state", "updated"])
    record("inbox.replied", actor=actor, council=message.council, subject=message,
           summary=f"Message {message.pk}: reply (post {post.pk}) {how}",
           details={"post": post.pk, "how": how})
