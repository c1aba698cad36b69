"""Incidents (threats, abuse, harassment, trolling, libel complaints, breaches of the policy) and
breach records. Loughton §3 and §5: what is received must be reported to the Town Clerk;
Loughton §4 and Ludgershall §8: a breach may lead to disciplinary action or the Code of Conduct.

Evidence is a copy of the message(s) as they were when the incident was opened, with the SHA-256
of that copy, so that anyone can later show it was not changed."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models


class IncidentKind(models.TextChoices):
    THREAT = "threat", "Threat"
    ABUSE = "abuse", "Abuse"
    HARASSMENT = "harassment", "Harassment"
    TROLLING = "trolling", "Trolling"
    LIBEL = "libel", "Libel complaint or threat of legal action"
    POLICY_BREACH = "policy-breach", "Breach of the social media policy"


class IncidentStatus(models.TextChoices):
    OPEN = "open", "Open"
    INVESTIGATING = "investigating", "Investigating"
    REFERRED = "referred", "Referred"
    CLOSED = "closed", "Closed"


class Outcome(models.TextChoices):
    DISCIPLINARY = "disciplinary", "Referred under the Disciplinary and Dismissal Procedure"
    CODE_OF_CONDUCT = "code-of-conduct", "Referred under the Members' Code of Conduct"
    POLICE = "police", "Police informed"
    LEGAL_ADVICE = "legal-advice", "Legal advice taken"
    ADVICE = "advice", "Advice or training given"
    NO_FURTHER_ACTION = "no-further-action", "No further action"


class Incident(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="incidents")
    kind = models.CharField(max_length=20, choices=IncidentKind.choices)
    summary = models.CharField(max_length=300)
    people_involved = models.TextField(blank=True, help_text="One a line: who wrote it, who it was aimed at.")
    status = models.CharField(max_length=15, choices=IncidentStatus.choices, default=IncidentStatus.OPEN)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  help_text="Empty when the inbox opened it on arrival.")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["council", "status"])]

    def __str__(self) -> str:
        return f"Incident {self.pk}: {self.get_kind_display()}"

    def people(self) -> list[str]:
        return [line.strip() for line in self.people_involved.splitlines() if line.strip()]


def content_hash(copy: dict[str, Any]) -> str:
    canonical = json.dumps(copy, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Evidence(models.Model):
    """A copy of one message at the moment it was preserved, and the SHA-256 of that copy."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="evidence")
    message = models.ForeignKey("inbox.Message", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="evidence")
    copy = models.JSONField()
    sha256 = models.CharField(max_length=64)
    preserved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    preserved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["incident", "preserved_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["incident", "message"],
                                               name="one_copy_per_message")]

    @property
    def intact(self) -> bool:
        return content_hash(self.copy) == self.sha256


class IncidentAction(models.Model):
    """One line of an incident's log: what was done, on which day, by whom."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="actions")
    done_on = models.DateField()
    what = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["incident", "done_on", "recorded_at", "pk"]


class Breach(models.Model):
    """A breach of the social media policy by someone bound by it (Loughton §4, Ludgershall §8),
    with what shows it (a finding on a post, a message, an incident) and its outcome."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="breaches")
    person = models.ForeignKey("councils.Membership", on_delete=models.PROTECT, related_name="breaches")
    what_happened = models.TextField()
    clause_id = models.CharField(max_length=100, blank=True, help_text="The policy clause breached.")
    clause_text = models.TextField(blank=True)
    post = models.ForeignKey("posts.Post", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="breaches")
    finding_code = models.CharField(max_length=20, blank=True)
    finding = models.JSONField(null=True, blank=True, help_text="The finding as it was recorded.")
    message = models.ForeignKey("inbox.Message", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="breaches")
    incident = models.ForeignKey(Incident, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="breaches")
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"Breach {self.pk} by {self.person.user}"
