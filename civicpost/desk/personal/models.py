"""Checks of posts for people's *own* accounts. The text is never stored unless its writer asks;
the council sees only how many checks were made and how they came out."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PersonalCheckCount(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="The first day of the month counted.")
    role = models.CharField(max_length=20)
    verdict = models.CharField(max_length=10)
    checks = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "month", "role", "verdict"],
                                               name="one_count_per_bucket")]


class KeptCheck(models.Model):
    """A check its writer chose to keep. Only that person can see it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kept_checks")
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    kind = models.CharField(max_length=10)
    verdict = models.CharField(max_length=10)
    findings = models.JSONField(default=list)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
