"""What comes in: every comment, reply, mention and direct message on the council's accounts, how
it was triaged, and what the council did about it. Nothing here is ever deleted: hiding or
deleting a message on the council's page is a state, and the original stays in the archive."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from civicpost.engine.triage import ResponseTargets

DEFAULT_HOUSE_RULES = "\n".join((
    "Abusive, threatening or discriminatory language",
    "Harassment or trolling of a person",
    "Personal details of someone else (an address, a phone number)",
    "An allegation about a named person that the council cannot check",
    "Party political campaigning",
    "Advertising, spam or repeated posting",
))


class Kind(models.TextChoices):
    COMMENT = "comment", "Comment"
    REPLY = "reply", "Reply"
    MENTION = "mention", "Mention"
    DM = "dm", "Direct message"


class State(models.TextChoices):
    NEW = "new", "New"
    IN_HAND = "in-hand", "In hand"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"
    HIDDEN = "hidden", "Hidden on the council's page"
    DELETED = "deleted", "Deleted from the council's page"


OPEN_STATES = (State.NEW, State.IN_HAND)


class FoiDecision(models.TextChoices):
    VALID = "valid", "A valid request: it is being answered"
    ASKED = "asked", "Asked the requester for a real name and an address for correspondence"
    NOT_FOI = "not-foi", "Not a Freedom of Information request"


class Procedure(models.TextChoices):
    COMPLAINTS = "complaints", "The council's complaints procedure"
    GRIEVANCE = "grievance", "The council's grievance procedure (staff)"


class Arrival(models.Model):
    """One batch of messages coming in: an uploaded export, one fetch from a platform, or a
    message entered by hand. It keeps the report of what was stored and what was not."""

    class Source(models.TextChoices):
        UPLOAD = "upload", "Export file uploaded"
        FETCH = "fetch", "Fetched from the platform"
        HAND = "hand", "Entered by hand"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    channel = models.ForeignKey("channels.ChannelAccount", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=10, choices=Source.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")
    file_name = models.CharField(max_length=255, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    format = models.CharField(max_length=30, blank=True)
    imported = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    urgent = models.PositiveIntegerField(default=0)
    rejected = models.JSONField(default=list, help_text="[{where, reason}] of records not imported.")
    skipped = models.JSONField(default=list, help_text="[{where, reason}]: the council's own posts, ...")
    notes = models.JSONField(default=list, help_text="What the platform said could not be fetched.")
    error = models.CharField(max_length=500, blank=True, help_text="Why nothing could be read.")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]


class Message(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="messages")
    channel = models.ForeignKey("channels.ChannelAccount", on_delete=models.PROTECT,
                                related_name="messages")
    arrival = models.ForeignKey(Arrival, null=True, on_delete=models.PROTECT, related_name="messages")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    external_id = models.CharField(max_length=300, help_text="The platform's id of the message.")
    author_name = models.CharField(max_length=300, blank=True)
    author_handle = models.CharField(max_length=300, blank=True)
    author_key = models.CharField(max_length=330, db_index=True,
                                  help_text="Who wrote it, as one key: the platform and the handle.")
    text = models.TextField(help_text="Exactly as it arrived; never changed.")
    received = models.DateTimeField()
    link = models.CharField(max_length=1000, blank=True)
    in_reply_to_external = models.CharField(max_length=300, blank=True,
                                            help_text="The platform's id of what it answers.")
    answers_post = models.ForeignKey("posts.Post", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="incoming")
    # Triage, as the engine gave it on arrival.
    labels = models.JSONField(default=list, help_text="[{label, why, start, end}]")
    label_names = models.CharField(max_length=200, default=" ",
                                   help_text="The labels between spaces, for filtering: ' foi question '.")
    clocks = models.JSONField(default=list, help_text="[{label, due_at, due, basis}]")
    foi = models.JSONField(null=True, blank=True)
    urgent = models.BooleanField(default=False)
    due = models.DateTimeField(null=True, blank=True)
    # Handling.
    state = models.CharField(max_length=10, choices=State.choices, default=State.NEW)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    reply_post = models.ForeignKey("posts.Post", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    alert_acknowledged_at = models.DateTimeField(null=True, blank=True)
    alert_acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                              on_delete=models.PROTECT, related_name="+")
    foi_decision = models.CharField(max_length=10, choices=FoiDecision.choices, blank=True)
    foi_note = models.TextField(blank=True)
    foi_decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    foi_decided_at = models.DateTimeField(null=True, blank=True)
    referred_to = models.CharField(max_length=12, choices=Procedure.choices, blank=True)
    referral_note = models.TextField(blank=True)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    referred_at = models.DateTimeField(null=True, blank=True)
    moderation_reason = models.CharField(max_length=300, blank=True,
                                         help_text="The house rule it broke.")
    moderation_note = models.TextField(blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)
    platform_action_pending = models.BooleanField(
        default=False, help_text="Hidden or deleted here; the platform is still to be told.")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due", "received"]
        constraints = [models.UniqueConstraint(fields=["channel", "external_id"],
                                               name="one_message_per_platform_id")]
        # The queue lists a council's open messages by what is due first; the banner counts
        # the urgent ones not yet acknowledged.
        indexes = [models.Index(fields=["council", "state", "due"], name="inbox_queue"),
                   models.Index(fields=["council", "-received"], name="inbox_newest"),
                   models.Index(fields=["council"], name="inbox_unacknowledged",
                                condition=models.Q(urgent=True, alert_acknowledged_at__isnull=True))]

    def __str__(self) -> str:
        return f"Message {self.pk} from {self.author_display}"

    @property
    def author_display(self) -> str:
        if self.author_name and self.author_handle:
            return f"{self.author_name} ({self.author_handle})"
        return self.author_name or self.author_handle or "someone unnamed"

    @property
    def label_list(self) -> list[str]:
        return self.label_names.split()

    def has(self, label: str) -> bool:
        return f" {label} " in self.label_names

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def is_overdue(self, now: dt.datetime | None = None) -> bool:
        return bool(self.is_open and self.due and self.due < (now or timezone.now()))

    @property
    def needs_acknowledging(self) -> bool:
        return self.urgent and self.alert_acknowledged_at is None

    def snapshot(self) -> dict[str, Any]:
        """The message as it is now, for an incident's evidence (the hash is taken over this)."""
        return {
            "message": self.pk, "channel": str(self.channel), "platform": self.channel.platform,
            "kind": self.kind, "external_id": self.external_id, "author_name": self.author_name,
            "author_handle": self.author_handle, "text": self.text,
            "received": self.received.isoformat(), "link": self.link,
            "in_reply_to": self.in_reply_to_external, "labels": self.labels, "state": self.state,
        }


def author_key(platform: str, handle: str | None, name: str | None) -> str:
    who = (handle or "").strip().lstrip("@") or (name or "").strip()
    return f"{platform}:{' '.join(who.split()).lower()}"[:330]


class InboxSettings(models.Model):
    """A council's own inbox rules: response targets, house rules, how history views are watched."""

    council = models.OneToOneField("councils.Council", on_delete=models.CASCADE,
                                   related_name="inbox_settings")
    question_days = models.PositiveSmallIntegerField(
        null=True, blank=True, default=2,
        help_text="Working days to answer a question after the day it arrives (0: the same day). "
                  "Leave empty for no clock.")
    complaint_days = models.PositiveSmallIntegerField(
        null=True, blank=True, default=5,
        help_text="Working days to acknowledge a complaint and point to the formal procedure.")
    negative_days = models.PositiveSmallIntegerField(
        null=True, blank=True, default=0,
        help_text="Working days to deal with a negative comment (Loughton: immediately; 0 is the "
                  "same working day).")
    close_of_business = models.TimeField(default=dt.time(17, 0),
                                         help_text="When the council's working day ends.")
    handle_is_address = models.BooleanField(
        default=False, help_text="Treat a social media handle as an address for correspondence for "
                                 "FOI requests (only on the council's own legal advice).")
    house_rules = models.TextField(
        default=DEFAULT_HOUSE_RULES,
        help_text="The reasons a comment may be hidden or deleted from the council's pages, one a line.")
    complaints_procedure = models.TextField(
        blank=True, help_text="How a resident makes a formal complaint (a link or the steps).")
    grievance_procedure = models.TextField(
        blank=True, help_text="Where staff raise a grievance (a link or the person to see).")
    history_views_warned = models.PositiveSmallIntegerField(
        default=3, help_text="Warn, and tell the Clerk, when one person's history is opened this many "
                             "times within the period.")
    history_period_days = models.PositiveSmallIntegerField(default=28)
    updated = models.DateTimeField(auto_now=True)

    def targets(self) -> ResponseTargets:
        return ResponseTargets(question=self.question_days, complaint=self.complaint_days,
                               negative=self.negative_days, close_of_business=self.close_of_business)

    def rules(self) -> list[str]:
        return [line.strip() for line in self.house_rules.splitlines() if line.strip()]


def inbox_settings(council: Any) -> InboxSettings:
    found, _ = InboxSettings.objects.get_or_create(council=council)
    return found


class ChannelFetch(models.Model):
    """When a channel was last fetched, who is fetching it now, and what went wrong."""

    channel = models.OneToOneField("channels.ChannelAccount", on_delete=models.CASCADE,
                                   related_name="inbox_fetch")
    next_fetch = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=200, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_fetched = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_notes = models.JSONField(default=list, help_text="What the platform said it could not fetch.")
    failures = models.PositiveIntegerField(default=0)


class HistoryView(models.Model):
    """Someone opened one person's message history, and why (Loughton §4, RIPA 2000)."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person_key = models.CharField(max_length=330, db_index=True)
    person_label = models.CharField(max_length=300)
    from_message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="+")
    justification = models.TextField()
    views_in_period = models.PositiveIntegerField(help_text="Counting this one.")
    warned = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]
