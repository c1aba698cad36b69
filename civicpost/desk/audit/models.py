"""The audit trail: an append-only, hash-chained log of every state change.

Each council has its own chain (so a council's export can be verified on its own); events that
belong to no council (a sign-in, a new council) go in the installation's chain. An event's hash
covers its content and the previous event's hash, so changing, removing or inserting a row breaks
every later link, and ``civicpost audit verify`` names the first broken one.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models

SYSTEM_CHAIN = "installation"
GENESIS = "0" * 64


class AuditChain(models.Model):
    """The head of one chain. Appending updates this row first, which serialises writers."""

    key = models.CharField(max_length=80, primary_key=True)
    length = models.PositiveBigIntegerField(default=0)
    head = models.CharField(max_length=64, default=GENESIS)


class AuditEvent(models.Model):
    chain = models.CharField(max_length=80, db_index=True)
    position = models.PositiveBigIntegerField()
    at = models.DateTimeField()
    council = models.ForeignKey("councils.Council", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="audit_events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=300, help_text="Who, as shown at the time.")
    action = models.CharField(max_length=60, db_index=True)
    subject_type = models.CharField(max_length=40, blank=True)
    subject_id = models.CharField(max_length=40, blank=True, db_index=True)
    summary = models.CharField(max_length=500)
    details = models.JSONField(default=dict)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["chain", "position"]
        constraints = [models.UniqueConstraint(fields=["chain", "position"], name="one_event_per_link")]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.chain}#{self.position} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("audit events are append-only")

    def content(self) -> dict[str, Any]:
        """What the hash covers: everything but the hash itself."""
        return {
            "chain": self.chain,
            "position": self.position,
            "at": self.at.isoformat(),
            "council": self.council_id,
            "actor": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "summary": self.summary,
            "details": self.details,
            "previous_hash": self.previous_hash,
        }

    def computed_hash(self) -> str:
        return link_hash(self.content())

    def to_dict(self) -> dict[str, Any]:
        return {**self.content(), "hash": self.hash}


def link_hash(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                           default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
