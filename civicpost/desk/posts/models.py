"""A post's life: every version with the findings it got, every decision on it, and where and
when it was published. Nothing here is ever deleted: the archive is the evidence."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class PostType(models.TextChoices):
    # Ludgershall §3: the business uses of social media.
    PROMOTION = "promotion", "Promotion (events, services, news)"
    ANSWER = "answer", "Answer to a fact-based question"
    CORRECTION = "correction", "Correction of an incorrect statement"
    EMERGENCY = "emergency", "Emergency information"
    DIALOGUE = "dialogue", "Dialogue with residents"


class Kind(models.TextChoices):
    POST = "post", "A new post"
    REPLY = "reply", "A reply"
    SHARE = "share", "A share or quote of someone else's post"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for approval"
    RETURNED = "returned", "Returned for changes"
    APPROVED = "approved", "Approved"
    PUBLISHING = "publishing", "Publishing"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Post(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts")
    post_type = models.CharField(max_length=20, choices=PostType.choices, default=PostType.PROMOTION)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.POST)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    channels = models.ManyToManyField("channels.ChannelAccount", related_name="posts", blank=True)
    in_reply_to = models.CharField(max_length=500, blank=True,
                                   help_text="For a reply: the link to what it answers.")
    scheduled_for = models.DateTimeField(null=True, blank=True, db_index=True)
    current_version = models.ForeignKey("PostVersion", null=True, on_delete=models.PROTECT,
                                        related_name="+")
    approved_version = models.ForeignKey("PostVersion", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    approval_expires = models.DateTimeField(null=True, blank=True)
    fast_tracked = models.BooleanField(default=False, help_text="An emergency post published "
                                                                "before approval.")
    review_needed = models.BooleanField(default=False, db_index=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created"]
        # The archive lists a council's posts newest first, 25 a page: without (council, -created)
        # the database sorts every post of the council for every page. The dashboard counts the
        # emergency posts to review: a partial index keeps that count off the whole archive.
        indexes = [models.Index(fields=["council", "status", "-created"]),
                   models.Index(fields=["council", "-created"], name="posts_post_council_newest"),
                   models.Index(fields=["council"], condition=models.Q(review_needed=True),
                                name="posts_post_to_review")]

    def __str__(self) -> str:
        return f"Post {self.pk} ({self.get_status_display()})"

    @property
    def text(self) -> str:
        return self.current_version.text if self.current_version else ""

    @property
    def editable(self) -> bool:
        return self.status in {Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED}

    def approval_has_expired(self, now: Any = None) -> bool:
        return bool(self.approval_expires and (now or timezone.now()) >= self.approval_expires)


class PostVersion(models.Model):
    """The text and media exactly as they were at one save, and what the check found in them."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    media = models.JSONField(default=list, help_text="Attachments as they were: id, alt, credit, ...")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    policy_version = models.ForeignKey("policies.PolicyVersion", on_delete=models.PROTECT,
                                       related_name="+")
    check_context = models.JSONField(default=dict)
    verdict = models.CharField(max_length=10)
    findings = models.JSONField(default=list)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["post", "number"]
        constraints = [models.UniqueConstraint(fields=["post", "number"], name="one_number_per_post")]

    def __str__(self) -> str:
        return f"Post {self.post_id} v{self.number}"

    @property
    def blocking(self) -> list[dict[str, Any]]:
        return [f for f in self.findings if f["severity"] == "block"]


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"council-{instance.post.council_id}/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    alt = models.TextField(blank=True)
    credit = models.CharField(max_length=300, blank=True)
    shows_people = models.BooleanField(default=False)
    shows_children = models.BooleanField(default=False)
    consent = models.BooleanField(default=False)
    removed = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    def snapshot(self) -> dict[str, Any]:
        return {"id": self.pk, "name": self.original_name, "sha256": self.sha256, "type": "image",
                "alt": self.alt, "credit": self.credit, "shows_people": self.shows_people,
                "shows_children": self.shows_children, "consent": self.consent}


class Decision(models.Model):
    """Submitted, approved, returned, overridden, expired, withdrawn, reviewed: who and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for approval"
        APPROVED = "approved", "Approved"
        OVERRIDDEN = "overridden", "Approved over a blocking finding"
        RETURNED = "returned", "Returned for changes"
        EXPIRED = "expired", "Approval expired"
        WITHDRAWN = "withdrawn", "Withdrawn"
        FAST_TRACKED = "fast-tracked", "Published at once as an emergency"
        RELEASED = "released", "Published without approval (the council's replies need none)"
        REVIEWED = "reviewed", "Reviewed after publication"

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="decisions")
    version = models.ForeignKey(PostVersion, on_delete=models.PROTECT, related_name="decisions")
    action = models.CharField(max_length=20, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(blank=True)
    overridden_codes = models.JSONField(default=list)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["post", "at", "pk"]


class Publication(models.Model):
    """One post on one channel. The idempotency key is unique, so a retry can never make a second."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        AWAITING_LINK = "awaiting-link", "Waiting for the live link (posted by hand)"
        PUBLISHED = "published", "Published"
        FAILED = "failed", "Failed"

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="publications")
    version = models.ForeignKey(PostVersion, on_delete=models.PROTECT, related_name="publications")
    channel = models.ForeignKey("channels.ChannelAccount", on_delete=models.PROTECT,
                                related_name="publications")
    idempotency_key = models.CharField(max_length=100, unique=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt = models.DateTimeField(null=True, blank=True, db_index=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    first_attempt = models.DateTimeField(
        null=True, blank=True, help_text="When sending first began: a retry asks the platform "
                                         "whether that attempt went through.")
    external_id = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    last_error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["post", "channel"]
        constraints = [models.UniqueConstraint(fields=["post", "channel"],
                                               name="one_publication_per_channel")]
