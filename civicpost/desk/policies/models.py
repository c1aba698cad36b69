"""The council's policy, version by version. Every check records the version it used."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import models

from civicpost.engine import PolicyPack, parse_pack


class PolicyVersion(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE,
                                related_name="policy_versions")
    number = models.PositiveIntegerField()
    pack_toml = models.TextField(help_text="The policy pack, as the engine reads it.")
    pack_sha256 = models.CharField(max_length=64, editable=False)
    based_on = models.CharField(max_length=100, blank=True,
                                help_text="The shipped pack it started from, e.g. loughton-2019.")
    note = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    # What the Clerk records of the version's life. Each one left empty falls back to what the
    # pack says (its approved/ratified dates, review interval and review-due date).
    approved_on = models.DateField(null=True, blank=True)
    approved_by_meeting = models.CharField(max_length=200, blank=True)
    ratified_on = models.DateField(null=True, blank=True)
    ratified_by_meeting = models.CharField(max_length=200, blank=True)
    reviewed_on = models.DateField(null=True, blank=True,
                                   help_text="Reviewed and kept without change on this date.")
    reviewed_by_meeting = models.CharField(max_length=200, blank=True)
    review_interval_months = models.PositiveSmallIntegerField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["council", "-number"]
        constraints = [models.UniqueConstraint(fields=["council", "number"], name="one_number_per_version")]

    def __str__(self) -> str:
        return f"{self.council} policy v{self.number}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.pack_sha256 = hashlib.sha256(self.pack_toml.encode("utf-8")).hexdigest()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def pack(self) -> PolicyPack:
        return _parsed(self.pack_toml, f"{self.council.slug} v{self.number}")


@lru_cache(maxsize=2048)
def _parsed(raw: str, source: str) -> PolicyPack:
    # A pack is immutable once saved as a version, so the parsed form can be shared by every check.
    # Room for every council of a county's installation and a few versions each: at 300
    # councils a cache of 256 re-parsed the pack for one check in seven.
    return parse_pack(raw, source)


def current_version(council: object) -> PolicyVersion:
    version = (PolicyVersion.objects.filter(council=council).order_by("-number")
               .select_related("council").first())
    if version is None:
        raise LookupError(f"{council} has no policy yet: the Clerk must add one")
    return version


def version_in_force(council: Any) -> PolicyVersion:
    """:func:`current_version` as every check and every page's banner read it: kept a few seconds
    per process (see ``councils.registers``), so it is shared and must not be changed."""
    from civicpost.desk.councils.registers import kept

    return kept(council, "policy version", lambda: current_version(council))


class Acknowledgement(models.Model):
    """A person has read and agreed to one version of the council's policy (Ludgershall §1: all
    staff and councillors must be familiar with it; Loughton §3: partners must sign it)."""

    class Document(models.TextChoices):
        POLICY = "policy", "Social media policy"
        CODE_OF_CONDUCT = "code-of-conduct", "Members' Code of Conduct"

    policy_version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT,
                                       related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="acknowledgements")
    document = models.CharField(max_length=20, choices=Document.choices, default=Document.POLICY)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["policy_version", "user", "document"],
                                               name="acknowledged_once")]


class PolicyImport(models.Model):
    """A policy document the Clerk uploaded, kept with the importer's draft until the Clerk
    confirms it as a new version (or sets it aside). The document itself is kept, so nothing
    the Clerk gave is lost and the draft can be worked out again."""

    class State(models.TextChoices):
        DRAFT = "draft", "Waiting for the Clerk"
        CONFIRMED = "confirmed", "Confirmed as a version"
        DISCARDED = "discarded", "Set aside"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="policy_imports")
    file_name = models.CharField(max_length=255)
    document = models.BinaryField()
    draft = models.JSONField(help_text="The importer's draft, clause by clause.")
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    version = models.ForeignKey(PolicyVersion, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "-uploaded"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display().lower()})"
