"""The elections that cover a council's area, each with its pre-election period: from the notice
of election (by law at the latest 25 working days before a local poll in England; the Clerk
records the actual date, which may be earlier) to the close of the poll."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from civicpost.desk.elections.timetable import latest_notice


class Kind(models.TextChoices):
    ORDINARY = "ordinary", "The council's ordinary elections"
    BY_ELECTION = "by-election", "A by-election to the council"
    DISTRICT = "district", "District, borough or city council elections"
    COUNTY = "county", "County or unitary council elections"
    PCC = "pcc", "Police and crime commissioner election"
    MAYOR = "mayor", "Mayoral election"
    GENERAL = "general", "UK Parliament general election or by-election"
    REFERENDUM = "other", "Another poll (a referendum, a neighbourhood plan)"


# Which statutory timetable sets the latest notice of election for each kind.
TIMETABLE = {Kind.PCC: "pcc", Kind.MAYOR: "mayor", Kind.GENERAL: "parliament"}


class Election(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="elections")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200,
                            help_text="As residents know it, e.g. 'Essex County Council elections'.")
    poll = models.DateField()
    notice = models.DateField(null=True, blank=True,
                              help_text="The day the notice of election was actually published.")
    notes = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True, help_text="Untick for a poll countermanded or withdrawn.")
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["council", "poll", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.poll:%d %B %Y})"

    @property
    def latest_notice(self) -> dt.date:
        return latest_notice(self.poll, TIMETABLE.get(Kind(self.kind), "local"))

    @property
    def period_start(self) -> dt.date:
        return self.notice or self.latest_notice

    def covers(self, day: dt.date) -> bool:
        return self.active and self.period_start <= day <= self.poll

    def for_engine(self) -> dict[str, str]:
        # The notice is always given, so the engine uses the start worked out here for the kind.
        return {"poll": self.poll.isoformat(), "notice": self.period_start.isoformat(), "name": self.name}
