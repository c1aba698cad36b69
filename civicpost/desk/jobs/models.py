"""The background worker's heartbeat, so the dashboard can say when no worker is running."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

STALE_AFTER = dt.timedelta(seconds=90)


class WorkerHeartbeat(models.Model):
    name = models.CharField(max_length=200, unique=True)
    started = models.DateTimeField()
    beat = models.DateTimeField()
    ticks = models.PositiveBigIntegerField(default=0)
    last_error = models.TextField(blank=True)


@dataclass(frozen=True)
class WorkerStatus:
    running: bool
    message: str


def worker_status(now: dt.datetime | None = None) -> WorkerStatus:
    now = now or timezone.now()
    latest = WorkerHeartbeat.objects.order_by("-beat").first()
    if latest is None:
        return WorkerStatus(False, "No background worker has run yet: scheduled posts will not go "
                                   "out. Start one with `civicpost worker`.")
    if now - latest.beat > STALE_AFTER:
        return WorkerStatus(False, f"The background worker was last seen "
                                   f"{timezone.localtime(latest.beat):%d %b %H:%M}: scheduled posts "
                                   "are waiting. Start it with `civicpost worker`.")
    return WorkerStatus(True, "running")
