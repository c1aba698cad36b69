"""The dashboard's panels for posts: what waits for this person, and for the council."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import reverse


@dataclass
class Panel:
    title: str
    lines: list[tuple[str, str]] = field(default_factory=list)  # (text, link or "")
    tone: str = ""  # "" or "warning"
    order: int = 50


def post_panels(request: HttpRequest) -> list[Panel]:
    from civicpost.desk.posts.models import Post, Publication, Status

    council, membership, user = request.council, request.membership, request.user  # type: ignore[attr-defined]
    posts = Post.objects.filter(council=council)
    panels = []
    mine = posts.filter(author=user)
    returned = mine.filter(status=Status.RETURNED).count()
    drafts = mine.filter(status=Status.DRAFT).count()
    if membership.can_draft:
        panel = Panel("Your posts", order=10)
        archive = reverse("posts:archive")
        if returned:
            panel.lines.append((f"{returned} returned to you for changes", f"{archive}?status=returned"))
        panel.lines.append((f"{drafts} draft{'s' if drafts != 1 else ''}", f"{archive}?status=draft"))
        panel.lines.append(("Write a new post", reverse("posts:compose")))
        panels.append(panel)
    if membership.can_approve:
        waiting = posts.filter(status=Status.SUBMITTED).count()
        review = posts.filter(review_needed=True).count()
        panel = Panel("Approvals", order=5, tone="warning" if review else "")
        panel.lines.append((f"{waiting} waiting for approval", reverse("posts:approvals")))
        if review:
            panel.lines.append((f"{review} emergency post{'s' if review != 1 else ''} to review",
                                reverse("posts:approvals")))
        panels.append(panel)
    # The channel is named in each line: fetch it with the publication, not one query a line.
    awaiting = Publication.objects.filter(post__council=council,
                                          state=Publication.State.AWAITING_LINK).select_related("channel")
    failed = Publication.objects.filter(post__council=council, state=Publication.State.FAILED).count()
    if membership.is_staff_role and (awaiting or failed):
        panel = Panel("Publishing", order=7, tone="warning" if failed else "")
        for publication in awaiting[:10]:
            panel.lines.append((f"Post {publication.post_id}: post it on {publication.channel} and "
                                "record the live link",
                                reverse("posts:detail", args=[publication.post_id])))
        if failed:
            panel.lines.append((f"{failed} could not be published",
                                f"{reverse('posts:archive')}?status=publishing"))
        panels.append(panel)
    scheduled = (posts.filter(status=Status.APPROVED, scheduled_for__isnull=False)
                 .select_related("current_version").order_by("scheduled_for"))
    if scheduled.exists():
        panel = Panel("Scheduled", order=20)
        for post in scheduled[:5]:
            panel.lines.append((f"{post.scheduled_for:%d %b %H:%M}: {post.text[:60]}",
                                reverse("posts:detail", args=[post.pk])))
        panels.append(panel)
    return panels


def worker_panel(request: HttpRequest) -> list[Any]:
    from civicpost.desk.jobs.models import worker_status

    if not request.membership.is_staff_role:  # type: ignore[attr-defined]
        return []
    status = worker_status()
    if status.running:
        return []
    return [Panel("Background worker", [(status.message, "")], tone="warning", order=1)]
